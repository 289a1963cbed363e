// Linting on two threads (generator/load/lint-in-parallel.ts): a worker lints the first
// specs while the main thread loads the emitters, then the main thread lints the rest.
// Only the build starts the worker, so these run the built CLI, on a corpus large enough
// (about 0.8 MB of YAML) that both threads lint a share.
import { cpSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitShares, workerShare } from "../../generator/load/lint-in-parallel.ts";
import { generate } from "../../generator/run/pipeline.ts";
import { repoRoot } from "../helpers.ts";
import { project, run, snapshot, tempDir } from "./harness.ts";

const TABLES = 48;
const id = (i: number) => `table-${String(i).padStart(2, "0")}`;

/** The minimal fixture spec with 100 codes, each with a description: about 16 KB. */
function table(i: number): string {
  const base = readFileSync(join(repoRoot, "test/fixtures/good-specs/minimal.yaml"), "utf8")
    .replace("id: minimal", `id: ${id(i)}`)
    .replace("typePrefix: Example", `typePrefix: Table${i}`)
    .replace('pattern: "^[0-9]{2}$"', 'pattern: "^[0-9]{2,3}$"');
  const rows = Array.from({ length: 100 }, (_, c) =>
    [
      `      - code: "${c + 100}"`,
      `        message: Response ${c} of ${id(i)}`,
      `        status: ${c % 5 ? "Failed" : "Pending"}`,
      `        description: Row ${c} of a table long enough that the worker and the main thread each lint a share of the corpus.`,
    ].join("\n"),
  );
  return base.replace(/^(\s+rows:\n)/m, `$1${rows.join("\n")}\n`);
}

function corpus(edit: (i: number, text: string) => string = (_, t) => t): string {
  const texts: Record<string, string> = {};
  for (let i = 0; i < TABLES; i++) texts[`${id(i)}.yaml`] = edit(i, table(i));
  return project([], texts);
}

describe("linting on two threads", () => {
  it("splits a large corpus by bytes: the worker the first specs, the main thread the rest after its head start", () => {
    const dir = corpus();
    const sizes = Array.from({ length: TABLES }, (_, i) => statSync(join(dir, "spec", `${id(i)}.yaml`)).size);
    const at = workerShare(sizes);
    expect(at).toBeGreaterThan(TABLES / 2);
    expect(at).toBeLessThan(TABLES);
    // The shipped specs (about 140 KB): the worker lints the first four, this thread the last after loading the
    // emitters (a head start of 80 KB); one tiny spec is the worker's alone.
    expect(workerShare([10_771, 18_555, 11_456, 82_229, 16_676])).toBe(4);
    expect(workerShare([10_771])).toBe(1);
    expect(workerShare([])).toBe(0);
  });

  it("gives the worker no empty share: with every file empty at the stat (an editor rewriting one), this thread lints them all", () => {
    // A worker told only: [] lints every spec: a run then had one spec twice and wrote its files twice at once.
    expect(splitShares(["a"], [0])).toBeNull();
    expect(splitShares(["a", "b"], [0, 0])).toBeNull();
    expect(splitShares([], [])).toBeNull();
    expect(splitShares(["a"], [10_771])).toEqual({ theirs: ["a"], ours: [] });
    expect(splitShares(["a", "b", "c", "d", "e"], [10_771, 18_555, 11_456, 82_229, 16_676])).toEqual({ theirs: ["a", "b", "c", "d"], ours: ["e"] });
  });

  it("generates what one thread generates, byte for byte", async () => {
    const dir = corpus();
    const r = run(["generate", "--quiet"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const inProcess = tempDir();
    cpSync(join(dir, "spec"), join(inProcess, "spec"), { recursive: true });
    cpSync(join(dir, "codebook.config.yaml"), join(inProcess, "codebook.config.yaml"));
    await generate({ cwd: inProcess }); // from source: no worker, one thread
    const [two, one] = [snapshot(join(dir, "generated")), snapshot(join(inProcess, "generated"))];
    expect(two.size).toBe(TABLES * 11 + 1);
    two.delete(".codebook-manifest.json");
    one.delete(".codebook-manifest.json");
    expect(two).toEqual(one);
  }, 120_000);

  it("reports the problems of both shares, with file:line:col, and writes nothing", () => {
    // The first spec is the worker's, the last one this thread's; each gets an unknown status.
    const broken = (i: number, text: string) => (i === 0 || i === TABLES - 1 ? text.replace("status: Pending", "status: Maybe") : text);
    const dir = corpus(broken);
    const r = run(["generate"], dir);
    expect(r.code).toBe(1);
    for (const i of [0, TABLES - 1]) expect(r.stderr).toMatch(new RegExp(`spec/${id(i)}\\.yaml:\\d+:\\d+: .*Maybe`));
    expect(snapshot(dir).has("generated/.codebook-manifest.json")).toBe(false);
    expect([...snapshot(dir).keys()].some((p) => p.startsWith("generated/"))).toBe(false);
  }, 60_000);
});
