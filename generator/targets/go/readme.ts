/**
 * A module's README.md: install with `go get` or a `replace` directive, a
 * compiled example (the tests build every README's Go blocks), how to tag a module
 * that lives in a subdirectory, and every code with its outcome.
 */
import { headerText } from "../../model/generated-file.ts";
import type { GeneratedFile } from "../../model/generated-file.ts";
import type { Spec } from "../../model/types.ts";
import { cell, codeCell, inline } from "../../artifacts/templates.ts";
import type { TargetRun } from "../target.ts";
import { goNames, packageName } from "./names.ts";
import type { GoOptions } from "./options.ts";
import { goString } from "./syntax.ts";

/** The code a README example classifies: a pending one where the table has one (the case integrators get wrong). */
export function exampleCode(spec: Spec) {
  const ctx = spec.contexts[0]!.id;
  return spec.codes.find((c) => c.outcomes[ctx] === "pending") ?? spec.codes[0]!;
}

/** The README's example: a program that classifies a code and switches on the outcome. */
export function readmeExample(spec: Spec, module: string): string {
  const pkg = packageName(spec);
  const c = exampleCode(spec);
  return [
    "package main",
    "",
    "import (",
    '\t"fmt"',
    "",
    `\t${pkg} ${goString(module)}`,
    ")",
    "",
    "func main() {",
    `\tr := ${pkg}.Classify(${goString(c.code)}, ${pkg}.${goNames.context(spec.contexts[0]!.id)})`,
    "\tswitch r.Outcome {",
    `\tcase ${pkg}.OutcomeSuccess:`,
    '\t\tfmt.Println("deliver")',
    `\tcase ${pkg}.OutcomePending:`,
    '\t\tfmt.Println("not final: check the status later, never refund or retry yet")',
    `\tcase ${pkg}.OutcomeFailed:`,
    '\t\tfmt.Println("failed: safe to release the funds")',
    "\tdefault:",
    '\t\tfmt.Println("unknown: escalate", r.Reason)',
    "\t}",
    "}",
  ].join("\n");
}

export function readme(spec: Spec, run: TargetRun<GoOptions>, module: string): GeneratedFile {
  const dir = run.outDir === "." || run.outDir === "" ? spec.id : `${run.outDir}/${spec.id}`;
  const tag = `${dir}/v${spec.version}`;
  const multi = spec.contexts.length > 1;
  const rows = spec.codes.map((c) => {
    const outcome = multi ? spec.contexts.map((x) => `${x.id}: **${c.outcomes[x.id]}**`).join("<br>") : `**${c.outcomes[spec.contexts[0]!.id]}**`;
    return `| ${codeCell(c.code)} | \`${goNames.code(c)}\` | ${cell(c.message)} | ${outcome} |`;
  });
  const text = [
    `<!-- ${headerText(spec)} -->`,
    "",
    `# ${module}`,
    "",
    `${inline(spec.title)} (version ${spec.version}): every response code of **${inline(spec.source.document)}** (${inline(spec.source.provider)}) as Go constants, and a classifier that never panics and never confirms success for a code the table does not list. Go ${run.options.go} or newer, the standard library only.`,
    "",
    `> Generated from \`${spec.specFile}\` by codebook. Do not edit: change the spec and run \`codebook generate\`. \`go doc ${module}\` shows the whole API.`,
    "",
    "## Install",
    "",
    "From a published tag:",
    "",
    "```sh",
    `go get ${module}@v${spec.version}`,
    "```",
    "",
    `Inside the repository that generates it (no tag needed), require it and point a \`replace\` directive at the module's directory, relative to your \`go.mod\`:`,
    "",
    "```",
    `require ${module} v${spec.version}`,
    "",
    `replace ${module} => ../${dir}`,
    "```",
    "",
    "In a Go workspace, `go work use` the directory instead.",
    "",
    "## Use",
    "",
    "```go",
    readmeExample(spec, module),
    "```",
    "",
    `\`Classify\` takes a string; \`ClassifyValue\` takes a value as \`encoding/json\` decodes it (a number is not a code: \`200\` is not \`"200"\`). ${spec.api ? "`ValidateXRequest` and `ValidateXResponse` return every problem of a body (JSON text, or `…Value` for a decoded value) with its JSON Pointer, `ParseResponseCode` reads a response code into its parts, and `CheckHTTPStatus` compares the HTTP status with the body's code. " : ""}Test data (every code by outcome and context${spec.api ? ", sample bodies" : ""}) is in \`${module}/fixtures\`.`,
    "",
    "## Publishing",
    "",
    `The module lives in a subdirectory of its repository, \`${dir}\`, so Go reads its versions from tags that start with that path. Tag the commit and push the tag:`,
    "",
    "```sh",
    `git tag ${tag}`,
    `git push origin ${tag}`,
    "```",
    "",
    `For \`go get\` to find it, the module path must be the repository's path followed by \`${dir}\`: set the Go target's \`module\` option to the repository's path plus \`/${run.outDir}\`. The version is the spec's (\`version\`); from version 2 on, the module path ends in \`/v2\` (\`/v3\`, …), as Go's import compatibility rule asks.`,
    "",
    "## Codes",
    "",
    `| Code | Constant | Message | Outcome${multi ? " per context" : ""} |`,
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
  return { path: `${spec.id}/README.md`, content: text, role: "doc" };
}
