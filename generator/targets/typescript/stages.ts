/**
 * The TypeScript target's heavy half: the emitters (TypeScript text, Handlebars
 * for package.json and the README), oxc-transform for dist/ and oxfmt for layout.
 * Loaded by `typescriptTarget.load()`, once per run that emits.
 *
 * finish compiles and formats together: oxc's and oxfmt's calls run on libuv's
 * thread pool, so this thread emits the next package meanwhile. The JavaScript is
 * compiled from the unformatted sources (oxc prints it the same way either way), the
 * declarations from the formatted ones, so that their maps point at src/'s lines.
 */
import type { GeneratedFile } from "../../model/generated-file.ts";
import type { TargetStages } from "../target.ts";
import * as api from "./api/api-module.ts";
import { compileDeclarations, compileScript } from "./compile.ts";
import { formatFiles } from "./format.ts";
import { emitPackage } from "./package-files.ts";
import type { TypeScriptOptions } from "./options.ts";

export const typescriptStages: TargetStages<TypeScriptOptions> = {
  emit: (spec, run) => emitPackage(spec, run.options, api),
  async finish(files, spec) {
    const sources = files.filter((f) => f.role === "source");
    // Formatted: what people read and review, sources, package.json, Markdown; data is JSON.stringify output, already canonical.
    const formatting = formatFiles(files.filter((f) => f.role === "source" || f.role === "doc"));
    const modules = new Set(sources.filter((f) => f.path.endsWith(".ts")).map((f) => f.path));
    const scripts = Promise.all(sources.filter((f) => modules.has(f.path)).map((m) => compileScript(m, spec)));
    // Declarations wait for the formatted sources: their maps point at the lines src/ has.
    const formatted = await formatting;
    const declarations = await Promise.all(formatted.filter((f) => modules.has(f.path)).map((m) => compileDeclarations(m, spec)));
    const built: GeneratedFile[] = [...(await scripts), ...declarations.flat()].map((f) => ({ ...f, role: "build" }));
    return [...built, ...files.filter((f) => f.role === "data"), ...formatted];
  },
};
