#!/usr/bin/env node
/**
 * The `codebook` command. Parses arguments, runs one pipeline command, prints
 * diagnostics or a summary, and sets the exit code (0 ok, 1 problems found, 2 usage).
 */
import { parseArgs } from "node:util";
import { generate, lint } from "./index.ts";
import { ConfigError } from "./config.ts";
import { formatDiagnostics, SpecError } from "./load/diagnostics.ts";

const HELP = `codebook — typed packages from provider response-code and API tables

Usage:
  codebook generate [--config FILE] [--only ID...] [--check]
  codebook lint [--config FILE] [--only ID...]
  codebook diff OLD NEW | --against REF [PATH]  [--format F] [--fail-on LEVEL]
  codebook --help | --version

Commands:
  generate   Lint every spec, then write one package per spec into the out dir.
             Writes only files whose bytes changed and removes files it generated
             earlier whose spec is gone.
  lint       Check the specs and print every problem as FILE:LINE:COL: message.
  diff       What changed between two versions of the specs, each change with
             its semver level and why, and a suggested version per table.
             Exit 1 on a breaking change without a major bump. See
             \`codebook diff --help\`.

Options:
  --config FILE   Config file (default: ./codebook.config.yaml). Paths in it are
                  relative to its directory.
  --only ID       Only this spec id (repeatable, or comma-separated).
  --check         Generate in memory and compare with disk; list every stale,
                  missing or orphaned file with a short diff; write nothing.
                  Exit 1 when anything differs.
  -h, --help      Show this help.
  -v, --version   Show the version.

Config (codebook.config.yaml):
  specDir     Directory of spec YAML files (default: spec)
  outDir      Directory generated packages are written to (default: generated)
  scope       npm scope of generated packages (default: @codebook)
  enumStyle   const (default): \`as const\` objects and union types;
              enum: TypeScript enums
  publish     Opt in to publishing: license (required), repository,
              publishConfig (access, registry, tag, provenance). Without it
              every generated package is "private": true.

Exit codes: 0 success, 1 spec problems or stale output, 2 usage or config error.
`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "diff") return (await import("./diff/command.ts")).diffCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string" },
        only: { type: "string", multiple: true },
        check: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (err) {
    process.stderr.write(`codebook: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    const { packageVersion } = await import("./paths.ts");
    process.stdout.write(`${packageVersion}\n`);
    return 0;
  }
  const command = positionals[0];
  if (positionals.length !== 1 || (command !== "generate" && command !== "lint")) {
    process.stderr.write(`codebook: expected one command, generate or lint\n\n${HELP}`);
    return 2;
  }
  if (values.check && command !== "generate") {
    process.stderr.write(`codebook: --check applies to generate only\n`);
    return 2;
  }
  const only = (values.only ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  const options = { config: values.config, cwd: process.cwd(), only };
  try {
    if (command === "lint") {
      await lint(options);
      return 0;
    }
    const result = await generate({ ...options, check: values.check === true });
    if (values.check) {
      if (result.problems.length === 0) return 0;
      process.stderr.write(result.report + "\n");
      return 1;
    }
    process.stdout.write(result.report + "\n");
    return 0;
  } catch (err) {
    if (err instanceof SpecError) {
      const n = err.diagnostics.length;
      process.stderr.write(`${formatDiagnostics(err.diagnostics, err.sources)}\n\n${n} problem${n === 1 ? "" : "s"} found; nothing was written.\n`);
      return 1;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`codebook: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
