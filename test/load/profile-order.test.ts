/**
 * The loader drops each clean spec's parsed document once it is linted (they were most of
 * a lint's memory) and parses a base again when a profile later in file order needs it.
 * These hold that the order of base and profiles changes nothing a lint returns.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTexts, type SpecText } from "../../generator/load/load-specs.ts";
import { repoRoot } from "../helpers.ts";

const text = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const base = { id: "iak-prepaid", display: "spec/iak-prepaid.yaml", text: text("spec/iak-prepaid.yaml") };
const profile = { id: "acme-prepaid", display: "spec/acme-prepaid.yaml", text: text("test/fixtures/profiles/acme-prepaid.yaml") };
// A second profile of the same base, under another id.
const second = {
  id: "zeta-prepaid",
  display: "spec/zeta-prepaid.yaml",
  text: profile.text.replace(/^id: acme-prepaid$/m, "id: zeta-prepaid").replace(/^typePrefix: .*$/m, "typePrefix: ZetaPrepaid"),
};

function lint(order: (typeof base)[]) {
  let reads = 0;
  const texts: SpecText[] = order.map((t) => ({ id: t.id, display: t.display, read: () => (reads++, t.text), dir: null }));
  const result = loadTexts(texts, [], null);
  return { ...result, reads, byId: new Map(result.specs.map((s) => [s.id, s])) };
}

describe("profiles and their base, in any file order", () => {
  const profilesFirst = lint([profile, second, base]);
  const baseFirst = lint([base, profile, second]);

  it("lint clean and give the same IR, diagnostics and inputs", () => {
    expect(second.text).not.toBe(profile.text);
    expect(profilesFirst.diagnostics).toEqual([]);
    expect(baseFirst.diagnostics).toEqual([]);
    expect([...baseFirst.byId.keys()].sort()).toEqual(["acme-prepaid", "iak-prepaid", "zeta-prepaid"]);
    for (const id of baseFirst.byId.keys()) expect(baseFirst.byId.get(id)).toEqual(profilesFirst.byId.get(id));
    expect(baseFirst.warnings).toEqual(expect.arrayContaining(profilesFirst.warnings));
    expect(baseFirst.warnings).toHaveLength(profilesFirst.warnings.length);
    expect(baseFirst.inputs).toEqual(profilesFirst.inputs);
    expect(baseFirst.inputs.get("zeta-prepaid")).toEqual(["spec/zeta-prepaid.yaml", "spec/iak-prepaid.yaml"]);
  });

  it("parse a base linted before its profiles once more, and only once", () => {
    expect(profilesFirst.reads).toBe(3);
    expect(baseFirst.reads).toBe(4);
  });
});
