import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.ts";
import { repoRoot } from "../helpers.ts";

describe("codebook generate --check on the committed generated/ tree", () => {
  it("finds every generated file current (golden output)", async () => {
    const result = await generate({ cwd: repoRoot, check: true });
    expect(result.report).toMatch(/^codebook: typescript: generated files are up to date \(\d+ packages, \d+ files checked\)\ncodebook: go: generated files are up to date \(\d+ packages, \d+ files checked\)$/);
    expect(result.targets.flatMap((t) => t.problems)).toEqual([]);
  });

  it("agrees after a full in-memory regeneration (not only the manifest's fast path)", async () => {
    // force bypasses the manifest fast path: every file is emitted, formatted and compared.
    const result = await generate({ cwd: repoRoot, check: true, force: true });
    expect(result.targets.flatMap((t) => t.problems)).toEqual([]);
    for (const t of result.targets) expect(t.files.length, t.target).toBeGreaterThan(30);
  });
});
