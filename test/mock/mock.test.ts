// startMock (codebook/mock) on a real loopback server, driven with the source
// document's samples and with every code of a service, against the generated
// snap-qr-cpm package. Expected values come from the package's catalog and
// validators, not from the mock.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../generator/mock/public-api.ts";
import { loadSpec } from "../targets/typescript/api/harness.ts";
import { repoRoot } from "../helpers.ts";
import { generatedPackage, post, receiver } from "./harness.ts";

const spec = loadSpec();
const pkg = await generatedPackage("snap-qr-cpm");
const scratch = mkdtempSync(join(tmpdir(), "codebook-mock-"));
const log: string[] = [];
let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, log: (l) => log.push(l) });
});
afterAll(async () => {
  await mock?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The URL of an endpoint: the spec's ".../{version}/x" as /v<version>/x. */
const urlOf = (server: MockServer, key: string, base = "") => {
  const e = spec.api!.endpoints.find((x) => x.key === key)!;
  return server.url + base + e.path.replace(/^[^/]*/, "").replace("{version}", `v${e.version}`);
};
const validator = (key: string, kind: "Request" | "Response") => pkg.main[`validateSnapQrCpm${key}${kind}`] as (x: unknown, o?: object) => { ok: boolean };

describe("startMock", () => {
  it("listens on a free loopback port and serves every endpoint at /v<version>/… (SNAP: POST /v1.0/qr/qr-cpm-payment)", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.routes).toContainEqual({ method: "POST", path: "/v1.0/qr/qr-cpm-payment", endpoint: "Payment" });
    expect(mock.routes.map((r) => r.endpoint).sort()).toEqual(spec.api!.endpoints.map((e) => e.key).sort());
  });

  for (const e of spec.api!.endpoints) {
    it(`${e.key}: the document's sample request (deviations repaired) gets the success code and a body the package validates`, async () => {
      const sample = e.samples.find((s) => s.kind === "request")!;
      const request = pkg.index.endpoints[e.key].request;
      // The fixture is the document's sample, but for its recorded deviations.
      for (const [k, v] of Object.entries(sample.json as object)) if (!sample.deviations.some((d) => d.pointer === `/${k}`)) expect(request[k]).toEqual(v);
      const headers = Object.fromEntries(sample.headers.map((h) => [h.name, h.value]));
      const r = await post(urlOf(mock, e.key), request, headers);
      const success = pkg.catalog.codes.find((c) => c.service === e.serviceCode && c.http === "200")!.code;
      expect(r.status).toBe(200);
      expect(r.body.responseCode).toBe(success);
      expect(validator(e.key, "Response")(r.body, { strict: true }).ok).toBe(true);
    });
  }

  it("echoes the request's values into the success body where both tables declare the field (partnerReferenceNo)", async () => {
    const request = { ...pkg.index.endpoints.Payment.request, partnerReferenceNo: "INV-2026-0001" };
    const r = await post(urlOf(mock, "Payment"), request);
    expect(r.body).toMatchObject({ responseCode: "2006000", partnerReferenceNo: "INV-2026-0001" });
    const cancel = await post(urlOf(mock, "Cancel"), { originalPartnerReferenceNo: "INV-2026-0001" });
    expect(cancel.body).toMatchObject({ responseCode: "2006200", originalPartnerReferenceNo: "INV-2026-0001" });
  });

  const paymentCodes = pkg.catalog.codes.filter((c) => c.service === "60");
  it(`Prefer: code=… answers each of the ${paymentCodes.length} codes of service 60 with its HTTP status and a body the package validates`, async () => {
    expect(paymentCodes.length).toBeGreaterThan(50);
    for (const c of paymentCodes) {
      const r = await post(urlOf(mock, "Payment"), { not: "even valid" }, { Prefer: `code=${c.code}` });
      expect(r.status, c.code).toBe(Number(c.http));
      expect(r.body.responseCode, c.code).toBe(c.code);
      expect(validator("Payment", "Response")(r.body, { strict: true }).ok, c.code).toBe(true);
      if (c.http !== "200") expect(r.body.responseMessage).toBe(c.message);
    }
  });

  it("Prefer: code=… that does not match the spec's pattern: 400 saying so (a well-formed code is answered: test/mock/unlisted.test.ts)", async () => {
    const r = await post(urlOf(mock, "Payment"), {}, { Prefer: "code=200590" });
    expect(r.status).toBe(400);
    expect(r.body.responseMessage).toBe("Prefer: code=200590 is not a response code of service 60");
    expect(r.headers.get("x-codebook-mock")).toBe('Prefer: code=200590 is not a response code of service 60: "200590" does not match ^[0-9]{7}$ (response code = HTTP status code + service code + case code)');
  });

  describe("request validation: the spec's own codes, naming the field", () => {
    const base = () => structuredClone(pkg.index.endpoints.Payment.request) as Record<string, any>;
    it("a missing mandatory field: Invalid Mandatory Field (4006002, HTTP 400)", async () => {
      const body = base();
      delete body.merchantId;
      const r = await post(urlOf(mock, "Payment"), body);
      expect(r).toMatchObject({ status: 400, body: { responseCode: "4006002", responseMessage: "Invalid Mandatory Field merchantId" } });
    });
    it("a malformed field, nested too: Invalid Field Format (4006001, HTTP 400)", async () => {
      const body = base();
      body.amount.value = "12.3";
      const r = await post(urlOf(mock, "Payment"), body);
      expect(r).toMatchObject({ status: 400, body: { responseCode: "4006001", responseMessage: "Invalid Field Format amount.value" } });
    });
    it("the document's own sample with its recorded deviation (expiryTime \"60\") is an invalid field", async () => {
      const sample = spec.api!.endpoints.find((e) => e.key === "Payment")!.samples.find((s) => s.kind === "request")!;
      const r = await post(urlOf(mock, "Payment"), sample.body);
      expect(r.body).toEqual({ responseCode: "4006001", responseMessage: "Invalid Field Format expiryTime" });
    });
    it("a body that is not JSON, or not an object: Bad Request (4006000, HTTP 400)", async () => {
      for (const text of ["{not json", "[1,2]", ""]) {
        const r = await post(urlOf(mock, "Payment"), text);
        expect(r, text).toMatchObject({ status: 400, body: { responseCode: "4006000", responseMessage: "Bad Request" } });
      }
    });
    it("another service's codes for the same failure (Refund: 4008002)", async () => {
      const r = await post(urlOf(mock, "Refund"), { originalPartnerReferenceNo: "x" });
      expect(r.body).toEqual({ responseCode: "4008002", responseMessage: "Invalid Mandatory Field partnerRefundNo" });
    });
    it("no such path: 404; another method: 405 with Allow", async () => {
      expect((await post(`${mock.url}/v2.0/qr/qr-cpm-payment`, {})).status).toBe(404);
      const r = await fetch(urlOf(mock, "Payment"), { method: "GET" });
      expect([r.status, r.headers.get("allow")]).toEqual([405, "POST"]);
    });
  });

  it("logs one line per request: method, path, code, status, ms", () => {
    expect(log.some((l) => /^POST \/v1\.0\/qr\/qr-cpm-payment 4006002 400 \d+ms /.test(l))).toBe(true);
    expect(log.some((l) => /^POST \/v1\.0\/qr\/qr-cpm-payment 5046000 504 \d+ms /.test(l))).toBe(true);
  });
});

