// Crash and concurrency safety of `codebook generate`: the killed and raced runs are
// processes of the built CLI; their setup and verification run in process.
// - runs killed with SIGKILL exactly after their Nth step on disk (a claims line, a
//   file renamed into place, a removal, the manifest: CODEBOOK_KILL_AFTER_STEPS, see
//   generator/write/kill-point.ts), after an edit, a spec's removal and its return:
//   every file in the out dir is its old bytes or its new bytes, never torn or mixed;
//   the next run repairs everything and --check passes;
// - 6 pairs of runs started together on the same out dir (edits, a spec removed, a
//   spec added back): both succeed and the out dir is exactly what one run writes.
// Reference trees for each state are generated once in their own directories.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.ts";
import { cli, project, runIn, runAsync, snapshot } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";

const IDS = ["iak-prepaid", "doku-biller"];
const original = Object.fromEntries(IDS.map((id) => [id, readFileSync(join(repoRoot, "spec", `${id}.yaml`), "utf8")]));

/** Three states of the spec directory: A (as shipped), B (every spec edited), C (B without doku-biller). */
const states: Record<string, Record<string, string | null>> = {
  A: original,
  B: Object.fromEntries(IDS.map((id) => [id, original[id]!.replace(/^title: (.*)$/m, "title: $1 (revised)").replace(/message: ([A-Z])/, "message: REVISED $1")])),
};
states.C = { ...states.B, "doku-biller": null };

function setSpecs(dir: string, state: string): void {
  for (const [id, text] of Object.entries(states[state]!)) {
    const path = join(dir, "spec", `${id}.yaml`);
    if (text === null) rmSync(path, { force: true });
    else writeFileSync(path, text);
  }
}

const reference: Record<string, Map<string, string>> = {};

beforeAll(async () => {
  for (const state of Object.keys(states)) {
    const dir = project(IDS);
    setSpecs(dir, state);
    expect((await runIn(["generate"], dir)).code).toBe(0);
    reference[state] = snapshot(join(dir, "generated"));
  }
}, 120_000);

/** Runs `codebook generate` in `dir`, killed after its `steps`th step on disk; whether the kill came before the run finished. */
function generateKilledAfter(dir: string, steps: number): boolean {
  const r = spawnSync(process.execPath, [cli, "generate"], { cwd: dir, stdio: "ignore", env: { ...process.env, CODEBOOK_KILL_AFTER_STEPS: String(steps) } });
  if (r.signal === null) expect(r.status, `a run not killed after ${steps} steps`).toBe(0);
  return r.signal === "SIGKILL";
}

/** Every file is a whole file of the old or the new tree (or a leftover temporary file or lock). */
function expectOldOrNew(out: Map<string, string>, before: Map<string, string>, after: Map<string, string>, label: string): void {
  for (const [path, bytes] of out) {
    if (/\.codebook-tmp-\d+$/.test(path) || path === ".codebook-lock") continue;
    if (path === ".codebook-manifest.claims") {
      // The claims journal of the killed run: whole lines of paths (a last line cut by the kill claims nothing yet).
      const lines = bytes.slice(0, bytes.lastIndexOf("\n") + 1).split("\n").filter(Boolean);
      for (const line of lines) expect(JSON.parse(line), `${label}: journal line`).toEqual(expect.any(Array));
      continue;
    }
    if (path === ".codebook-manifest.json") {
      expect(() => JSON.parse(bytes), `${label}: manifest parses`).not.toThrow();
      continue;
    }
    const whole = bytes === before.get(path) || bytes === after.get(path);
    expect(whole, `${label}: ${path} is neither its old nor its new bytes`).toBe(true);
  }
}

describe("kill safety", () => {
  /**
   * Where the kills land: the first two steps (claims lines), two inside the renames and
   * removals (part of each change written), and past the end of the run. More points only
   * repeat these cases: on the shipped specs, kills after 3, 6 and 13 steps left the same
   * kinds of half-written trees as 4 and 9.
   */
  const STEPS = [1, 2, 4, 9, 40];

  it.each([
    ["an edit of every spec", "A", "B"],
    ["a spec removed", "B", "C"],
    ["a spec added back with edits undone", "C", "A"],
  ])("after %s, a run killed after each of its steps on disk leaves old or new bytes per file, and one run repairs all", async (_what, from, to) => {
    const dir = project(IDS);
    const out = join(dir, "generated");
    let midWrite = 0;
    const killed: boolean[] = [];
    for (const steps of STEPS) {
      setSpecs(dir, from);
      await generate({ cwd: dir });
      expect(snapshot(out), `${from} before the kill`).toEqual(reference[from]);
      setSpecs(dir, to);
      const label = `${from} -> ${to}, killed after ${steps} steps`;
      killed.push(generateKilledAfter(dir, steps));
      const afterKill = snapshot(out);
      expectOldOrNew(afterKill, reference[from]!, reference[to]!, label);
      const changed = [...reference[to]!.keys(), ...reference[from]!.keys()].filter((p) => p.includes("/") && reference[from]!.get(p) !== reference[to]!.get(p));
      const done = changed.filter((p) => afterKill.get(p) === reference[to]!.get(p)).length;
      if (done > 0 && done < changed.length) midWrite++;
      const repair = await generate({ cwd: dir });
      expect(repair.leftovers.every((p) => /\.codebook-tmp-\d+$|\.codebook-manifest\.claims$/.test(p)), label).toBe(true);
      expect(snapshot(out), `${label}: repaired tree`).toEqual(reference[to]);
      expect((await generate({ cwd: dir, check: true })).problems, `${label}: --check`).toEqual([]);
    }
    // The kills landed between writes: the first runs stopped, some with part of the change written, and the last ran to its end.
    expect(killed.slice(0, 3), "the first three steps are always inside a run").toEqual([true, true, true]);
    expect(killed.at(-1), "no run takes 40 steps for two specs").toBe(false);
    expect(midWrite, "kills that left a half-written out dir").toBeGreaterThan(1);
  }, 300_000);
});

describe("concurrency", () => {
  it("6 pairs of runs on one out dir (edits, a spec removed and added back): both succeed, the tree is exact", async () => {
    const dir = project(IDS);
    const out = join(dir, "generated");
    expect((await runIn(["generate"], dir)).code).toBe(0);
    const cycle = ["B", "C", "A"]; // A -> B edits, B -> C removes a spec, C -> A edits and adds it back
    // Each transition twice: the second time, the out dir is one a pair wrote.
    for (let i = 0; i < 6; i++) {
      const next = cycle[i % 3]!;
      setSpecs(dir, next);
      const [a, b] = await Promise.all([runAsync(["generate"], dir), runAsync(["generate"], dir)]);
      expect([a.code, b.code], `pair ${i + 1}: ${a.stderr}${b.stderr}`).toEqual([0, 0]);
      expect(a.stderr + b.stderr).not.toMatch(/internal error|ENOENT/);
      expect(snapshot(out), `pair ${i + 1} -> ${next}`).toEqual(reference[next]);
      const check = await runIn(["generate", "--check"], dir);
      expect(check.code, `pair ${i + 1} -> ${next}: --check\n${check.stderr}${check.stdout}`).toBe(0);
    }
  }, 600_000);
});

describe("the scratch harness", () => {
  it("reference states differ where the test needs them to", async () => {
    expect(reference.A!.get("iak-prepaid/README.md")).not.toBe(reference.B!.get("iak-prepaid/README.md"));
    expect(reference.C!.has("doku-biller/README.md")).toBe(false);
    expect(reference.B!.has("doku-biller/README.md")).toBe(true);
  });
});
