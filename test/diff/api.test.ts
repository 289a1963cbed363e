// `codebook diff` on an API (SNAP QR CPM), through the command (in process): endpoints,
// request and response fields in both directions, headers, and response codes per
// service. Requests are what consumers send (tightening breaks them); responses are
// what they receive (loosening breaks them).
import { beforeAll, describe, expect, it } from "vitest";
import { changesOf, diffJson, edit, inEndpoint, only, shipped, type JsonTable } from "./harness.ts";

const field = (name: string, presence: string, extra = "") =>
  `          - name: ${name}\n            dataType: String\n            type: string\n            presence: ${presence}\n${extra}            description: New.\n`;

describe("fields, endpoints and headers", () => {
  let table: JsonTable;
  beforeAll(async () => {
    const before = shipped("snap-qr-cpm");
    let after = inEndpoint(before, "Payment", (b) => {
      // Added: a mandatory and an optional request field, an optional response field.
      b = edit(b, "          - name: scannerInfo\n", field("newMandatory", "M") + field("newOptional", "O") + "          - name: scannerInfo\n");
      b = edit(
        b,
        "          - name: additionalInfo\n            dataType: Object\n            type: object\n            presence: O\n            description: Additional information\n      samples:",
        field("newResponse", "O") + "          - name: additionalInfo\n            dataType: Object\n            type: object\n            presence: O\n            description: Additional information\n      samples:",
      );
      // Removed: a request field (and its sample value) and a response field.
      b = edit(b, '          - name: title\n            dataType: String\n            type: string\n            presence: O\n            length: "256"\n            maxLength: 256\n            description: Brief description\n', "");
      b = edit(b, '               "title":"example",\n', "");
      b = edit(b, "          - name: subMerchantId\n            dataType: String\n            type: string\n            presence: O", "          - name: subMerchantId\n            dataType: String\n            type: string\n            presence: M");
      b = edit(b, "          - name: qrContent\n            dataType: String\n            type: string\n            presence: M", "          - name: qrContent\n            dataType: String\n            type: string\n            presence: O");
      b = edit(b, "            presence: C\n            condition:\n              when: success\n              text: Must be filled upon successful transaction\n", "            presence: O\n");
      b = edit(
        b,
        '            presence: O\n            length: "64"\n            maxLength: 64\n            description: Transaction identifier on service consumer system\n          - name: transactionDate',
        '            presence: M\n            length: "64"\n            maxLength: 64\n            description: Transaction identifier on service consumer system\n          - name: transactionDate',
      );
      b = edit(b, b.slice(b.indexOf("          - name: transactionDate\n"), b.indexOf("          - name: newResponse\n")), "");
      b = edit(b, '               "transactionDate":"2020-12-23T07:54:11+07:00",\n', "");
      b = edit(b, "          - name: merchantLocation\n            dataType: String\n            type: string\n            presence: O\n", "          - name: merchantLocation\n            dataType: String\n            type: string\n            presence: C\n            condition: { when: unchecked }\n");
      b = edit(b, "          - name: items\n            dataType: Object\n            type: object", "          - name: items\n            dataType: Object\n            type: string");
      // The sample follows the table (else its fixture could not be made: lint says so).
      b = edit(b, '               "items":{\n                  "productId":"12345",\n                  "productName":"goods A",\n                  "qty":"6",\n                  "desc":"barang"\n               },\n', '               "items":"goods A",\n               "newMandatory":"x",\n');
      b = edit(b, '          - name: merchantName\n            dataType: String\n            type: string\n            presence: O\n            length: "64"\n            maxLength: 64', '          - name: merchantName\n            dataType: String\n            type: string\n            presence: O\n            length: "32"\n            maxLength: 32');
      b = edit(b, '          - name: acquirerName\n            dataType: String\n            type: string\n            presence: O\n            length: "64"\n            maxLength: 64', '          - name: acquirerName\n            dataType: String\n            type: string\n            presence: O\n            length: "128"\n            maxLength: 128');
      b = edit(b, '          - name: externalStoreId\n            dataType: String\n            type: string\n            presence: O\n            length: "64"', '          - name: externalStoreId\n            dataType: String\n            type: string\n            presence: O\n            length: "64 characters"');
      b = edit(b, "                description: The device model, not updateable.", "                format: currency\n                description: The device model, not updateable.");
      b = edit(b, "          - name: terminalId\n            dataType: String\n            type: string\n", "          - name: terminalId\n            dataType: String\n            type: string\n            nullable: true\n            errata: [acquire-name]\n");
      b = edit(b, "                amount: { precision: 16, scale: 2 }\n                description: Transaction Amount", "                amount: { precision: 12, scale: 2 }\n                description: Transaction Amount");
      b = edit(b, "                amount: { precision: 16, scale: 2 }\n                description: |-\n                  Transaction fee.", "                amount: { precision: 18, scale: 2 }\n                description: |-\n                  Transaction fee.");
      b = edit(b, "            presence: M\n            length: \"64\"\n            maxLength: 64\n            description: |-\n              Merchant identifier that is\n              unique per each merchant", "            presence: M\n            length: \"64\"\n            maxLength: 64\n            description: The merchant's identifier");
      return b;
    });
    after = inEndpoint(after, "Cancel", (b) => {
      b = edit(b, "      method: POST", "      method: PUT");
      return edit(b, "                amount: { precision: 16, scale: 2 }", "                amount: { precision: 16, scale: 3 }");
    });
    after = inEndpoint(after, "Query", (b) => {
      b = edit(b, '      path: ".../{version}/qr/qr-cpm-query"', '      path: ".../{version}/qr/qr-cpm-status"');
      return edit(b, '              - { value: "07", meaning: Not found }\n', '              - { value: "07", meaning: Not found }\n              - { value: "08", meaning: Expired }\n');
    });
    after = inEndpoint(after, "Notify", (b) => edit(b, '              - { value: "07", meaning: Not found }\n', '              - { value: "07", meaning: Not found }\n              - { value: "08", meaning: Expired }\n'));
    after = inEndpoint(after, "Refund", (b) => edit(b, '      version: "1.0"', '      version: "2.0"'));
    after = inEndpoint(after, "Notify", (b) => edit(b, "    - key: Notify\n", "    - key: Notification\n"));
    after = edit(after, "        endpoint: Notify\n", "        endpoint: Notification\n"); // the payment's callback follows the rename
    after = edit(after, "    - name: ORIGIN\n      example: www.hostname.com\n", "    - name: X-NEW\n      example: new\n");
    after = edit(after, "  responseCodeField: responseCode", "  responseCodeField: responseMessage");
    ({ table } = await diffJson(before, after));
  });

  const at = (kind: string, endpoint: string, f: string) => only(table, kind, { endpoint, field: f });

  it("request field added: mandatory breaking, optional feature; response field added: feature", async () => {
    expect(at("field-added", "Payment", "request.newMandatory")).toMatchObject({ level: "breaking", after: "M" });
    expect(at("field-added", "Payment", "request.newOptional")).toMatchObject({ level: "feature", after: "O" });
    expect(at("field-added", "Payment", "response.newResponse")).toMatchObject({ level: "feature" });
  });

  it("field removed, request or response: breaking", async () => {
    expect(at("field-removed", "Payment", "request.title").level).toBe("breaking");
    expect(at("field-removed", "Payment", "response.transactionDate").level).toBe("breaking");
  });

  it("made mandatory: breaking in a request, feature in a response", async () => {
    expect(at("field-made-mandatory", "Payment", "request.subMerchantId")).toMatchObject({ level: "breaking", before: "O", after: "M" });
    expect(at("field-made-mandatory", "Payment", "response.partnerReferenceNo")).toMatchObject({ level: "feature", before: "O", after: "M" });
  });

  it("made optional: feature in a request, breaking in a response (C upon success counts as required)", async () => {
    expect(at("field-made-optional", "Payment", "request.qrContent")).toMatchObject({ level: "feature", before: "M", after: "O" });
    expect(at("field-made-optional", "Payment", "response.referenceNo")).toMatchObject({ level: "breaking", before: "C (success)", after: "O" });
  });

  it("presence letter changed without changing when the field is required: fix", async () => {
    expect(at("field-presence-changed", "Payment", "request.merchantLocation")).toMatchObject({ level: "fix", before: "O", after: "C (unchecked)" });
  });

  it("type changed: breaking; null accepted in a request: feature", async () => {
    expect(at("field-type-changed", "Payment", "request.items")).toMatchObject({ level: "breaking", before: "object", after: "string" });
    expect(at("field-type-changed", "Payment", "request.terminalId")).toMatchObject({ level: "feature", before: "string", after: "string | null" });
  });

  it("length: a shorter request maximum is breaking, a longer one a feature, the length text alone a fix", async () => {
    expect(at("field-length-changed", "Payment", "request.merchantName")).toMatchObject({ level: "breaking", before: "max 64", after: "max 32" });
    expect(at("field-length-changed", "Payment", "request.acquirerName")).toMatchObject({ level: "feature", before: "max 64", after: "max 128" });
    expect(at("field-length-changed", "Payment", "request.externalStoreId")).toMatchObject({ level: "fix", before: "64", after: "64 characters" });
  });

  it("format added to a nested request field: breaking", async () => {
    expect(at("field-format-changed", "Payment", "request.scannerInfo.deviceModel")).toMatchObject({ level: "breaking", before: "none", after: "currency" });
  });

  it("precision: fewer request digits breaking, more a feature; other decimals breaking", async () => {
    expect(at("field-precision-changed", "Payment", "request.amount.value")).toMatchObject({ level: "breaking", before: "16,2", after: "12,2" });
    expect(at("field-precision-changed", "Payment", "request.feeAmount.value")).toMatchObject({ level: "feature", before: "16,2", after: "18,2" });
    expect(at("field-precision-changed", "Cancel", "request.amount.value")).toMatchObject({ level: "breaking", before: "16,2", after: "16,3" });
  });

  it("allowed values added: breaking in a response (a value never handled can arrive), feature in a request", async () => {
    expect(at("field-values-changed", "Query", "response.latestTransactionStatus")).toMatchObject({ level: "breaking", after: "00, 01, 02, 03, 04, 05, 06, 07, 08" });
    expect(at("field-values-changed", "Notification", "request.latestTransactionStatus").level).toBe("feature");
  });

  it("parameter description changed: field-doc-changed (fix)", async () => {
    expect(at("field-doc-changed", "Payment", "request.merchantId").level).toBe("fix");
  });

  it("endpoint path, method and version changed: breaking", async () => {
    expect(only(table, "endpoint-path-changed", { endpoint: "Query" })).toMatchObject({ level: "breaking", after: ".../{version}/qr/qr-cpm-status" });
    expect(only(table, "endpoint-method-changed", { endpoint: "Cancel" })).toMatchObject({ level: "breaking", before: "POST", after: "PUT" });
    expect(only(table, "endpoint-version-changed", { endpoint: "Refund" })).toMatchObject({ level: "breaking", before: "1.0", after: "2.0" });
  });

  it("endpoint renamed (same service code): one breaking change; its codes' names follow without a rename each", async () => {
    expect(only(table, "endpoint-renamed")).toMatchObject({ level: "breaking", endpoint: "Notification", before: "Notify", after: "Notification" });
    expect(changesOf(table, "code-renamed")).toEqual([]);
    expect(changesOf(table, "service-code-added")).toEqual([]);
    expect(changesOf(table, "service-code-removed")).toEqual([]);
  });

  it("reports nothing else (the errata cited by terminalId, the edited samples and the callback that follows the rename are documentation)", async () => {
    expect(table.changes.map((c) => `${c.kind} ${c.endpoint ?? ""} ${c.field ?? c.code ?? ""}`.replace(/  +/g, " ").trim()).sort()).toEqual(
    [
      "endpoint-method-changed Cancel",
      "endpoint-path-changed Query",
      "endpoint-renamed Notification",
      "endpoint-version-changed Refund",
      "field-added Payment request.newMandatory",
      "field-added Payment request.newOptional",
      "field-added Payment response.newResponse",
      "field-doc-changed Payment request.merchantId",
      "field-doc-changed Payment request.terminalId",
      "field-format-changed Payment request.scannerInfo.deviceModel",
      "field-length-changed Payment request.acquirerName",
      "field-length-changed Payment request.externalStoreId",
      "field-length-changed Payment request.merchantName",
      "field-made-mandatory Payment request.subMerchantId",
      "field-made-mandatory Payment response.partnerReferenceNo",
      "field-made-optional Payment request.qrContent",
      "field-made-optional Payment response.referenceNo",
      "field-precision-changed Cancel request.amount.value",
      "field-precision-changed Payment request.amount.value",
      "field-precision-changed Payment request.feeAmount.value",
      "field-presence-changed Payment request.merchantLocation",
      "field-removed Payment request.title",
      "field-removed Payment response.transactionDate",
      "field-type-changed Payment request.items",
      "field-type-changed Payment request.terminalId",
      "field-values-changed Notification request.latestTransactionStatus",
      "field-values-changed Query response.latestTransactionStatus",
      "header-added X-NEW",
      "header-removed ORIGIN",
      "response-code-field-changed",
      "text-changed Payment endpoints.60.callback",
      "text-changed Payment endpoints.60.samples",
    ],
    );
  });

  it("headers: added feature, removed breaking; response code read from another field: breaking", async () => {
    expect(only(table, "header-added", { field: "X-NEW" }).level).toBe("feature");
    expect(only(table, "header-removed", { field: "ORIGIN" }).level).toBe("breaking");
    expect(only(table, "response-code-field-changed")).toMatchObject({ level: "breaking", before: "responseCode", after: "responseMessage" });
  });
});

