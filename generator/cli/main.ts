#!/usr/bin/env node
/** The `codebook` bin: the command (run-cli.ts) on this process's streams, directory and environment. */
import { holdLessMemory } from "./process-memory.ts";
import { runCli } from "./run-cli.ts";

// Before anything loads a native binding (they load with the emit stages).
holdLessMemory();
process.exitCode = await runCli(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
