/**
 * Real-world IAK bodies from IAK's own public docs and SDK docs
 * (test/fixtures/conformance/iak, verbatim copies; provenance in its README).
 * For each body, the code in its response_code_fields is classified with the table
 * its field belongs to — `rc` is prepaid, `response_code` is postpaid — and the
 * outcome is asserted as written here, one row per body.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as postpaid from "../../../../generated/iak-postpaid/dist/index.js";
import * as prepaid from "../../../../generated/iak-prepaid/dist/index.js";
import { repoRoot } from "../../../helpers.ts";

const dir = resolve(repoRoot, "test/fixtures/conformance/iak");

interface Body {
  source: string;
  kind: string;
  response_code_fields: { field: string; value: string }[];
  body: { code?: number; status?: string; data: Record<string, unknown> };
}
interface IndexEntry {
  file: string;
  source: string;
  codes: { field: string; value: string }[];
}

const read = <T,>(file: string): T => JSON.parse(readFileSync(resolve(dir, file), "utf8")) as T;

// [file, field, code, expected outcome of the code in its table]
// 00 SUCCESS / PAYMENT / INQUIRY SUCCESS → success; 07 FAILED → failed (prepaid);
// 39 PROCESS / PENDING → pending (both tables); 37 PAYMENT FAILED and 42 PAYMENT
// REQUEST HAVEN'T BEEN RECEIVED → failed (postpaid); 11 → pending: the prepaid table
// does not list 11 (see the SDK error-handling test below).
const expected: [file: string, field: "rc" | "response_code", code: string, outcome: "success" | "pending" | "failed"][] = [
  ["iak-api-reference-docs-docs-postpaid-core-check-status-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-check-status-2.json", "response_code", "42", "failed"],
  ["iak-api-reference-docs-docs-postpaid-core-check-status-3.json", "response_code", "39", "pending"],
  ["iak-api-reference-docs-docs-postpaid-core-check-status-4.json", "response_code", "37", "failed"],
  ["iak-api-reference-docs-docs-postpaid-core-product-bpjs-kesehatan-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-bpjs-kesehatan-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-bpjs-ketenagakerjaan-bpu-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-bpjs-ketenagakerjaan-bpu-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-bpjs-ketenagakerjaan-pu-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-bpjs-ketenagakerjaan-pu-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-custom-denom-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-custom-denom-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-esamsat-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-esamsat-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-insurance-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-insurance-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-internet-non-telkom-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-internet-non-telkom-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-internet-telkom-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-internet-telkom-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-multifinance-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-multifinance-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pbb-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pdam-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pdam-inquiry-2.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pdam-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pdam-payment-2.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-persembahan-gereja-member-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-persembahan-gereja-member-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-persembahan-gereja-non-member-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-persembahan-gereja-non-member-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pgas-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pgas-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pln-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pln-nontaglist-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pln-nontaglist-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-pln-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-telco-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-telco-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-television-non-telkomvision-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-television-non-telkomvision-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-television-telkomvision-inquiry-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-postpaid-core-product-television-telkomvision-payment-1.json", "response_code", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-callback-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-callback-2.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-callback-3.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-callback-4.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-callback-5.json", "rc", "07", "failed"],
  ["iak-api-reference-docs-docs-prepaid-callback-6.json", "rc", "07", "failed"],
  ["iak-api-reference-docs-docs-prepaid-core-v1-check-status-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v1-check-status-2.json", "rc", "07", "failed"],
  ["iak-api-reference-docs-docs-prepaid-core-v1-inquiry-game-game-format-hp-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v1-inquiry-pln-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v1-transaction-top-up-1.json", "rc", "39", "pending"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-check-balance-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-check-operator-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-check-status-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-check-status-2.json", "rc", "07", "failed"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-inquiry-game-game-format-hp-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-inquiry-game-game-id-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-inquiry-ovo-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-inquiry-pln-1.json", "rc", "00", "success"],
  ["iak-api-reference-docs-docs-prepaid-core-v2-transaction-top-up-1.json", "rc", "39", "pending"],
  ["iak-api-sdk-docs-node-js-error-handling-sdk-1.json", "rc", "11", "pending"],
  ["iak-api-sdk-docs-node-js-prepaid-top-up-sdk-1.json", "rc", "39", "pending"],
];

describe("IAK conformance bodies", () => {
  it("every body in the corpus has a row here, and every row a body", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "_index.json").sort();
    expect(files).toEqual(expected.map(([f]) => f).sort());
    expect(files.length).toBe(65);
  });

  it("_index.json agrees with the bodies (the two SDK samples are not indexed)", () => {
    const index = read<IndexEntry[]>("_index.json");
    expect(index.length).toBe(63);
    for (const e of index) expect(read<Body>(e.file).response_code_fields, e.file).toEqual(e.codes);
    const indexed = new Set(index.map((e) => e.file));
    expect(expected.map(([f]) => f).filter((f) => !indexed.has(f))).toEqual([
      "iak-api-sdk-docs-node-js-error-handling-sdk-1.json",
      "iak-api-sdk-docs-node-js-prepaid-top-up-sdk-1.json",
    ]);
  });

  it.each(expected)("%s: %s %s → %s", (file, field, code, outcome) => {
    const b = read<Body>(file);
    expect(b.response_code_fields).toEqual([{ field, value: code }]);
    // The field really carries that code in the body, as a string.
    expect(b.body.data[field]).toBe(code);
    const r = field === "rc" ? prepaid.classifyIakPrepaidCode(code) : postpaid.classifyIakPostpaidCode(code);
    expect(r.outcome).toBe(outcome);
    expect(r.code).toBe(code);
  });

  it("the bodies' messages match the table's message for prepaid codes (verbatim, upper case)", () => {
    for (const [file, field, code] of expected) {
      if (field !== "rc" || file.includes("-sdk-")) continue;
      expect(read<Body>(file).body.data.message, file).toBe(prepaid.describeIakPrepaidCode(code)?.message);
    }
  });

  it("SDK error-handling sample: rc 11 inside an HTTP-like code 400", () => {
    const b = read<Body>("iak-api-sdk-docs-node-js-error-handling-sdk-1.json");
    expect([b.body.status, b.body.code, b.body.data.rc, b.body.data.message]).toEqual(["failed", 400, "11", "DUPLICATE REF ID"]);
    // The whole response is failed: IAK's transport rule reads the HTTP status first,
    // and 400 Bad Request is failed whatever the code.
    expect(prepaid.classifyIakPrepaidResponse(400, "11")).toMatchObject({ known: false, outcome: "failed", httpStatus: 400, code: "11" });
    // The code alone is pending: 11 (DUPLICATE REF ID) is in the postpaid table only;
    // the prepaid table does not list it, and an unlisted prepaid code is pending
    // (IAK's own 201 UNDEFINED RESPONSE CODE is Pending) — never guessed as failed.
    // So a caller must classify the response, not just the rc, to see this failure.
    expect(prepaid.classifyIakPrepaidCode("11")).toMatchObject({ known: false, outcome: "pending", code: "11" });
    expect(postpaid.classifyIakPostpaidCode("11")).toMatchObject({ known: true, outcome: "failed", entry: { message: "DUPLICATE REF ID" } });
  });

  it("SDK top-up sample: rc 39 inside HTTP-like code 200 is pending", () => {
    const b = read<Body>("iak-api-sdk-docs-node-js-prepaid-top-up-sdk-1.json");
    expect([b.body.code, b.body.data.rc, b.body.data.message]).toEqual([200, "39", "PROCESS"]);
    expect(prepaid.classifyIakPrepaidResponse(b.body.code!, b.body.data.rc)).toMatchObject({ known: true, outcome: "pending", code: "39" });
  });
});
