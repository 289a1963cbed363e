// Third-party bodies (test/fixtures/conformance/snap-qr-cpm/, verbatim copies from a Go SDK's
// tests): each gets a verdict written here with its reason, its responseCode
// is parsed, and its HTTP status is checked against that code.
import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { conformanceCases, conformanceDir, errorPairs, harness, loadSpec, validator, type Harness } from "./harness.ts";

const spec = loadSpec();
let h: Harness;
beforeAll(async () => {
  h = await harness();
});

type Pairs = [string, string][];
interface Verdict {
  /** Errors without options (sorted [path, rule]); [] = valid. */
  errors: Pairs;
  /** Errors with { strict: true }; defaults to `errors`. */
  strict?: Pairs;
  /** What checkSnapQrCpmHttpStatus must say, for responses. */
  http?: { consistent: boolean; actOn: string; outcome: string };
  why: string;
}

const consistent = (outcome: string) => ({ consistent: true, actOn: "responseCode", outcome });

const verdicts: Record<string, Verdict> = {
  "koriebruh-qr-cpm-cancel-error-response.json": { errors: [], http: consistent("failed"), why: "4006200 is Bad Request of service 62: the envelope only." },
  "koriebruh-qr-cpm-cancel-request.json": { errors: [], why: "Every field declared, M originalPartnerReferenceNo present, amount 16,2 and IDR." },
  "koriebruh-qr-cpm-cancel-response.json": { errors: [], http: consistent("success"), why: "2006200 with cancelTime (C, filled on success) and ISO-8601 times." },
  "koriebruh-qr-cpm-generate-error-response.json": { errors: [], http: consistent("failed"), why: "4005900 Bad Request: the envelope only." },
  "koriebruh-qr-cpm-generate-missing-responsecode-response.json": {
    errors: [
      ["/responseCode", "required"],
      ["/responseMessage", "required"],
    ],
    // referenceNo is declared by the success shape; with no code strict mode flags only keys neither shape declares.
    http: { consistent: false, actOn: "neither", outcome: "pending" },
    why: "No responseCode, so no responseMessage either: both envelope fields are M. HTTP 200 without a code confirms nothing: pending.",
  },
  "koriebruh-qr-cpm-generate-request-minimal.json": {
    errors: [],
    why: "partnerTrxDate is the only M field and the table gives it no format (String M 64, 'Partner transaction Date', no ISO-8601): \"\" is a string of length 0.",
  },
  "koriebruh-qr-cpm-generate-request.json": { errors: [], why: "All declared, all within length." },
  "koriebruh-qr-cpm-generate-response.json": { errors: [], http: consistent("success"), why: "2005900 with referenceNo (C on success) and an ISO-8601 expiryTime (M)." },
  "koriebruh-qr-cpm-generate-status-mismatch-response.json": {
    // The body is 2xx-shaped but not a complete success body: expiryTime is M and referenceNo C-on-success in the
    // Generate response table, so the validator reports both. Independently, the HTTP check flags the mismatch.
    errors: [
      ["/expiryTime", "required"],
      ["/referenceNo", "conditional"],
    ],
    http: { consistent: false, actOn: "httpStatus", outcome: "pending" },
    why: "HTTP 500 carrying 2005900: the transport says the result is unknown, a success code in the body cannot override it (pending, query). The body also lacks the success response's expiryTime and referenceNo.",
  },
  "koriebruh-qr-cpm-notify-request.json": {
    errors: [],
    strict: [["/sessionId", "additionalProperties"]],
    why: "The table spells the key sessionID; the SDK sends sessionId, an undeclared property: passes by default, fails in strict mode.",
  },
  "koriebruh-qr-cpm-notify-response.json": { errors: [], http: consistent("success"), why: "Notify's response table is the envelope; 2007900 with responseMessage." },
  "koriebruh-qr-cpm-payment-error-response.json": { errors: [], http: consistent("failed"), why: "4006000 Bad Request: the envelope only." },
  "koriebruh-qr-cpm-payment-request-minimal.json": {
    errors: [["/expiryTime", "required"]],
    why: "expiryTime is M in the payment request and missing; the empty partnerReferenceNo, qrContent and merchantId are present strings (the table sets no minimum length).",
  },
  "koriebruh-qr-cpm-payment-request.json": {
    errors: [["/items", "type"]],
    why: "items is Object in the table (the source's sample sends an object); the SDK sends an array. Everything else is valid.",
  },
  "koriebruh-qr-cpm-payment-response.json": { errors: [], http: consistent("success"), why: "2006000 with referenceNo (C on success) and an ISO-8601 transactionDate." },
  "koriebruh-qr-cpm-query-error-response.json": { errors: [], http: consistent("failed"), why: "4006100 Bad Request: the envelope only." },
  "koriebruh-qr-cpm-query-request.json": { errors: [], why: "Every field optional and declared (externalStoreId is the JSON key of externalStoreID)." },
  "koriebruh-qr-cpm-query-response.json": { errors: [], http: consistent("success"), why: "2006100 with paidTime (M), latestTransactionStatus 00." },
  "koriebruh-qr-cpm-refund-error-response.json": { errors: [], http: consistent("failed"), why: "4008000 Bad Request: the envelope only." },
  "koriebruh-qr-cpm-refund-request.json": { errors: [], why: "M originalPartnerReferenceNo and partnerRefundNo present; refundAmount 16,2 and IDR." },
  "koriebruh-qr-cpm-refund-response.json": { errors: [], http: consistent("success"), why: "2008000 with refundNo and refundTime (M)." },
};

