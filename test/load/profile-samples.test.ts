// Issue 20 item 4: a profile's fixtures start from its base's samples (the profile's own
// samples replace the base's of a kind), are made to fit the profile's bodies, and every
// change that makes is a warning at the field; a required field that allows any string,
// which no sample has, is an error. In process, through the loader and the fixture data.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiFixtures } from "../../generator/artifacts/fixtures/api-fixtures.ts";
import { loadTexts, type SpecText } from "../../generator/load/load-specs.ts";
import type { Spec } from "../../generator/model/types.ts";
import { repoRoot } from "../helpers.ts";

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const text = (id: string, body: string): SpecText => ({ id, display: `spec/${id}.yaml`, read: () => body, dir: null });
const snap = read("spec/snap-qr-cpm.yaml");
const headline = (d: { file: string; line: number; col: number; message: string }) => `${d.file}:${d.line}:${d.col}: ${d.message}`;

function lint(...texts: SpecText[]) {
  const r = loadTexts([text("snap-qr-cpm", snap), ...texts], [], null);
  return { byId: new Map(r.specs.map((s) => [s.id, s])), errors: r.diagnostics.map(headline), warnings: r.warnings.map(headline) };
}
const fixtures = (spec: Spec, endpoint: string) => apiFixtures(spec).endpoints.find((e) => e.model.endpoint.key === endpoint)!;
const success = (spec: Spec, endpoint: string) => {
  const fx = fixtures(spec, endpoint);
  return fx.responses.find(([code]) => code === fx.model.success.code)![1] as Record<string, unknown>;
};

/** A profile of snap-qr-cpm with the given top-level keys (YAML text). */
const profile = (id: string, keys: string) =>
  text(id, `codebook: 1\nid: ${id}\ntitle: T\nversion: 1.0.0\ntypePrefix: ${id.replace(/(^|-)(.)/g, (_m, _d, c: string) => c.toUpperCase())}\nextends: snap-qr-cpm\nsource: { provider: P, document: D }\n${keys}`);

describe("a profile that changes a body keeps the document's samples", () => {
  const r = lint(text("pjp-qr-cpm", read("test/fixtures/rules/pjp-qr-cpm.yaml")));
  const base = r.byId.get("snap-qr-cpm")!;
  const pjp = r.byId.get("pjp-qr-cpm")!;
  it("lints clean, with no warning", () => {
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });
  it("its currency rule applies, and its Payment fixtures are the base's: the document's values, its message", () => {
    expect(pjp.api!.endpoints.find((e) => e.key === "Payment")!.request.fields.find((f) => f.key === "amount")!.fields.find((f) => f.key === "currency")!.values).toEqual([{ value: "IDR", meaning: "Indonesian rupiah" }]);
    expect(fixtures(pjp, "Payment").request).toEqual(fixtures(base, "Payment").request);
    expect(fixtures(pjp, "Payment").request).toMatchObject({ partnerReferenceNo: "2020102900000000000001", amount: { value: "12345678.00", currency: "IDR" } });
    expect(success(pjp, "Payment")).toMatchObject({ responseMessage: "Request has been processed successfully", referenceNo: "2020102977770000000009" });
  });
});

