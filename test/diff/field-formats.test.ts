// `diff` on field formats and patterns (in process, on good-specs/field-formats.yaml): a
// pattern is a format of the spec's own, so adding, changing or dropping one is judged
// like a format, with the pattern's text as before/after.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareSpecs } from "../../generator/diff/compare.ts";
import { loadSpecText } from "../../generator/load/load-specs.ts";
import type { Spec } from "../../generator/model/types.ts";
import { fixtureSpecDir } from "../fixture-packages.ts";

const base = readFileSync(join(fixtureSpecDir, "field-formats.yaml"), "utf8");

function load(text: string): Spec {
  const { spec, diagnostics } = loadSpecText("field-formats.yaml", text, "field-formats");
  expect(diagnostics).toEqual([]);
  return spec!;
}

function formatChanges(after: string) {
  return compareSpecs(load(base), load(after))
    .filter((c) => c.kind === "field-format-changed")
    .map(({ level, field, before, after }) => ({ level, field, before, after }));
}

describe("field formats and patterns in diff", () => {
  it("a request pattern changed: breaking, with both patterns; added: breaking; dropped: feature", () => {
    const after = base
      .replace('pattern: "^[A-Z]{3}[0-9]{6}$"', 'pattern: "^[A-Z]{3}[0-9]{7}$"')
      .replace('            presence: O\n            format: time\n', "            presence: O\n")
      .replace('                pattern: "^[a-zà-ÿ ]{1,20}$"\n', "")
      .replace("          - name: cutOffTime\n            dataType: HH:mm:ss\n            type: string\n            presence: O\n", '          - name: cutOffTime\n            dataType: HH:mm:ss\n            type: string\n            presence: O\n            pattern: "^[0-9:]{8}$"\n');
    expect(formatChanges(after)).toEqual([
      { level: "breaking", field: "request.cutOffTime", before: "time", after: "pattern ^[0-9:]{8}$" },
      { level: "breaking", field: "request.batchNo", before: "pattern ^[A-Z]{3}[0-9]{6}$", after: "pattern ^[A-Z]{3}[0-9]{7}$" },
      { level: "feature", field: "request.branch.label", before: "pattern ^[a-zà-ÿ ]{1,20}$", after: "none" },
    ]);
  });

  it("a response date format dropped: breaking (consumers relied on it)", () => {
    const after = base.replace("            condition: { when: success }\n            format: date\n", "            condition: { when: success }\n");
    expect(formatChanges(after)).toEqual([{ level: "breaking", field: "response.settledOn", before: "date", after: "none" }]);
  });
});
