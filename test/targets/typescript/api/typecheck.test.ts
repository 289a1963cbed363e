// The generated src/api.ts type-checks under the strictest settings the
// pipeline relies on (isolatedDeclarations, erasableSyntaxOnly, strict,
// noUncheckedIndexedAccess), and its types say what the validators check:
// a response narrows on responseCode, codes are literal unions per service.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { harness, type Harness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

const consumer = `
import {
  validateSnapQrCpmPaymentResponse, validateSnapQrCpmPaymentRequest, parseSnapQrCpmResponseCode, checkSnapQrCpmHttpStatus,
  SnapQrCpmEndpoints, SnapQrCpmServices,
  type SnapQrCpmPaymentResponse, type SnapQrCpmPaymentResponseCode, type SnapQrCpmPaymentRequest, type SnapQrCpmRequestHeaders,
  type SnapQrCpmServiceCode, type SnapQrCpmEndpointKey, type SnapQrCpmQueryResponse, type SnapQrCpmBodies, type SnapQrCpmValidationRule,
} from "./index.js";

declare const r: SnapQrCpmPaymentResponse;
if (r.responseCode === "2006000") {
  const ref: string = r.referenceNo;
  const date: string | undefined = r.transactionDate;
  void ref; void date;
} else {
  // @ts-expect-error an error body carries only the envelope
  void r.referenceNo;
  const message: string = r.responseMessage;
  void message;
}
const code: SnapQrCpmPaymentResponseCode = "5046000";
// @ts-expect-error 2005900 is a code of service 59, not of the payment
const wrong: SnapQrCpmPaymentResponseCode = "2005900";
const headers: SnapQrCpmRequestHeaders = { "X-TIMESTAMP": "2020-12-23T07:50:11+07:00", "CHANNEL-ID": "95221" };
// @ts-expect-error not a header of the source
const typo: SnapQrCpmRequestHeaders = { "X-TIMESTAMPS": "" };
const service: SnapQrCpmServiceCode = SnapQrCpmEndpoints.Payment.serviceCode;
const key: SnapQrCpmEndpointKey = SnapQrCpmServices["61"];
const request: SnapQrCpmPaymentRequest = { partnerReferenceNo: "P", qrContent: "Q", merchantId: "M", expiryTime: "2020-12-23T07:50:11+07:00", amount: { value: "1.00", currency: "IDR" } };
// @ts-expect-error expiryTime is mandatory
const incomplete: SnapQrCpmPaymentRequest = { partnerReferenceNo: "P", qrContent: "Q", merchantId: "M" };
declare const q: SnapQrCpmQueryResponse;
if (q.responseCode === "2006100") {
  const status: "00" | "01" | "02" | "03" | "04" | "05" | "06" | "07" | undefined = q.latestTransactionStatus;
  const paid: string = q.paidTime;
  void status; void paid;
}
const parsed = parseSnapQrCpmResponseCode("2006000");
if (parsed.kind === "known") {
  const endpoint: SnapQrCpmEndpointKey = parsed.endpoint;
  const s: SnapQrCpmServiceCode = parsed.service;
  void endpoint; void s;
} else if (parsed.kind === "unknown") {
  const o: "success" | "pending" | "failed" | "unknown" = parsed.outcome;
  void o;
} else {
  const why: string = parsed.reason;
  void why;
}
const verdict = checkSnapQrCpmHttpStatus(500, {});
const actOn: "responseCode" | "httpStatus" | "neither" = verdict.actOn;
const outcome: "success" | "pending" | "failed" = verdict.outcome;
const v = validateSnapQrCpmPaymentResponse({}, { strict: true });
if (v.ok) {
  const value: SnapQrCpmPaymentResponse = v.value;
  void value;
} else {
  const first = v.errors[0];
  const rule: SnapQrCpmValidationRule | undefined = first?.rule;
  const path: string | undefined = first?.path;
  const field: string | null | undefined = first?.field;
  void rule; void path; void field;
}
const w = validateSnapQrCpmPaymentRequest(request);
type PaymentBodies = SnapQrCpmBodies["Payment"];
const bodies: PaymentBodies["request"] = request;
void code; void wrong; void headers; void typo; void service; void key; void incomplete; void actOn; void outcome; void w; void bodies;
`;

describe("generated TypeScript", () => {
  it("type-checks api.ts and a consumer under isolatedDeclarations, erasableSyntaxOnly, strict", () => {
    if (!h.sources.size) return; // testing the committed package: its own build checks this
    const dir = mkdtempSync(join(tmpdir(), "codebook-api-tsc-"));
    for (const [name, text] of h.sources) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, "consumer.ts"), consumer);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2023.d.ts"],
      types: [],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      isolatedDeclarations: true,
      erasableSyntaxOnly: true,
      verbatimModuleSyntax: true,
      declaration: true,
      emitDeclarationOnly: true,
      noUnusedLocals: true,
      skipLibCheck: true,
    };
    const program = ts.createProgram([join(dir, "index.ts"), join(dir, "consumer.ts")], options);
    // codes.ts belongs to the code-table emitter and is checked by its own tests.
    const ours = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || /(api|consumer)\.ts$/.test(d.file.fileName));
    const text = ours.map((d) => `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(text).toEqual([]);
  });

  it("exports every name the README and the issue promise", () => {
    const P = h.spec.typePrefix;
    for (const e of h.spec.api!.endpoints) for (const k of ["Request", "Response"]) expect(typeof h.pkg[`validate${P}${e.key}${k}`]).toBe("function");
    for (const name of [`parse${P}ResponseCode`, `check${P}HttpStatus`]) expect(typeof h.pkg[name]).toBe("function");
    expect(Object.keys(h.pkg[`${P}Endpoints`])).toEqual(h.spec.api!.endpoints.map((e) => e.key));
    expect(h.pkg[`${P}Endpoints`].Payment).toEqual({ serviceCode: "60", name: "API CPM Payment", version: "1.0", method: "POST", path: ".../{version}/qr/qr-cpm-payment", successCode: "2006000" });
    expect(h.pkg[`${P}Services`]).toEqual({ "59": "Generate", "60": "Payment", "61": "Query", "62": "Cancel", "79": "Notify", "80": "Refund" });
    expect(h.pkg[`${P}RequestHeaderNames`]).toEqual(["Content-type", "Authorization", "Authorization-Customer", "X-TIMESTAMP", "X-SIGNATURE", "ORIGIN", "X-PARTNER-ID", "X-EXTERNAL-ID", "X-IP-ADDRESS", "X-DEVICE-ID", "X-LATITUDE", "X-LONGITUDE", "CHANNEL-ID"]);
  });

  it("documents the HTTP-status decision and the date-time and amount semantics in TSDoc", () => {
    if (!h.sources.size) return;
    const api = h.sources.get("api.ts")!;
    expect(api).toMatch(/the more cautious one[\s\S]*never reported as success[\s\S]*pending/);
    expect(api).toMatch(/date-time[\s\S]*leap years included[\s\S]*no leap second[\s\S]*ajv-formats/);
    expect(api).toMatch(/amount[\s\S]*exactly `scale` decimals/);
    // No schema interpretation at run time, no dependency beyond ./codes.js.
    expect([...api.matchAll(/^import .* from "([^"]+)";$/gm)].map((x) => x[1])).toEqual(["./codes.js", "./codes.js"]);
    expect(api).not.toMatch(/\beval\(|new Function/);
  });
});
