// The bad-spec corpus (issue 2): every file under test/fixtures/bad-specs/ is a
// small spec that is valid except for one kind of problem (a few have several, to
// prove that all of them are reported in one run). Each one is linted with
// loadSpecText and must produce exactly the diagnostics written out below:
// literal headlines `FILE:LINE:COL: message`, in the order the CLI prints them
// (formatDiagnostics sorts by file, line, column). No snapshots.
//
// The valid bases the fixtures start from are test/fixtures/good-specs/*.yaml.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { repoRoot } from "../helpers.ts";
import { describe, expect, it } from "vitest";
import { diagnosticHeadline, formatDiagnostics, sortDiagnostics, type Diagnostic } from "../../generator/load/diagnostics.ts";
import { loadSpecText } from "../../generator/load/load-specs.ts";

const root = repoRoot;
const BAD = "test/fixtures/bad-specs";
const GOOD = "test/fixtures/good-specs";

interface Linted {
  display: string;
  text: string;
  diagnostics: Diagnostic[];
  defined: boolean;
}

/** Lints one file the way `codebook lint` does: display path relative to the repository, id = base name. */
function lintFile(display: string): Linted {
  const text = readFileSync(join(root, display), "utf8");
  const { spec, diagnostics } = loadSpecText(display, text, basename(display, ".yaml"));
  return { display, text, diagnostics, defined: spec !== undefined };
}

function formatted(display: string): string {
  const { text, diagnostics } = lintFile(display);
  return formatDiagnostics(diagnostics, new Map([[display, text]]));
}

function yamlFiles(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".yaml"))
    .sort();
}

