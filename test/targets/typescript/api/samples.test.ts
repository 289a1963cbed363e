// Every sample request and response of the source document validates, except
// where a sample's deviations record an erratum; those assert the exact errors.
import { beforeAll, describe, expect, it } from "vitest";
import { errorPairs, harness, loadSpec, validator, type Harness } from "./harness.ts";

const spec = loadSpec();
let h: Harness;
beforeAll(async () => {
  h = await harness();
});

/**
 * The errata a sample deviates by, and what that does to validation:
 * [non-strict errors, strict errors] as sorted [path, rule] pairs.
 */
const expected: Record<string, { erratum: string; errors: [string, string][]; strict: [string, string][] }> = {
  // "expiryTime":"60" is neither a number nor an ISO-8601 date-time (errata expiry-time-sample, expiry-time-format).
  "Generate response": { erratum: "expiry-time-sample", errors: [["/expiryTime", "date-time"]], strict: [["/expiryTime", "date-time"]] },
  "Payment request": { erratum: "expiry-time-sample", errors: [["/expiryTime", "date-time"]], strict: [["/expiryTime", "date-time"]] },
  // " originalExternalId" (leading space) is an undeclared key: fine for a forward-compatible reader, rejected in strict mode.
  "Query request": { erratum: "query-sample-key-space", errors: [], strict: [["/ originalExternalId", "additionalProperties"]] },
};

describe("samples of the source document", () => {
  const cases = spec.api!.endpoints.flatMap((e) => e.samples.map((s) => ({ e, s, label: `${e.key} ${s.kind}` })));

  it("has a sample request and response for every endpoint", () => {
    expect(cases.map((c) => c.label).sort()).toEqual(spec.api!.endpoints.flatMap((e) => [`${e.key} request`, `${e.key} response`]).sort());
  });

  it("lists exactly the deviations this test expects", () => {
    const withDeviations = cases.filter((c) => c.s.deviations.length).map((c) => c.label);
    expect(withDeviations.sort()).toEqual(Object.keys(expected).sort());
    for (const c of cases) for (const d of c.s.deviations) expect(d.erratum).toBe(expected[c.label]!.erratum);
  });

  for (const { e, s, label } of cases) {
    it(`${label}: ${s.deviations.length ? "fails exactly at its recorded deviations" : "validates"}`, () => {
      const validate = validator(h, e.key, s.kind);
      const json = JSON.parse(s.body);
      expect(json).toEqual(s.json);
      const loose = validate(json);
      const strict = validate(json, { strict: true });
      const want = expected[label];
      if (!want) {
        expect(errorPairs(loose)).toEqual([]);
        expect(errorPairs(strict)).toEqual([]);
        expect(loose).toEqual({ ok: true, value: json });
        // The value is a snapshot of what was validated, not the input.
        if (loose.ok) expect(loose.value).not.toBe(json);
        return;
      }
      expect(errorPairs(loose)).toEqual(want.errors);
      expect(errorPairs(strict)).toEqual(want.strict);
      // Every error is at a pointer the spec records as a deviation.
      const pointers = new Set(s.deviations.map((d) => d.pointer));
      for (const [path] of want.strict) expect(pointers.has(path)).toBe(true);
      if (!strict.ok) for (const x of strict.errors) expect(typeof x.message).toBe("string");
    });
  }

  it("reads the sample response codes as their endpoint's success", () => {
    for (const e of spec.api!.endpoints) {
      const response = e.samples.find((s) => s.kind === "response")!;
      const parsed = h.pkg[`parse${spec.typePrefix}ResponseCode`]((response.json as { responseCode: string }).responseCode);
      expect(parsed).toMatchObject({ kind: "known", endpoint: e.key, outcome: "success", http: "200", service: e.serviceCode, case: "00" });
    }
  });
});
