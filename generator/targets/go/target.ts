/**
 * The Go target: one Go module per spec (standard library only, Go 1.19 or newer),
 * written in the layout gofmt prints, so generating needs no Go toolchain and the
 * bytes are the same on every machine. emit.ts lists the files.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { templatesDir } from "../../common/codebook-paths.ts";
import type { Field, Spec } from "../../model/types.ts";
import type { NameProblem, NameSite, Target } from "../target.ts";
import { goNameProblems, packageCollisions } from "./names.ts";
import { goOptionsSchema, readGoOptions, type GoOptions } from "./options.ts";
import { goPatternProblem } from "./patterns.ts";

/** The patterns a spec runs, with where they come from. */
function patternProblems(spec: Spec): NameProblem[] {
  const problems: NameProblem[] = [];
  const check = (pattern: string, at: NameProblem["at"], what: string) => {
    const problem = goPatternProblem(pattern);
    if (problem) problems.push({ at, message: `${what} ${JSON.stringify(pattern)}: ${problem}` });
  };
  check(spec.pattern, { kind: "spec", key: "pattern" }, "the code pattern");
  for (const p of spec.composite?.parts ?? []) if (p.pattern) check(p.pattern, { kind: "spec", key: "pattern" }, `the ${p.name} part's pattern`);
  for (const c of spec.categories) if (c.match && "pattern" in c.match) check(c.match.pattern, { kind: "category", id: c.id }, `category ${c.id}'s pattern`);
  const fields = (list: readonly Field[], at: Omit<Extract<NameSite, { kind: "field" }>, "keys">, keys: string[]): void => {
    for (const f of list) {
      if (f.pattern !== null) check(f.pattern, { ...at, keys: [...keys, f.key] }, `field ${[...keys, f.key].join(".")}'s pattern`);
      fields(f.fields, at, [...keys, f.key]);
    }
  };
  for (const e of spec.api?.endpoints ?? [])
    for (const body of ["request", "response"] as const) fields(e[body].fields, { kind: "field", endpoint: e.key, body, key: "pattern" }, []);
  return problems;
}

export const goTarget: Target<GoOptions> = {
  name: "go",
  description: "One Go module per spec: code constants, a classifier that never panics, validators, fixtures (standard library only, Go 1.19+).",
  defaultOutDir: "generated-go",
  optionsSchema: goOptionsSchema,
  readOptions: readGoOptions,
  checkNames: (spec) => [...goNameProblems(spec), ...patternProblems(spec)],
  checkIds: (ids) => packageCollisions(ids),
  fingerprint: { sources: ["targets/go"], templates: ["go"], dependencies: [] },
  async load() {
    const dir = join(templatesDir, "go");
    const runtime = new Map(
      readdirSync(dir)
        .filter((f) => f.endsWith(".go"))
        .map((f) => [f, readFileSync(join(dir, f), "utf8")] as const),
    );
    const { emitGo } = await import("./emit.ts");
    return {
      emit: (spec, run) => emitGo(spec, run, runtime),
      // The emitters write gofmt's layout themselves: there is nothing to compile or format.
      finish: async (files) => files,
    };
  },
};