/** Endpoint key from the third party's endpoint name ("qr-cpm-payment"), by path: provider data, not generator logic. */
function endpointKey(name: string, service: string): string {
  const e = spec.api!.endpoints.find((x) => x.path.endsWith(`/${name}`));
  expect(e?.serviceCode).toBe(service);
  return e!.key;
}

describe("conformance bodies", () => {
  const cases = conformanceCases();

  it("has a verdict for every body in the directory, and no stale verdicts", () => {
    expect(readdirSync(conformanceDir).filter((f) => f.endsWith(".json")).sort()).toEqual(Object.keys(verdicts).sort());
  });

  for (const c of cases) {
    const v = verdicts[c.file];
    it(`${c.file}: ${v && v.errors.length ? v.errors.map(([p, r]) => `${r} at ${p}`).join(", ") : "valid"}`, () => {
      expect(v, `no verdict for ${c.file}`).toBeDefined();
      const key = endpointKey(c.endpoint, c.service_code);
      const validate = validator(h, key, c.kind);
      const loose = validate(c.body);
      expect(errorPairs(loose), v!.why).toEqual(v!.errors);
      expect(errorPairs(validate(c.body, { strict: true })), v!.why).toEqual([...(v!.strict ?? v!.errors)].sort());
      // The value is a snapshot of the declared fields: part of the body, and all of it where strict mode passes.
      if (loose.ok) {
        expect(loose.value).not.toBe(c.body);
        expect(c.body).toMatchObject(loose.value as object);
        if (validate(c.body, { strict: true }).ok) expect(loose.value).toEqual(c.body);
      }

      if (c.kind === "response") {
        expect(c.http_status).toBeTypeOf("number");
        const check = h.pkg[`check${spec.typePrefix}HttpStatus`](c.http_status, c.body);
        expect({ consistent: check.consistent, actOn: check.actOn, outcome: check.outcome }, `${v!.why}\n${check.reason}`).toEqual(v!.http);
        expect(check.reason).toBeTypeOf("string");
      }
    });
  }

  it("parses every conformance responseCode", () => {
    const parse = h.pkg[`parse${spec.typePrefix}ResponseCode`];
    const seen: string[] = [];
    for (const c of cases.filter((x) => x.kind === "response")) {
      const code = (c.body as { responseCode?: unknown }).responseCode;
      const parsed = parse(code);
      if (code === undefined) {
        expect(parsed).toMatchObject({ kind: "malformed", input: undefined });
        continue;
      }
      seen.push(code as string);
      const key = endpointKey(c.endpoint, c.service_code);
      expect(parsed).toMatchObject({ kind: "known", code, endpoint: key, service: c.service_code, http: (code as string).slice(0, 3) });
      expect(parsed.outcome).toBe((code as string).startsWith("200") ? "success" : "failed");
      expect(parsed.message).toBe((code as string).startsWith("200") ? "Successful" : "Bad Request");
    }
    expect(seen.sort()).toEqual(["2005900", "2005900", "2006000", "2006100", "2006200", "2007900", "2008000", "4005900", "4006000", "4006100", "4006200", "4008000"]);
  });
});
