// The complete specs shown in spec/README.md (every ```yaml block with a top-level
// `codebook: 1`) lint clean, with no warning, beside the shipped specs they extend:
// the format's documentation never shows a spec that codebook would refuse.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { project, run } from "../cli/harness.ts";
import { repoRoot, specIds } from "../helpers.ts";

const readme = readFileSync(join(repoRoot, "spec/README.md"), "utf8");
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^codebook: 1$/m.test(b));

describe("spec/README.md examples", () => {
  it("has complete examples: a profile of an API and one of a code table", () => {
    const bases = blocks.map((b) => (parse(b) as { extends?: string }).extends);
    expect(bases).toContain("snap-qr-cpm");
    expect(bases).toContain("iak-prepaid");
  });

  it("every complete example lints clean under --strict", () => {
    const texts = Object.fromEntries(blocks.map((b) => [`${(parse(b) as { id: string }).id}.yaml`, b]));
    const dir = project(specIds(), texts);
    const r = run(["lint", "--strict"], dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`codebook: ${specIds().length + blocks.length} specs checked, no problems\n`);
    expect(r.code).toBe(0);
  });
});
