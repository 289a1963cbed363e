// Categories for unlisted codes (issue 10, item 3), on the fixture specs of the
// 24-code-gateway finding: a composite category without an outcome still names the
// category of an unlisted code ("409" → clientError, outcome by the source's rule),
// and plain code tables match categories by prefix or by pattern.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFixtures, type FixturePackages } from "../../../fixture-packages.ts";

type Classify = (code: unknown) => Record<string, unknown>;
let fixtures: FixturePackages;
let composite: Classify;
let plain: Classify;
beforeAll(async () => {
  fixtures = await generateFixtures();
  composite = (await import(join(fixtures.dir, "gateway-composite", "dist", "index.js"))).classifyGatewayCompositeCode;
  plain = (await import(join(fixtures.dir, "gateway-plain", "dist", "index.js"))).classifyGatewayPlainCode;
}, 60_000);
afterAll(() => fixtures?.remove());

describe("a composite category with match and no outcome", () => {
  it('"409" (unlisted) gets its category; its outcome is the source\'s rule for unlisted codes', () => {
    expect(composite("409")).toEqual({ known: false, outcome: "unknown", code: "409", category: "clientError", reason: "The gateway says nothing about a code it does not list." });
  });

  it("a category with an outcome gives it; rules on the parts come first and keep the category", () => {
    expect(composite("309")).toMatchObject({ known: false, outcome: "failed", category: "redirect", reason: "Category 3xx" });
    expect(composite("299")).toMatchObject({ known: false, outcome: "pending", category: null });
    expect(composite("599")).toMatchObject({ known: false, outcome: "pending", category: null, reason: "The gateway does not know the result yet." });
    expect(composite("199")).toMatchObject({ known: false, outcome: "unknown", category: null });
  });

  it("listed codes keep their row's category; malformed values have none", () => {
    expect(composite("404")).toMatchObject({ known: true, outcome: "failed", code: "404" });
    expect(composite("4090")).toMatchObject({ known: false, malformed: true, category: null, code: null });
    expect(composite(409)).toMatchObject({ known: false, malformed: true, outcome: "unknown", reason: 'expected a string matching ^[0-9]{3}$, got the number 409, not the string "409"' });
  });
});

describe("categories on a plain code table", () => {
  it.each([
    ["AP99", "approved", "unknown"], // a prefix category without an outcome
    ["DE99", "declined", "failed"], // one of several prefixes, with an outcome
    ["DF00", "declined", "failed"],
    ["NX95", "network", "pending"], // a pattern category
    ["NX85", null, "unknown"], // the pattern does not match
    ["ZZ00", null, "unknown"],
  ] as const)("%s → category %s, %s", (code, category, outcome) => {
    expect(plain(code)).toMatchObject({ known: false, code, category, outcome });
  });

  it("a value of the wrong shape is malformed before any category is tried", () => {
    expect(plain("DE5")).toMatchObject({ known: false, malformed: true, category: null, outcome: "unknown", reason: '"DE5" does not match ^[A-Z]{2}[0-9]{2}$' });
    expect(plain("de51")).toMatchObject({ malformed: true, category: null });
  });
});
