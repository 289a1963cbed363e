/**
 * dist/ is oxc-transform's output (generator/compile/compile.ts). These hold it to
 * what TypeScript itself would write, over every shipped spec and every fixture
 * spec, in both enum styles:
 * - each .d.ts declares what ts.transpileDeclaration declares under `strict` (the
 *   same tokens; only layout differs);
 * - each .js is the source with its types stripped: the same tokens as
 *   ts.transpileModule's output;
 * - no template literal in a generated source spans lines, which is what makes the
 *   re-indenting of oxc's output safe (`reindent` touches only line starts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOxc, reindent } from "../../../generator/targets/typescript/compile.ts";
import { ConfigError } from "../../../generator/config/config.ts";
import { generate } from "../../../generator/run/pipeline.ts";
import { fixtureSpecDir } from "../../fixture-packages.ts";
import { specDir } from "../../helpers.ts";

interface Module {
  /** "<out>/<id>/src/x.ts", relative to the out dir. */
  src: string;
  text: string;
  js: string;
  dts: string;
}

const roots: string[] = [];
const modules: Module[] = [];

async function generateInto(specs: string, enumStyle: "const" | "enum"): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "codebook-compile-"));
  roots.push(root);
  writeFileSync(join(root, "codebook.config.yaml"), `specDir: ${JSON.stringify(specs)}\noutDir: out\nenumStyle: ${enumStyle}\n`);
  await generate({ cwd: root });
  const out = join(root, "out");
  for (const e of readdirSync(out, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    if (!e.isFile() || !/\/src\/[^/]+\.ts$/.test(path)) continue;
    const dist = path.replace("/src/", "/dist/").replace(/\.ts$/, "");
    modules.push({
      src: `${enumStyle}:${relative(out, path)}`,
      text: readFileSync(path, "utf8"),
      js: readFileSync(`${dist}.js`, "utf8"),
      dts: readFileSync(`${dist}.d.ts`, "utf8"),
    });
  }
}

beforeAll(async () => {
  for (const style of ["const", "enum"] as const) {
    await generateInto(specDir, style);
    await generateInto(fixtureSpecDir, style);
  }
}, 120_000);

afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** The text of every template literal part in a source (`...`, `...${, }...${, }...`). */
function templateParts(text: string): string[] {
  const file = ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) out.push(node.getText(file));
    node.forEachChild(visit);
  };
  visit(file);
  return out;
}

/**
 * The tokens of a file, comments and layout left out: what two printers agree on
 * when they print the same syntax. A trailing comma, a semicolon before `}` and
 * parentheses (prettier adds some around a multi-line return) are layout, and so
 * is a string's quote style, or quotes around a property name that
 * needs none (prettier drops them in src/).
 */
function tokens(text: string, name: string): string[] {
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, name.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJSDoc(node)) return;
    if (ts.isParenthesizedExpression(node)) return visit(node.expression);
    // `code: code` is `code`: oxc prints the shorthand.
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.initializer) && node.name.getText(file) === node.initializer.text) return void out.push(node.initializer.text);
    if (node.getChildCount(file) > 0) return node.getChildren(file).forEach(visit);
    if (ts.isNumericLiteral(node)) return void out.push(String(Number(node.text)));
    if (!ts.isStringLiteral(node)) return void out.push(node.getText(file));
    const named = "name" in node.parent && node.parent.name === node && /^[A-Za-z_$][\w$]*$/.test(node.text);
    out.push(named ? node.text : JSON.stringify(node.text));
  };
  visit(file);
  const next = (i: number) => out.slice(i + 1).find((t) => t !== "") ?? "";
  return out.filter((t, i) => t !== "" && !(t === "," && /^[\]})]$/.test(next(i))) && !(t === ";" && next(i) === "}"));
}

