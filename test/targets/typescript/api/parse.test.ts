// parseSnapQrCpmResponseCode on every 7-digit code of the table, on unknown
// services and cases, and on malformed input. It never throws.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { harness, loadSpec, type Harness } from "./harness.ts";

const spec = loadSpec();
const endpoints = spec.api!.endpoints;
let h: Harness;
let parse: (code: unknown) => Record<string, unknown>;
beforeAll(async () => {
  h = await harness();
  parse = h.pkg[`parse${spec.typePrefix}ResponseCode`];
});

describe("parse: every code of the table", () => {
  it("has 6 services x 63 rows", () => {
    expect(spec.codes).toHaveLength(6 * 63);
  });

  it("reads each code as known, with its parts, row, endpoint and outcome", () => {
    for (const c of spec.codes) {
      const endpoint = endpoints.find((e) => e.serviceCode === c.parts!.service)!;
      expect(parse(c.code)).toEqual({
        kind: "known",
        code: c.code,
        http: c.parts!.http,
        service: c.parts!.service,
        case: c.parts!.case,
        category: c.category,
        message: c.message,
        description: c.description,
        outcome: c.outcomes.default,
        endpoint: endpoint.key,
        name: c.name,
      });
    }
  });

  it("reads outcomes by the document's words: 200 success, 202 pending, 4xx failed (409 xx 01, about an earlier request, pending), 5xx pending", () => {
    for (const c of spec.codes) {
      const { http = "", service, case: kase } = c.parts!;
      const outcome = parse(c.code).outcome;
      if (http === "200") expect(outcome).toBe("success");
      else if (http === "202") expect(outcome).toBe("pending");
      else if (http.startsWith("5")) expect(outcome).toBe("pending");
      else if (http === "409" && kase === "01") expect(outcome).toBe("pending");
      else if (http === "404" && kase === "18") expect(outcome).toBe(service === "80" || service === "62" ? "success" : "failed");
      else expect(outcome).toBe("failed");
    }
  });

  it("names 404xx18 per service: failed for the QR CPM payment, success for refund and cancel (void)", () => {
    expect(parse("4046018")).toMatchObject({ kind: "known", endpoint: "Payment", outcome: "failed", name: "PaymentInconsistentRequest" });
    expect(parse("4048018")).toMatchObject({ kind: "known", endpoint: "Refund", outcome: "success" });
    expect(parse("4046218")).toMatchObject({ kind: "known", endpoint: "Cancel", outcome: "success" });
    expect(parse("4045918")).toMatchObject({ kind: "known", endpoint: "Generate", outcome: "failed" });
  });

  it("504 (timeout from the issuer) on a payment is pending, never failed", () => {
    expect(parse("5046000")).toMatchObject({ kind: "known", outcome: "pending", endpoint: "Payment", message: "Timeout" });
  });
});

describe("parse: well-formed codes outside the tables", () => {
  it.each([
    // A 200 code the table does not list is never confirmed as success: pending.
    ["2009900", { http: "200", service: "99", case: "00", outcome: "pending", endpoint: null }],
    ["4006099", { http: "400", service: "60", case: "99", outcome: "failed", endpoint: "Payment" }],
    ["5006099", { http: "500", service: "60", case: "99", outcome: "pending", endpoint: "Payment" }],
    ["5039900", { http: "503", service: "99", case: "00", outcome: "pending", endpoint: null }],
    ["5046001", { http: "504", service: "60", case: "01", outcome: "pending", endpoint: "Payment" }],
    ["2006001", { http: "200", service: "60", case: "01", outcome: "pending", endpoint: "Payment" }],
    ["3026000", { http: "302", service: "60", case: "00", outcome: "unknown", endpoint: "Payment" }],
    ["6006000", { http: "600", service: "60", case: "00", outcome: "unknown", endpoint: "Payment" }],
    ["0000000", { http: "000", service: "00", case: "00", outcome: "unknown", endpoint: null }],
  ])("%s is unknown, with the outcome its HTTP part implies", (code, want) => {
    const r = parse(code);
    expect(r).toMatchObject({ kind: "unknown", code, ...want });
    expect(r.reason).toBeTypeOf("string");
    expect(r.reason as string).toContain(want.endpoint === null ? `service ${want.service} is not one of` : "the table has no row");
  });

  it("never reads a 5xx as failed, and reads every 7-digit string consistently (fast-check)", () => {
    const known = new Set(spec.codes.map((c) => c.code));
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{7}$/), (code) => {
        const r = parse(code);
        expect(r.kind).toBe(known.has(code) ? "known" : "unknown");
        expect(r.http).toBe(code.slice(0, 3));
        if (code.startsWith("5")) expect(r.outcome).toBe("pending");
        if (r.kind === "unknown") expect(r.outcome).not.toBe("success");
        if (code.startsWith("4") && r.kind === "unknown") expect(r.outcome).toBe("failed");
        if (!/^(200|202|4|5)/.test(code)) expect(r.outcome).toBe("unknown");
      }),
      { numRuns: 5000 },
    );
  });
});

describe("parse: malformed input", () => {
  it.each([
    ["the number 2006000", 2006000],
    ["a short string", "200600"],
    ["a long string", "20060000"],
    ["letters", "abcdefg"],
    ["null", null],
    ["undefined", undefined],
    ["an object", {}],
    ["an array", ["2006000"]],
    ["a leading space", " 2006000"],
    ["a trailing newline", "2006000\n"],
    ["full-width digits", "２００６０００"],
    ["a String object", new String("2006000")],
    ["a bigint", 2006000n],
    ["a boolean", true],
    ["an empty string", ""],
    ["a sign", "+200600"],
  ])("%s is malformed", (_label, input) => {
    const r = parse(input);
    expect(r.kind).toBe("malformed");
    expect(r.input).toBe(input);
    expect(r.reason).toBeTypeOf("string");
  });

  it("says why a number is not a code", () => {
    // The same words as classifySnapQrCpmCode's malformed result.
    expect(parse(2006000).reason).toBe('expected a string matching ^[0-9]{7}$, got the number 2006000, not the string "2006000"');
    expect(parse("200600").reason).toMatch(/^"200600" does not match \^\[0-9\]\{7\}\$/);
  });

  it("never throws (fast-check, any value)", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true }), (x) => {
        const r = parse(x);
        expect(["known", "unknown", "malformed"]).toContain(r.kind);
      }),
      { numRuns: 2000 },
    );
    expect(parse(Symbol("x")).kind).toBe("malformed");
  });
});
