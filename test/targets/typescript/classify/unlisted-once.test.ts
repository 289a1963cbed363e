// Classification does each check once (issue 23, item 3): where the code pattern already implies
// the composite parts' shape (SNAP's ^[0-9]{7}$, DOKU's two four-character forms), the generated
// classifier does not test the parts again; where it does not (a part narrower than the code's
// class), the part checks stay. Either way the answers are those of the reference reading of the
// spec (generator/diff/unlisted.ts, which tests every part), over many codes of every spec's
// pattern, near misses and malformed values, in every context.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unlistedCategoryOf, unlistedOutcomeOf } from "../../../../generator/diff/unlisted.ts";
import { loadSpecs } from "../../../../generator/load/load-specs.ts";
import type { Spec } from "../../../../generator/model/types.ts";
import { fixtureSpecDir, generateFixtures, type FixturePackages } from "../../../fixture-packages.ts";
import { repoRoot } from "../../../helpers.ts";

const shipped = loadSpecs({ root: repoRoot, specDir: join(repoRoot, "spec") }).specs;
const fixtureSpecs = loadSpecs({ root: repoRoot, specDir: fixtureSpecDir }).specs;
let fixtures: FixturePackages;
beforeAll(async () => {
  fixtures = await generateFixtures();
}, 60_000);
afterAll(() => fixtures?.remove());

type Classify = (code: unknown, context?: string) => { known: boolean; malformed?: boolean; outcome: string; category?: string | null; code: string | null };

function dist(spec: Spec, fixture: boolean): string {
  return join(fixture ? fixtures.dir : join(repoRoot, "generated"), spec.id, "dist");
}

/** Codes of the spec's pattern, one character away from it, listed codes changed by one character, and odd values. */
function codes(spec: Spec): fc.Arbitrary<string> {
  const listed = spec.codes.map((c) => c.code);
  return fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(new RegExp(spec.pattern)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...listed), fc.nat(), fc.constantFrom(..."0123456789AZUISYxé ")).map(([c, i, ch]) => c.slice(0, i % c.length) + ch + c.slice((i % c.length) + 1)) },
    { weight: 1, arbitrary: fc.tuple(fc.stringMatching(new RegExp(spec.pattern)), fc.constantFrom("", "0", "\n", "A")).map(([c, x]) => c + x) },
    { weight: 1, arbitrary: fc.string({ maxLength: 9 }) },
  );
}

function agree(spec: Spec, classify: Classify): number {
  let compared = 0;
  fc.assert(
    fc.property(codes(spec), (code) => {
      for (const ctx of spec.contexts) {
        const r = spec.contexts.length > 1 ? classify(code, ctx.id) : classify(code);
        const listed = spec.codes.find((c) => c.code === code);
        if (listed) {
          if (!r.known || r.outcome !== listed.outcomes[ctx.id]) throw new Error(`${spec.id} ${ctx.id} ${code}: listed, got ${r.outcome}`);
        } else {
          const want = unlistedOutcomeOf(spec, code, ctx);
          if (r.known || r.outcome !== want) throw new Error(`${spec.id} ${ctx.id} ${JSON.stringify(code)}: ${r.outcome}, the reference says ${want}`);
          const malformed = !new RegExp(spec.pattern).test(code);
          if ((r.malformed === true) !== malformed) throw new Error(`${spec.id} ${JSON.stringify(code)}: malformed ${r.malformed}`);
          if (!malformed && ctx.kind === "column" && r.category !== unlistedCategoryOf(spec, code))
            throw new Error(`${spec.id} ${JSON.stringify(code)}: category ${r.category}, the reference says ${unlistedCategoryOf(spec, code)}`);
        }
        compared++;
      }
    }),
    { numRuns: 5_000 },
  );
  return compared;
}

describe("classification does each check once, with the reference's answers", () => {
  it("SNAP and DOKU test no part again after the code pattern; a fixture whose part is narrower keeps its part check", () => {
    const source = (spec: Spec, fixture: boolean) => readFileSync(join(dist(spec, fixture), spec.api ? "codes.js" : "index.js"), "utf8");
    const unlisted = (text: string) => {
      const start = text.indexOf("function classifyUnlisted");
      return text.slice(start, text.indexOf("\n}\n", start));
    };
    for (const id of ["snap-qr-cpm", "doku-biller"]) {
      const text = source(shipped.find((s) => s.id === id)!, false);
      expect(text, id).not.toMatch(/_PART\b/);
      expect(unlisted(text), id).toContain("startsWith(");
      expect(unlisted(text), id).not.toMatch(/\.test\(|slice\(|parts &&/);
    }
    const narrower = source(fixtureSpecs.find((s) => s.id === "gateway-composite")!, true);
    expect(unlisted(narrower)).toMatch(/CLASS_PART\.test\(code\.slice\(0, 1\)\)/);
  });

  it.each(shipped.map((s) => [s.id, s] as const))("%s: 5,000 codes in every context agree with the reference", async (_id, spec) => {
    const pkg = (await import(join(dist(spec, false), "index.js"))) as Record<string, unknown>;
    expect(agree(spec, pkg[`classify${spec.typePrefix}Code`] as Classify)).toBeGreaterThanOrEqual(5_000);
  });

  it.each(fixtureSpecs.map((s) => [s.id, s] as const))("fixture %s: 5,000 codes in every context agree with the reference", async (_id, spec) => {
    const pkg = (await import(join(dist(spec, true), "index.js"))) as Record<string, unknown>;
    expect(agree(spec, pkg[`classify${spec.typePrefix}Code`] as Classify)).toBeGreaterThanOrEqual(5_000);
  });
});
