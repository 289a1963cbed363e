// No function in generator/ is longer than 120 lines (issue 24). A function's length
// is its lines from the first to the last, so a nested closure counts toward the
// function around it (and again on its own).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";

const LIMIT = 120;

interface Measured {
  file: string;
  line: number;
  name: string;
  lines: number;
}

/** Every function, method, accessor and arrow function of a source text, with its length in lines. */
function measure(file: string, text: string): Measured[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Measured[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = lineOf(node.getStart(source));
      out.push({ file, line: first, name: nameOf(node), lines: lineOf(node.getEnd()) - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function nameOf(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name && (ts.isIdentifier(named.name) || ts.isPrivateIdentifier(named.name))) return named.name.text;
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return "(anonymous)";
}

function generatorFiles(): string[] {
  const dir = join(repoRoot, "generator");
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => relative(repoRoot, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

const tooLong = (list: Measured[]) => list.filter((m) => m.lines > LIMIT).sort((a, b) => b.lines - a.lines);
const show = (list: Measured[]) => list.map((m) => `${m.file}:${m.line} ${m.name}: ${m.lines} lines`);

describe("function length", () => {
  it("measures a function with its nested closures, and each closure on its own", () => {
    const inner = Array.from({ length: 125 }, (_, i) => `    const v${i} = ${i};`).join("\n");
    const text = `export function outer(): void {\n  const helper = () => {\n${inner}\n  };\n  helper();\n}\nfunction short(): number {\n  return 1;\n}\nclass C {\n  method(): void {}\n}\n`;
    const measured = measure("example.ts", text);
    expect(measured.map((m) => [m.name, m.lines])).toEqual([
      ["outer", 130],
      ["helper", 127],
      ["short", 3],
      ["method", 1],
    ]);
    expect(show(tooLong(measured))).toEqual(["example.ts:1 outer: 130 lines", "example.ts:2 helper: 127 lines"]);
  });

  const all = generatorFiles().flatMap((file) => measure(file, readFileSync(join(repoRoot, file), "utf8")));

  it(`no function in generator/ is longer than ${LIMIT} lines`, () => {
    expect(all.length).toBeGreaterThan(300);
    expect(show(tooLong(all))).toEqual([]);
  });
});