/** Fixture base name -> the exact headlines, sorted as printed. */
const expected: Record<string, string[]> = {
  // ---------------------------------------------------------------- YAML syntax
  "yaml-bad-indentation": [
    "test/fixtures/bad-specs/yaml-bad-indentation.yaml:33:8: YAML syntax error: Sequence item without - indicator; inconsistent indentation: this line starts at column 8, where no block above it does (nearest: column 9, line 32); indent it to match",
  ],
  "yaml-unclosed-quote": [
    'test/fixtures/bad-specs/yaml-unclosed-quote.yaml:31:18: YAML syntax error: Missing closing "quote',
  ],
  "yaml-duplicate-key": [
    "test/fixtures/bad-specs/yaml-duplicate-key.yaml:33:9: YAML syntax error: Map keys must be unique",
  ],
  "yaml-several-errors": [
    "test/fixtures/bad-specs/yaml-several-errors.yaml:30:9: YAML syntax error: Map keys must be unique",
    "test/fixtures/bad-specs/yaml-several-errors.yaml:38:9: YAML syntax error: Map keys must be unique",
  ],

  // ---------------------------------------------------------------- document shape (JSON Schema)
  "not-a-mapping": [
    "test/fixtures/bad-specs/not-a-mapping.yaml:2:1: a spec must be a YAML mapping",
  ],
  "missing-title": [
    'test/fixtures/bad-specs/missing-title.yaml:2:1: missing required property "title"',
  ],
  "unknown-top-level-property": [
    'test/fixtures/bad-specs/unknown-top-level-property.yaml:8:1: unknown property "provider"',
  ],
  // LOADER BUG (reported): schema-check.ts says "which loses leading zeros" for every
  // number, including 12, which has none. Expected: the clause only where zeros are lost.
  "title-not-a-string": [
    'test/fixtures/bad-specs/title-not-a-string.yaml:5:8: "title" must be a string: YAML reads 12 as the number 12; write "12"',
  ],
  "rows-not-a-list": [
    'test/fixtures/bad-specs/rows-not-a-list.yaml:28:7: "rows" must be an array',
  ],
  "kind-not-allowed": [
    'test/fixtures/bad-specs/kind-not-allowed.yaml:3:7: "table" is not allowed for "kind": expected one of "code-table", "api"',
  ],
  "format-version-wrong": [
    'test/fixtures/bad-specs/format-version-wrong.yaml:2:11: "codebook" must be 1',
  ],
  // Three schema problems, all reported. LOADER BUG (reported): the title line, as above.
  "schema-several-problems": [
    'test/fixtures/bad-specs/schema-several-problems.yaml:5:8: "title" must be a string: YAML reads 12 as the number 12; write "12"',
    'test/fixtures/bad-specs/schema-several-problems.yaml:6:10: "version" must be a version MAJOR.MINOR.PATCH (semver: three whole numbers, no leading zeros, each at most 16 digits), not "v1"',
    'test/fixtures/bad-specs/schema-several-problems.yaml:23:14: "maybe" is not allowed for "outcome": expected one of "success", "pending", "failed", "unknown"',
  ],
  // Issue 18: a part past 2^53 - 1 passed the schema, and diff then suggested a lower version.
  "version-unsafe-integer": [
    "test/fixtures/bad-specs/version-unsafe-integer.yaml:6:10: version 9007199254740993.0.0: 9007199254740993 is over 9007199254740991, the largest whole number JavaScript holds exactly; each part of MAJOR.MINOR.PATCH must be at most that",
  ],
  "version-leading-zero": [
    'test/fixtures/bad-specs/version-leading-zero.yaml:6:10: "version" must be a version MAJOR.MINOR.PATCH (semver: three whole numbers, no leading zeros, each at most 16 digits), not "01.2.0"; did you mean "1.2.0"?',
  ],
  "name-not-pascal-case": [
    'test/fixtures/bad-specs/name-not-pascal-case.yaml:35:15: "name" must be a PascalCase name (a capital letter, then letters and digits), not "default"; did you mean "Default"?',
  ],

  // ---------------------------------------------------------------- codes
  "code-yaml-number": [
    'test/fixtures/bad-specs/code-yaml-number.yaml:28:15: "code" must be a string: YAML reads 00 as the number 0, which loses its leading zero; write "00"',
  ],
  // The "0" is the array index of the item (see the report on unclear messages).
  "action-code-yaml-number": [
    'test/fixtures/bad-specs/action-code-yaml-number.yaml:27:13: "codes[0]" must be a string: YAML reads 00 as the number 0, which loses its leading zero; write "00"',
  ],
  "code-lost-leading-zero": [
    'test/fixtures/bad-specs/code-lost-leading-zero.yaml:28:15: code "0" does not match the code pattern ^[0-9]{2}$; did it lose a leading zero? "00" would match',
  ],
  "code-pattern-mismatch": [
    'test/fixtures/bad-specs/code-pattern-mismatch.yaml:34:15: code "2A" does not match the code pattern ^[0-9]{2}$',
  ],
  "code-pattern-invalid-regex": [
    "test/fixtures/bad-specs/code-pattern-invalid-regex.yaml:12:12: invalid regular expression \"^([0-9]{2}$\": Unterminated group",
  ],
  "duplicate-code": [
    'test/fixtures/bad-specs/duplicate-code.yaml:34:15: duplicate code "01" (first at line 31)',
  ],
  "name-collision-derived": [
    'test/fixtures/bad-specs/name-collision-derived.yaml:35:18: name "BillPaid" of code "02" collides with "BillPaid" (line 32); names must differ in more than case: add a distinct "name"',
  ],
  "name-collision-case": [
    'test/fixtures/bad-specs/name-collision-case.yaml:36:15: name "Billpaid" of code "02" collides with "BillPaid" (line 32); names must differ in more than case: add a distinct "name"',
  ],
  "name-not-derivable": [
    'test/fixtures/bad-specs/name-not-derivable.yaml:34:9: cannot derive a name from message "—": add "name"',
  ],
  "missing-status": [
    'test/fixtures/bad-specs/missing-status.yaml:34:9: code "02" has no status, so context "default" gives it no outcome',
  ],
  "unmapped-status": [
    'test/fixtures/bad-specs/unmapped-status.yaml:33:17: status "Suspect" has no outcome in context "default" (map it under outcome.contexts)',
  ],
  "parts-without-composite": [
    'test/fixtures/bad-specs/parts-without-composite.yaml:34:9: "parts" needs code.composite',
  ],

  // ---------------------------------------------------------------- categories, columns, contexts, actions
  "unknown-category": [
    'test/fixtures/bad-specs/unknown-category.yaml:40:19: unknown category "users"; did you mean "user"?',
  ],
  "unknown-table-category": [
    'test/fixtures/bad-specs/unknown-table-category.yaml:27:15: unknown category "transactional"',
  ],
  "unknown-row-column": [
    'test/fixtures/bad-specs/unknown-row-column.yaml:37:9: unknown column "solution"',
  ],
  "enum-value-not-allowed": [
    'test/fixtures/bad-specs/enum-value-not-allowed.yaml:43:18: "Refund" is not one of the values of column "payment": Success, Pending, Failed',
  ],
  "set-value-not-allowed": [
    'test/fixtures/bad-specs/set-value-not-allowed.yaml:43:21: "Refund" is not one of the values of column "operations": Inquiry, Payment, Advice',
  ],
  // LOADER BUG (reported): build-spec.ts keeps the broken context and then reports
  // 'code "00" has no state, ...' once per row (28:9, 31:9, 34:9). One cause, one diagnostic.
  "context-from-unknown-column": [
    'test/fixtures/bad-specs/context-from-unknown-column.yaml:17:13: unknown column "state" (expected status, parts or a declared column)',
  ],
  // LOADER BUG (reported): same cascade, 'no rule in code.composite.rules gives code "00" an outcome' once per row.
  "context-from-parts-without-rules": [
    'test/fixtures/bad-specs/context-from-parts-without-rules.yaml:17:13: context "default" takes outcomes from parts, but code.composite has no rules',
  ],
  "success-codes-unlisted": [
    'test/fixtures/bad-specs/success-codes-unlisted.yaml:24:28: context "inquiry" names code "99", which no table lists',
  ],
  "note-unlisted-code": [
    'test/fixtures/bad-specs/note-unlisted-code.yaml:24:9: context "default" has a note on code "09", which no table lists; did you mean "00"?',
  ],
  "drop-without-extends": [
    `test/fixtures/bad-specs/drop-without-extends.yaml:37:1: "drop" applies to a profile, and this spec extends nothing: add "extends: <base id>" to make it a profile of that spec, or remove "drop"`,
  ],
  "samples-without-extends": [
    `test/fixtures/bad-specs/samples-without-extends.yaml:58:1: "samples" applies to a profile, and this spec extends nothing: add "extends: <base id>" to make it a profile of that spec, or remove "samples" (a spec's own samples go under each endpoint: api.endpoints[].samples)`,
  ],
  "overrides-without-extends": [
    `test/fixtures/bad-specs/overrides-without-extends.yaml:37:1: "overrides" applies to a profile, and this spec extends nothing: add "extends: <base id>" to make it a profile of that spec, or remove "overrides"`,
  ],
  "profile-missing-base": [
    `test/fixtures/bad-specs/profile-missing-base.yaml:7:10: no spec "minimal" to extend in the spec directory or among codebook's shipped specs (specs: profile-missing-base; shipped: doku-biller, iak-postpaid, iak-prepaid, snap-qr-cpm, tokopedia-partner)`,
  ],
  "action-unlisted-code": [
    'test/fixtures/bad-specs/action-unlisted-code.yaml:27:19: action "holdPayment" names code "03", which no table lists',
  ],

  // ---------------------------------------------------------------- composite codes
  "composite-wrong-length": [
    'test/fixtures/bad-specs/composite-wrong-length.yaml:50:15: code "U01" has 3 characters, but its parts (category 2 + detail 2) make 4',
  ],
  "composite-part-pattern": [
    'test/fixtures/bad-specs/composite-part-pattern.yaml:50:15: part "detail" of code "U0A2" is "A2", which does not match ^[0-9]{2}$',
  ],
  "category-match-wrong-length": [
    'test/fixtures/bad-specs/category-match-wrong-length.yaml:27:43: "U" does not fit part "category" (length 2)',
  ],
  "category-match-invalid-pattern": [
    'test/fixtures/bad-specs/category-match-invalid-pattern.yaml:16:23: invalid regular expression "^N[0-9": Unterminated character class',
  ],
  "category-match-part-not-composite": [
    'test/fixtures/bad-specs/category-match-part-not-composite.yaml:16:12: category "client" matches a part, but the code is not composite; use match: { prefix } or match: { pattern }',
  ],
  "rule-unknown-part": [
    'test/fixtures/bad-specs/rule-unknown-part.yaml:21:15: unknown part "kind"',
  ],

  // ---------------------------------------------------------------- errata, transport, id, kind
  "duplicate-erratum-id": [
    'test/fixtures/bad-specs/duplicate-erratum-id.yaml:30:9: duplicate erratum id "message-typo" (first at line 25)',
  ],
  "unknown-erratum": [
    'test/fixtures/bad-specs/unknown-erratum.yaml:43:18: unknown erratum "message-tpyo"; did you mean "message-typo"?',
  ],
  "duplicate-transport-rule": [
    "test/fixtures/bad-specs/duplicate-transport-rule.yaml:30:13: duplicate transport rule for HTTP 200",
  ],
  "id-not-file-name": [
    'test/fixtures/bad-specs/id-not-file-name.yaml:4:5: id "example-codes" must match the file name "id-not-file-name"',
  ],
  "api-without-http-part": [
    "test/fixtures/bad-specs/api-without-http-part.yaml:11:45: an API's composite code needs exactly one part with role: httpStatus",
  ],
  "api-service-without-success": [
    "test/fixtures/bad-specs/api-service-without-success.yaml:37:20: service 60 needs exactly one HTTP 200 response code in the tables, found 0",
  ],
  "api-kind-without-api": [
    'test/fixtures/bad-specs/api-kind-without-api.yaml:2:1: a spec of kind "api" needs an "api" section',
    "test/fixtures/bad-specs/api-kind-without-api.yaml:11:1: an API's response code must be composite: its parts say the HTTP status (role: httpStatus) and the service (domain: endpoints.serviceCode)",
  ],

  // ---------------------------------------------------------------- API
  // LOADER BUG (reported): "which loses leading zeros" for 1.0, which has none (it loses ".0").
  "endpoint-version-number": [
    'test/fixtures/bad-specs/endpoint-version-number.yaml:39:16: "version" must be a string: YAML reads 1.0 as the number 1; write "1.0"',
  ],
  "sample-unknown-field": [
    'test/fixtures/bad-specs/sample-unknown-field.yaml:56:17: sample names field "responseMessage" (/responseMessage), which the response body does not declare; fix the key or record a deviation',
  ],
  "api-mock-references": [
    'test/fixtures/bad-specs/api-mock-references.yaml:40:14: no table row is named "InvalidMandatoryField"',
    'test/fixtures/bad-specs/api-mock-references.yaml:50:19: no endpoint has the key "Notify"',
    'test/fixtures/bad-specs/api-mock-references.yaml:75:31: /request/orderId: the Status request declares no field "orderId"',
    'test/fixtures/bad-specs/api-mock-references.yaml:76:11: callback field "referenceNo": the Payment request declares no such field',
  ],
  "sample-deviation-without-fixture": [
    `test/fixtures/bad-specs/sample-deviation-without-fixture.yaml:56:15: "partnerReferenceNo" is mandatory: give "fixture", the value fixtures use instead of the sample's`,
  ],
  "sample-deviation-unknown-erratum": [
    'test/fixtures/bad-specs/sample-deviation-unknown-erratum.yaml:58:53: unknown erratum "sample-extra-key"',
  ],
  "sample-lacks-required-field": [
    "test/fixtures/bad-specs/sample-lacks-required-field.yaml:48:13: the Payment request sample has no merchantId, which is required, and the field allows any string: record the sample's departure as a deviation with the value fixtures use (deviations: pointer, erratum, fixture)",
  ],
  "sample-body-not-json": [
    "test/fixtures/bad-specs/sample-body-not-json.yaml:54:17: sample body is not valid JSON: Unexpected end of JSON input",
  ],
  "field-key-without-errata": [
    'test/fixtures/bad-specs/field-key-without-errata.yaml:45:18: field " partnerReferenceNo" is read as "partnerReferenceNo": record why in "errata"',
  ],
  "nullable-without-erratum": [
    'test/fixtures/bad-specs/nullable-without-erratum.yaml:52:23: nullable field "responseCode" must cite an erratum',
  ],

  // ---------------------------------------------------------------- several at once
  // ---------------------------------------------------------------- rows: exactly one of code or parts
  "row-code-and-parts": [
    'test/fixtures/bad-specs/row-code-and-parts.yaml:28:9: "rows[0]" needs exactly one of "code" or "parts", not both',
  ],
  "row-without-code": [
    'test/fixtures/bad-specs/row-without-code.yaml:28:9: "rows[0]" needs exactly one of "code" or "parts"',
  ],
  "several-problems": [
    'test/fixtures/bad-specs/several-problems.yaml:30:13: action "holdPayment" names code "03", which no table lists',
    'test/fixtures/bad-specs/several-problems.yaml:41:17: status "Suspect" has no outcome in context "default" (map it under outcome.contexts)',
    'test/fixtures/bad-specs/several-problems.yaml:42:19: unknown category "users"; did you mean "user"?',
    'test/fixtures/bad-specs/several-problems.yaml:43:15: duplicate code "01" (first at line 39)',
  ],

  // ---------------------------------------------------------------- issue 10
  // Issue 10: one root cause per YAML problem, with a hint (the parser gives 7 errors for a tab, 6 for one short indent).
  "yaml-tab-indentation": [
    'test/fixtures/bad-specs/yaml-tab-indentation.yaml:32:1: YAML syntax error: Tabs are not allowed as indentation; indent with spaces, not tabs',
  ],
  "yaml-under-indented": [
    'test/fixtures/bad-specs/yaml-under-indented.yaml:32:7: YAML syntax error: All mapping items must start at the same column; inconsistent indentation: this line starts at column 7, but the keys of line 31 start at column 9; indent it to match',
  ],
  "yaml-over-indented": [
    "test/fixtures/bad-specs/yaml-over-indented.yaml:33:11: YAML syntax error: Nested mappings are not allowed in compact mappings; line 33 is indented deeper (column 11) than the keys of line 32 (column 9); indent it to match, or quote a value that goes on over several lines",
  ],
  "yaml-unquoted-colon": [
    'test/fixtures/bad-specs/yaml-unquoted-colon.yaml:32:18: YAML syntax error: Nested mappings are not allowed in compact mappings; a value that contains ": " must be quoted: message: "Note: on process"',
  ],
  // Issue 10, hostile input: positioned diagnostics, never a stack trace.
  "yaml-alias-bomb": [
    'test/fixtures/bad-specs/yaml-alias-bomb.yaml:26:10: YAML aliases expand into more than 100 copies (an alias bomb?); write the values out instead of aliasing them',
  ],
  "yaml-unknown-tag": [
    'test/fixtures/bad-specs/yaml-unknown-tag.yaml:32:18: unknown YAML tag "!js/function": a spec is plain data; remove the tag (and quote the value if it is text)',
  ],
  "text-lone-surrogate": [
    'test/fixtures/bad-specs/text-lone-surrogate.yaml:32:18: lone surrogate U+D800 (written as an escape) is not text: write the character itself, or delete it',
  ],
  "text-nul-byte": [
    'test/fixtures/bad-specs/text-nul-byte.yaml:32:24: control character U+0000 (NUL) is not allowed in a spec: delete it',
  ],
  "text-escaped-control": [
    'test/fixtures/bad-specs/text-escaped-control.yaml:32:18: control character U+0007 (written as an escape) is not allowed in a spec: delete it',
  ],
  // Issue 10: diagnostics that say how to fix.
  "key-misspelled-required": [
    'test/fixtures/bad-specs/key-misspelled-required.yaml:32:9: missing required property "message" in rows; found "mesage": did you mean "message"?',
  ],
  "enum-value-typo": [
    'test/fixtures/bad-specs/enum-value-typo.yaml:19:18: "sucess" is not allowed for "Success": expected one of "success", "pending", "failed"; did you mean "success"?',
  ],
  "status-typo-several-contexts": [
    'test/fixtures/bad-specs/status-typo-several-contexts.yaml:47:17: status "Pendng" has no outcome in contexts "default", "inquiry", "payment"; did you mean "Pending"?',
  ],
  "missing-status-several-contexts": [
    'test/fixtures/bad-specs/missing-status-several-contexts.yaml:45:9: code "01" has no status, so contexts "default", "inquiry", "payment" give it no outcome',
  ],
  "unknown-row-column-typo": [
    'test/fixtures/bad-specs/unknown-row-column-typo.yaml:33:9: unknown column "descripton"; did you mean "description"?',
  ],
  "unknown-property-typo": [
    'test/fixtures/bad-specs/unknown-property-typo.yaml:24:1: unknown property "erata"; did you mean "errata"?',
  ],
  "category-id-not-camel-case": [
    'test/fixtures/bad-specs/category-id-not-camel-case.yaml:14:9: "id" must be a camelCase id (a lowercase letter, then letters and digits), not "User-Errors"; did you mean "userErrors"?',
  ],
  "context-from-typo": [
    'test/fixtures/bad-specs/context-from-typo.yaml:17:13: unknown column "staus" (expected status, parts or a declared column); did you mean "status"?',
  ],
  // Issue 10: patterns that backtrack super-linearly are refused at lint time.
  "field-pattern-problems": [
    'test/fixtures/bad-specs/field-pattern-problems.yaml:48:22: field pattern "[A-Z]{3}[0-9]{6}" must be anchored: start it with ^ and end it with $ (group alternatives: ^(?:a|b)$)',
    'test/fixtures/bad-specs/field-pattern-problems.yaml:53:22: give "format" or "pattern", not both: a format is already a pattern',
    'test/fixtures/bad-specs/field-pattern-problems.yaml:57:22: invalid regular expression "^[A-Z": Unterminated character class',
    'test/fixtures/bad-specs/field-pattern-problems.yaml:61:22: regular expression "^(a+)+$" is refused: "(a+)+" repeats a group that itself repeats ("a+"): nested quantifiers take exponential time on a near-match; write one repetition (e.g. "a+" alone, or a counted {n})',
    "test/fixtures/bad-specs/field-pattern-problems.yaml:63:19: format, pattern, maxLength and values apply to string fields only",
    'test/fixtures/bad-specs/field-pattern-problems.yaml:69:22: field pattern "^a|b$" must be anchored: start it with ^ and end it with $ (group alternatives: ^(?:a|b)$)',
  ],
  "code-pattern-exponential": [
    'test/fixtures/bad-specs/code-pattern-exponential.yaml:12:12: regular expression "^([0-9]+)+$" is refused: "([0-9]+)+" repeats a group that itself repeats ("[0-9]+"): nested quantifiers take exponential time on a near-match; write one repetition (e.g. "[0-9]+" alone, or a counted {n})',
  ],
  "code-pattern-overlapping-alternatives": [
    'test/fixtures/bad-specs/code-pattern-overlapping-alternatives.yaml:12:12: regular expression "^(?:0|[0-9]{2})*$" is refused: it repeats alternatives that can start with the same character, so a backtracking engine tries every split (exponential time); make the alternatives start differently, or use one character class',
  ],
  // Issue 10: schema and semantic problems in one run (load/beside-schema.ts).
  "schema-and-semantic-problems": [
    'test/fixtures/bad-specs/schema-and-semantic-problems.yaml:5:8: "title" must be a string: YAML reads 12 as the number 12; write "12"',
    'test/fixtures/bad-specs/schema-and-semantic-problems.yaml:32:9: missing required property "message" in rows; found "mesage": did you mean "message"?',
    'test/fixtures/bad-specs/schema-and-semantic-problems.yaml:36:17: status "Faild" has no outcome in context "default"; did you mean "Failed"?',
    'test/fixtures/bad-specs/schema-and-semantic-problems.yaml:37:19: unknown category "users"',
  ],
};

