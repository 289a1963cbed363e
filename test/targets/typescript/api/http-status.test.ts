// checkSnapQrCpmHttpStatus: the HTTP status against the body's responseCode.
// Disagreements take the cautious reading: never success when the transport
// says failure or unknown; pending when in doubt.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { harness, loadSpec, type Harness } from "./harness.ts";

const spec = loadSpec();
let h: Harness;
let check: (status: unknown, body: unknown) => { consistent: boolean; actOn: string; outcome: string; httpOutcome: string; code: { kind: string }; reason: string };
beforeAll(async () => {
  h = await harness();
  check = h.pkg[`check${spec.typePrefix}HttpStatus`];
});

const verdict = (status: unknown, body: unknown) => {
  const r = check(status, body);
  return { consistent: r.consistent, actOn: r.actOn, outcome: r.outcome };
};

describe("HTTP status vs responseCode", () => {
  it("acts on the code when the status matches its HTTP part, for every code of the table", () => {
    for (const c of spec.codes) {
      expect(verdict(Number(c.parts!.http), { responseCode: c.code })).toEqual({ consistent: true, actOn: "responseCode", outcome: c.outcomes.default });
    }
  });

  it.each([
    ["HTTP 500 carrying 2005900 (status-mismatch body)", 500, { responseCode: "2005900", responseMessage: "ok" }, { consistent: false, actOn: "httpStatus", outcome: "pending" }],
    ["HTTP 504 carrying 2006000", 504, { responseCode: "2006000" }, { consistent: false, actOn: "httpStatus", outcome: "pending" }],
    ["HTTP 400 carrying 2006000: contradiction", 400, { responseCode: "2006000" }, { consistent: false, actOn: "neither", outcome: "pending" }],
    ["HTTP 200 carrying 4006000: contradiction", 200, { responseCode: "4006000" }, { consistent: false, actOn: "neither", outcome: "pending" }],
    ["HTTP 400 carrying 4046000: both failed", 400, { responseCode: "4046000" }, { consistent: false, actOn: "responseCode", outcome: "failed" }],
    ["HTTP 500 carrying 5046000: both pending", 500, { responseCode: "5046000" }, { consistent: false, actOn: "responseCode", outcome: "pending" }],
    ["HTTP 200 carrying 2026000 (in progress)", 200, { responseCode: "2026000" }, { consistent: false, actOn: "responseCode", outcome: "pending" }],
    ["HTTP 200 without a code", 200, { referenceNo: "REF001" }, { consistent: false, actOn: "neither", outcome: "pending" }],
    ["HTTP 400 without a code", 400, {}, { consistent: false, actOn: "httpStatus", outcome: "failed" }],
    ["HTTP 503 with a numeric code", 503, { responseCode: 5036000 }, { consistent: false, actOn: "httpStatus", outcome: "pending" }],
    ["HTTP 302 carrying 2006000", 302, { responseCode: "2006000" }, { consistent: false, actOn: "httpStatus", outcome: "pending" }],
    ["HTTP 200 carrying an unlisted 200 code", 200, { responseCode: "2006001" }, { consistent: true, actOn: "responseCode", outcome: "pending" }],
    ["HTTP 200 carrying an unknown service", 200, { responseCode: "2009900" }, { consistent: true, actOn: "responseCode", outcome: "pending" }],
    ["HTTP 400 carrying an unlisted 400 code", 400, { responseCode: "4006099" }, { consistent: true, actOn: "responseCode", outcome: "failed" }],
    ["HTTP 404 carrying 4046218 (cancel, inconsistent request = success)", 404, "4046218", { consistent: true, actOn: "responseCode", outcome: "success" }],
    ["a status that is not a number", "500", { responseCode: "5006000" }, { consistent: false, actOn: "responseCode", outcome: "pending" }],
    ["NaN with a success code", Number.NaN, { responseCode: "2006000" }, { consistent: false, actOn: "httpStatus", outcome: "pending" }],
  ])("%s", (_label, status, body, want) => {
    const r = check(status, body);
    expect({ consistent: r.consistent, actOn: r.actOn, outcome: r.outcome }).toEqual(want);
    expect(r.reason.length).toBeGreaterThan(20);
  });

  it("explains the status-mismatch verdict", () => {
    const r = check(500, { responseCode: "2005900", responseMessage: "ok" });
    expect(r.reason).toContain("HTTP 500 does not match");
    expect(r.reason).toContain("pending");
    expect(r.code).toMatchObject({ kind: "known", outcome: "success" });
  });

  it("reports success only when the status and a listed code both say so (fast-check)", () => {
    const known = spec.codes.map((c) => c.code);
    const code = fc.oneof(fc.constantFrom(...known), fc.stringMatching(/^[0-9]{7}$/), fc.anything());
    const status = fc.oneof(fc.constantFrom(200, 202, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504), fc.integer({ min: 0, max: 1000 }), fc.anything(), fc.constant({ toString: false }));
    fc.assert(
      fc.property(status, code, fc.boolean(), (s, c, wrap) => {
        const r = check(s, wrap ? { responseCode: c } : c);
        expect(["success", "pending", "failed"]).toContain(r.outcome);
        if (r.outcome === "success") {
          // Only a listed code that reads success, with a status that is its own HTTP part or itself reads success.
          expect(r.code.kind).toBe("known");
          expect((r.code as { outcome?: string }).outcome).toBe("success");
          expect(r.consistent || r.httpOutcome === "success").toBe(true);
        }
        // A transport that says pending or unknown is never overridden when the code disagrees with it.
        if (!r.consistent && (r.httpOutcome === "pending" || r.httpOutcome === "unknown")) expect(r.outcome).toBe("pending");
        // Nor is a transport failure turned into success by a mismatching code.
        if (!r.consistent && r.httpOutcome === "failed") expect(r.outcome).not.toBe("success");
        if (r.code.kind !== "known") expect(r.outcome).not.toBe("success");
      }),
      { numRuns: 20_000 },
    );
  });

  it("acts on the code when status and code differ but both read success (HTTP 200 carrying 4046218)", () => {
    expect(verdict(200, { responseCode: "4046218" })).toEqual({ consistent: false, actOn: "responseCode", outcome: "success" });
  });

  it("never throws on hostile statuses", () => {
    const evil = { toString: false, valueOf: () => { throw new Error("boom"); } };
    for (const s of [evil, Symbol("s"), 10n, null, undefined, {}, [], "200", Number.POSITIVE_INFINITY, -0, 200.5])
      expect(check(s, { responseCode: "2006000" }).outcome).toBe("pending");
  });

  it("never throws on hostile bodies", () => {
    const hostile = new Proxy({}, { get: () => { throw new Error("boom"); }, getOwnPropertyDescriptor: () => { throw new Error("boom"); }, has: () => { throw new Error("boom"); } });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const body of [hostile, proxy, Object.create(null), JSON.parse('{"__proto__": {"responseCode": "2006000"}}')])
      expect(check(200, body).outcome).toBe("pending");
  });
});
