// Running the suite: for each spec of a set, the case file, the reference's answers
// (the TypeScript package), a target's answers, and their differences.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Spec } from "../../../generator/model/types.ts";
import type { SpecSet } from "../spec-sets.ts";
import { caseFile, type CaseFile } from "./cases.ts";
import { compareAnswers, type Difference } from "./compare.ts";
import type { Answers, TargetHarness } from "./target-harness.ts";
import { TypeScriptHarness } from "./typescript-harness.ts";

export interface SpecResult {
  spec: Spec;
  cases: CaseFile;
  differences: Difference[];
}

/** The cases and reference answers of a set, made once and shared by every target run over it. */
export interface Reference {
  set: SpecSet;
  dir: string;
  byId: Map<string, { cases: CaseFile; path: string; expected: Answers }>;
  remove(): void;
}

export async function reference(set: SpecSet): Promise<Reference> {
  const dir = mkdtempSync(join(tmpdir(), `codebook-conformance-${set.name}-`));
  const ts = new TypeScriptHarness();
  await ts.prepare(set);
  const byId = new Map<string, { cases: CaseFile; path: string; expected: Answers }>();
  for (const spec of set.specs) {
    const cases = caseFile(spec);
    const path = join(dir, `${spec.id}.cases.json`);
    writeFileSync(path, JSON.stringify(cases));
    byId.set(spec.id, { cases, path, expected: await ts.answer(spec, cases) });
  }
  return { set, dir, byId, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A target's differences from the reference on every spec of the set. */
export async function conform(ref: Reference, target: TargetHarness): Promise<SpecResult[]> {
  const dir = mkdtempSync(join(ref.dir, `${target.name}-`));
  await target.prepare(ref.set, dir);
  const out: SpecResult[] = [];
  for (const spec of ref.set.specs) {
    const { cases, path, expected } = ref.byId.get(spec.id)!;
    out.push({ spec, cases, differences: compareAnswers(cases, expected, await target.answer(spec, cases, path)) });
  }
  return out;
}