describe("allowed values removed, meanings changed", () => {
  it("request value removed: breaking; only a meaning changed: fix", async () => {
    const before = shipped("snap-qr-cpm");
    let after = inEndpoint(before, "Notify", (b) => edit(b, '              - { value: "06", meaning: Failed }\n', ""));
    after = inEndpoint(after, "Query", (b) => edit(b, '              - { value: "07", meaning: Not found }\n', '              - { value: "07", meaning: Unknown transaction }\n'));
    const { table } = await diffJson(before, after);
    expect(only(table, "field-values-changed", { endpoint: "Notify" })).toMatchObject({ level: "breaking", field: "request.latestTransactionStatus" });
    expect(only(table, "field-values-changed", { endpoint: "Query" })).toMatchObject({ level: "fix", field: "response.latestTransactionStatus" });
  });
});

describe("endpoints added and removed", () => {
  let table: JsonTable;
  beforeAll(async () => {
    const before = shipped("snap-qr-cpm");
    // Refund goes, with the one row override that names its service.
    let after = edit(before, before.slice(before.indexOf("    # ── Service 80"), before.indexOf("\nerrata:")), "");
    after = edit(
      after,
      `          - part: service
            values: ["80"]
            outcome: success
            reason: 'API Refund Payment is a refund, listed under "Considered as success: - Transfer debit = (i) Refund payment".'
`,
      "",
    );
    // A copy of Generate comes as service 58.
    const generate = before.slice(before.indexOf("    - key: Generate\n"), before.indexOf("    # ── Service 60"));
    const copy = edit(edit(edit(generate, "    - key: Generate\n", "    - key: Regenerate\n"), '      serviceCode: "59"', '      serviceCode: "58"'), '      path: ".../{version}/qr/qr-cpm-generate"', '      path: ".../{version}/qr/qr-cpm-regenerate"');
    after = edit(after, "    # ── Service 60", copy + "    # ── Service 60");
    ({ table } = await diffJson(before, after));
  });

  it("endpoint removed: breaking; its codes go with it, not one by one", async () => {
    expect(only(table, "endpoint-removed", { endpoint: "Refund" })).toMatchObject({ level: "breaking", before: 'POST .../{version}/qr/qr-cpm-refund' });
    expect(table.changes.filter((c) => c.endpoint === "Refund").map((c) => c.kind)).toEqual(["endpoint-removed"]);
  });

  it("endpoint added: feature, with its response codes counted, not listed", async () => {
    const added = only(table, "endpoint-added", { endpoint: "Regenerate" });
    expect(added.level).toBe("feature");
    expect(added.message).toMatch(/service 58 \(Regenerate\) added, POST \.\.\.\/\{version\}\/qr\/qr-cpm-regenerate, with \d+ response codes/);
    expect(table.changes.filter((c) => c.endpoint === "Regenerate").map((c) => c.kind)).toEqual(["endpoint-added"]);
  });
});

