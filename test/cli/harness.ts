// Running the `codebook` command as a user does: a real process on the built
// dist/cli.js (built once by test/setup/build.ts), in scratch projects; or the same
// command in the test's process (runIn), where streams, signals and the bundle are not
// what the test is about.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll } from "vitest";
import { runCli } from "../../generator/cli/run-cli.ts";
import { copySpec, repoRoot } from "../helpers.ts";

export const cli: string = join(repoRoot, "dist", "cli.js");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Colour off unless a test asks for it: the output is compared as text. */
const quietEnv = { NO_COLOR: "1", FORCE_COLOR: "" };

export function run(args: string[], cwd: string = repoRoot, env: Record<string, string> = {}, timeoutMs?: number): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...quietEnv, ...env }, ...(timeoutMs === undefined ? {} : { timeout: timeoutMs, killSignal: "SIGKILL" }) });
  // Killed at the timeout: a hang, reported as such (code null) rather than as the test's own timeout.
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The command in this process (generator/cli/run-cli.ts on captured streams): the output and
 * exit code `run` gives, without a process per call. With a timeout it runs a process, so a
 * hang is killed and reported; commands that serve or watch need one too.
 */
export async function runIn(args: string[], cwd: string = repoRoot, env: Record<string, string> = {}, timeoutMs?: number): Promise<Run> {
  if (timeoutMs !== undefined) return run(args, cwd, env, timeoutMs);
  return runCaptured(args, cwd, { ...process.env, ...quietEnv, ...env });
}

/** The command in this process with exactly this environment, its streams captured as text. */
export async function runCaptured(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { cwd, env, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

export function runAsync(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...quietEnv, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = "codebook-cli-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/**
 * A scratch project: codebook.config.yaml (`outDir: generated`) and spec/ with copies of
 * shipped specs (by id, with their source documents) and of the given texts (by file name).
 */
export function project(shipped: readonly string[], texts: Record<string, string> = {}, config = "specDir: spec\noutDir: generated\n"): string {
  const dir = tempDir();
  mkdirSync(join(dir, "spec"));
  for (const id of shipped) copySpec(id, join(dir, "spec"));
  for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, "spec", name), text);
  writeFileSync(join(dir, "codebook.config.yaml"), config);
  return dir;
}

/** The minimal valid spec (test/fixtures/good-specs/minimal.yaml) under another id. */
export function minimalSpec(id = "codes"): string {
  return readFileSync(join(repoRoot, "test/fixtures/good-specs/minimal.yaml"), "utf8").replace("id: minimal", `id: ${id}`);
}

/** Every file below `dir` (relative path -> bytes), for before/after comparisons. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(relative(dir, p).split("\\").join("/"), readFileSync(p, "latin1"));
    }
  };
  walk(dir);
  return out;
}
