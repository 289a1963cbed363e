// The README quotes benchmark figures only from the committed run: the block between
// its bench-results markers is exactly what `npm run bench` wrote to bench/results.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";

describe("README benchmark figures", () => {
  it("are bench/results.md, as npm run bench wrote it", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const start = "<!-- bench-results:start (written by npm run bench) -->";
    const end = "<!-- bench-results:end -->";
    const block = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
    const results = readFileSync(join(repoRoot, "bench", "results.md"), "utf8").replace(/^<!--.*-->\n\n/, "").trim();
    expect(readme.indexOf(start)).toBeGreaterThan(0);
    expect(results).toMatch(/^Generator: the five shipped specs/);
    expect(results).toContain("cold `codebook generate`");
    expect(block).toBe(results);
  });
});
