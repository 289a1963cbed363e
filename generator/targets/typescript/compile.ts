/**
 * TypeScript source -> dist/*.js and dist/*.d.ts, one file at a time, without a
 * type-checking program. oxc-transform strips the types and writes the isolated
 * declarations (the generated source is isolatedDeclarations-friendly; TypeScript's
 * own emitter gives the same declarations, which test/targets/typescript/compile.test.ts
 * checks). TypeScript's single-file transpilers took about 1.4 s of the shipped
 * specs' cold run, the largest stage; oxc takes about 0.02 s. It is a native
 * binary shipped as an optional dependency per platform: no install script.
 * Its async calls run on libuv's thread pool, beside the formatter, so this thread
 * emits the next package meanwhile (on 1,000 tables the synchronous calls were
 * about 3 s of this thread's time).
 */
import { createRequire } from "node:module";
import type { GeneratedFile } from "../../model/generated-file.ts";
import type { Spec } from "../../model/types.ts";
import { scriptHeader } from "./header.ts";
import { declarationMap } from "./declaration-map.ts";
import { nativeLoadError } from "./native-dependency.ts";
import { reindent } from "./reindent.ts";

export { reindent } from "./reindent.ts";

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

/** "<id>/src/x.ts" -> "<id>/dist/x.js". The header is kept first. */
export async function compileScript(file: GeneratedFile, spec: Pick<Spec, "specFile">): Promise<GeneratedFile> {
  const js = await oxc.transform(file.path, file.content, { lang: "ts", sourceType: "module", target: "es2022" });
  failOn(file, js.errors);
  return { path: distPath(file, ".js"), content: withHeader(reindent(js.code), scriptHeader(spec)) };
}

/**
 * "<id>/src/x.ts" (as formatted: the lines the map points to are the lines src/ has) -> "<id>/dist/x.d.ts" and its
 * ".d.ts.map", so that "go to definition" in an editor opens src/, which the package ships beside dist/.
 */
export async function compileDeclarations(file: GeneratedFile, spec: Pick<Spec, "specFile">): Promise<GeneratedFile[]> {
  const dts = await oxc.isolatedDeclaration(file.path, file.content, { stripInternal: false, sourcemap: true });
  failOn(file, dts.errors);
  const name = file.path.slice(file.path.lastIndexOf("/") + 1, -".ts".length);
  const declarations = withHeader(reindent(dts.code), scriptHeader(spec));
  if (!dts.map) return [{ path: distPath(file, ".d.ts"), content: declarations }];
  return [
    { path: distPath(file, ".d.ts"), content: `${declarations}//# sourceMappingURL=${name}.d.ts.map\n` },
    { path: distPath(file, ".d.ts.map"), content: declarationMap(spec, dts.map, dts.code, declarations, `${name}.d.ts`, `../src/${name}.ts`) },
  ];
}

function distPath(file: GeneratedFile, extension: string): string {
  return file.path.replace("/src/", "/dist/").replace(/\.ts$/, extension);
}

function failOn(file: GeneratedFile, errors: readonly { message: string }[]): void {
  if (errors.length) throw new Error(`codebook: generated ${file.path} does not compile in isolation (a generator bug):\n${errors.map((e) => e.message).join("\n")}`);
}

/** The header exactly once, first: the compiler may move or drop leading comments. */
function withHeader(text: string, header: string): string {
  const body = text.split(header).join("").replace(/^\s*\n/, "");
  return header + "\n" + (body.includes("//# sourceMappingURL=") ? body.replace(/\n*\/\/# sourceMappingURL=.*\n?$/, "\n") : body);
}
