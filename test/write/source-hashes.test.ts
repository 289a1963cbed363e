// Each target's fingerprint hashes the shared generator and its own folder: editing
// one target's code regenerates that target's out dir only, and the front-ends and
// the registry of targets shape no output at all.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generatorSourceHashes } from "../../generator/write/source-hash.js";
import { repoRoot } from "../helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function editedCopy(file: string): ReturnType<typeof generatorSourceHashes> {
  const dir = mkdtempSync(join(tmpdir(), "codebook-hashes-"));
  dirs.push(dir);
  cpSync(join(repoRoot, "generator"), dir, { recursive: true });
  appendFileSync(join(dir, file), "\n// an edit\n");
  return generatorSourceHashes(dir);
}

describe("the generator's source hashes", () => {
  const now = generatorSourceHashes(join(repoRoot, "generator"));

  it("has one part per target folder beside the core", () => {
    expect(Object.keys(now.targets).sort()).toEqual(["go", "typescript"]);
    expect(now.core).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["targets/go/target.ts", ["go"]],
    ["targets/typescript/target.ts", ["typescript"]],
    ["model/semantics/unlisted.ts", ["core"]],
    ["load/build-spec.ts", ["core"]],
    ["targets/target.ts", ["core"]],
    ["cli/main.ts", []],
    ["diff/compare.ts", []],
    ["mock/server.ts", []],
    ["targets/registry.ts", []],
  ])("an edit of %s changes %j", (file, changed) => {
    const after = editedCopy(file);
    const parts = (h: typeof now) => ({ core: h.core, ...h.targets });
    const differ = Object.entries(parts(after))
      .filter(([part, hash]) => parts(now)[part as keyof ReturnType<typeof parts>] !== hash)
      .map(([part]) => part);
    expect(differ).toEqual(changed);
  });
});