describe("a base sample the profile makes invalid", () => {
  const fields = `fields:
  Payment:
    request:
      - name: merchantName
        length: "8"
        maxLength: 8
      - name: amount
        fields:
          - name: currency
            values: [{ value: USD, meaning: US dollar }]
      - name: title
        pattern: "^[A-Z]+$"
      - name: channel
        type: string
        presence: M
        values: [{ value: MOBILE, meaning: Mobile }]
`;
  const r = lint(profile("tight-qr-cpm", fields));
  const spec = r.byId.get("tight-qr-cpm")!;
  it("is a warning per field, at the field, naming the profile, the value and what the fixture uses", () => {
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'spec/snap-qr-cpm.yaml:710:17: tight-qr-cpm: the Payment request sample\'s amount.currency is not one of USD ("IDR"): its fixture uses "USD"',
      'spec/snap-qr-cpm.yaml:761:13: tight-qr-cpm: the Payment request sample\'s title does not match ^[A-Z]+$ ("example"): its fixture uses "Z"',
      'spec/snap-qr-cpm.yaml:789:13: tight-qr-cpm: the Payment request sample\'s merchantName is longer than 8 characters ("Merchant01"): its fixture uses "Merchant"',
      'spec/tight-qr-cpm.yaml:20:9: tight-qr-cpm: the Payment request sample has no channel, which is required: its fixture uses "MOBILE"',
    ]);
  });
  it("the fixture is repaired by the stated rule and keeps every other value of the document", () => {
    const request = fixtures(spec, "Payment").request as Record<string, unknown>;
    expect(request).toMatchObject({ merchantName: "Merchant", title: "Z", amount: { value: "12345678.00", currency: "USD" }, channel: "MOBILE", merchantId: "00007100010926", partnerReferenceNo: "2020102900000000000001" });
  });
});

describe("a profile's own samples", () => {
  const acme = read("test/fixtures/profiles/acme-qr-cpm.yaml");
  it("replace the base's of their kind", () => {
    const r = lint(text("acme-qr-cpm", acme));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const spec = r.byId.get("acme-qr-cpm")!;
    expect(fixtures(spec, "Payment").request).toMatchObject({ additionalInfo: { terminalId: "ACME000000000001", deviceType: "POS" } });
    expect(success(spec, "Payment")).toMatchObject({ referenceNo: "2020102977770000000009", additionalInfo: { acmeReference: "ACME-REF-0001" } });
    expect(fixtures(spec, "Query").request).toEqual(fixtures(r.byId.get("snap-qr-cpm")!, "Query").request);
  });

  it("of one kind only: the base's response is kept, fitted to the profile's fields", () => {
    const r = lint(text("acme-qr-cpm", acme.slice(0, acme.indexOf("    - kind: response\n")) + acme.slice(acme.indexOf("\nerrata:\n") + 1)));
    expect(r.errors).toEqual([]);
    expect(success(r.byId.get("acme-qr-cpm")!, "Payment")).toMatchObject({ referenceNo: "2020102977770000000009", additionalInfo: {} });
    // At the base's response additionalInfo, which the profile gave fields: in the sample's key order.
    expect(r.warnings.map((w) => w.replace(/^spec\/snap-qr-cpm\.yaml:\d+:13: /, ""))).toEqual([
      "acme-qr-cpm: the Payment response sample's additionalInfo.deviceId is not a field of the body: its fixture leaves it out",
      "acme-qr-cpm: the Payment response sample's additionalInfo.channel is not a field of the body: its fixture leaves it out",
    ]);
  });

  it("a required field that allows any string, which no sample has, is an error at the profile's field", () => {
    const r = lint(profile("bare-qr-cpm", "fields:\n  Payment:\n    request:\n      - name: storeCode\n        type: string\n        presence: M\n"));
    expect(r.byId.has("bare-qr-cpm")).toBe(false);
    expect(r.errors).toEqual([
      "spec/bare-qr-cpm.yaml:11:9: bare-qr-cpm: the Payment request sample has no storeCode, which is required, and the field allows any string: give a sample that has it (a profile gives its own under samples: Payment)",
    ]);
  });

  it("for an endpoint the base lacks, or the profile leaves out: an error at the key", () => {
    const sample = `        - kind: request\n          body: '{}'\n`;
    const r = lint(profile("odd-qr-cpm", `endpoints: [Payment]\nsamples:\n  Paymnet:\n${sample}  Query:\n${sample}`));
    expect(r.errors).toEqual([
      'spec/odd-qr-cpm.yaml:10:3: snap-qr-cpm has no endpoint "Paymnet"; did you mean "Payment"? (it has Generate, Payment, Query, Cancel, Notify, Refund)',
      'spec/odd-qr-cpm.yaml:13:3: endpoint "Query" is left out by "endpoints"',
    ]);
  });
});
