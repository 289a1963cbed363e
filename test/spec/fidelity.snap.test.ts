// Fidelity of spec/snap-qr-cpm.yaml to its source document, spec/sources/snap-qr-cpm.txt (its source.seed)
// (Bank Indonesia SNAP, "API QR CPM"). Every cell the YAML claims to copy verbatim is
// compared with the seed; the seed separates table cells by single spaces and continues
// multi-line cells on the following lines.
import { describe, it, expect } from "vitest";
import { parse } from "yaml";
import fs from "node:fs";
import path from "node:path";
import { specDir } from "../helpers.ts";
import { describeFidelity } from "./fidelity.ts";

interface Field {
  name: string;
  key?: string;
  dataType?: string;
  type: string;
  presence: "M" | "O" | "C";
  condition?: { when: "success" | "unchecked"; text?: string };
  length?: string;
  maxLength?: number;
  format?: string;
  amount?: { precision: number; scale: number };
  values?: { value: string; meaning: string }[];
  nullable?: boolean;
  description?: string;
  fields?: Field[];
  errata?: string[];
}
interface Sample {
  kind: "request" | "response";
  title?: string;
  requestLine?: string;
  headers?: { name: string; value: string }[];
  body: string;
  deviations?: { pointer: string; erratum: string }[];
}
interface Endpoint {
  key: string;
  serviceCode: string;
  name: string;
  version: string;
  method: string;
  path: string;
  request: { headers?: string[]; fields: Field[] };
  response: { headers?: string[]; fields: Field[] };
  samples?: Sample[];
}
interface Row {
  parts: { http: string; service: string; case: string };
  name: string;
  category: string;
  message: string;
  description: string | null;
  outcomes?: { part?: string; values: string[]; outcome: string; reason: string }[];
  errata?: string[];
}

// The generic checks; the source through the spec's source.seed. No code pattern: the source writes
// "200 any 00", a row the spec expands over the services, so its codes are not in the text.
const seed: string = describeFidelity("snap-qr-cpm").text;
const spec = parse(fs.readFileSync(path.join(specDir, "snap-qr-cpm.yaml"), "utf8"));
const lines = seed.split("\n");
const table = spec.tables[0];
const rows: Row[] = table.rows;
const endpoints: Endpoint[] = spec.api.endpoints;
const errataIds = new Set<string>((spec.errata ?? []).map((e: { id: string }) => e.id));

function lineIndex(text: string, from = 0): number {
  const i = lines.indexOf(text, from);
  if (i < 0) throw new Error(`seed line not found: ${text}`);
  return i;
}

/** Groups lines into rows: a line matching `starts` opens a row, other lines continue it. */
function groupRows(block: string[], starts: RegExp): string[] {
  const out: string[][] = [];
  for (const line of block) {
    if (starts.test(line) || out.length === 0) out.push([line]);
    else out[out.length - 1]!.push(line);
  }
  return out.map((r) => r.join("\n"));
}

function flatten(fields: Field[]): Field[] {
  return fields.flatMap((f) => [f, ...flatten(f.fields ?? [])]);
}

// ── Seed: response-code table ───────────────────────────────────────────────
const codeHeaderAt = lineIndex("Category HTTP Code Service Code Case Code Response Message Description");
const codeBlock: string[] = [];
for (let i = codeHeaderAt + 1; i < lines.length && lines[i] !== ""; i++) codeBlock.push(lines[i]!);
const seedCodeRows = groupRows(codeBlock, /^(Success|System|Message|Business) [0-9]{3} (any|Any) [0-9]{2} /);

// ── Seed: endpoints ("Informasi Umum" blocks) ───────────────────────────────
const seedEndpoints: { serviceCode: string; name: string; version: string; method: string; path: string }[] = [];
lines.forEach((line, i) => {
  if (line !== "Informasi Umum") return;
  const cell = (k: number, label: string) => {
    const l = lines[i + k]!;
    expect(l.startsWith(label + " ")).toBe(true);
    return l.slice(label.length + 1);
  };
  seedEndpoints.push({
    serviceCode: cell(2, "Service Code"),
    name: cell(3, "Name"),
    version: cell(4, "Version"),
    method: cell(5, "HTTP Method"),
    path: cell(6, "Path"),
  });
});

