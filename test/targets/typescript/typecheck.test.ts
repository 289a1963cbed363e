// Every spec in spec/ (found, not listed) and every fixture spec in
// test/fixtures/good-specs/ type-checks under the strictest flags, --noUnusedLocals and
// --noUnusedParameters included, with either enumStyle. A spec someone adds is covered
// without touching this file.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../../generator/run/pipeline.ts";
import { generateFixtures } from "../../fixture-packages.ts";
import { repoRoot, specDir, specIds } from "../../helpers.ts";
import { typecheck } from "../../typecheck.ts";

const ids = specIds();

describe("generated TypeScript sources", () => {
  it("the shared checker sees errors (the flag sets are applied, a bad file is reported)", () => {
    const dir = mkdtempSync(join(tmpdir(), "codebook-tsc-"));
    try {
      writeFileSync(join(dir, "bad.ts"), "export function f(a: string[]): string {\n  return a[0];\n}\n");
      expect(typecheck(["bad.ts"], "strict", { cwd: dir })).toBe("");
      expect(typecheck(["bad.ts"], "strictest", { cwd: dir })).toMatch(/^bad\.ts\(2,3\): error TS2322: Type 'string \| undefined' is not assignable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("there is a package in generated/ for every spec, and nothing else", () => {
    expect(ids.length).toBeGreaterThan(0);
    const packages = readdirSync(join(repoRoot, "generated"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(packages.sort()).toEqual(ids);
    for (const id of ids) expect(existsSync(join(repoRoot, "generated", id, "src", "index.ts")), id).toBe(true);
  });

  it("enumStyle: const (the committed packages) type-check with --isolatedDeclarations, --erasableSyntaxOnly, --noUnusedLocals", () => {
    const files = ids.map((id) => join("generated", id, "src", "index.ts"));
    expect(typecheck(files, "strictest", { extra: { erasableSyntaxOnly: true } })).toBe("");
  });

  // A TypeScript enum is not erasable syntax by definition, so --erasableSyntaxOnly is the one
  // flag this style cannot meet (README: enumStyle); every other flag holds.
  it("enumStyle: enum emits TypeScript enums that type-check with --isolatedDeclarations and --noUnusedLocals", async () => {
    const dir = mkdtempSync(join(tmpdir(), "codebook-enum-"));
    try {
      writeFileSync(join(dir, "codebook.config.yaml"), `specDir: ${JSON.stringify(specDir)}\noutDir: out\nenumStyle: enum\n`);
      const result = await generate({ cwd: dir });
      expect([...new Set(result.files.map((f) => f.path.split("/")[0]))].sort()).toEqual(ids);
      // Each package's code constant is an enum now, not an `as const` object.
      for (const id of ids) {
        const sources = result.files.filter((f) => f.path.startsWith(`${id}/src/`) && f.path.endsWith(".ts")).map((f) => f.content).join("\n");
        expect(sources, id).toMatch(/^export enum \w+Code \{$/m);
        expect(sources, id).not.toMatch(/^export const \w+Code = \{$/m);
      }
      // And the unions name members, not literals (a shipped spec, checked by hand).
      const source = result.files.find((f) => f.path === "iak-prepaid/src/index.ts")!.content;
      expect(source).toContain('Success = "00",');
      expect(source).toContain("export type IakPrepaidPendingCode = IakPrepaidCode.InProcess | IakPrepaidCode.UndefinedResponseCode;");
      const files = ids.map((id) => join(dir, "out", id, "src", "index.ts"));
      expect(typecheck(files, "strictest")).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The fixture specs reach corners the shipped specs do not (a category without an outcome,
  // prefix and pattern categories, an API without length checks, Markdown-hostile codes).
  it.each(["const", "enum"] as const)("the fixture specs' packages (enumStyle: %s) type-check with the same flags", async (enumStyle) => {
    const fixtures = await generateFixtures(enumStyle);
    try {
      expect(fixtures.ids.length).toBeGreaterThan(3);
      const files = fixtures.ids.map((id) => join(fixtures.dir, id, "src", "index.ts"));
      for (const f of files) expect(existsSync(f), f).toBe(true);
      expect(typecheck(files, "strictest", { extra: { erasableSyntaxOnly: enumStyle === "const" } })).toBe("");
    } finally {
      fixtures.remove();
    }
  });
});
