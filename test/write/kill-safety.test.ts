// Crash and concurrency safety of `codebook generate`, through the real CLI:
// - 30 runs killed with SIGKILL at random moments after a spec edit: every file in
//   the out dir is its old bytes or its new bytes, never torn or mixed; the next run
//   repairs everything and --check passes;
// - 10 pairs of runs started together on the same out dir (edits, a spec removed, a
//   spec added back): both succeed and the out dir is exactly what one run writes.
// Reference trees for each state are generated once in their own directories.
import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, project, run, runAsync, snapshot, tempDir } from "../cli/harness.ts";
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
let fullRunMs = 1000;

beforeAll(async () => {
  for (const state of Object.keys(states)) {
    const dir = project(IDS);
    setSpecs(dir, state);
    const started = Date.now();
    expect(run(["generate"], dir).code).toBe(0);
    if (state === "B") fullRunMs = Date.now() - started;
    reference[state] = snapshot(join(dir, "generated"));
  }
}, 120_000);

/** Starts `codebook generate` in `dir`, and SIGKILLs it at a random moment; resolves when it is gone. */
function generateKilled(dir: string, when: "anytime" | "while-writing"): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, "generate"], { cwd: dir, stdio: "ignore" });
    child.on("exit", () => resolve());
    if (when === "anytime") setTimeout(() => child.kill("SIGKILL"), Math.random() * fullRunMs);
    else {
      // The first change under the out dir but the lock means writing has begun; kill a few ms into it.
      const watcher = watch(join(dir, "generated"), { recursive: true }, (_event, name) => {
        if (String(name) === ".codebook-lock") return;
        watcher.close();
        setTimeout(() => child.kill("SIGKILL"), Math.random() * 4);
      });
      child.on("exit", () => watcher.close());
    }
  });
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
  it("30 SIGKILLs at random moments after a spec edit: old or new bytes per file, then one run repairs all", async () => {
    const dir = project(IDS);
    const out = join(dir, "generated");
    expect(run(["generate"], dir).code).toBe(0);
    let state = "A";
    let midWrite = 0;
    for (let i = 0; i < 30; i++) {
      const next = state === "A" ? "B" : "A";
      setSpecs(dir, next);
      await generateKilled(dir, i % 3 === 0 ? "anytime" : "while-writing");
      const afterKill = snapshot(out);
      const label = `kill ${i + 1} (${state} -> ${next})`;
      expectOldOrNew(afterKill, reference[state]!, reference[next]!, label);
      const mixed = [...afterKill.keys()].some((p) => p.includes("/") && afterKill.get(p) === reference[next]!.get(p) && reference[state]!.get(p) !== reference[next]!.get(p));
      const stale = [...afterKill.keys()].some((p) => p.includes("/") && afterKill.get(p) !== reference[next]!.get(p));
      if (mixed && stale) midWrite++;
      const repair = run(["generate"], dir);
      expect(repair.code, `${label}: ${repair.stderr}`).toBe(0);
      expect(snapshot(out), `${label}: repaired tree`).toEqual(reference[next]);
      expect(run(["generate", "--check"], dir).code, `${label}: --check`).toBe(0);
      state = next;
    }
    // The kills really landed between writes, not only before or after them.
    console.log(`kill-safety: ${midWrite} of 30 kills left a half-written out dir`);
    expect(midWrite).toBeGreaterThan(0);
  }, 600_000);
});

describe("concurrency", () => {
  it("10 pairs of runs on one out dir (edits, a spec removed and added back): both succeed, the tree is exact", async () => {
    const dir = project(IDS);
    const out = join(dir, "generated");
    expect(run(["generate"], dir).code).toBe(0);
    const cycle = ["B", "C", "A"]; // A -> B edits, B -> C removes a spec, C -> A edits and adds it back
    for (let i = 0; i < 10; i++) {
      const next = cycle[i % 3]!;
      setSpecs(dir, next);
      const [a, b] = await Promise.all([runAsync(["generate"], dir), runAsync(["generate"], dir)]);
      expect([a.code, b.code], `pair ${i + 1}: ${a.stderr}${b.stderr}`).toEqual([0, 0]);
      expect(a.stderr + b.stderr).not.toMatch(/internal error|ENOENT/);
      expect(snapshot(out), `pair ${i + 1} -> ${next}`).toEqual(reference[next]);
      const check = run(["generate", "--check"], dir);
      expect(check.code, `pair ${i + 1} -> ${next}: --check\n${check.stderr}${check.stdout}`).toBe(0);
    }
  }, 600_000);
});

describe("the scratch harness", () => {
  it("reference states differ where the test needs them to", () => {
    const copy = tempDir();
    cpSync(join(repoRoot, "spec"), join(copy, "spec"), { recursive: true });
    expect(reference.A!.get("iak-prepaid/README.md")).not.toBe(reference.B!.get("iak-prepaid/README.md"));
    expect(reference.C!.has("doku-biller/README.md")).toBe(false);
    expect(reference.B!.has("doku-biller/README.md")).toBe(true);
  });
});
