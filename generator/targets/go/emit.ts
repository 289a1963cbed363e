/**
 * One spec's Go module: the files, in the layout the Go target owns.
 *
 *   <id>/go.mod                module <prefix>/<id>, the go directive; no requirements
 *   <id>/README.md             install (go get, replace), use, tags, the codes
 *   <id>/doc.go                the package documentation (go doc)
 *   <id>/codes.go              Code and its constants, Outcome, Kind, Context, categories, the rows
 *   <id>/classify.go           Classify, ClassifyValue, Describe, IsCode
 *   <id>/transport.go          HTTP-status rules and ClassifyResponse, where the source has them
 *   <id>/endpoints.go …        API specs: endpoints and headers, bodies, the code parser, the
 *                              HTTP-status check and the validators
 *   <id>/*.go                  the fixed helpers they call (templates/go/), copied as needed
 *   <id>/example_test.go       runnable examples, checked by `go test`
 *   <id>/fixtures/fixtures.go  test data: code cases, and an API's sample bodies
 *
 * Pure: the same spec and options give the same bytes, with no I/O and no Go toolchain.
 */
import type { GeneratedFile } from "../../model/generated-file.ts";
import type { Spec } from "../../model/types.ts";
import type { TargetRun } from "../target.ts";
import { apiFiles } from "./api-files.ts";
import { classifyFile, type Decls } from "./classify-file.ts";
import { codesFile } from "./codes-file.ts";
import { docFile } from "./doc-file.ts";
import { examplesFile } from "./examples-file.ts";
import { fixturesFile } from "./fixtures-file.ts";
import { packageName } from "./names.ts";
import { modulePath, type GoOptions } from "./options.ts";
import { readme } from "./readme.ts";
import { goFile, goHeader } from "./syntax.ts";
import { transportFile } from "./transport-file.ts";

/** The fixed helpers (templates/go/*.go), by file name, as load() read them. */
export type RuntimeSources = ReadonlyMap<string, string>;

/** A runtime file for a package: the header, then the template with its package clause renamed. */
function runtimeFile(spec: Spec, pkg: string, name: string, runtime: RuntimeSources): GeneratedFile {
  const text = runtime.get(name);
  if (text === undefined) throw new Error(`codebook: the Go runtime file ${name} is missing from templates/go/`);
  const body = text.replace(/^package runtime\n/, `package ${pkg}\n`);
  return { path: `${spec.id}/${name}`, content: `${goHeader(spec)}\n\n${body}`, role: "source" };
}

export function emitGo(spec: Spec, run: TargetRun<GoOptions>, runtime: RuntimeSources): GeneratedFile[] {
  const pkg = packageName(spec);
  const module = modulePath(run.options, spec);
  const source = (name: string, d: Decls): GeneratedFile => ({ path: `${spec.id}/${name}`, content: goFile(spec, pkg, d.imports, d.decls), role: "source" });
  const codes = codesFile(spec);
  const classify = classifyFile(spec);
  const transport = transportFile(spec);
  const api = spec.api ? apiFiles(spec) : [];
  const parts: [string, Decls][] = [
    ["codes.go", { ...codes, runtime: [] }],
    ["classify.go", classify],
    ...(transport ? [["transport.go", transport] as [string, Decls]] : []),
    ...api,
  ];
  const runtimeNames = [...new Set(parts.flatMap(([, d]) => d.runtime))].sort();
  const files: GeneratedFile[] = [
    { path: `${spec.id}/go.mod`, content: `${goHeader(spec)}\n\nmodule ${module}\n\ngo ${run.options.go}\n`, role: "source" },
    readme(spec, run, module),
    docFile(spec, pkg),
    ...parts.map(([name, d]) => source(name, d)),
    ...runtimeNames.map((name) => runtimeFile(spec, pkg, name, runtime)),
    examplesFile(spec, pkg, module),
    fixturesFile(spec, pkg, module),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
