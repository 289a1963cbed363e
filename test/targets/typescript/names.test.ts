// The TypeScript target's naming rules run at lint time, reported at the spec's
// text like any lint error: a type name derived from two ids must not be claimed
// twice, and every member name must be a usable identifier.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecText, loadSpecs } from "../../../generator/load/load-specs.ts";
import { checkTypeScriptNames } from "../../../generator/targets/typescript/names.ts";
import { typescriptTarget } from "../../../generator/targets/typescript/target.ts";
import { TYPESCRIPT_DEFAULTS } from "../../../generator/targets/typescript/options.ts";
import { repoRoot } from "../../helpers.ts";

const minimal = readFileSync(join(repoRoot, "test/fixtures/good-specs/minimal.yaml"), "utf8");

describe("TypeScript names at lint time", () => {
  it("a scope id whose type name is the default context's pending codes: an error at the scope's id", () => {
    const text = minimal.replace("    title: Response codes\n", "    title: Response codes\n    scope: { id: pending, title: Pending requests }\n");
    const { spec, diagnostics } = loadSpecText("spec/minimal.yaml", text, "minimal");
    expect(spec).toBeUndefined();
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      `27:18 scope "pending" would generate the type ExamplePendingCode, which context "default" already generates; choose another id`,
    ]);
  });

  it("a scope whose type name is a category's: an error at the scope's id", () => {
    const text = minimal
      .replace("code:\n  pattern", "categories:\n  - { id: pending, label: P }\ncode:\n  pattern")
      .replace("    title: Response codes\n", "    title: Response codes\n    scope: { id: pendingCategory, title: Pending requests }\n");
    const { diagnostics } = loadSpecText("spec/minimal.yaml", text, "minimal");
    expect(diagnostics.map((d) => d.message)).toEqual([`scope "pendingCategory" would generate the type ExamplePendingCategoryCode, which category "pending" already generates; choose another id`]);
  });

  it("a member name that is not a usable identifier is a problem at its code (the IR checked directly)", () => {
    const { specs } = loadSpecs({ root: repoRoot, specDir: join(repoRoot, "spec"), only: ["iak-prepaid"] });
    const spec = specs[0]!;
    expect(checkTypeScriptNames(spec)).toEqual([]);
    const bad = { ...spec, codes: spec.codes.map((c, i) => (i === 1 ? { ...c, name: "default" } : c)) };
    expect(checkTypeScriptNames(bad)).toEqual([{ at: { kind: "code", code: spec.codes[1]!.code }, message: `"default" is not a usable TypeScript identifier: add "name"` }]);
  });

  it("is the configured target's check: a lint without targets does not make it", () => {
    const text = minimal.replace("    title: Response codes\n", "    title: Response codes\n    scope: { id: pending, title: Pending requests }\n");
    const dir = mkdtempSync(join(tmpdir(), "codebook-names-"));
    try {
      writeFileSync(join(dir, "minimal.yaml"), text);
      expect(loadSpecs({ root: dir, specDir: dir }).diagnostics).toEqual([]);
      const withTarget = loadSpecs({ root: dir, specDir: dir, targets: [{ target: typescriptTarget, options: TYPESCRIPT_DEFAULTS }] });
      expect(withTarget.specs).toEqual([]);
      expect(withTarget.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}`)).toEqual(["minimal.yaml:27:18"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