// ── Seed: field tables (between GUIDES and CODE SNIPPETS) ───────────────────
const FIELD_HEADER = "Parameter Data Type Mandatory Length Description";
const fieldRowStart = /^[A-Za-z]+ (String \(ISO4217\)|String|string|Numeric|Object|yyyyMMddHHmmss) [MOC]( |$)/;
const seedFieldTables: { title: string; rows: string[] }[] = [];
{
  const from = lineIndex("GUIDES");
  const to = lineIndex("CODE SNIPPETS");
  for (let i = from; i < to; i++) {
    if (lines[i] !== "Request Body" && lines[i] !== "Response Body") continue;
    expect(lines[i + 2]).toBe(FIELD_HEADER);
    const block: string[] = [];
    for (let j = i + 3; j < to && lines[j] !== ""; j++) block.push(lines[j]!);
    seedFieldTables.push({ title: lines[i]!, rows: groupRows(block, fieldRowStart) });
  }
}

// ── Seed: samples ───────────────────────────────────────────────────────────
interface SeedSample {
  kind: "request" | "response";
  requestLine?: string;
  headers: { name: string; value: string }[];
  body: string;
}
const seedSamples: SeedSample[] = [];
{
  const to = lineIndex("RESPONSES CODE");
  for (let i = lineIndex("CODE SNIPPETS"); i < to; i++) {
    const kind = lines[i] === "Sample Request" ? "request" : lines[i] === "Sample Response" ? "response" : null;
    if (!kind) continue;
    let j = i + 2;
    const requestLine = kind === "request" ? lines[j++] : undefined;
    const headers: { name: string; value: string }[] = [];
    for (; lines[j] !== ""; j++) {
      const l = lines[j]!;
      const colon = l.indexOf(": ");
      headers.push({ name: l.slice(0, colon), value: l.slice(colon + 2) });
    }
    j++;
    expect(lines[j]).toBe("{");
    const start = j;
    while (lines[j] !== "}") j++;
    seedSamples.push({ kind, requestLine, headers, body: lines.slice(start, j + 1).join("\n") });
    i = j;
  }
}

// Presence cells codebook changes, each with its erratum.
const PRESENCE_CHANGED: Record<string, { source: string; erratum: string }> = {
  "Generate.response.referenceNo": { source: "O", erratum: "generate-reference-no-presence" },
};

describe("snap-qr-cpm: header and source", () => {
  it("names the seed and quotes the response-status paragraphs", () => {
    expect(spec.kind).toBe("api");
    expect(spec.id).toBe("snap-qr-cpm");
    expect(spec.source.seed).toBe("sources/snap-qr-cpm.txt");
    for (const paragraph of spec.source.intro.split("\n\n")) expect(lines).toContain(paragraph);
    expect(spec.source.intro.startsWith("Response status merupakan informasi")).toBe(true);
    expect(seed).toContain(`responseCode String 7 ${spec.code.description}`);
  });
});

