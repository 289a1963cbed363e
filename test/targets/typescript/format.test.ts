// The format stage: oxfmt with prettier's layout. Every generated TypeScript source and
// package.json must be what prettier prints with codebook's settings (the README's
// "Formatting and your prettier"), and a fixed point of codebook's own formatter.
// prettier is a devDependency for this: codebook itself never loads it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../../generator/config/config.ts";
import { formatFile, loadOxfmt } from "../../../generator/targets/typescript/format.ts";
import { joinFittingUnions } from "../../../generator/targets/typescript/prettier-layout.ts";
import { generate } from "../../../generator/run/pipeline.ts";
import { fixtureSpecDir, generateFixtures, type FixturePackages } from "../../fixture-packages.ts";
import { repoRoot } from "../../helpers.ts";

const prettierOptions: prettier.Options = { printWidth: 120, endOfLine: "lf", trailingComma: "all" };

/** Every formatted file of an out dir: "<id>/src/*.ts" and "<id>/package.json", with their text. */
function formattedFiles(outDir: string): { path: string; text: string }[] {
  return readdirSync(outDir, { recursive: true, encoding: "utf8" })
    .map((p) => p.split("\\").join("/"))
    .filter((p) => /^[^/]+\/(src\/[^/]+\.ts|package\.json)$/.test(p))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(outDir, path), "utf8") }));
}

async function prettierPrints(path: string, text: string): Promise<string> {
  return prettier.format(text, { ...prettierOptions, parser: path.endsWith(".json") ? "json" : "babel-ts" });
}

/** Asserts that every file is what prettier prints, and what codebook's formatter prints again. */
async function expectPrettierLayout(files: { path: string; text: string }[]): Promise<void> {
  expect(files.length).toBeGreaterThan(0);
  for (const { path, text } of files) {
    expect(await prettierPrints(path, text), path).toBe(text);
    expect((await formatFile({ path, content: text })).content, `${path}: formatting again changes it`).toBe(text);
  }
}

describe("generated sources are in prettier's layout", () => {
  let fixtures: FixturePackages[] = [];
  beforeAll(async () => {
    fixtures = [await generateFixtures("const"), await generateFixtures("enum")];
  }, 120_000);
  afterAll(() => fixtures.forEach((f) => f.remove()));

  it("in the shipped packages (generated/)", async () => {
    const files = formattedFiles(join(repoRoot, "generated"));
    expect(files.filter((f) => f.path.endsWith(".ts")).length).toBeGreaterThanOrEqual(12);
    await expectPrettierLayout(files);
  }, 60_000);

  it("in the fixture specs' packages, in both enum styles", async () => {
    for (const f of fixtures) await expectPrettierLayout(formattedFiles(f.dir));
  }, 60_000);

  // Type names grow with the prefix, so over a sweep of prefix lengths every union, call,
  // object and signature the emitters print crosses the print width somewhere.
  it("whatever the type names' length: prefixes of 1 to 40 characters", async () => {
    const root = mkdtempSync(join(tmpdir(), "codebook-layout-"));
    try {
      const specs = ["gateway-composite.yaml", "minimal-api.yaml", "minimal-composite.yaml"];
      let joined = 0;
      for (let length = 1; length <= 40; length++) {
        const dir = join(root, String(length));
        mkdirSync(join(dir, "spec"), { recursive: true });
        const prefix = "Q" + "x".repeat(length - 1);
        for (const name of specs) {
          const text = readFileSync(join(fixtureSpecDir, name), "utf8");
          const withPrefix = /^typePrefix: /m.test(text) ? text.replace(/^typePrefix: .*$/m, `typePrefix: ${prefix}`) : text.replace(/^(id: .*)$/m, `$1\ntypePrefix: ${prefix}`);
          writeFileSync(join(dir, "spec", name), withPrefix);
        }
        writeFileSync(join(dir, "codebook.config.yaml"), "specDir: spec\noutDir: out\n");
        await generate({ cwd: dir });
        const files = formattedFiles(join(dir, "out")).filter((f) => f.path.endsWith(".ts"));
        await expectPrettierLayout(files);
        joined += files.filter((f) => /^(export )?type .* =\n {2}[^|\n][^\n]* \| /m.test(f.text)).length;
      }
      // The layout prettier-layout.ts restores was met (not only unions that fit after `=` or not at all).
      expect(joined).toBeGreaterThan(20);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("joinFittingUnions", () => {
  const members = (n: number, width: number) => Array.from({ length: n }, (_, i) => `"${String(i).padStart(width - 2, "0")}"`);
  const broken = (head: string, ms: string[]) => [head, ...ms.map((m, i) => `  | ${m}${i === ms.length - 1 ? ";" : ""}`), ""].join("\n");

  it("puts a union that fits on the line after `=` on that line", () => {
    const ms = members(10, 9); // "  " + 10 × 9 + 9 × 3 + ";" = 120 columns
    expect(joinFittingUnions(broken("export type LongName =", ms), 120)).toBe(`export type LongName =\n  ${ms.join(" | ")};\n`);
  });

  it("leaves a union one column too wide, as prettier does", () => {
    const text = broken("export type LongName =", members(10, 9).map((m, i) => (i === 0 ? `"x${m.slice(1)}` : m)));
    expect(joinFittingUnions(text, 120)).toBe(text);
  });

  it("joins generic aliases and object-type members, and only at the top level", () => {
    const generic = broken("export type Result<T> =", ["{ ok: true; value: T }", "{ ok: false; errors: string[] }"]);
    expect(joinFittingUnions(generic, 120)).toBe("export type Result<T> =\n  { ok: true; value: T } | { ok: false; errors: string[] };\n");
    const nested = "interface A {\n  readonly b:\n  | \"c\"\n  | \"d\";\n}\n";
    expect(joinFittingUnions(nested, 120)).toBe(nested);
  });

  it("leaves a union whose member spans lines, or holds non-ASCII text", () => {
    const spanning = "export type A =\n  | {\n      b: 1;\n    }\n  | null;\n";
    expect(joinFittingUnions(spanning, 120)).toBe(spanning);
    const wide = broken("export type A =", ['"確認"', '"済み"']);
    expect(joinFittingUnions(wide, 120)).toBe(wide);
  });
});

describe("formatFile", () => {
  it("says which generated file does not parse", async () => {
    await expect(formatFile({ path: "x/src/index.ts", content: "export const = ;\n" })).rejects.toThrow(/^codebook: generated x\/src\/index\.ts does not parse/);
  });

  it("lays package.json out as prettier's JSON does: short arrays and objects on one line", async () => {
    const { content } = await formatFile({ path: "x/package.json", content: '{"files": ["dist",\n"src"], "engines": {"node": ">=20"}}' });
    expect(content).toBe('{ "files": ["dist", "src"], "engines": { "node": ">=20" } }\n');
  });

  it("turns an oxfmt binding that does not load into a config error that says what to do", async () => {
    const missing = () => Promise.reject(new Error("Cannot find native binding.\n  at …"));
    await expect(loadOxfmt(missing)).rejects.toThrow(ConfigError);
    await expect(loadOxfmt(missing)).rejects.toThrow(/^oxfmt, which formats the generated sources, did not load on \w+-\w+ \(Cannot find native binding\.\)\. .*reinstall/);
  });
});