describe("compile", () => {
  it("generates modules to compare", () => {
    expect(modules.length).toBeGreaterThan(20);
  });

  it("each .d.ts declares what TypeScript's isolated-declarations emitter declares", () => {
    for (const m of modules) {
      const theirs = ts.transpileDeclaration(m.text, {
        fileName: m.src.slice(m.src.indexOf(":") + 1),
        compilerOptions: { declaration: true, isolatedDeclarations: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      }).outputText;
      expect(tokens(m.dts, "x.d.ts"), m.src).toEqual(tokens(theirs, "x.d.ts"));
    }
  });

  it("each .js is the source with its types stripped, as TypeScript strips them", () => {
    // An enum compiles to a different (equivalent) function in each: the enum style is held to the const one below.
    for (const m of modules.filter((m) => m.src.startsWith("const:"))) {
      const theirs = ts.transpileModule(m.text, {
        fileName: m.src.slice(m.src.indexOf(":") + 1),
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      }).outputText;
      expect(tokens(m.js, "x.js"), m.src).toEqual(tokens(theirs, "x.js"));
    }
  });

  it("enum-style JS exports what const-style JS exports, and classifies alike", async () => {
    const constOut = join(roots[0]!, "out");
    const enumOut = join(roots[2]!, "out");
    let classified = 0;
    for (const id of readdirSync(constOut).filter((d) => !d.startsWith("."))) {
      const [a, b] = await Promise.all([constOut, enumOut].map((o) => import(pathToFileURL(join(o, id, "dist", "index.js")).href)));
      expect(Object.keys(b).sort(), id).toEqual(Object.keys(a).sort());
      for (const name of Object.keys(a)) {
        if (typeof a[name] !== "function") expect(b[name], `${id} ${name}`).toEqual(a[name]);
        else if (/^classify.*Code$/.test(name)) {
          const codes = Object.values(a[name.replace(/^classify(.*)Code$/, "$1Code")] as object);
          for (const code of [...codes, "zz", 7]) expect(b[name](code), `${id} ${name}(${code})`).toEqual(a[name](code));
          classified += codes.length;
        }
      }
    }
    expect(classified).toBeGreaterThan(500);
  });

  it("no template literal of a generated source spans lines (reindent relies on it)", () => {
    for (const m of modules) {
      for (const t of templateParts(m.text)) expect(t.includes("\n"), `${m.src}: ${t.slice(0, 80)}`).toBe(false);
    }
  });

  it("dist/ is indented with spaces, doc comments aligned under their opening line", () => {
    for (const m of modules) {
      for (const text of [m.js, m.dts]) {
        expect(text.includes("\t"), m.src).toBe(false);
        for (const [i, line] of text.split("\n").entries()) {
          if (/^\s*\*/.test(line)) expect(line, `${m.src}:${i + 1}`).toMatch(/^( {2})* \*/);
        }
      }
    }
  });
});

describe("reindent", () => {
  it("makes each leading tab two spaces and aligns a doc comment's stars", () => {
    expect(reindent("export const a = {\n\t/**\n\t* x\n\t*/\n\tb: 1,\n\t\tc: [\n\t\t],\n};\n")).toBe(
      "export const a = {\n  /**\n   * x\n   */\n  b: 1,\n    c: [\n    ],\n};\n",
    );
  });

  it("touches nothing after a line's leading tabs and star", () => {
    const line = '\t\t* a\t"b\\t"\t* c';
    expect(reindent(line)).toBe('     * a\t"b\\t"\t* c');
    expect(reindent('x = "\t";\ny = 1;')).toBe('x = "\t";\ny = 1;');
  });
});

describe("loadOxc", () => {
  it("turns a binding that does not load into a config error that says what to do", () => {
    const missing = () => {
      throw new Error("Cannot find native binding. npm has a bug related to optional dependencies\n  at …");
    };
    expect(() => loadOxc(missing)).toThrow(ConfigError);
    expect(() => loadOxc(missing)).toThrow(/^oxc-transform, which compiles dist\/, did not load on \w+-\w+ \(Cannot find native binding\. npm has a bug related to optional dependencies\)\. .*reinstall/);
  });
});
