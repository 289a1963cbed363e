// A write that fails in the middle of a run (the disk full, the file system read-only: here a
// mocked writeFile that fails for one file): the run rejects with that error once the batch's
// other writes have settled, the claims journal lists what the run was creating, the lock is
// released, and the next run repairs the out dir and removes the journal.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { copySpec } from "../helpers.ts";

const failing = { path: "" };
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    writeFile: (async (path: string, data: string) => {
      if (failing.path && String(path).startsWith(failing.path)) throw Object.assign(new Error(`ENOSPC: no space left on device, open '${path}'`), { code: "ENOSPC" });
      return fs.writeFile(path, data);
    }) as typeof fs.writeFile,
  };
});

const { generate } = await import("../../generator/run/pipeline.ts");

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe("a write that fails mid-run", () => {
  it("rejects with its error, leaves the journal claiming the run's new paths and no lock; the next run repairs all", async () => {
    const reference = mkdtempSync(join(tmpdir(), "codebook-write-"));
    const dir = mkdtempSync(join(tmpdir(), "codebook-write-"));
    scratch.push(reference, dir);
    for (const d of [reference, dir]) {
      mkdirSync(join(d, "spec"));
      for (const id of ["iak-prepaid", "doku-biller"]) copySpec(id, join(d, "spec"));
      writeFileSync(join(d, "codebook.config.yaml"), "specDir: spec\noutDir: out\n");
    }
    await generate({ cwd: reference });
    failing.path = join(dir, "out", "iak-prepaid", "dist", "index.js");
    await expect(generate({ cwd: dir })).rejects.toMatchObject({ code: "ENOSPC" });
    const journal = readFileSync(join(dir, "out", ".codebook-manifest.claims"), "utf8");
    const claimed = journal.trimEnd().split("\n").flatMap((line) => JSON.parse(line) as string[]);
    expect(claimed).toContain("iak-prepaid/dist/index.js");
    expect(claimed).toContain("doku-biller/src/index.ts");
    expect(existsSync(join(dir, "out", ".codebook-manifest.json"))).toBe(false);
    expect(existsSync(join(dir, "out", ".codebook-lock"))).toBe(false);
    failing.path = "";
    await generate({ cwd: dir });
    expect(existsSync(join(dir, "out", ".codebook-manifest.claims"))).toBe(false);
    expect(readFileSync(join(dir, "out", ".codebook-manifest.json"), "utf8")).toBe(readFileSync(join(reference, "out", ".codebook-manifest.json"), "utf8"));
    for (const path of ["iak-prepaid/dist/index.js", "doku-biller/src/index.ts"]) expect(readFileSync(join(dir, "out", path), "utf8")).toBe(readFileSync(join(reference, "out", path), "utf8"));
  });
});
