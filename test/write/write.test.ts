import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.ts";
import { snapshot } from "../cli/harness.ts";
import { copySpec } from "../helpers.ts";

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "codebook-write-"));
  scratch.push(dir);
  return dir;
}

/** A scratch project with two specs, generated once. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "spec"));
  for (const id of ["iak-prepaid", "doku-biller"]) copySpec(id, join(dir, "spec"));
  writeFileSync(join(dir, "codebook.config.yaml"), "specDir: spec\noutDir: out\n");
  return dir;
}

let base: string;
beforeAll(async () => {
  base = project();
  await generate({ cwd: base });
});

function copyOfBase(): string {
  const dir = tempDir();
  cpSync(base, dir, { recursive: true });
  return dir;
}

describe("the write stage", () => {
  it("writes both packages, with a manifest of what it wrote", () => {
    const manifest = JSON.parse(readFileSync(join(base, "out", ".codebook-manifest.json"), "utf8"));
    expect(Object.keys(manifest.packages)).toEqual(["doku-biller", "iak-prepaid"]);
    expect(Object.keys(manifest.packages["iak-prepaid"].files)).toEqual([
      "iak-prepaid/README.md",
      "iak-prepaid/catalog.json",
      "iak-prepaid/dist/fixtures.d.ts",
      "iak-prepaid/dist/fixtures.d.ts.map",
      "iak-prepaid/dist/fixtures.js",
      "iak-prepaid/dist/index.d.ts",
      "iak-prepaid/dist/index.d.ts.map",
      "iak-prepaid/dist/index.js",
      "iak-prepaid/package.json",
      "iak-prepaid/src/fixtures.ts",
      "iak-prepaid/src/index.ts",
    ]);
  });

  it("rewrites only the files whose bytes changed", async () => {
    const dir = copyOfBase();
    const old = new Date("2001-01-01T00:00:00Z");
    for (const f of ["iak-prepaid/src/index.ts", "doku-biller/src/index.ts"]) utimesSync(join(dir, "out", f), old, old);
    const spec = join(dir, "spec", "iak-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("message: SUCCESS", "message: SUCCESS!"));
    const result = await generate({ cwd: dir });
    const changed = result.changes.filter((c) => c.kind !== "unchanged").map((c) => `${c.kind} ${c.path}`);
    expect(changed).toEqual([
      "updated iak-prepaid/README.md",
      "updated iak-prepaid/catalog.json",
      "updated iak-prepaid/dist/index.d.ts",
      "updated iak-prepaid/dist/index.js",
      "updated iak-prepaid/src/index.ts",
    ]);
    expect(statSync(join(dir, "out", "doku-biller/src/index.ts")).mtime.getTime()).toBe(old.getTime());
    expect(statSync(join(dir, "out", "iak-prepaid/src/index.ts")).mtime.getTime()).not.toBe(old.getTime());
  });

  it("removes the files of a spec that is gone, and nothing it did not generate", async () => {
    const dir = copyOfBase();
    writeFileSync(join(dir, "out", "doku-biller", "NOTES.md"), "mine\n");
    writeFileSync(join(dir, "out", "keep.txt"), "mine\n");
    rmSync(join(dir, "spec", "doku-biller.yaml"));
    const result = await generate({ cwd: dir });
    expect(result.changes.filter((c) => c.kind === "removed").map((c) => c.path)).toEqual([
      "doku-biller/README.md",
      "doku-biller/catalog.json",
      "doku-biller/dist/fixtures.d.ts",
      "doku-biller/dist/fixtures.d.ts.map",
      "doku-biller/dist/fixtures.js",
      "doku-biller/dist/index.d.ts",
      "doku-biller/dist/index.d.ts.map",
      "doku-biller/dist/index.js",
      "doku-biller/package.json",
      "doku-biller/src/fixtures.ts",
      "doku-biller/src/index.ts",
    ]);
    expect(existsSync(join(dir, "out", "doku-biller", "src"))).toBe(false);
    expect(readFileSync(join(dir, "out", "doku-biller", "NOTES.md"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(dir, "out", "keep.txt"), "utf8")).toBe("mine\n");
    const manifest = JSON.parse(readFileSync(join(dir, "out", ".codebook-manifest.json"), "utf8"));
    expect(Object.keys(manifest.packages)).toEqual(["iak-prepaid"]);
  });

  it("--check lists every stale, missing and orphaned file with a short diff, and writes nothing", async () => {
    const dir = copyOfBase();
    const index = join(dir, "out", "iak-prepaid", "src", "index.ts");
    writeFileSync(index, readFileSync(index, "utf8").replace('Success: "00"', 'Success: "0"'));
    rmSync(join(dir, "out", "iak-prepaid", "catalog.json"));
    rmSync(join(dir, "spec", "doku-biller.yaml"));
    const before = readFileSync(index, "utf8");
    const result = await generate({ cwd: dir, check: true });
    expect(result.problems.map((p) => `${p.kind} ${p.path}`)).toEqual([
      "orphaned doku-biller/README.md",
      "orphaned doku-biller/catalog.json",
      "orphaned doku-biller/dist/fixtures.d.ts",
      "orphaned doku-biller/dist/fixtures.d.ts.map",
      "orphaned doku-biller/dist/fixtures.js",
      "orphaned doku-biller/dist/index.d.ts",
      "orphaned doku-biller/dist/index.d.ts.map",
      "orphaned doku-biller/dist/index.js",
      "orphaned doku-biller/package.json",
      "orphaned doku-biller/src/fixtures.ts",
      "orphaned doku-biller/src/index.ts",
      "missing iak-prepaid/catalog.json",
      "stale iak-prepaid/src/index.ts",
      "stale .codebook-manifest.json",
    ]);
    const stale = result.problems.find((p) => p.path === "iak-prepaid/src/index.ts")!;
    expect(stale.diff).toContain('-   Success: "0",');
    expect(stale.diff).toContain('+   Success: "00",');
    expect(result.report).toMatch(/^codebook: 14 problems in out; run `codebook generate`:/);
    expect(result.report).toContain("  stale      out/iak-prepaid/src/index.ts\n      @@ line ");
    expect(result.report).toContain("  orphaned   out/doku-biller/README.md (its spec is gone)");
    expect(readFileSync(index, "utf8")).toBe(before);
    expect(existsSync(join(dir, "out", "doku-biller", "src", "index.ts"))).toBe(true);
  });

  it("an unchanged --check answers from the manifest, and a touched output defeats that shortcut", async () => {
    const dir = copyOfBase();
    expect((await generate({ cwd: dir, check: true })).files).toEqual([]);
    const readme = join(dir, "out", "doku-biller", "README.md");
    writeFileSync(readme, readFileSync(readme, "utf8") + "\nedited by hand\n");
    const result = await generate({ cwd: dir, check: true });
    expect(result.problems.map((p) => `${p.kind} ${p.path}`)).toEqual(["stale doku-biller/README.md"]);
  });

  it("--only regenerates the named packages and keeps the others' manifest records", async () => {
    const dir = copyOfBase();
    const result = await generate({ cwd: dir, only: ["doku-biller"] });
    expect(new Set(result.files.map((f) => f.path.split("/")[0]))).toEqual(new Set(["doku-biller"]));
    expect(readFileSync(join(dir, "out", ".codebook-manifest.json"), "utf8")).toBe(readFileSync(join(base, "out", ".codebook-manifest.json"), "utf8"));
  });

  it("a file where the run needs a directory: refused before anything is written, naming it; the next run, unblocked, generates all", async () => {
    const dir = tempDir();
    cpSync(join(base, "spec"), join(dir, "spec"), { recursive: true });
    cpSync(join(base, "codebook.config.yaml"), join(dir, "codebook.config.yaml"));
    mkdirSync(join(dir, "out", "iak-prepaid"), { recursive: true });
    writeFileSync(join(dir, "out", "iak-prepaid", "dist"), "in the way\n");
    // It was EEXIST or ENOTDIR from a write on the thread pool, after other files were written.
    await expect(generate({ cwd: dir })).rejects.toThrow(`${join(dir, "out", "iak-prepaid", "dist")} is a file where codebook writes a directory`);
    expect(snapshot(join(dir, "out"))).toEqual(new Map([["iak-prepaid/dist", "in the way\n"]]));
    rmSync(join(dir, "out", "iak-prepaid", "dist"));
    await generate({ cwd: dir });
    expect(readFileSync(join(dir, "out", ".codebook-manifest.json"), "utf8")).toBe(readFileSync(join(base, "out", ".codebook-manifest.json"), "utf8"));
    for (const path of ["iak-prepaid/dist/index.js", "doku-biller/src/index.ts"]) expect(readFileSync(join(dir, "out", path), "utf8")).toBe(readFileSync(join(base, "out", path), "utf8"));
  });
});
