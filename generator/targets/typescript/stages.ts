/**
 * The TypeScript target's heavy half: the emitters (TypeScript text, Handlebars
 * for package.json and the README), oxc-transform for dist/ and oxfmt for layout.
 * Loaded by `typescriptTarget.load()`, once per run that emits.
 *
 * finish compiles and formats together: oxc's and oxfmt's calls run on libuv's
 * thread pool, so this thread emits the next package meanwhile. Compiling reads the
 * unformatted sources, whose JS and .d.ts the compiler prints the same way every run.
 */
import type { GeneratedFile } from "../../model/generated-file.ts";
import { lineHeader } from "../../model/generated-file.ts";
import type { TargetStages } from "../target.ts";
import * as api from "./api/api-module.ts";
import { compileModule } from "./compile.ts";
import { formatFiles } from "./format.ts";
import { emitPackage } from "./package-files.ts";
import type { TypeScriptOptions } from "./options.ts";

export const typescriptStages: TargetStages<TypeScriptOptions> = {
  emit: (spec, run) => emitPackage(spec, run.options, api),
  async finish(files, spec) {
    const header = lineHeader(spec);
    const sources = files.filter((f) => f.role === "source");
    // Formatted: what people read and review, sources, package.json, Markdown; data is JSON.stringify output, already canonical.
    const formatting = formatFiles(files.filter((f) => f.role === "source" || f.role === "doc"));
    const compiling = Promise.all(sources.filter((f) => f.path.endsWith(".ts")).map((m) => compileModule(m, header)));
    const [compiled, formatted] = await Promise.all([compiling, formatting]);
    const built: GeneratedFile[] = compiled.flat().map((f) => ({ ...f, role: "build" }));
    return [...built, ...files.filter((f) => f.role === "data"), ...formatted];
  },
};
