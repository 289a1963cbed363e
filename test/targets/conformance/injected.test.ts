// The suite catches a difference: the same run over Go modules with one deliberate
// change each (a reason's text, a listed code's outcome in one context, a validator's
// rule) reports those cases, with the code, the context, the field and both values.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../../generator/model/generated-file.ts";
import type { Spec } from "../../../generator/model/types.ts";
import { goNames } from "../../../generator/targets/go/names.ts";
import { shippedSet } from "../spec-sets.ts";
import { report } from "./compare.ts";
import { GoHarness } from "./go-harness.ts";
import { conform, reference, type Reference, type SpecResult } from "./suite.ts";

const set = shippedSet();
set.specs = set.specs.filter((s) => s.id === "iak-prepaid" || s.id === "snap-qr-cpm");

/** The code whose outcome the edit flips: IAK's 39 (pending) becomes failed in Go only. */
const FLIPPED = "39";

function edit(spec: Spec, files: GeneratedFile[]): GeneratedFile[] {
  return files.map((f) => {
    let content = f.content;
    if (spec.id === "iak-prepaid" && f.path.endsWith("/classify.go")) content = content.replace('" does not match ', '" does not fit ');
    if (spec.id === "iak-prepaid" && f.path.endsWith("/codes.go")) {
      const code = spec.codes.find((c) => c.code === FLIPPED)!;
      const line = content.split("\n").find((l) => l.includes(`{Code: ${goNames.code(code)},`))!;
      content = content.replace(line, line.replace(/outcomes: \[1\]Outcome\{OutcomePending\}/, "outcomes: [1]Outcome{OutcomeFailed}"));
    }
    if (spec.id === "snap-qr-cpm" && f.path.endsWith("/validators.go")) content = content.replace("RuleCurrency, ", "RuleAmount, ");
    return { ...f, content };
  });
}

describe("a difference injected into the Go output", () => {
  let ref: Reference;
  let results: SpecResult[];
  beforeAll(async () => {
    ref = await reference(set);
    results = await conform(ref, new GoHarness(edit));
  }, 600_000);
  afterAll(() => ref?.remove());

  it("is reported for every case it changes, and only for those", () => {
    const iak = results.find((r) => r.spec.id === "iak-prepaid")!.differences;
    const malformedStrings = ref.byId.get("iak-prepaid")!.cases.classify.filter((c) => c.group === "malformed" && c.value.startsWith('"'));
    const reasons = iak.filter((d) => d.section === "classify" && d.field === "reason");
    expect(reasons).toHaveLength(malformedStrings.length);
    expect(reasons[0]!.expected).toMatch(/" does not match \^\[0-9\]\{2,3\}\$$/);
    expect(reasons[0]!.actual).toMatch(/" does not fit \^\[0-9\]\{2,3\}\$$/);
    const outcome = iak.filter((d) => d.field === "outcome" && d.section === "classify");
    expect(outcome.map((d) => [d.input, d.expected, d.actual])).toEqual([[`"${FLIPPED}" in context default (listed)`, "pending", "failed"]]);
    // The response rule that leaves the outcome to the code carries the flip too.
    expect(iak.filter((d) => d.section === "response").every((d) => d.input.startsWith("HTTP 200 with code") || d.field === "reason")).toBe(true);
  });

  it("names the case, the field and both values in the report", () => {
    const iak = results.find((r) => r.spec.id === "iak-prepaid")!;
    const text = report("Go", "iak-prepaid", iak.differences, 3);
    expect(text).toMatch(/^Go differs from the reference on \d+ case\(s\) of iak-prepaid; the first 3:/);
    expect(text).toContain("in context default (malformed)");
    expect(text).toContain("reason: expected ");
    expect(text).toContain("does not fit");
  });

  it("is caught in a validator's rule, with the body's origin", () => {
    const snap = results.find((r) => r.spec.id === "snap-qr-cpm")!.differences;
    expect(snap.length).toBeGreaterThan(0);
    expect(snap.every((d) => d.section === "validate" && /^errors\.\d+\.rule$/.test(d.field) && d.expected === "currency" && d.actual === "amount")).toBe(true);
    expect(snap.some((d) => d.input.includes("currency"))).toBe(true);
  });
});
