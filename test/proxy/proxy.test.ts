// Issue 22 item 3: `startProxy` (codebook/proxy) in front of a local upstream
// that answers a listed code, an unlisted code, a malformed code, a status that
// disagrees with its code, and an invalid body. Each is reported exactly, the
// client receives the upstream's bytes unchanged, and --record followed by
// `codebook mock --replay` serves the same answers.
import { readFileSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock } from "../../generator/mock/public-api.ts";
import { checkRecording, readRecording, startProxy, suggestFixtures, type ExchangeReport, type ProxyServer } from "../../generator/proxy/public-api.ts";
import { loadMockPackage } from "../../generator/mock/load-package.ts";
import { tempDir } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";
import { generatedPackage } from "../mock/harness.ts";
import { ANSWERS, upstream, type Upstream } from "./upstream.ts";

const pkg = await generatedPackage("snap-qr-cpm");
const payment = pkg.index.endpoints.Payment;
const PAY = "/v1.0/qr/qr-cpm-payment";
const dir = tempDir("codebook-proxy-");
const recordFile = join(dir, "sandbox.jsonl");

/** A raw exchange: the status line's code and message, raw headers, body bytes. */
function exchange(url: string, body: string, headers: Record<string, string> = {}, method = "POST"): Promise<{ status: number; message: string; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { "content-type": "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, message: res.statusMessage!, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
const pay = (reference: string, extra: object = {}) => JSON.stringify({ ...payment.request, partnerReferenceNo: reference, ...extra });

let up: Upstream;
let proxy: ProxyServer;
const lines: string[] = [];
const report = (reference: string): ExchangeReport => reports.get(reference)!;
const reports = new Map<string, ExchangeReport>();
/** Every exchange the live run reported, once it has closed. */
let live: ExchangeReport[] = [];
async function through(reference: string, extra: object = {}, headers: Record<string, string> = {}) {
  const before = proxy.reports().length;
  const got = await exchange(proxy.url + PAY, pay(reference, extra), headers);
  await expect.poll(() => proxy.reports().length).toBeGreaterThan(before);
  reports.set(reference, proxy.reports().at(-1)!);
  return got;
}

beforeAll(async () => {
  up = await upstream();
  proxy = await startProxy({ spec: "snap-qr-cpm", target: up.url, cwd: repoRoot, record: recordFile, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await proxy?.close();
  await up?.close();
});

describe("each answer is reported exactly, and the client receives the upstream's bytes unchanged", () => {
  it("a listed code with a valid body: ok, no finding", async () => {
    const got = await through("LISTED");
    expect(got.status).toBe(200);
    expect(got.message).toBe("Sandbox Says");
    expect(got.body.toString()).toBe(ANSWERS.LISTED!.body);
    expect(report("LISTED")).toMatchObject({ method: "POST", path: PAY, endpoint: "Payment", status: 200, code: "2006000", findings: [] });
    expect(lines.at(-1)).toMatch(/^POST \/v1\.0\/qr\/qr-cpm-payment 200 2006000 \d+ms  ok$/);
  });

  it("an unlisted code: drift, with the spec file and the row to add", async () => {
    const got = await through("UNLISTED");
    expect(got.status).toBe(409);
    expect(got.body.toString()).toBe(ANSWERS.UNLISTED!.body);
    const findings = report("UNLISTED").findings;
    expect(findings.map((f) => f.kind)).toEqual(["unlisted-code"]);
    const [drift] = findings;
    expect(drift!.message).toBe(
      `drift: 4096002 is not listed for Payment (service 60): the table has no row for http 409, case 02 in service 60 (API CPM Payment); the package reads it failed. Add the row to ${join(repoRoot, "spec", "snap-qr-cpm.yaml")} (tables[id=responseCodes].rows)`,
    );
    expect(drift!.suggestion!.row).toEqual({
      parts: { http: "409", service: "60", case: "02" },
      name: "DuplicateRequestDetected",
      category: "TODO: one of success, system, message, business",
      message: "Duplicate Request Detected",
      description: expect.stringMatching(/^TODO: what it means \(seen 20\d\d-.* from Payment, service 60\)$/),
    });
    expect(drift!.suggestion!.yaml.split("\n").slice(0, 4)).toEqual([
      '      - parts: { http: "409", service: "60", case: "02" }',
      '        name: "DuplicateRequestDetected"',
      '        category: "TODO: one of success, system, message, business"',
      '        message: "Duplicate Request Detected"',
    ]);
  });

  it("a malformed code: reported at its pointer, and the status is not compared with it", async () => {
    const got = await through("MALFORMED");
    expect(got.body.toString()).toBe(ANSWERS.MALFORMED!.body);
    expect(report("MALFORMED").findings).toEqual([
      { kind: "malformed-code", side: "response", pointer: "/responseCode", message: 'responseCode: "40060" does not match ^[0-9]{7}$ (response code = HTTP status code + service code + case code)' },
    ]);
  });

  it("an HTTP status that disagrees with the body's code: the package's own reading", async () => {
    const got = await through("MISMATCH");
    expect(got.status).toBe(200);
    const findings = report("MISMATCH").findings;
    expect(findings.map((f) => f.kind)).toEqual(["status-mismatch"]);
    const check = (pkg.main.checkSnapQrCpmHttpStatus as (s: number, b: unknown) => { reason: string })(200, JSON.parse(ANSWERS.MISMATCH!.body));
    expect(findings[0]!.message).toBe(check.reason);
    expect(findings[0]!.message).toMatch(/^HTTP 200 does not match the http part of 5046000/);
  });

  it("an invalid body: every validation error, each with its JSON Pointer", async () => {
    await through("INVALID");
    expect(report("INVALID").findings.map((f) => [f.kind, f.pointer, f.rule])).toEqual([
      ["invalid-response", "/referenceNo", "conditional"],
      ["invalid-response", "/transactionDate", "date-time"],
    ]);
  });

  it("an invalid request: reported, and forwarded as it is (the upstream answers it)", async () => {
    const { merchantId: _, ...request } = payment.request;
    const before = up.received.length;
    const got = await exchange(proxy.url + PAY, JSON.stringify({ ...request, partnerReferenceNo: "LISTED", amount: { value: "1", currency: "IDR" } }));
    expect(got.status).toBe(200);
    await expect.poll(() => proxy.reports().length).toBeGreaterThan(0);
    await expect.poll(() => up.received.length).toBe(before + 1);
    expect(JSON.parse(up.received.at(-1)!.body).merchantId).toBeUndefined();
    await expect.poll(() => proxy.reports().at(-1)!.findings.map((f) => [f.kind, f.pointer])).toEqual([
      ["invalid-request", "/amount/value"],
      ["invalid-request", "/merchantId"],
    ]);
  });

  it("an unknown endpoint: reported, forwarded, and its answer passed on", async () => {
    const got = await exchange(`${proxy.url}/v1.0/qr/nowhere?x=1`, "{}");
    expect(got).toMatchObject({ status: 404 });
    expect(got.body.toString()).toBe("not here");
    await expect.poll(() => proxy.reports().at(-1)!.path).toBe("/v1.0/qr/nowhere?x=1");
    expect(proxy.reports().at(-1)!.findings).toEqual([{ kind: "unknown-endpoint", side: "request", message: expect.stringMatching(/^snap-qr-cpm has no endpoint at \/v1\.0\/qr\/nowhere \(endpoints: POST \/v1\.0\/qr\/qr-cpm-generate, /) }]);
  });

  it("headers: the upstream's pass unchanged (two set-cookie lines, its own header); the request's reach the upstream, its host rewritten", async () => {
    const got = await through("HEADERS", {}, { Authorization: "Bearer secret-token", "X-SIGNATURE": "sig", "X-EXTERNAL-ID": "ext-9" });
    expect(got.body.toString()).toBe(ANSWERS.HEADERS!.body);
    const pairs = (raw: string[]) => raw.flatMap((h, i) => (i % 2 ? [] : [[h.toLowerCase(), raw[i + 1]]]));
    expect(pairs(got.rawHeaders)).toEqual(expect.arrayContaining([["x-upstream", "sandbox"], ["set-cookie", "a=1; Path=/"], ["set-cookie", "b=2; Path=/"], ["content-length", String(Buffer.byteLength(ANSWERS.HEADERS!.body))]]));
    const sent = up.received.at(-1)!;
    expect(sent.headers).toMatchObject({ authorization: "Bearer secret-token", "x-signature": "sig", "x-external-id": "ext-9", host: new URL(up.url).host });
  });

  it("a request nested deeper than 128 levels: reported too-deep, forwarded unchanged", async () => {
    const deep = JSON.stringify({ ...payment.request, partnerReferenceNo: "LISTED" }).replace('"title":', `"extra":${'{"x":'.repeat(200)}1${"}".repeat(200)},"title":`);
    const before = up.received.length;
    expect((await exchange(proxy.url + PAY, deep)).status).toBe(200);
    await expect.poll(() => up.received.length).toBe(before + 1);
    expect(up.received.at(-1)!.body).toBe(deep);
    await expect.poll(() => proxy.reports().at(-1)!.findings.map((f) => f.kind)).toEqual(["too-deep"]);
  });
});

describe("--strict", () => {
  it("reports fields the tables do not declare, in the request and the response; without it they pass", async () => {
    const strict = await startProxy({ spec: "snap-qr-cpm", target: up.url, cwd: repoRoot, strict: true });
    try {
      await exchange(strict.url + PAY, pay("HEADERS", { extra: 1 }));
      await expect.poll(() => strict.reports().length).toBe(1);
      expect(strict.reports()[0]!.findings.map((f) => [f.kind, f.pointer, f.rule])).toEqual([["invalid-request", "/extra", "additionalProperties"]]);
    } finally {
      await strict.close();
    }
    const lenient = await startProxy({ spec: "snap-qr-cpm", target: up.url, cwd: repoRoot });
    try {
      await exchange(lenient.url + PAY, pay("HEADERS", { extra: 1 }));
      await expect.poll(() => lenient.reports().length).toBe(1);
      expect(lenient.reports()[0]!.findings).toEqual([]);
    } finally {
      await lenient.close();
    }
  });
});

describe("--record, then codebook mock --replay", () => {
  it("the recording redacts secrets by header name, and the replay serves the same answers, byte for byte", async () => {
    await proxy.close();
    live = proxy.reports();
    const recording = readRecording(recordFile, 64 * 1024 * 1024);
    expect(recording.header).toMatchObject({ codebook: "recording", version: 1, spec: "snap-qr-cpm", target: up.url });
    const secret = recording.exchanges.find((x) => x.request.headers["x-external-id"] === "ext-9")!;
    expect(secret.request.headers.authorization).toBe("[redacted]");
    expect(secret.request.headers["x-signature"]).toBe("[redacted]");
    expect(secret.response!.headers["set-cookie"]).toBe("[redacted]");
    expect(readFileSync(recordFile, "utf8")).not.toContain("secret-token");
    expect(recording.exchanges.find((x) => x.request.path === PAY && JSON.parse(x.request.body).partnerReferenceNo === "UNLISTED")!.findings).toMatchObject([{ kind: "unlisted-code" }]);

    const replay = await startMock({ replay: recordFile, cwd: repoRoot });
    try {
      expect(replay.spec).toBe("snap-qr-cpm");
      for (const key of ["LISTED", "UNLISTED", "MALFORMED", "MISMATCH", "INVALID"]) {
        const got = await exchange(replay.url + PAY, pay(key));
        expect(got.status, key).toBe(ANSWERS[key]!.status);
        expect(got.body.toString(), key).toBe(ANSWERS[key]!.body);
      }
      const nowhere = await exchange(`${replay.url}/v1.0/qr/nowhere?x=1`, "{}");
      expect(nowhere.body.toString()).toBe("not here");
      const missing = await exchange(`${replay.url}/v1.0/qr/qr-cpm-query`, "{}");
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body.toString()).error).toBe("the recording has no exchange for POST /v1.0/qr/qr-cpm-query");
    } finally {
      await replay.close();
    }
  });

  it("a later run suggests fixture bodies from it: the bodies the package's fixtures lack, each with its verdict", async () => {
    const recording = readRecording(recordFile, 64 * 1024 * 1024);
    const mockPackage = await loadMockPackage("snap-qr-cpm", undefined, repoRoot);
    const suggestions = suggestFixtures(recording, mockPackage);
    // The malformed code (40060) is no fixture, and the 5046000 body is the package's own fixture already.
    expect(suggestions.map((s) => [s.endpoint, s.code, s.listed, s.valid])).toEqual([
      ["Payment", "2006000", true, true],
      ["Payment", "4096002", false, false],
    ]);
    expect(suggestions[0]!.yaml.split("\n").slice(0, 4)).toEqual(["        - kind: response", expect.stringMatching(/^ {10}title: "Recorded 2006000 \(/), "          body: |", "            {"]);
    expect(suggestions[1]!.errors).toEqual([expect.stringMatching(/^\/responseCode: /)]);
  });

  it("checked again offline (checkRecording), the recording gives the same findings as the live run", async () => {
    const recording = readRecording(recordFile, 64 * 1024 * 1024);
    const mockPackage = await loadMockPackage("snap-qr-cpm", undefined, repoRoot);
    const offline = checkRecording(recording, mockPackage);
    expect(offline.map((r) => [r.path, r.status, r.code, r.findings.map((f) => f.kind)])).toEqual(live.map((r) => [r.path, r.status, r.code, r.findings.map((f) => f.kind)]));
    expect(offline.find((r) => r.code === "4096002")!.findings[0]!.suggestion!.row).toMatchObject({ parts: { http: "409", service: "60", case: "02" } });
  });

  it("a recording that is not one is refused with its line", async () => {
    const bad = join(dir, "bad.jsonl");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(bad, '{"codebook":"recording","version":1,"spec":"snap-qr-cpm"}\n{"request":{}}\nnot json\n');
    await expect(startMock({ replay: bad, cwd: repoRoot })).rejects.toThrow(/bad\.jsonl:2: an exchange's request needs a method and a path\n.*bad\.jsonl:3: not a JSON line/);
    await expect(startMock({ replay: recordFile, spec: "acme-qr-cpm", cwd: repoRoot })).rejects.toThrow("the recording is of spec snap-qr-cpm, not acme-qr-cpm");
    await expect(startMock({ replay: recordFile, cwd: repoRoot, scenarios: [] })).rejects.toThrow("--replay serves a recording as it is: it takes no scenarios");
  });
});

describe("close()", () => {
  it("lets an exchange in flight finish, then ends though a keep-alive client still holds that connection", async () => {
    // An upstream that answers once told to, so the exchange is in flight when close() is called.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    const slow = createServer((req, res) => {
      req.resume();
      arrived();
      void held.then(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ responseCode: "2006000", responseMessage: "Successful" })));
    });
    await new Promise<void>((r) => slow.listen(0, "127.0.0.1", r));
    // The proxy's own keep-alive timeout set past the test's: only close() can end the connection in time.
    const limits = { keepAliveTimeout: 60_000, headersTimeout: 60_000, requestTimeout: 60_000 };
    const own = await startProxy({ spec: "snap-qr-cpm", target: `http://127.0.0.1:${(slow.address() as { port: number }).port}`, cwd: repoRoot, limits });
    // A client that keeps idle connections open for as long as it lives, unlike fetch's 4 s.
    const agent = new Agent({ keepAlive: true });
    try {
      const answered = new Promise<number>((resolve, reject) => {
        const req = request(own.url + PAY, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode!));
        });
        req.on("error", reject);
        req.end(pay("CLOSE"));
      });
      await reached;
      const closed = own.close();
      release();
      expect(await answered).toBe(200);
      await closed; // else this test times out
    } finally {
      agent.destroy();
      slow.closeAllConnections();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  }, 10_000);
});