describe("response codes per service", () => {
  let table: JsonTable;
  beforeAll(async () => {
    const before = shipped("snap-qr-cpm");
    // A new row for every service; for service 60 it says success where the 4xx rule said failed.
    let after = edit(
      before,
      '      - parts: { http: "504", service: any, case: "00" }\n',
      `      - parts: { http: "403", service: any, case: "24" }
        name: NewLimit
        category: business
        message: New Limit
        description: New.
        outcomes:
          - { part: service, values: ["60"], outcome: success, reason: New. }
      - parts: { http: "504", service: any, case: "00" }
`,
    );
    // 429 any 00 now applies to service 60 only.
    after = edit(after, '      - parts: { http: "429", service: any, case: "00" }', '      - parts: { http: "429", service: "60", case: "00" }');
    after = edit(after, "message: OTP Sent To Cardholer", "message: OTP Sent To Cardholder");
    after = edit(after, "name: DuplicatePartnerReferenceNo", "name: DuplicateReference");
    after = edit(after, "            values: [\"62\"]\n            outcome: success", "            values: [\"62\"]\n            outcome: failed");
    ({ table } = await diffJson(before, after));
  });

  it("a code added to a service with the outcome unlisted codes had: feature; one that turns failed into success: breaking", async () => {
    expect(only(table, "service-code-added", { code: "4035924" })).toMatchObject({ level: "feature", endpoint: "Generate", after: "failed" });
    expect(only(table, "service-code-added", { code: "4036024" })).toMatchObject({ level: "breaking", endpoint: "Payment", before: "failed", after: "success" });
    expect(changesOf(table, "service-code-added")).toHaveLength(6);
    expect(changesOf(table, "code-added")).toEqual([]);
  });

  it("a code removed from the services it no longer applies to: breaking, per service", async () => {
    const removed = changesOf(table, "service-code-removed");
    expect(removed.map((c) => c.code).sort()).toEqual(["4295900", "4296100", "4296200", "4297900", "4298000"]);
    expect(removed.every((c) => c.level === "breaking")).toBe(true);
    expect(only(table, "service-code-removed", { code: "4295900" }).endpoint).toBe("Generate");
  });

  it("a row renamed: one rename (breaking) per service, not a removal and an addition; the code left on its service is unchanged", async () => {
    expect(only(table, "code-renamed", { code: "4096001" })).toMatchObject({ level: "breaking", endpoint: "Payment", before: "PaymentDuplicatePartnerReferenceNo", after: "PaymentDuplicateReference" });
    expect(changesOf(table, "code-renamed")).toHaveLength(6);
    expect(table.changes.filter((c) => c.code === "4096001" || c.code === "4296000").map((c) => c.kind)).toEqual(["code-renamed"]);
  });

  it("a per-service outcome override changed: outcome changed (breaking) for that service's code only", async () => {
    expect(only(table, "outcome-changed", { code: "4046218" })).toMatchObject({ level: "breaking", endpoint: "Cancel", before: "success", after: "failed" });
    expect(changesOf(table, "outcome-changed")).toHaveLength(1);
  });

  it("an expanded row's message changed: fix, once per service", async () => {
    const changed = changesOf(table, "message-changed");
    expect(changed.map((c) => c.endpoint).sort()).toEqual(["Cancel", "Generate", "Notify", "Payment", "Query", "Refund"]);
    expect(changed.every((c) => c.level === "fix" && c.after === "OTP Sent To Cardholder")).toBe(true);
  });
});
