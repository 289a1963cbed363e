// Issue 18: a spec's version is semver with safe integers, and its id has a length limit;
// each refusal is a positioned lint problem (`file:line:col`), found at lint time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnosticHeadline } from "../../generator/load/diagnostics.ts";
import { loadSpecText } from "../../generator/load/load-specs.ts";
import { SPEC_ID_MAX_LENGTH } from "../../generator/model/identifiers.ts";
import { repoRoot } from "../helpers.ts";

const minimal = readFileSync(join(repoRoot, "test/fixtures/good-specs/minimal.yaml"), "utf8");

function lint(edit: (text: string) => string, id = "minimal"): string[] {
  const text = edit(minimal).replace("id: minimal", `id: ${id}`);
  return loadSpecText("spec/x.yaml", text, id).diagnostics.map(diagnosticHeadline);
}

const withVersion = (v: string) => (t: string) => t.replace("version: 1.0.0", `version: ${JSON.stringify(v)}`);

describe("version: MAJOR.MINOR.PATCH, semver, each part a safe integer", () => {
  it.each(["0.0.0", "1.2.3", "10.20.30", "9007199254740991.0.0", "1.9007199254740991.9007199254740991"])("%s is accepted", (v) => {
    expect(lint(withVersion(v))).toEqual([]);
  });

  it.each([
    ["9007199254740992.0.0", "9007199254740992 is over 9007199254740991"],
    ["9007199254740993.0.0", "9007199254740993 is over 9007199254740991"],
    ["1.0.9999999999999999", "9999999999999999 is over 9007199254740991"],
  ])("%s is refused at its position: %s", (v, why) => {
    expect(lint(withVersion(v))).toEqual([`spec/x.yaml:6:10: version ${v}: ${why}, the largest whole number JavaScript holds exactly; each part of MAJOR.MINOR.PATCH must be at most that`]);
  });

  it.each(["01.0.0", "1.00.0", "1.0", "1.0.0.0", "v1.0.0", "1.0.0-beta", "1.0.12345678901234567", " 1.0.0"])("%s is refused by the schema, at its position", (v) => {
    const problems = lint(withVersion(v));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^spec\/x\.yaml:6:10: "version" must be a version MAJOR\.MINOR\.PATCH/);
  });
});

describe("id: at most SPEC_ID_MAX_LENGTH characters", () => {
  it("the schema's limit is the one init checks", () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, "schema/spec.schema.json"), "utf8")) as { properties: Record<string, { maxLength?: number }> };
    expect(schema.properties.id!.maxLength).toBe(SPEC_ID_MAX_LENGTH);
    expect(schema.properties.extends!.maxLength).toBe(SPEC_ID_MAX_LENGTH);
  });

  it(`${SPEC_ID_MAX_LENGTH} characters lint clean; one more is refused at its position`, () => {
    const longest = `acme-${"x".repeat(SPEC_ID_MAX_LENGTH - 5)}`;
    expect(longest).toHaveLength(SPEC_ID_MAX_LENGTH);
    expect(lint((t) => t, longest)).toEqual([]);
    const over = `${longest}x`;
    expect(lint((t) => t, over)).toEqual([`spec/x.yaml:4:5: "id" must NOT have more than ${SPEC_ID_MAX_LENGTH} characters`]);
  });
});
