/**
 * TypeScript source -> dist/*.js and dist/*.d.ts without a type-checking
 * program, one file at a time: ts.transpileModule strips the types (comments
 * dropped: the .d.ts and src/ keep them) and ts.transpileDeclaration writes the
 * declarations (the generated source is isolatedDeclarations-friendly). Both
 * come with the TypeScript that ts-morph bundles, so codebook needs no native
 * binary and no install script. A full program emit costs seconds.
 */
import { tsMorph } from "../ts-morph.ts";

const { ts } = tsMorph;
import type { GeneratedFile } from "../emit/generated-file.ts";

const jsOptions: import("ts-morph").ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  newLine: ts.NewLineKind.LineFeed,
  removeComments: true,
};

const dtsOptions: import("ts-morph").ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  newLine: ts.NewLineKind.LineFeed,
  declaration: true,
  isolatedDeclarations: true,
};

/** "<id>/src/x.ts" -> ["<id>/dist/x.js", "<id>/dist/x.d.ts"] contents. The header line is kept first. */
export function compileModule(file: GeneratedFile, header: string): GeneratedFile[] {
  const base = file.path.replace("/src/", "/dist/").replace(/\.ts$/, "");
  const js = ts.transpileModule(file.content, { compilerOptions: jsOptions, fileName: file.path });
  const dts = ts.transpileDeclaration(file.content, { compilerOptions: dtsOptions, fileName: file.path, reportDiagnostics: true });
  const problems = dts.diagnostics ?? [];
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
