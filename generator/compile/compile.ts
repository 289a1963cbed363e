/**
 * TypeScript source -> dist/*.js and dist/*.d.ts without a type-checking
 * program: ts.transpileModule for JS and ts.transpileDeclaration for .d.ts
 * (the generated source is isolatedDeclarations-friendly). A full program
 * emit costs seconds; these take milliseconds per file.
 */
import { ts } from "ts-morph";
import type { GeneratedFile } from "../emit/generated-file.ts";

const jsOptions: import("ts-morph").ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
};
const dtsOptions: import("ts-morph").ts.CompilerOptions = { ...jsOptions, declaration: true, isolatedDeclarations: true };

/** "<id>/src/x.ts" -> ["<id>/dist/x.js", "<id>/dist/x.d.ts"] contents. The header line is kept first. */
export function compileModule(file: GeneratedFile, header: string): GeneratedFile[] {
  const base = file.path.replace("/src/", "/dist/").replace(/\.ts$/, "");
  const js = ts.transpileModule(file.content, { compilerOptions: jsOptions, fileName: file.path, reportDiagnostics: true });
  const dts = ts.transpileDeclaration(file.content, { compilerOptions: dtsOptions, fileName: file.path, reportDiagnostics: true });
  const problems = [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])];
  if (problems.length) {
    const text = problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n");
    throw new Error(`codebook: generated ${file.path} does not compile in isolation (a generator bug):\n${text}`);
  }
  return [
    { path: `${base}.js`, content: withHeader(js.outputText, header) },
    { path: `${base}.d.ts`, content: withHeader(dts.outputText, header) },
  ];
}

/** The header exactly once, first: the compiler may move or drop leading comments. */
function withHeader(text: string, header: string): string {
  const body = text.split(header).join("").replace(/^\s*\n/, "");
  return header + "\n" + body.replace(/\n*\/\/# sourceMappingURL=.*\n?$/, "\n");
}