describe("snap-qr-cpm: response-code table", () => {
  const labels = new Map<string, string>(spec.categories.map((c: { id: string; label: string }) => [c.id, c.label]));

  it("has one row per seed row, in order", () => {
    expect(seedCodeRows).toHaveLength(63);
    expect(rows).toHaveLength(seedCodeRows.length);
  });

  it("headers are verbatim", () => {
    expect(table.headers.join(" ")).toBe(lines[codeHeaderAt]);
    expect(table.title).toBe(lines[codeHeaderAt - 1]);
  });

  it("every row's cells, joined by single spaces, equal the seed line(s)", () => {
    rows.forEach((row, i) => {
      const joined = [
        labels.get(row.category),
        row.parts.http,
        row.parts.service,
        row.parts.case,
        row.message,
        row.description,
      ].join(" ");
      expect(joined, `row ${i + 1}`).toBe(seedCodeRows[i]);
    });
  });

  it("member names are unique case-insensitively", () => {
    const names = rows.map((r) => r.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it("every erratum a row cites exists", () => {
    for (const row of rows) for (const e of row.errata ?? []) expect(errataIds.has(e), e).toBe(true);
  });

  const row = (http: string, kase: string) => {
    const found = rows.find((r) => r.parts.http === http && r.parts.case === kase);
    if (!found) throw new Error(`no row ${http} ${kase}`);
    return found;
  };

  it("hand-checked rows", () => {
    expect(row("200", "00")).toMatchObject({
      parts: { http: "200", service: "any", case: "00" },
      name: "Successful",
      category: "success",
      message: "Successful",
      description: "Successful",
    });
    expect(row("202", "00")).toMatchObject({
      category: "success",
      message: "Request In Progress",
      description: "Transaction still on process",
    });
    expect(row("400", "01")).toMatchObject({
      name: "InvalidFieldFormat",
      category: "message",
      message: "Invalid Field Format {field name}",
      description: "Invalid format",
    });
    expect(row("401", "00")).toMatchObject({
      name: "Unauthorized",
      category: "system",
      message: "Unauthorized. [reason]",
      description:
        "General unauthorized error (No Interface Def, API is Invalid, Oauth Failed, Verify Client Secret Fail, Client Forbidden Access API, Unknown Client, Key not Found)",
    });
    expect(row("401", "01")).toMatchObject({ name: "InvalidToken", message: "Invalid Token (B2B)" });
    expect(row("403", "06")).toMatchObject({
      name: "FeatureNotAllowedAtThisTime",
      category: "system",
      message: "Feature Not Allowed At This Time. [reason]",
      description: "Cut off In Progress",
    });
    expect(row("403", "13")).toMatchObject({
      name: "OtpSentToCardholder",
      message: "OTP Sent To Cardholer",
      description: "initiates request OTP to the issuer",
      errata: ["cardholer"],
    });
    expect(row("403", "15").message).toBe("Transaction Not Permitted.[reason]");
    expect(row("404", "12")).toMatchObject({
      name: "InvalidBill",
      message: "Invalid Bill/Virtual Account [Reason]",
      description: "The bill is blocked/ suspended/not found.\nVirtual account is suspend/not found.",
    });
    expect(row("404", "19")).toMatchObject({
      name: "ExpiredBill",
      message: "Invalid Bill/Virtual Account",
      description: "The bill is expired.\nVirtual account is expired.",
    });
    expect(row("404", "18").description!.split("\n")).toHaveLength(9);
    expect(row("404", "18").description!.split("\n")[8]).toBe(
      "- Transfer debit = (i) Direct debit payment; (ii) QR CPM payment; (iii) Auth payment; (iv) Capture;",
    );
    expect(row("405", "01")).toMatchObject({
      name: "RequestedOperationIsNotAllowed",
      category: "business",
      message: "Requested Opearation Is Not Allowed",
      description: "Requested operation to cancel/refund transaction Is not allowed at this time.",
    });
    expect(row("409", "01")).toMatchObject({
      category: "system",
      message: "Duplicate partnerReferenceNo",
      description: "Transaction has previously been processed indicates the same partnerReferenceNo already success",
    });
    expect(row("500", "01").parts.service).toBe("Any");
    expect(row("500", "02")).toMatchObject({
      parts: { http: "500", service: "Any", case: "02" },
      message: "External Server Error",
      description: "Backend system failure, etc",
    });
    expect(row("504", "00")).toMatchObject({ category: "system", message: "Timeout", description: "timeout from the issuer" });
  });

  it("404 18 has per-service outcomes for 60, 80 and 62", () => {
    const o = row("404", "18").outcomes!;
    expect(o.map((x) => [x.part, x.values, x.outcome])).toEqual([
      ["service", ["60"], "failed"],
      ["service", ["80"], "success"],
      ["service", ["62"], "success"],
    ]);
  });

  it("composite rules: 200 success, 202 pending, 4xx failed, 5xx pending", () => {
    const rules = spec.code.composite.rules;
    expect(rules.map((r: { values?: string[]; prefix?: string; outcome: string }) => [r.values ?? r.prefix, r.outcome])).toEqual([
      [["200"], "success"],
      [["202"], "pending"],
      ["4", "failed"],
      ["5", "pending"],
    ]);
    for (const r of rules) expect(r.reason).toBeTruthy();
  });
});

describe("snap-qr-cpm: endpoints", () => {
  it("six endpoints with service code, name, version, method and path verbatim", () => {
    expect(seedEndpoints).toHaveLength(6);
    expect(endpoints).toHaveLength(6);
    endpoints.forEach((ep, i) => {
      const s = seedEndpoints[i]!;
      expect({ serviceCode: ep.serviceCode, name: ep.name, version: ep.version, method: ep.method, path: ep.path }).toEqual(s);
    });
    expect(endpoints.map((e) => e.key)).toEqual(["Generate", "Payment", "Query", "Cancel", "Notify", "Refund"]);
    expect(endpoints.map((e) => e.serviceCode)).toEqual(["59", "60", "61", "62", "79", "80"]);
  });

  it("the service part's domain is exactly the endpoints' service codes", () => {
    const service = spec.code.composite.parts.find((p: { name: string }) => p.name === "service");
    expect(service).toMatchObject({ length: 2, any: "any", domain: "endpoints.serviceCode" });
  });
});

describe("snap-qr-cpm: field tables", () => {
  const bodies = endpoints.flatMap((ep) => [
    { id: `${ep.key}.request`, title: "Request Body", body: ep.request },
    { id: `${ep.key}.response`, title: "Response Body", body: ep.response },
  ]);

  it("twelve tables, request then response per endpoint", () => {
    expect(seedFieldTables).toHaveLength(12);
    bodies.forEach((b, i) => {
      expect(seedFieldTables[i]!.title).toBe(b.title);
      expect(b.body.headers!.join(" ")).toBe(FIELD_HEADER);
    });
  });

  it("field counts (top-level + nested) match the seed", () => {
    const counts = bodies.map((b) => {
      const top = b.body.fields.length;
      const nested = flatten(b.body.fields).length - top;
      return [b.id, top, nested];
    });
    expect(counts).toEqual([
      ["Generate.request", 6, 0],
      ["Generate.response", 8, 0],
      ["Payment.request", 16, 8],
      ["Payment.response", 6, 0],
      ["Query.request", 7, 0],
      ["Query.response", 10, 0],
      ["Cancel.request", 9, 2],
      ["Cancel.response", 8, 0],
      ["Notify.request", 15, 2],
      ["Notify.response", 3, 0],
      ["Refund.request", 10, 2],
      ["Refund.response", 10, 2],
    ]);
    bodies.forEach((b, i) => expect(flatten(b.body.fields).length, b.id).toBe(seedFieldTables[i]!.rows.length));
  });

  it("every field row's cells, joined by single spaces, equal the seed line(s)", () => {
    bodies.forEach((b, i) => {
      const seedRows = seedFieldTables[i]!.rows;
      flatten(b.body.fields).forEach((f, j) => {
        const changed = PRESENCE_CHANGED[`${b.id}.${f.name}`];
        if (changed) expect(f.errata).toContain(changed.erratum);
        const presence = changed ? changed.source : f.presence;
        const joined = [f.name, f.dataType, presence, f.length, f.description].filter((c) => c !== undefined).join(" ");
        expect(joined, `${b.id} row ${j + 1}`).toBe(seedRows[j]);
      });
    });
  });

  it("nested fields sit under Object parents", () => {
    for (const b of bodies)
      for (const f of flatten(b.body.fields)) if (f.fields) expect(f.dataType, `${b.id}.${f.name}`).toBe("Object");
  });

  it("every erratum a field cites exists", () => {
    for (const b of bodies)
      for (const f of flatten(b.body.fields)) for (const e of f.errata ?? []) expect(errataIds.has(e), e).toBe(true);
  });

  const field = (ep: string, side: "request" | "response", ...names: string[]): Field => {
    let fields = endpoints.find((e) => e.key === ep)![side].fields;
    let f: Field | undefined;
    for (const n of names) {
      f = fields.find((x) => x.name === n);
      if (!f) throw new Error(`no field ${ep}.${side}.${names.join(".")}`);
      fields = f.fields ?? [];
    }
    return f!;
  };

  it("hand-checked field rows", () => {
    expect(field("Generate", "request", "partnerTrxDate")).toMatchObject({
      dataType: "string",
      presence: "M",
      length: "64",
      description: "Partner transaction Date",
    });
    expect(field("Generate", "request", "merchantId")).toMatchObject({
      dataType: "String",
      presence: "O",
      length: "64",
      description: "Merchant identifier that is\nunique per each merchant",
    });
    expect(field("Generate", "response", "referenceNo")).toMatchObject({
      presence: "C",
      condition: { when: "success", text: "Must be filled upon successful transaction" },
      description: "Transaction identifier on service provider system. Must be filled upon successful transaction",
    });
    expect(field("Generate", "response", "expiryTime")).toMatchObject({
      dataType: "String",
      presence: "M",
      length: "25",
      format: "date-time",
      description: "string(25) ISO-8601",
    });
    expect(field("Payment", "request", "amount", "Value")).toMatchObject({
      key: "value",
      dataType: "String (ISO4217)",
      presence: "M",
      length: "16,2",
      format: "amount",
      amount: { precision: 16, scale: 2 },
      description: "Transaction Amount",
    });
    expect(field("Payment", "request", "amount", "Value").maxLength).toBeUndefined();
    expect(field("Payment", "request", "feeAmount", "value").description).toBe(
      "Transaction fee.\nIf it's IDR then value includes 2 decimal digits.\ne.g. IDR 10.000,- will be placed with 10000.00",
    );
    expect(field("Payment", "request", "expiryTime")).toMatchObject({
      dataType: "Numeric",
      type: "string",
      presence: "M",
      length: "25",
      maxLength: 25,
      format: "date-time",
    });
    expect(field("Payment", "request", "scannerInfo", "deviceIp")).toMatchObject({
      dataType: "String",
      presence: "O",
      length: "64",
      description: "The Public IP address when device sends out the request.",
    });
    expect(field("Payment", "response", "transactionDate")).toMatchObject({
      dataType: "yyyyMMddHHmmss",
      presence: "O",
      length: "255",
      format: "date-time",
      description: "Transaction date ISO-8601",
    });
    expect(field("Query", "request", "externalStoreID")).toMatchObject({
      key: "externalStoreId",
      dataType: "String",
      presence: "O",
      length: "64",
      description: "External Store ID",
    });
    expect(field("Query", "response", "latestTransactionStatus")).toMatchObject({
      dataType: "string",
      presence: "C",
      length: "2",
      condition: { when: "unchecked" },
    });
    expect(field("Query", "response", "latestTransactionStatus").values).toEqual([
      { value: "00", meaning: "Success" },
      { value: "01", meaning: "Initiated" },
      { value: "02", meaning: "Paying" },
      { value: "03", meaning: "Pending" },
      { value: "04", meaning: "Refunded" },
      { value: "05", meaning: "Canceled" },
      { value: "06", meaning: "Failed" },
      { value: "07", meaning: "Not found" },
    ]);
    expect(field("Cancel", "response", "cancelTime")).toMatchObject({
      dataType: "String",
      presence: "C",
      length: "25",
      condition: { when: "success", text: "Must be filled if cancelled transaction success" },
      description: "Cancel time\nISO-8601. Must be filled if cancelled transaction success",
    });
    expect(field("Notify", "request", "sessionID")).toMatchObject({
      dataType: "string",
      presence: "O",
      length: "25",
      description: "Session id",
    });
    expect(field("Notify", "request", "amount", "currency")).toMatchObject({
      dataType: "String",
      presence: "M",
      length: "3",
      format: "currency",
      description: "Currency\n(ISO4217)",
    });
    expect(field("Refund", "request", "additionalInfo")).toMatchObject({ dataType: "Object", presence: "O", nullable: true });
    expect(field("Refund", "request", "additionalInfo").description).toBeUndefined();
    expect(field("Refund", "response", "refundTime")).toMatchObject({
      dataType: "String",
      presence: "M",
      length: "25",
      format: "date-time",
      description: "Refund time.\nISO 8601",
    });
    expect(field("Refund", "response", "refundNo")).toMatchObject({ presence: "M", length: "64", description: "referenceNumber" });
  });

  it("maxLength is the numeric Length of string fields, and only there", () => {
    for (const b of bodies)
      for (const f of flatten(b.body.fields)) {
        if (f.type === "string" && f.length && /^[0-9]+$/.test(f.length)) expect(f.maxLength, `${b.id}.${f.name}`).toBe(Number(f.length));
        else expect(f.maxLength, `${b.id}.${f.name}`).toBeUndefined();
      }
  });
});

describe("snap-qr-cpm: samples", () => {
  const specSamples = endpoints.flatMap((ep) => (ep.samples ?? []).map((s) => ({ ep, s })));

  it("two samples per endpoint, request then response, in seed order", () => {
    expect(seedSamples).toHaveLength(12);
    expect(specSamples).toHaveLength(12);
    specSamples.forEach(({ s }, i) => {
      expect(s.kind).toBe(seedSamples[i]!.kind);
      expect(s.title).toBe(s.kind === "request" ? "Sample Request" : "Sample Response");
    });
  });

  it("every body parses and equals the seed's block; the text is the seed's", () => {
    specSamples.forEach(({ ep, s }, i) => {
      const block = seedSamples[i]!.body;
      expect(JSON.parse(s.body), `${ep.key} ${s.kind}`).toEqual(JSON.parse(block));
      expect(s.body.replace(/\n$/, ""), `${ep.key} ${s.kind}`).toBe(block);
    });
  });

  it("request lines and headers are verbatim", () => {
    specSamples.forEach(({ ep, s }, i) => {
      expect(s.requestLine, `${ep.key} ${s.kind}`).toBe(seedSamples[i]!.requestLine);
      expect(s.headers, `${ep.key} ${s.kind}`).toEqual(seedSamples[i]!.headers);
      if (s.kind === "request") expect(s.requestLine).toContain(ep.path.replace("{version}", `v${ep.version}`));
    });
  });

  it("api.headers are the first sample's request headers; responseHeaders the first response's", () => {
    expect(spec.api.headers.map((h: { name: string; example: string }) => ({ name: h.name, value: h.example }))).toEqual(
      seedSamples[0]!.headers,
    );
    expect(spec.api.responseHeaders.map((h: { name: string }) => h.name)).toEqual(seedSamples[1]!.headers.map((h) => h.name));
  });

  it("deviations point into the body and cite existing errata", () => {
    const pointers: string[] = [];
    for (const { ep, s } of specSamples)
      for (const d of s.deviations ?? []) {
        expect(errataIds.has(d.erratum), d.erratum).toBe(true);
        const body = JSON.parse(s.body);
        const key = d.pointer.slice(1);
        expect(Object.prototype.hasOwnProperty.call(body, key), d.pointer).toBe(true);
        pointers.push(`${ep.key}.${s.kind}${d.pointer}`);
      }
    expect(pointers).toEqual(["Generate.response/expiryTime", "Payment.request/expiryTime", "Query.request/ originalExternalId"]);
  });
});
