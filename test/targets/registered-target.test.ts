// A target is a value: a small one defined here (each spec's codes as CSV, and an
// index over every spec's catalog as its aggregate), registered through the
// programmatic API, generates beside the TypeScript target with its own out dir,
// manifest and fingerprint, and is not shipped. This is the contract
// generator/ARCHITECTURE.md's "Adding a target" describes.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.ts";
import { SHIPPED_TARGETS } from "../../generator/targets/registry.ts";
import type { Target } from "../../generator/targets/target.ts";
import { OptionsError } from "../../generator/targets/target.ts";
import { emitCatalog } from "../../generator/artifacts/catalog.ts";
import { repoRoot } from "../helpers.ts";

const loads: string[] = [];
const aggregates: string[][] = [];

const csvTarget: Target<{ separator: string }> = {
  name: "csv",
  description: "each spec's codes as CSV (a test target)",
  defaultOutDir: "out-csv",
  optionsSchema: { type: "object", additionalProperties: false, properties: { separator: { enum: [",", ";"] } } },
  readOptions(raw) {
    const separator = raw.separator ?? ",";
    if (separator !== "," && separator !== ";") throw new OptionsError(`"separator" must be "," or ";"`);
    return { separator };
  },
  checkNames: () => [],
  fingerprint: { sources: ["targets/csv"], templates: [], dependencies: [] },
  async load() {
    loads.push("csv");
    return {
      emit: (spec, run) => [
        { path: `${spec.id}/codes.csv`, role: "data", content: spec.codes.map((c) => [c.code, c.outcomes[spec.contexts[0]!.id]].join(run.options.separator)).join("\n") + "\n" },
        { ...emitCatalog(spec), role: "data" },
      ],
      finish: async (files) => files,
    };
  },
  aggregate: {
    catalogPath: (id) => `${id}/catalog.json`,
    emit(inputs) {
      aggregates.push(inputs.map((i) => i.id));
      const rows = inputs.map((i) => `${i.id},${(i.catalog as { codes: unknown[] }).codes.length}`);
      return [{ path: "_index/specs.csv", role: "data", content: `id,codes\n${rows.join("\n")}\n` }];
    },
  },
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "codebook-target-"));
  dirs.push(dir);
  cpSync(join(repoRoot, "spec"), join(dir, "spec"), { recursive: true });
  writeFileSync(join(dir, "codebook.config.yaml"), "targets:\n  - target: typescript\n    outDir: generated\n  - target: csv\n    outDir: out-csv\n    options: { separator: ';' }\n");
  return dir;
}

describe("a target registered through the API", () => {
  it("is not shipped", () => {
    expect(SHIPPED_TARGETS.map((t) => t.name)).not.toContain("csv");
  });

  it("generates beside the TypeScript target: its packages, its aggregate, its own manifest", async () => {
    const dir = project();
    const result = await generate({ cwd: dir, targets: [csvTarget] });
    expect(result.targets.map((t) => t.target)).toEqual(["typescript", "csv"]);
    const csv = result.targets[1]!;
    expect(csv.packages.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, "out-csv", "iak-prepaid", "codes.csv"), "utf8")).toContain("00;success\n");
    const index = readFileSync(join(dir, "out-csv", "_index", "specs.csv"), "utf8");
    expect(index.split("\n")[0]).toBe("id,codes");
    expect(index).toMatch(/^iak-prepaid,\d+$/m);
    const manifest = JSON.parse(readFileSync(join(dir, "out-csv", ".codebook-manifest.json"), "utf8"));
    expect(Object.keys(manifest.aggregate.files)).toEqual(["_index/specs.csv"]);
    const typescript = JSON.parse(readFileSync(join(dir, "generated", ".codebook-manifest.json"), "utf8"));
    expect(typescript.toolchain).not.toBe(manifest.toolchain);
    expect(Object.keys(typescript)).not.toContain("aggregate");
    // The TypeScript packages are what a config without the csv target makes.
    expect(existsSync(join(dir, "generated", "iak-prepaid", "dist", "index.js"))).toBe(true);
  });

  it("an unchanged run loads no target; an edit re-emits one package, and the aggregate reads the others' catalogs from disk", async () => {
    const dir = project();
    await generate({ cwd: dir, targets: [csvTarget] });
    loads.length = 0;
    aggregates.length = 0;
    const again = await generate({ cwd: dir, targets: [csvTarget], check: true });
    expect(again.targets.every((t) => t.problems.length === 0)).toBe(true);
    expect(loads).toEqual([]);
    expect(aggregates).toEqual([]);
    const spec = join(dir, "spec", "iak-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("title: ", "title: Edited "));
    const edited = await generate({ cwd: dir, targets: [csvTarget] });
    const changed = edited.targets[1]!.changes.filter((c) => c.kind !== "unchanged").map((c) => c.path);
    expect(changed).toEqual(["iak-prepaid/catalog.json"]);
    expect(aggregates).toHaveLength(1);
    expect(aggregates[0]!.length).toBe(edited.targets[1]!.packages.length);
  });

  it("--check finds a hand-edited aggregate file, and generate repairs it", async () => {
    const dir = project();
    await generate({ cwd: dir, targets: [csvTarget] });
    writeFileSync(join(dir, "out-csv", "_index", "specs.csv"), "edited\n");
    const checked = await generate({ cwd: dir, targets: [csvTarget], check: true });
    expect(checked.targets[1]!.problems.map((p) => `${p.kind} ${p.path}`)).toEqual(["stale _index/specs.csv"]);
    expect(checked.targets[0]!.problems).toEqual([]);
    await generate({ cwd: dir, targets: [csvTarget] });
    expect(readFileSync(join(dir, "out-csv", "_index", "specs.csv"), "utf8")).toMatch(/^id,codes\n/);
  });

  it("its options are checked where the config names them", async () => {
    const dir = project();
    writeFileSync(join(dir, "codebook.config.yaml"), "targets:\n  - target: csv\n    options: { separator: tab }\n");
    await expect(generate({ cwd: dir, targets: [csvTarget] })).rejects.toThrow(/targets\[0\]\.options: "separator" must be "," or ";"/);
  });
});
