// Concurrent runs and a spec edited meanwhile (issue 18, finding 8): after runs that all exit 0,
// `generate --check` passes. A run records, per package, the hash of the bytes it linted and
// emitted, and under the lock it reads the specs again, so a run that linted a text since
// replaced lints the text on disk instead of writing the old one. Before, the hash read before
// the lock (and before the lint read the file a second time) was the one recorded: --check
// failed on a stale input hash, or on files of an old text, until one more run.
import { spawn } from "node:child_process";
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, project, runIn, runAsync, snapshot } from "../cli/harness.ts";

const IDS = ["iak-prepaid", "doku-biller"];
const LOCK = ".codebook-lock";

/**
 * An edit saved as editors save it: written beside the spec, then renamed over it. Written in
 * place, a run could read the file truncated and rightly report a broken spec (exit 1), which
 * is not what this file tests.
 */
function retitle(dir: string, tag: string): void {
  const path = join(dir, "spec", "iak-prepaid.yaml");
  writeFileSync(`${path}.tmp`, readFileSync(path, "utf8").replace(/^title: (.*?)( rev-\S+)?$/m, `title: $1 rev-${tag}`));
  renameSync(`${path}.tmp`, path);
}

/** A lock held by this (live) process: runs wait behind it until the test removes it. */
function holdLock(out: string): void {
  writeFileSync(join(out, LOCK), JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));
}

/** `codebook generate` in `dir`, resolved once it says it waits for the lock, and when it exits. */
function waitingRun(dir: string): { waiting: Promise<void>; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [cli, "generate"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
  let stderr = "";
  let told: () => void = () => {};
  const waiting = new Promise<void>((resolve) => (told = resolve));
  child.stderr.on("data", (d) => {
    stderr += d;
    if (stderr.includes("waiting for another codebook run")) told();
  });
  child.stdout.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  return { waiting, done };
}

describe("a spec edited while a run waits for the lock", () => {
  it("with no other writer: the run lints the text on disk under the lock, and --check passes", async () => {
    const dir = project(IDS);
    const out = join(dir, "generated");
    expect((await runIn(["generate"], dir)).code).toBe(0);
    retitle(dir, "A");
    holdLock(out);
    const w = waitingRun(dir); // hashes and lints A, then waits
    await w.waiting;
    retitle(dir, "B");
    rmSync(join(out, LOCK));
    const r = await w.done;
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, "iak-prepaid", "README.md"), "utf8")).toContain("rev-B");
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  }, 120_000);

  it("with another run writing the new text first: the waiting run does not put the old text back", async () => {
    const dir = project(IDS);
    const out = join(dir, "generated");
    expect((await runIn(["generate"], dir)).code).toBe(0);
    // What a run of the new text writes, made beside it.
    const other = project(IDS);
    retitle(other, "B");
    expect((await runIn(["generate"], other)).code).toBe(0);
    const reference = snapshot(join(other, "generated"));
    retitle(dir, "A");
    holdLock(out);
    const w = waitingRun(dir);
    await w.waiting;
    // Meanwhile the spec is edited to B and a run of B writes the out dir (as its lock holder would).
    retitle(dir, "B");
    cpSync(join(other, "generated"), out, { recursive: true });
    rmSync(join(out, LOCK));
    const r = await w.done;
    expect(r.code, r.stderr).toBe(0);
    expect(snapshot(out)).toEqual(reference);
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  }, 120_000);
});

describe("N concurrent runs while a spec is edited, round after round", () => {
  it("every run exits 0 and --check passes after each round", async () => {
    const dir = project(IDS);
    expect((await runIn(["generate"], dir)).code).toBe(0);
    const rounds = 3;
    let checked = 0;
    for (let round = 0; round < rounds; round++) {
      // Edits between the rounds and while the first runs of a round start; the last edit before its last runs start.
      const runs: Promise<{ code: number | null; stderr: string }>[] = [];
      for (let i = 0; i < 4; i++) {
        retitle(dir, `r${round}e${i}`);
        runs.push(runAsync(["generate"], dir));
        await new Promise((r) => setTimeout(r, Math.random() * 150));
      }
      retitle(dir, `r${round}final`);
      runs.push(runAsync(["generate"], dir), runAsync(["generate"], dir));
      const results = await Promise.all(runs);
      for (const r of results) expect(r.code, `round ${round}: ${r.stderr}`).toBe(0);
      const check = await runIn(["generate", "--check"], dir);
      expect(check.code, `round ${round}: ${check.stderr}`).toBe(0);
      checked++;
    }
    expect(checked).toBe(rounds);
  }, 600_000);
});
