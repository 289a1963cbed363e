/**
 * TypeScript source -> dist/*.js and dist/*.d.ts, one file at a time, without a
 * type-checking program. oxc-transform strips the types and writes the isolated
 * declarations (the generated source is isolatedDeclarations-friendly; TypeScript's
 * own emitter gives the same declarations, which test/compile/compile.test.ts
 * checks). TypeScript's single-file transpilers took about 1.4 s of the shipped
 * specs' cold run, the largest stage; oxc takes about 0.02 s. It is a native
 * binary shipped as an optional dependency per platform: no install script.
 * Its async calls run on libuv's thread pool, beside the formatter, so this thread
 * emits the next package meanwhile (on 1,000 tables the synchronous calls were
 * about 3 s of this thread's time).
 */
import { createRequire } from "node:module";
import type { GeneratedFile } from "../../model/generated-file.ts";
import { nativeLoadError } from "./native-dependency.ts";

// CommonJS, loaded with require: oxc-transform ships a CommonJS entry that loads its native binding.
const oxc = loadOxc(createRequire(import.meta.url));

/** oxc-transform, or a one-line install error (see native-dependency.ts). */
export function loadOxc(require: (id: string) => unknown): typeof import("oxc-transform") {
  try {
    return require("oxc-transform") as typeof import("oxc-transform");
  } catch (err) {
    throw nativeLoadError("oxc-transform", "compiles dist/", err);
  }
}

/** "<id>/src/x.ts" -> ["<id>/dist/x.js", "<id>/dist/x.d.ts"] contents. The header line is kept first. */
export async function compileModule(file: GeneratedFile, header: string): Promise<GeneratedFile[]> {
  const base = file.path.replace("/src/", "/dist/").replace(/\.ts$/, "");
  const [js, dts] = await Promise.all([
    oxc.transform(file.path, file.content, { lang: "ts", sourceType: "module", target: "es2022" }),
    oxc.isolatedDeclaration(file.path, file.content, { stripInternal: false }),
  ]);
  const problems = [...js.errors, ...dts.errors];
  if (problems.length) {
    const text = problems.map((e) => e.message).join("\n");
    throw new Error(`codebook: generated ${file.path} does not compile in isolation (a generator bug):\n${text}`);
  }
  return [
    { path: `${base}.js`, content: withHeader(reindent(js.code), header) },
    { path: `${base}.d.ts`, content: withHeader(reindent(dts.code), header) },
  ];
}

/** The header exactly once, first: the compiler may move or drop leading comments. */
function withHeader(text: string, header: string): string {
  const body = text.split(header).join("").replace(/^\s*\n/, "");
  return header + "\n" + (body.includes("//# sourceMappingURL=") ? body.replace(/\n*\/\/# sourceMappingURL=.*\n?$/, "\n") : body);
}

/**
 * oxc indents with tabs and prints a doc comment's continuation lines as
 * `<tabs>* text`; this makes each leading tab two spaces and puts the stars under
 * the opening `/**`, as in src/. It changes only whitespace at the start of a
 * line, which is never inside a string: the emitters write every text from a
 * spec through `lit()` (JSON.stringify, no raw line breaks) and no template
 * literal of theirs spans lines (test/compile/compile.test.ts holds them to it).
 */
export function reindent(text: string): string {
  // Only lines that start with a tab or a star change: matching those alone skips the callback on every other line.
  return text.replace(/^\t*\*|^\t+/gm, (lead: string) => (lead.endsWith("*") ? "  ".repeat(lead.length - 1) + " *" : "  ".repeat(lead.length)));
}
