// Differential: for every body schema, fast-check generates >= 10,000 bodies
// (valid ones from the field model, and mutations aimed at every rule's
// edges); ajv compiled from the emitted JSON Schema (allErrors, ajv-formats)
// and the generated validator must agree on accept/reject for every one, in
// default mode and in strict mode (against the schema's strict twin).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSchemas, type AjvValidate } from "./ajv.ts";
import { bodies, dateLike, validDateTime, EDGE_DATES, BAD_AMOUNTS, BAD_CURRENCIES } from "./arbitraries.ts";
import { harness, loadSpec, validator, type Harness } from "./harness.ts";

const RUNS = Number(process.env.CODEBOOK_DIFFERENTIAL_RUNS ?? 10_000);
const spec = loadSpec();
const envelope = spec.api!.endpoints[0]!.response.fields.map((f) => f.key).filter((k) => spec.api!.endpoints.every((e) => e.response.fields.some((f) => f.key === k)));

let h: Harness;
let ajv: Map<string, { loose: AjvValidate; strict: AjvValidate }>;
const stats: { body: string; runs: number; accepted: number; strictAccepted: number; disagreements: number }[] = [];

beforeAll(async () => {
  h = await harness();
  ajv = compileSchemas(h);
});

afterAll(() => {
  const total = stats.reduce((s, x) => s + x.runs, 0);
  const disagreements = stats.reduce((s, x) => s + x.disagreements, 0);
  console.log(
    `differential: ${stats.length} body schemas, ${total} bodies, each checked in default and strict mode (${2 * total} comparisons), ${disagreements} disagreements\n` +
      stats.map((x) => `  ${x.body.padEnd(18)} ${x.runs} bodies, ${x.accepted} accepted, ${x.strictAccepted} accepted strict, ${x.disagreements} disagreements`).join("\n"),
  );
});

