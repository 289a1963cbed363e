// The lint warning when a field's Length cell and its maxLength disagree (issue 20, item 5):
// at the maxLength, exempt when an erratum explains the departure, silent where the Length
// cell is not a plain number (an amount's "16,2") or there is no maxLength. In process.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnosticHeadline } from "../../generator/load/diagnostics.ts";
import { loadSpecText } from "../../generator/load/load-specs.ts";
import { repoRoot } from "../helpers.ts";

const base = readFileSync(join(repoRoot, "test/fixtures/good-specs/minimal-api.yaml"), "utf8");

/** minimal-api with the request field's table cells replaced by `cells` (YAML lines at the field's indent). */
function withField(cells: string): string {
  const text = base.replace("          - name: partnerReferenceNo\n            type: string\n            presence: M\n", `          - name: partnerReferenceNo\n            type: string\n            presence: M\n${cells}`);
  expect(text).not.toBe(base);
  return text;
}

const lint = (text: string) => loadSpecText("spec/minimal-api.yaml", text, "minimal-api");

describe("field length warnings", () => {
  it("warns at the maxLength that disagrees with a plain-number Length cell, and still builds the spec", () => {
    const text = withField('            length: "64"\n            maxLength: 32\n');
    const r = lint(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.spec).toBeDefined();
    expect(r.warnings.map(diagnosticHeadline)).toEqual([
      `spec/minimal-api.yaml:${text.split("\n").indexOf("            maxLength: 32") + 1}:24: maxLength 32 disagrees with the source's Length "64" of "partnerReferenceNo": correct the one that is wrong, or cite an erratum that explains it`,
    ]);
  });

  it("is silent when they agree, without a maxLength, for a Length that is not a plain number, and under an erratum", () => {
    for (const cells of ['            length: "64"\n            maxLength: 64\n', '            length: "64"\n', '            length: "16,2"\n            maxLength: 24\n', '            length: " 32 "\n            maxLength: 32\n'])
      expect(lint(withField(cells)).warnings, cells).toEqual([]);
    const withErratum = withField('            length: "64"\n            maxLength: 32\n            errata: [short-ids]\n').replace(
      /^api:/m,
      'errata:\n  - id: short-ids\n    at: Payment request table, partnerReferenceNo, Length\n    source: "64"\n    codebook: maxLength 32\n    reason: The provider\'s sandbox accepts 32 characters only.\napi:',
    );
    const r = lint(withErratum);
    expect(r.diagnostics.map(diagnosticHeadline)).toEqual([]);
    expect(r.warnings).toEqual([]);
  });
});
