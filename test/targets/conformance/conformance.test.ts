// The conformance suite (generator/ARCHITECTURE.md, "Adding a target"): every target's
// generated code answers every case exactly as the TypeScript package does, for every
// shipped spec, fixture spec and profile. The case counts are held to the suite's
// minimums, so a spec cannot pass on a handful of cases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specSets, type SpecSet } from "../spec-sets.ts";
import { MIN_MALFORMED, MIN_UNLISTED } from "./cases.ts";
import { MIN_MUTATED } from "./bodies.ts";
import { report } from "./compare.ts";
import { GoHarness } from "./go-harness.ts";
import { conform, reference, type Reference, type SpecResult } from "./suite.ts";

const sets = specSets();
afterAll(() => sets.forEach((s) => s.remove()));

describe.each(sets.map((s) => [s.name, s] as [string, SpecSet]))("conformance of the %s specs", (_name, set) => {
  let ref: Reference;
  let go: SpecResult[];
  beforeAll(async () => {
    ref = await reference(set);
    go = await conform(ref, new GoHarness());
  }, 600_000);
  afterAll(() => ref?.remove());

  it.each(set.specs.map((s) => [s.id]))("Go answers every case of %s as the reference does", (id) => {
    const r = go.find((x) => x.spec.id === id)!;
    expect(report("Go", id, r.differences)).toBe(`Go agrees with the reference on every case of ${id}`);
  });

  it.each(set.specs.map((s) => [s.id]))("the cases of %s reach the suite's minimums", (id) => {
    const { cases } = ref.byId.get(id)!;
    const spec = set.specs.find((s) => s.id === id)!;
    const contexts = spec.contexts.length;
    const count = (g: string) => cases.classify.filter((c) => c.group === g).length / contexts;
    expect(count("listed")).toBe(spec.codes.length);
    // Fewer unlisted codes only where the pattern allows no more (two-digit codes: 100 in all).
    expect(count("unlisted")).toBeGreaterThanOrEqual(Math.min(MIN_UNLISTED, possibleUnlisted(spec.pattern, spec.codes.length)));
    expect(count("malformed")).toBeGreaterThanOrEqual(MIN_MALFORMED);
    for (const e of spec.api?.endpoints ?? []) expect(cases.validate.filter((c) => c.endpoint === e.key && !c.strict).length).toBeGreaterThanOrEqual(MIN_MUTATED);
    if (spec.api) expect(cases.httpStatus.length).toBeGreaterThan(500);
    if (spec.transport) expect(cases.response.length).toBeGreaterThan(500);
  });
});

/** How many unlisted codes a small pattern allows (digits only): the suite's minimum where it is below MIN_UNLISTED. */
function possibleUnlisted(pattern: string, listed: number): number {
  const m = /^\^\[0-9\]\{(\d+)(?:,(\d+))?\}\$$/.exec(pattern);
  if (!m) return MIN_UNLISTED;
  let n = 0;
  for (let len = Number(m[1]); len <= Number(m[2] ?? m[1]); len++) n += 10 ** len;
  return n - listed;
}
