// The diff reads what a spec says about unlisted codes from the IR; the generated
// classifiers decide it in code. They must agree, or a new code's level (feature
// when it keeps the old unlisted outcome) would be judged against the wrong outcome.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unlistedCategoryOf, unlistedOutcomeOf, unlistedRuleText } from "../../generator/diff/unlisted.ts";
import { loadSpecs } from "../../generator/load/load-specs.ts";
import type { Spec } from "../../generator/model/types.ts";
import { fixtureSpecDir, generateFixtures, type FixturePackages } from "../fixture-packages.ts";
import { repoRoot } from "../helpers.ts";

const { specs, diagnostics } = loadSpecs({ root: repoRoot, specDir: join(repoRoot, "spec") });

/** Codes of every shape the shipped specs read: right and wrong lengths, parts that match rules, categories or nothing. */
function candidates(spec: Spec): string[] {
  const out = ["", "0", "77", "99", "999", "abc", "U005", "U199", "IT99", "SY55", "UE01", "XX01", "U0AB", "12345", "409", "309", "199", "AP99", "DE99", "DF00", "NX95", "NX85", "ZZ00", "de51", "<x", "A|C"];
  for (const http of ["100", "200", "202", "204", "301", "400", "404", "429", "500", "503", "504", "600", "4a4"])
    for (const service of ["59", "60", "99"]) for (const c of ["00", "77"]) out.push(`${http}${service}${c}`);
  return out.filter((code) => !spec.codes.some((c) => c.code === code));
}

/** Every candidate code, in every context: the IR's reading equals the package's classifier. */
function expectAgreement(spec: Spec, pkg: Record<string, unknown>): void {
  const id = spec.id;
    const classify = pkg[`classify${spec.typePrefix}Code`] as (code: string, context?: string) => { known: boolean; outcome: string; category: string | null };
    let compared = 0;
    for (const ctx of spec.contexts)
      for (const code of candidates(spec)) {
        const generated = spec.contexts.length > 1 ? classify(code, ctx.id) : classify(code);
        expect(generated.known, `${id} ${code}`).toBe(false);
        expect(unlistedOutcomeOf(spec, code, ctx), `${id} ${ctx.id} ${JSON.stringify(code)}`).toBe(generated.outcome);
        if (ctx.kind === "column") expect(unlistedCategoryOf(spec, code), `${id} ${JSON.stringify(code)}`).toBe(generated.category);
        compared++;
      }
    expect(compared).toBeGreaterThan(40);
}

describe("unlistedOutcomeOf agrees with the generated classifiers", () => {
  it("loads the shipped specs", () => {
    expect(diagnostics).toEqual([]);
    expect(specs.length).toBeGreaterThan(0);
  });

  it.each(specs.map((s) => [s.id, s] as const))("%s, every context", async (id, spec) => {
    expectAgreement(spec, (await import(join(repoRoot, "generated", id, "dist", "index.js"))) as Record<string, unknown>);
  });
});

// The fixture specs reach what the shipped ones do not: categories without an outcome,
// prefix and pattern categories on plain tables. Generated once, compared the same way.
describe("unlistedOutcomeOf and unlistedCategoryOf agree with the fixture specs' classifiers", () => {
  const fixtureSpecs = loadSpecs({ root: repoRoot, specDir: fixtureSpecDir });
  let fixtures: FixturePackages;
  beforeAll(async () => {
    fixtures = await generateFixtures();
  }, 60_000);
  afterAll(() => fixtures?.remove());

  it("loads the fixture specs", () => {
    expect(fixtureSpecs.diagnostics).toEqual([]);
  });

  it.each(fixtureSpecs.specs.filter((s) => !s.api).map((s) => [s.id, s] as const))("%s, every context", async (id, spec) => {
    expectAgreement(spec, (await import(join(fixtures.dir, id, "dist", "index.js"))) as Record<string, unknown>);
  });
});

describe("unlistedRuleText", () => {
  const byId = (id: string) => specs.find((s) => s.id === id)!;
  it("states each spec's rule without its reasons, success never confirmed", () => {
    expect(unlistedRuleText(byId("iak-prepaid"), byId("iak-prepaid").contexts[0]!)).toBe("every unlisted code → pending");
    const snap = byId("snap-qr-cpm");
    expect(unlistedRuleText(snap, snap.contexts[0]!)).toBe("http 200 → pending; http 202 → pending; http 4… → failed; http 5… → pending; otherwise → unknown");
    const toko = byId("tokopedia-partner");
    expect(toko.contexts.map((c) => unlistedRuleText(toko, c))).toEqual([
      "every unlisted code → unknown",
      "every unlisted code → unknown",
      "every unlisted code → failed",
      "every unlisted code → failed",
      "every unlisted code → failed",
      "every unlisted code → failed",
    ]);
  });
});

describe("unlistedRuleText on categories of every kind", () => {
  const { specs: fixtureSpecs } = loadSpecs({ root: repoRoot, specDir: fixtureSpecDir });
  const byId = (id: string) => fixtureSpecs.find((s) => s.id === id)!;
  it("states part, prefix and pattern matches, with or without an outcome", () => {
    const composite = byId("gateway-composite");
    expect(unlistedRuleText(composite, composite.contexts[0]!)).toBe(
      "class 2 → pending; class 5 → pending; class 4 (clientError): category only; class 3 (redirect) → failed; otherwise → unknown",
    );
    const plain = byId("gateway-plain");
    expect(unlistedRuleText(plain, plain.contexts[0]!)).toBe("AP… (approved): category only; DE|DF… (declined) → failed; /^N[A-Z]9[0-9]$/ (network) → pending; otherwise → unknown");
  });
});
