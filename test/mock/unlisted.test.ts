// Issue 22 item 1: any well-formed code on request. `Prefer: code=` and
// scenarios answer a code of the spec's pattern whether or not the table lists
// it for the service (or at all), and whether or not a profile dropped it: the
// service's error envelope carrying the code, the HTTP status of its HTTP part,
// and a log line that says "unlisted". The integrator's handling of unknown
// codes is what codebook exists for; the mock must let it be tested.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../generator/mock/public-api.ts";
import { project, run } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";
import { generatedPackage, post } from "./harness.ts";

const pkg = await generatedPackage("snap-qr-cpm");
const payment = pkg.index.endpoints.Payment;
const PAY = "/v1.0/qr/qr-cpm-payment";
const parse = pkg.main.parseSnapQrCpmResponseCode as (c: unknown) => { kind: string; outcome: string };
const log: string[] = [];
let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, log: (l) => log.push(l) });
});
afterAll(() => mock?.close());

describe("Prefer: code= with a code the service does not list", () => {
  it("6006000 (in no table; HTTP part 600): HTTP 600, the service's error envelope carrying it, a log line saying unlisted", async () => {
    expect(parse("6006000").kind).toBe("unknown");
    const r = await post(mock.url + PAY, payment.request, { Prefer: "code=6006000" });
    expect(r.status).toBe(600);
    expect(r.body).toEqual({ responseCode: "6006000", responseMessage: "Unlisted code 6006000" });
    // The envelope is the service's: the same keys as its listed error bodies.
    expect(Object.keys(r.body)).toEqual(Object.keys(payment.responses[payment.requestErrors.malformed]));
    expect(r.headers.get("x-codebook-mock")).toBe("Prefer: code=6006000 (unlisted: the table has no row for http 600, case 00 in service 60 (API CPM Payment))");
    expect(log.at(-1)).toMatch(/^POST \/v1\.0\/qr\/qr-cpm-payment 6006000 600 \d+ms  Prefer: code=6006000 \(unlisted: /);
  });

  it("4096099 (a 409 case the table lacks): HTTP 409, classified failed by the package", async () => {
    const r = await post(mock.url + PAY, payment.request, { Prefer: "code=4096099" });
    expect(r).toMatchObject({ status: 409, body: { responseCode: "4096099" } });
    expect(parse(r.body.responseCode)).toMatchObject({ kind: "unknown", outcome: "failed" });
  });

  it("2005900 (listed, but for service 59, not the payment's): answered, and the reason names the endpoint that lists it", async () => {
    const r = await post(mock.url + PAY, payment.request, { Prefer: "code=2005900" });
    expect(r).toMatchObject({ status: 200, body: { responseCode: "2005900", responseMessage: "Successful" } });
    expect(r.headers.get("x-codebook-mock")).toBe("Prefer: code=2005900 (unlisted: the table lists it for Generate, not Payment)");
  });

  it("0006000 and 1006000 (HTTP parts that are no final status): HTTP 500, and the reason says why", async () => {
    for (const code of ["0006000", "1006000"]) {
      const r = await post(mock.url + PAY, payment.request, { Prefer: `code=${code}` });
      expect(r.status, code).toBe(500);
      expect(r.body.responseCode, code).toBe(code);
      expect(r.headers.get("x-codebook-mock"), code).toMatch(/; HTTP 500: its HTTP part is not a final HTTP status\)$/);
    }
  });

  it("--json logs unlisted: true", async () => {
    const lines: string[] = [];
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, json: true, log: (l) => lines.push(l) });
    try {
      await post(server.url + PAY, payment.request, { Prefer: "code=6006000" });
      await post(server.url + PAY, payment.request, { Prefer: "code=2006000" });
    } finally {
      await server.close();
    }
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { code: "6006000", status: 600, unlisted: true },
      { code: "2006000", status: 200 },
    ]);
    expect(JSON.parse(lines[1]!).unlisted).toBeUndefined();
  });
});

describe("scenarios with a code the service does not list", () => {
  it("are served as unlisted, and said once at startup as warnings with their place", async () => {
    const file = join(project([]), "unlisted.yaml");
    writeFileSync(file, ["scenarios:", "  - endpoint: Payment", "    when: { partnerReferenceNo: DRIFT }", '    code: "4036099"', "  - when: { partnerReferenceNo: NOWHERE }", '    code: "7777777"', ""].join("\n"));
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: file });
    try {
      expect(server.warnings).toEqual([
        `${file}:4:11: scenario 1: 4036099 is not listed for Payment (service 60): answered as an unlisted code`,
        `${file}:6:11: scenario 2: 7777777 is not listed for any endpoint: every endpoint answers it as an unlisted code`,
      ]);
      const drift = await post(server.url + PAY, { ...payment.request, partnerReferenceNo: "DRIFT" });
      expect(drift).toMatchObject({ status: 403, body: { responseCode: "4036099", responseMessage: "Unlisted code 4036099" } });
      expect(drift.headers.get("x-codebook-mock")).toMatch(/^scenario \{"partnerReferenceNo":"DRIFT"\} \(unlisted: /);
      const nowhere = await post(`${server.url}/v1.0/qr/qr-cpm-generate`, { ...pkg.index.endpoints.Generate.request, partnerReferenceNo: "NOWHERE" });
      expect(nowhere).toMatchObject({ status: 777, body: { responseCode: "7777777" } });
    } finally {
      await server.close();
    }
  });
});

describe("a code a profile dropped (acme-qr-cpm drops 4296000 from snap-qr-cpm)", () => {
  let dir: string;
  beforeAll(() => {
    dir = project(["snap-qr-cpm"], { "acme-qr-cpm.yaml": readFileSync(join(repoRoot, "test/fixtures/profiles/acme-qr-cpm.yaml"), "utf8") });
    expect(run(["generate", "--quiet"], dir).code).toBe(0);
  });

  it("is answered as unlisted with its HTTP part (429), and the reason says the profile dropped it", async () => {
    const acme = JSON.parse(readFileSync(join(dir, "generated/acme-qr-cpm/catalog.json"), "utf8"));
    expect(acme.extends.dropped).toEqual(["4296000"]);
    const server = await startMock({ spec: "acme-qr-cpm", config: join(dir, "codebook.config.yaml") });
    try {
      const r = await post(server.url + PAY, payment.request, { Prefer: "code=4296000" });
      expect(r).toMatchObject({ status: 429, body: { responseCode: "4296000", responseMessage: "Unlisted code 4296000" } });
      expect(r.headers.get("x-codebook-mock")).toBe("Prefer: code=4296000 (unlisted: dropped by this profile from snap-qr-cpm)");
      // The base still lists it.
      expect((await post(mock.url + PAY, payment.request, { Prefer: "code=4296000" })).body).toEqual({ responseCode: "4296000", responseMessage: "Too Many Requests" });
    } finally {
      await server.close();
    }
  });
});