describe("scenarios", () => {
  it("a scenario file maps request field values to codes (with a delay), no headers needed", async () => {
    const file = join(scratch, "scenarios.yaml");
    writeFileSync(
      file,
      [
        "scenarios:",
        "  - endpoint: Payment",
        "    when: { partnerReferenceNo: INV-TIMEOUT }",
        '    code: "5046000"',
        "    delay: 20",
        "  - when: { amount.value: \"666.00\" }",
        "    code: 4036014",
      ].join("\n"),
    );
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: file, basePath: "/sandbox/" });
    try {
      const request = pkg.index.endpoints.Payment.request;
      const timeout = await post(urlOf(server, "Payment", "/sandbox"), { ...request, partnerReferenceNo: "INV-TIMEOUT" });
      expect(timeout).toMatchObject({ status: 504, body: { responseCode: "5046000" } });
      const poor = await post(urlOf(server, "Payment", "/sandbox"), { ...request, amount: { value: "666.00", currency: "IDR" } });
      expect(poor).toMatchObject({ status: 403, body: { responseCode: "4036014", responseMessage: "Insufficient Funds" } });
      // Without a scenario's value, and for an endpoint whose service has no such code, the request succeeds.
      expect((await post(urlOf(server, "Payment", "/sandbox"), request)).body.responseCode).toBe("2006000");
      expect((await post(urlOf(server, "Cancel", "/sandbox"), { originalPartnerReferenceNo: "INV-TIMEOUT" })).body.responseCode).toBe("2006200");
    } finally {
      await server.close();
    }
  });

  it("a scenario file with problems is refused, every problem named", async () => {
    const file = join(scratch, "bad.json");
    writeFileSync(file, JSON.stringify([{ endpoint: "Paymnt", when: { a: 1 }, code: "5046000" }, { when: {}, code: "99999", delay: -1 }, { endpoint: "Payment", when: { partnerRefNo: "X" }, code: "5046000" }]));
    await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: file })).rejects.toThrow(
      [
        `${file}:1:14: scenario 1: no endpoint "Paymnt" (endpoints: Generate, Payment, Query, Cancel, Notify, Refund)`,
        `${file}:1:64: scenario 2: "when" must map request fields to values, e.g. { partnerReferenceNo: INV-TIMEOUT }`,
        `${file}:1:74: scenario 2: 99999 is not a response code of any endpoint: "99999" does not match ^[0-9]{7}$ (response code = HTTP status code + service code + case code)`,
        `${file}:1:90: scenario 2: "delay" must be milliseconds (a number >= 0)`,
        `${file}:1:139: scenario 3: "when" path "partnerRefNo": partnerRefNo is not a declared field of the Payment request`,
      ].join("\n"),
    );
  });
});