describe("validators agree with ajv on the emitted JSON Schemas", () => {
  it("emits one schema per body, and nothing else", () => {
    expect([...h.schemas.keys()].sort()).toEqual(spec.api!.endpoints.flatMap((e) => [`${e.key.toLowerCase()}-request.schema.json`, `${e.key.toLowerCase()}-response.schema.json`]).sort());
  });

  for (const e of spec.api!.endpoints)
    for (const kind of ["request", "response"] as const) {
      const file = `${e.key.toLowerCase()}-${kind}.schema.json`;
      it(`${file}: ${RUNS} bodies, zero disagreements`, () => {
        const validate = validator(h, e.key, kind);
        const { loose, strict } = ajv.get(file)!;
        const serviceCodes = spec.codes.filter((c) => c.parts!.service === e.serviceCode).map((c) => c.code);
        const successCode = serviceCodes.find((c) => c.startsWith("200"))!;
        const s = { body: `${e.key} ${kind}`, runs: 0, accepted: 0, strictAccepted: 0, disagreements: 0 };
        stats.push(s);
        fc.assert(
          fc.property(bodies(spec, e, kind, successCode, serviceCodes, envelope), (body) => {
            s.runs++;
            const ours = validate(body).ok;
            const theirs = loose(body);
            const oursStrict = validate(body, { strict: true }).ok;
            const theirsStrict = strict(body);
            if (ours) s.accepted++;
            if (oursStrict) s.strictAccepted++;
            // The assertions are built only when they fail: the body's text for the message costs more than the validators.
            if (ours !== theirs || oursStrict !== theirsStrict) {
              s.disagreements++;
              expect({ default: ours, strict: oursStrict }, JSON.stringify(body)?.slice(0, 2000)).toEqual({ default: theirs, strict: theirsStrict });
            }
            // Strict only ever rejects more.
            if (oursStrict && !ours) expect(ours, JSON.stringify(body)?.slice(0, 2000)).toBe(true);
          }),
          { numRuns: RUNS, endOnFailure: false },
        );
        expect(s.runs).toBeGreaterThanOrEqual(RUNS);
        // The generator must reach both verdicts often, or agreement proves little.
        expect(s.accepted).toBeGreaterThan(RUNS * 0.15);
        expect(s.runs - s.accepted).toBeGreaterThan(RUNS * 0.3);
        if (kind === "request" || e.response.fields.length > envelope.length) expect(s.accepted - s.strictAccepted).toBeGreaterThan(RUNS * 0.01);
      });
    }

  it("agrees on 20,000 date-like strings, amounts and currencies each (the formats are checked by character codes)", () => {
    const pay = ajv.get("payment-request.schema.json")!.loose;
    const refund = ajv.get("refund-request.schema.json")!.loose;
    const validatePay = validator(h, "Payment", "request");
    const validateRefund = validator(h, "Refund", "request");
    const base = { partnerReferenceNo: "P", qrContent: "Q", merchantId: "M" };
    const tally = { date: 0, amount: 0, currency: 0, accepted: 0 };
    const chars = (alphabet: string, max: number) => fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((a) => a.join(""));
    const dates = fc.oneof(dateLike, validDateTime, chars("0123456789-T:.Z+- tz", 30), validDateTime.map((d) => d.slice(0, -1)), validDateTime.chain((d) => fc.nat(d.length - 1).map((i) => d.slice(0, i) + "9" + d.slice(i + 1))));
    fc.assert(
      fc.property(dates, (expiryTime) => {
        tally.date++;
        const ours = validatePay({ ...base, expiryTime }).ok;
        if (ours) tally.accepted++;
        const theirs = pay({ ...base, expiryTime });
        if (ours !== theirs) expect(ours, expiryTime).toBe(theirs);
      }),
      { numRuns: 20_000 },
    );
    const r = { originalPartnerReferenceNo: "O", partnerRefundNo: "R" };
    fc.assert(
      fc.property(fc.oneof(chars("0123456789.", 20), chars("0123456789.,-+ e", 18)), fc.oneof(fc.constant("IDR"), chars("ABCXYZabc1 ", 4)), (value, currency) => {
        tally.amount++;
        tally.currency++;
        const body = { ...r, refundAmount: { value, currency } };
        const [ours, theirs] = [validateRefund(body).ok, refund(body)];
        if (ours !== theirs) expect(ours, `${value} ${currency}`).toBe(theirs);
      }),
      { numRuns: 20_000 },
    );
    expect(tally.accepted).toBeGreaterThan(2_000);
  });

  it("agrees on every edge date, with the verdict the rule states", () => {
    const { loose } = ajv.get("payment-request.schema.json")!;
    const validate = validator(h, "Payment", "request");
    const base = { partnerReferenceNo: "P", qrContent: "Q", merchantId: "M" };
    for (const [date, valid] of EDGE_DATES) {
      const body = { ...base, expiryTime: date };
      expect(validate(body).ok, date).toBe(valid);
      expect(loose(body), date).toBe(valid);
    }
  });

  it("agrees on every bad amount and currency", () => {
    const { loose } = ajv.get("refund-request.schema.json")!;
    const validate = validator(h, "Refund", "request");
    const base = { originalPartnerReferenceNo: "O", partnerRefundNo: "R" };
    for (const value of BAD_AMOUNTS) {
      const body = { ...base, refundAmount: { value, currency: "IDR" } };
      expect(validate(body).ok, value).toBe(false);
      expect(loose(body), value).toBe(false);
    }
    for (const currency of BAD_CURRENCIES) {
      const body = { ...base, refundAmount: { value: "1.00", currency } };
      expect(validate(body).ok, currency).toBe(false);
      expect(loose(body), currency).toBe(false);
    }
    for (const value of ["0.00", "1.00", "99999999999999.99", "00000000000000.00"]) expect(validate({ ...base, refundAmount: { value, currency: "IDR" } }).ok, value).toBe(true);
  });

  it("agrees on lengths counted in code points (surrogate pairs near the limit)", () => {
    const { loose } = ajv.get("payment-request.schema.json")!;
    const validate = validator(h, "Payment", "request");
    const base = { partnerReferenceNo: "P", qrContent: "Q", merchantId: "M", expiryTime: "2024-02-29T00:00:00Z" };
    const cases: [string, boolean][] = [
      ["😀".repeat(32), true], // 64 UTF-16 units, 32 code points
      ["😀".repeat(33), false],
      ["a".repeat(31) + "😀", true],
      ["a".repeat(32) + "\uD83D", false],
      ["\uD800".repeat(32), true],
      ["\uD800".repeat(33), false],
      ["\uDC00\uD800".repeat(16), true],
    ];
    for (const [subMerchantId, valid] of cases) {
      expect(validate({ ...base, subMerchantId }).ok, subMerchantId).toBe(valid);
      expect(loose({ ...base, subMerchantId }), subMerchantId).toBe(valid);
    }
  });
});
