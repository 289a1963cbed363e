// What the `codebook diff` tests share: the real command (dist/cli.js, built by the
// global setup), temp copies of the shipped specs, and edits that fail loudly when
// the text they edit is not in the spec exactly once (so no test passes vacuously).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, expect } from "vitest";
import { runCaptured, type Run } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";

const cli = join(repoRoot, "dist", "cli.js");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

export type { Run } from "../cli/harness.ts";

/** This process's environment without the colour switches, with `env` added (undefined: removed). */
function environment(env: Record<string, string | undefined>): Record<string, string> {
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env };
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) clean[k] = v;
  return clean;
}

/** Runs `codebook ARGS` in `cwd`; `env` adds to (or, with undefined, removes from) the environment. */
export function codebook(args: string[], cwd: string, env: Record<string, string | undefined> = {}, timeoutMs?: number): Run {
  const clean = environment(env);
  // With a timeout, a command that hangs is killed and comes back with code null.
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", env: clean, ...(timeoutMs === undefined ? {} : { timeout: timeoutMs, killSignal: "SIGKILL" as const }) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `codebook` in this process (test/cli/harness.ts runIn), the environment adjusted as `codebook` does; with a timeout, a process. */
export async function codebookIn(args: string[], cwd: string, env: Record<string, string | undefined> = {}, timeoutMs?: number): Promise<Run> {
  if (timeoutMs !== undefined) return codebook(args, cwd, env, timeoutMs);
  return runCaptured(args, cwd, environment(env));
}

export function tempDir(prefix = "codebook-diff-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A shipped spec's text. */
export function shipped(id: string): string {
  return readFileSync(join(repoRoot, "spec", `${id}.yaml`), "utf8");
}

/** Replaces `from` (which must occur exactly once) with `to`. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  expect(at, `edit: not found: ${JSON.stringify(from.slice(0, 80))}`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(from, at + 1), `edit: found more than once: ${JSON.stringify(from.slice(0, 80))}`).toBe(-1);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Applies `change` to the text of one endpoint (from `- key: KEY` to the next endpoint or the errata) of an API spec. */
export function inEndpoint(text: string, key: string, change: (block: string) => string): string {
  const start = text.indexOf(`    - key: ${key}\n`);
  expect(start, `endpoint ${key}`).toBeGreaterThanOrEqual(0);
  const ends = [text.indexOf("\n    # ── Service", start), text.indexOf("\nerrata:", start)].filter((i) => i > 0);
  const end = Math.min(...ends);
  return text.slice(0, start) + change(text.slice(start, end)) + text.slice(end);
}

/** Writes files (path → text) under a new temp dir and returns it. */
export function files(entries: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(entries)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface JsonChange {
  level: string;
  kind: string;
  code?: string;
  endpoint?: string;
  field?: string;
  context?: string;
  before?: string;
  after?: string;
  message: string;
}

export interface JsonTable {
  id: string;
  from: string | null;
  to: string | null;
  suggestedVersion: string | null;
  changes: JsonChange[];
}

/** `codebook diff old.yaml new.yaml --format json` on two versions of a spec: the run and its one table. */
export async function diffJson(before: string, after: string, extra: string[] = []): Promise<{ run: Run; table: JsonTable }> {
  const dir = files({ "old.yaml": before, "new.yaml": after });
  const run = await codebookIn(["diff", "old.yaml", "new.yaml", "--format", "json", ...extra], dir);
  expect(run.stderr.startsWith("codebook diff: ") || run.stderr === "", run.stderr).toBe(true);
  const report = JSON.parse(run.stdout) as { tables: JsonTable[] };
  expect(report.tables).toHaveLength(1);
  return { run, table: report.tables[0]! };
}

/** The changes of `kind` (optionally about `code`). */
export function changesOf(table: JsonTable, kind: string, code?: string): JsonChange[] {
  return table.changes.filter((c) => c.kind === kind && (code === undefined || c.code === code));
}

/** The one change of `kind` (about `code`, or matching `where`), asserting there is exactly one. */
export function only(table: JsonTable, kind: string, where: Partial<JsonChange> = {}): JsonChange {
  const found = table.changes.filter((c) => c.kind === kind && Object.entries(where).every(([k, v]) => c[k as keyof JsonChange] === v));
  expect(found, `${kind} ${JSON.stringify(where)} in ${JSON.stringify(table.changes.map((c) => [c.kind, c.code ?? c.field ?? c.context]))}`).toHaveLength(1);
  return found[0]!;
}
