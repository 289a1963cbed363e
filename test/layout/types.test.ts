// The repository's own TypeScript (generator/, test/, scripts/, bench/) type-checks under
// tsconfig.json, as `tsc -p tsconfig.json` checks it: a test, so that it runs beside the
// others instead of before them.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { typecheckProject } from "../typecheck.ts";

describe("the repository's TypeScript", () => {
  it("type-checks under tsconfig.json, with no error", () => {
    expect(typecheckProject(join(repoRoot, "tsconfig.json"))).toBe("");
  });
});