describe("bad-spec corpus", () => {
  it("has at least 30 fixtures, each with an expectation, and no expectation without a fixture", () => {
    const names = yamlFiles(BAD)
      .map((f) => basename(f, ".yaml"))
      .sort();
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(names).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))("%s", (name, lines) => {
    const linted = lintFile(`${BAD}/${name}.yaml`);
    expect(sortDiagnostics(linted.diagnostics).map(diagnosticHeadline)).toEqual(lines);
    // A spec with problems yields no model.
    expect(linted.defined).toBe(false);
    // Every diagnostic points inside the file and underlines at least one character.
    const lineCount = linted.text.split("\n").length;
    for (const d of linted.diagnostics) {
      expect(d.file).toBe(`${BAD}/${name}.yaml`);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lineCount);
      expect(d.col).toBeGreaterThanOrEqual(1);
      expect(d.length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("whole formatted output (headline + code frame)", () => {
  it("a code written as a YAML number", () => {
    expect(formatted(`${BAD}/code-yaml-number.yaml`)).toBe(
      [
        'test/fixtures/bad-specs/code-yaml-number.yaml:28:15: "code" must be a string: YAML reads 00 as the number 0, which loses its leading zero; write "00"',
        "  27 |     rows:",
        "> 28 |       - code: 00",
        "     |               ^^",
      ].join("\n"),
    );
  });

  it("a duplicate code", () => {
    expect(formatted(`${BAD}/duplicate-code.yaml`)).toBe(
      [
        'test/fixtures/bad-specs/duplicate-code.yaml:34:15: duplicate code "01" (first at line 31)',
        "  33 |         status: Pending",
        '> 34 |       - code: "01"',
        "     |               ^^^^",
      ].join("\n"),
    );
  });

  it("a YAML syntax error", () => {
    expect(formatted(`${BAD}/yaml-unclosed-quote.yaml`)).toBe(
      [
        'test/fixtures/bad-specs/yaml-unclosed-quote.yaml:31:18: YAML syntax error: Missing closing "quote',
        "  30 |         status: Success",
        '> 31 |       - code: "01',
        "     |                  ^",
      ].join("\n"),
    );
  });

  it("a missing property, framed at the mapping that lacks it (line 1 is the comment)", () => {
    expect(formatted(`${BAD}/missing-title.yaml`)).toBe(
      [
        'test/fixtures/bad-specs/missing-title.yaml:2:1: missing required property "title"',
        "  1 | # Bad spec: the required title is missing.",
        "> 2 | codebook: 1",
        "    | ^^^^^^^^^^^",
      ].join("\n"),
    );
  });

  it("a set column value, the whole cell underlined", () => {
    expect(formatted(`${BAD}/set-value-not-allowed.yaml`)).toBe(
      [
        'test/fixtures/bad-specs/set-value-not-allowed.yaml:43:21: "Refund" is not one of the values of column "operations": Inquiry, Payment, Advice',
        "  42 |         status: Failed",
        "> 43 |         operations: Inquiry, Refund",
        "     |                     ^^^^^^^^^^^^^^^",
      ].join("\n"),
    );
  });

  it("several problems, each with its frame, separated by a blank line, in line order", () => {
    expect(formatted(`${BAD}/several-problems.yaml`)).toBe(
      [
        'test/fixtures/bad-specs/several-problems.yaml:30:13: action "holdPayment" names code "03", which no table lists',
        "  29 |     title: Hold the payment",
        '> 30 |     codes: ["03"]',
        "     |             ^^^^",
        "",
        'test/fixtures/bad-specs/several-problems.yaml:41:17: status "Suspect" has no outcome in context "default" (map it under outcome.contexts)',
        "  40 |         message: On process",
        "> 41 |         status: Suspect",
        "     |                 ^^^^^^^",
        "",
        'test/fixtures/bad-specs/several-problems.yaml:42:19: unknown category "users"; did you mean "user"?',
        "  41 |         status: Suspect",
        "> 42 |         category: users",
        "     |                   ^^^^^",
        "",
        'test/fixtures/bad-specs/several-problems.yaml:43:15: duplicate code "01" (first at line 39)',
        "  42 |         category: users",
        '> 43 |       - code: "01"',
        "     |               ^^^^",
      ].join("\n"),
    );
  });
});

describe("several independent problems in one run", () => {
  it("reports every semantic problem of a spec, not only the first", () => {
    const { diagnostics } = lintFile(`${BAD}/several-problems.yaml`);
    expect(diagnostics).toHaveLength(4);
    expect(sortDiagnostics(diagnostics).map((d) => [d.line, d.col, d.length])).toEqual([
      [30, 13, 4],
      [41, 17, 7],
      [42, 19, 5],
      [43, 15, 4],
    ]);
  });

  it("reports every schema problem of a spec", () => {
    const { diagnostics } = lintFile(`${BAD}/schema-several-problems.yaml`);
    expect(sortDiagnostics(diagnostics).map((d) => `${d.line}:${d.col}`)).toEqual(["5:8", "6:10", "23:14"]);
  });

  it("reports every YAML syntax error of a file", () => {
    expect(lintFile(`${BAD}/yaml-several-errors.yaml`).diagnostics.map((d) => `${d.line}:${d.col}`)).toEqual(["30:9", "38:9"]);
  });
});

describe("valid specs", () => {
  it.each(yamlFiles("spec"))("shipped spec/%s has no diagnostics", (file) => {
    const linted = lintFile(`spec/${file}`);
    expect(linted.diagnostics.map(diagnosticHeadline)).toEqual([]);
    expect(linted.defined).toBe(true);
  });

  it("finds the shipped specs (so the check above is not vacuous)", () => {
    expect(yamlFiles("spec")).toEqual(expect.arrayContaining(["doku-biller.yaml", "iak-postpaid.yaml", "iak-prepaid.yaml", "snap-qr-cpm.yaml", "tokopedia-partner.yaml"]));
  });

  // The corpus is only meaningful if the bases it starts from are valid.
  it.each(yamlFiles(GOOD))("the fixture base %s has no diagnostics", (file) => {
    const linted = lintFile(`${GOOD}/${file}`);
    expect(linted.diagnostics.map(diagnosticHeadline)).toEqual([]);
    expect(linted.defined).toBe(true);
  });
});
