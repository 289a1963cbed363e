// The cache stage and the package-by-package write: an edit re-lints and re-emits only the
// edited spec (the others are reused from disk, as the manifest proves them), a run that keeps
// no file contents changes the same files, and a spec's input hash is what the manifest records.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachePlan, configFingerprint, specInputs } from "../../generator/cache/cache.ts";
import { loadConfig } from "../../generator/config/config.ts";
import { generate } from "../../generator/run/pipeline.ts";
import { readManifest, sha256, toolchainFingerprint } from "../../generator/write/manifest.ts";
import { snapshot } from "../cli/harness.ts";
import { copySpec, repoRoot } from "../helpers.ts";

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function copyOf(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), "codebook-cache-"));
  scratch.push(copy);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

let base: string;
beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "codebook-cache-"));
  scratch.push(base);
  mkdirSync(join(base, "spec"));
  for (const id of ["iak-prepaid", "doku-biller"]) copySpec(id, join(base, "spec"));
  writeFileSync(join(base, "codebook.config.yaml"), "specDir: spec\noutDir: out\n");
  await generate({ cwd: base });
}, 120_000);

function edit(dir: string, id: string): void {
  const path = join(dir, "spec", `${id}.yaml`);
  writeFileSync(path, readFileSync(path, "utf8").replace(/^title: (.*)$/m, "title: $1 (edited)"));
}

describe("the cache stage", () => {
  it("records each spec's input hash: the sha256 of its text", () => {
    const manifest = readManifest(join(base, "out"))!;
    for (const id of ["iak-prepaid", "doku-biller"]) {
      const path = join(base, "spec", `${id}.yaml`);
      expect(specInputs(dirname(path), path).paths).toEqual([path]);
      expect(manifest.packages[id]!.spec).toBe(sha256(readFileSync(path)));
      expect(specInputs(dirname(path), path).hash).toBe(sha256(readFileSync(path)));
    }
  });

  it("after an edit, only the edited spec is stale; the other is reused with its files as on disk", () => {
    const dir = copyOf(base);
    edit(dir, "iak-prepaid");
    const config = loadConfig(undefined, dir);
    const plan = cachePlan(config, config.outDir, readManifest(config.outDir), toolchainOf(config), { only: [], force: false, keepFiles: true });
    expect(plan.stale.map((e) => e.id)).toEqual(["iak-prepaid"]);
    expect([...plan.reused.keys()]).toEqual(["doku-biller"]);
    for (const f of plan.reused.get("doku-biller")!.files) expect(f.content).toBe(readFileSync(join(config.outDir, f.path), "utf8"));
    const forced = cachePlan(config, config.outDir, readManifest(config.outDir), toolchainOf(config), { only: [], force: true, keepFiles: false });
    expect(forced.stale.map((e) => e.id).sort()).toEqual(["doku-biller", "iak-prepaid"]);
  });

  it("a touched file makes its package stale again", () => {
    const dir = copyOf(base);
    writeFileSync(join(dir, "out", "doku-biller", "README.md"), "edited by hand\n");
    const config = loadConfig(undefined, dir);
    const plan = cachePlan(config, config.outDir, readManifest(config.outDir), toolchainOf(config), { only: [], force: false, keepFiles: false });
    expect(plan.stale.map((e) => e.id)).toEqual(["doku-biller"]);
  });

  it("an edit updates only the edited package's files; keepFiles false changes the same files and returns none", async () => {
    const a = copyOf(base);
    const b = copyOf(base);
    edit(a, "iak-prepaid");
    edit(b, "iak-prepaid");
    const kept = await generate({ cwd: a });
    const lean = await generate({ cwd: b, keepFiles: false });
    expect(lean.files).toEqual([]);
    expect(kept.files.length).toBeGreaterThan(10);
    expect(lean.changes).toEqual(kept.changes);
    const updated = kept.changes.filter((c) => c.kind !== "unchanged").map((c) => c.path);
    expect(updated.length).toBeGreaterThan(0);
    expect(updated.every((p) => p.startsWith("iak-prepaid/"))).toBe(true);
    expect(snapshot(join(a, "out"))).toEqual(snapshot(join(b, "out")));
    // Reused files come back with their contents, as on disk.
    for (const f of kept.files.filter((f) => f.path.startsWith("doku-biller/"))) expect(f.content).toBe(readFileSync(join(a, "out", f.path), "utf8"));
    expect((await generate({ cwd: b, check: true })).problems).toEqual([]);
  }, 120_000);
});

describe("the loader's input hashes (issue 18, finding 8)", () => {
  // A run records the hash of the bytes it linted (LoadResult.inputHashes), no longer the one the
  // cache read before the lint: the two must agree on every unedited spec, profiles included.
  it("equal specInputs' hash for every shipped spec and every profile fixture", async () => {
    const { loadSpecs, listSpecFiles, specIdOf } = await import("../../generator/load/load-specs.ts");
    const dir = mkdtempSync(join(tmpdir(), "codebook-cache-"));
    scratch.push(dir);
    cpSync(join(repoRoot, "spec"), join(dir, "spec"), { recursive: true });
    for (const f of ["acme-prepaid.yaml", "acme-qr-cpm.yaml"]) cpSync(join(repoRoot, "test", "fixtures", "profiles", f), join(dir, "spec", f));
    const loaded = loadSpecs({ root: dir, specDir: join(dir, "spec") });
    expect(loaded.diagnostics).toEqual([]);
    const files = listSpecFiles(join(dir, "spec"));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const path of files) {
      const id = specIdOf(path);
      expect(loaded.inputHashes.get(id), id).toBe(specInputs(join(dir, "spec"), path).hash);
    }
    expect(specInputs(join(dir, "spec"), join(dir, "spec", "acme-prepaid.yaml")).paths).toHaveLength(2);
  });
});

/** The TypeScript target's fingerprint under a config, as the pipeline computes it. */
function toolchainOf(config: ReturnType<typeof loadConfig>): string {
  const target = config.targets[0]!;
  return toolchainFingerprint(target.target, configFingerprint(config, target));
}
