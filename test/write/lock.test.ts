// The out-dir lock across real processes: at most one holder at a time, also while holders die
// without releasing and several waiters break their stale locks at once. (CI once saw two runs
// write one out dir: waiters moved a stale lock aside and put back one they had not judged, and
// a third waiter took the path in between. One run's temporary file was removed by the other.)
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { acquireLock, BREAKER_SUFFIX, LOCK_FILE } from "../../generator/write/lock.ts";

const scratch = mkdtempSync(join(tmpdir(), "codebook-lock-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * One holder: takes the lock, claims a marker file with O_EXCL (a second holder finds it there),
 * keeps it a moment, removes it, then releases the lock, or exits holding it (as a killed run).
 */
const HOLDER = `
import { closeSync, openSync, rmSync } from "node:fs";
import { join } from "node:path";
import { acquireLock } from "./lock.ts";
const [dir, mode] = process.argv.slice(2);
const lock = await acquireLock(dir, { waitMs: 60_000 });
const marker = join(dir, "holder");
try { closeSync(openSync(marker, "wx")); } catch { console.log("two holders"); process.exit(1); }
await new Promise((r) => setTimeout(r, Math.random() * 4));
rmSync(marker);
if (mode === "release") lock.release();
process.exit(0);
`;

async function holderScript(): Promise<string> {
  const entry = join(repoRoot, "generator", "write", "holder-entry.ts");
  // Inside the repository: the bundle finds codebook's package root above itself at load.
  const out = join(repoRoot, "node_modules", ".cache", "codebook-test", `lock-holder-${process.pid}.mjs`);
  await build({
    stdin: { contents: HOLDER, resolveDir: join(repoRoot, "generator", "write"), sourcefile: entry, loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: out,
    logLevel: "silent",
  });
  bundles.push(out);
  return out;
}
const bundles: string[] = [];
afterAll(() => bundles.forEach((b) => rmSync(b, { force: true })));

function holder(script: string, dir: string, mode: "release" | "die"): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, dir, mode]);
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("the out-dir lock", () => {
  it("has one holder at a time while holders die holding it and waiters break it together", async () => {
    const script = await holderScript();
    const dir = join(scratch, "out");
    const results: { code: number | null; output: string }[] = [];
    // Five waves of 6 processes; a third of them die holding the lock, so most waves break stale locks.
    for (let wave = 0; wave < 5; wave++) {
      const runs = Array.from({ length: 6 }, (_, i) => holder(script, dir, i % 3 === 0 ? "die" : "release"));
      results.push(...(await Promise.all(runs)));
    }
    const failed = results.filter((r) => r.code !== 0);
    expect(failed, failed.map((r) => r.output).join("\n")).toEqual([]);
    expect(results).toHaveLength(30);
    // Nothing of the breaking is left beside the lock.
    expect(readdirSync(dir).filter((n) => n !== LOCK_FILE)).toEqual([]);
  }, 120_000);

  it("a breaker file left by a waiter killed while breaking is removed once it is old", async () => {
    const dir = join(scratch, "breaker");
    const lock = await acquireLock(dir, { waitMs: 0 });
    lock.release();
    // A stale lock (dead holder) and a fresh breaker: the waiter cannot break it and times out.
    // Above Linux's largest pid (2^22): no such process.
    const dead = { pid: 2 ** 22 + 1, host: hostname(), started: "2026-01-01T00:00:00.000Z" };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(dead));
    writeFileSync(join(dir, LOCK_FILE + BREAKER_SUFFIX), "");
    await expect(acquireLock(dir, { waitMs: 200 })).rejects.toThrow(/is held by another codebook run/);
    // Backdated past its age limit, the breaker is removed and the stale lock broken.
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE + BREAKER_SUFFIX), old, old);
    const taken = await acquireLock(dir, { waitMs: 2_000 });
    expect(existsSync(join(dir, LOCK_FILE + BREAKER_SUFFIX))).toBe(false);
    taken.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