describe("notify", () => {
  it("after a successful payment, POSTs the notify callback (valid for the package) to --notify-url", async () => {
    const target = await receiver();
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, notifyUrl: target.url });
    try {
      const request = { ...pkg.index.endpoints.Payment.request, partnerReferenceNo: "INV-42", amount: { value: "150000.00", currency: "IDR" } };
      const paid = await post(urlOf(server, "Payment"), request);
      expect(paid.body.responseCode).toBe("2006000");
      const got = await target.received;
      expect(got.method).toBe("POST");
      expect(got.headers["content-type"]).toBe("application/json");
      expect(validator("Notify", "Request")(got.body, { strict: true }).ok).toBe(true);
      expect(got.body).toMatchObject({
        originalPartnerReferenceNo: "INV-42",
        originalReferenceNo: paid.body.referenceNo,
        amount: { value: "150000.00", currency: "IDR" },
        merchantId: request.merchantId,
      });
    } finally {
      await server.close();
      await target.close();
    }
  });
});

describe("what it serves", () => {
  it("a user's own specs: the package in the out dir of the config given", async () => {
    const { project, run } = await import("../cli/harness.ts");
    const dir = project(["snap-qr-cpm"], {}, "specDir: spec\noutDir: packages/generated\nscope: \"@acme\"\n");
    expect(run(["generate", "--quiet"], dir).code).toBe(0);
    const server = await startMock({ spec: "snap-qr-cpm", config: join(dir, "codebook.config.yaml") });
    try {
      expect((await post(urlOf(server, "Query"), pkg.index.endpoints.Query.request)).body.responseCode).toBe("2006100");
    } finally {
      await server.close();
    }
  });

  it("refuses a code table, a package that was not generated, and a port in use", async () => {
    await expect(startMock({ spec: "iak-prepaid", cwd: repoRoot })).rejects.toThrow('"iak-prepaid" is a code table: codebook mock serves API specs (kind: api)');
    await expect(startMock({ spec: "acme-pay", cwd: repoRoot })).rejects.toThrow(/no generated package "acme-pay" in .*generated: run `codebook generate` first/);
    const port = Number(new URL(mock.url).port);
    await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, port })).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
  });
});

describe("close()", () => {
  it("ends while a keep-alive client holds the connection of a delayed answer it ended (it does not wait for the client to drop it)", async () => {
    // The server's own keep-alive timeout set past the test's: only close() can end the connection in time.
    const limits = { keepAliveTimeout: 60_000, headersTimeout: 60_000, requestTimeout: 60_000 };
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, limits, scenarios: [{ when: { partnerReferenceNo: "SLOW" }, code: "5046000", delay: 2 ** 31 - 1 }] });
    // A client that keeps idle connections open for as long as it lives, unlike fetch's 4 s.
    const agent = new Agent({ keepAlive: true });
    try {
      const answered = new Promise<number>((resolve, reject) => {
        const req = request(server.url + "/v1.0/qr/qr-cpm-payment", { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode!));
        });
        req.on("error", reject);
        req.end(JSON.stringify({ ...pkg.index.endpoints.Payment.request, partnerReferenceNo: "SLOW" }));
      });
      // Answered after the slow one arrived: the slow one is now waiting out its delay.
      expect((await post(server.url + "/v1.0/qr/qr-cpm-payment", pkg.index.endpoints.Payment.request)).status).toBe(200);
      const closed = server.close();
      expect(await answered).toBe(504);
      await closed; // else this test times out
    } finally {
      agent.destroy();
    }
  }, 10_000);
});
