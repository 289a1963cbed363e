// Hostile input to the mock (issue 18, "The mock never dies"): every reproduction
// runs against `codebook mock` (the CLI process) and in process through
// startMock, where this test process is the host. After each hostile request
// the same server answers a normal request normally, and the CLI process is
// still running. Expected answers come from the generated package (fixtures,
// validators), not from the mock.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../generator/mock/public-api.ts";
import { cli } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";
import { brokenPackageProject, collector, generatedPackage, nestedJson, parseRaw, post, rawExchange, startCli, type MockProcess } from "./harness.ts";

const pkg = await generatedPackage("snap-qr-cpm");
const payment = pkg.index.endpoints.Payment;
const refund = pkg.index.endpoints.Refund;
const paymentSuccess = payment.responses[payment.successCode];
const PAY = "/v1.0/qr/qr-cpm-payment";
const REFUND = "/v1.0/qr/qr-cpm-refund";
const validate = (key: string, kind: "Request" | "Response") => (x: unknown) => (pkg.main[`validateSnapQrCpm${key}${kind}`] as (x: unknown, o: object) => { ok: boolean })(x, { strict: true }).ok;
const scratch = mkdtempSync(join(tmpdir(), "codebook-mock-hostile-"));
const broken = brokenPackageProject();
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(broken.dir, { recursive: true, force: true });
});

/**
 * The CLI's slow clients wait out its 10 s header timeout: a server of their own, started with
 * the file, so that the wait runs beside the in-process tests instead of after them.
 */
let slowCli: MockProcess;
let slowAnswers: Promise<Record<string, number>>;
beforeAll(async () => {
  slowCli = await startCli(["--spec", "snap-qr-cpm", "--port", "0"]);
  slowAnswers = slowClients(slowCli.url, 300);
});
afterAll(async () => {
  slowCli?.child.kill("SIGTERM");
  await slowCli?.exit;
});

/** Every name Object.prototype has: `toString`, `constructor`, `__proto__`, `valueOf`, `hasOwnProperty`, … (12). */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** A valid payment whose field `field` holds `json` (raw JSON text: JSON.stringify cannot write the deep ones). */
function paymentWith(field: string, json: string, base: Record<string, unknown> = payment.request): string {
  return JSON.stringify({ ...base, [field]: "@@" }).replace('"@@"', json);
}
const amountWith = (reference: string, extra: string) =>
  paymentWith("amount", `{"value":"150000.00","currency":"IDR","extra":${extra}}`, { ...payment.request, partnerReferenceNo: reference });

interface Target {
  url: string;
  /** The server still runs: the CLI process has not exited (in process, the test runs, so the host is alive). */
  alive(): boolean;
  notified: Awaited<ReturnType<typeof collector>>;
}

/** After a hostile request: the process is alive and the same server answers a valid payment normally. */
async function stillServes(t: Target): Promise<void> {
  expect(t.alive()).toBe(true);
  const r = await post(t.url + PAY, payment.request);
  expect(r).toMatchObject({ status: 200, body: { responseCode: payment.successCode } });
}

/** The hostile requests, as `it`s against one running server (a notify URL set, so callbacks are built too). */
function hostileRequests(target: () => Target): void {
  it(`Prefer: code=<each of the ${PROTOTYPE_NAMES.length} Object.prototype names> is a 400 naming it, not a crash`, async () => {
    const t = target();
    expect(PROTOTYPE_NAMES).toEqual(expect.arrayContaining(["toString", "constructor", "valueOf", "hasOwnProperty", "__proto__"]));
    for (const name of PROTOTYPE_NAMES) {
      const r = await post(t.url + PAY, payment.request, { Prefer: `code=${name}` });
      expect(r.status, name).toBe(400);
      expect(r.body, name).toEqual({ responseCode: payment.requestErrors.malformed, responseMessage: `Prefer: code=${name} is not a response code of service 60` });
      await stillServes(t);
    }
  });

  it("a body nested deeper than 128 levels (an extra field in amount 2,000 levels of objects or 5,000 of arrays): the malformed code, no notify, not a crash", async () => {
    const t = target();
    for (const [reference, extra] of [
      ["DEEP-OBJECTS", nestedJson(2000, "object")],
      ["DEEP-ARRAYS", nestedJson(5000, "array")],
    ] as const) {
      const r = await post(t.url + PAY, amountWith(reference, extra));
      expect(r.status).toBe(400);
      expect(r.body).toEqual(payment.responses[payment.requestErrors.malformed]);
      expect(r.headers.get("x-codebook-mock")).toBe("the body nests deeper than 128 levels");
      await stillServes(t);
    }
    // Within the bound (126 levels in all), the payment succeeds and the notify carries the declared amount only.
    const r = await post(t.url + PAY, amountWith("NESTED-OK", nestedJson(124, "object")));
    expect(r).toMatchObject({ status: 200, body: { responseCode: payment.successCode, partnerReferenceNo: "NESTED-OK" } });
    const notify = await t.notified.find((b) => b.originalPartnerReferenceNo === "NESTED-OK");
    expect(validate("Notify", "Request")(notify)).toBe(true);
    expect(notify.amount).toEqual({ value: "150000.00", currency: "IDR" });
    expect(t.notified.bodies.some((b) => String(b.originalPartnerReferenceNo).startsWith("DEEP-"))).toBe(false);
  });

  it("additionalInfo nested 65 levels is not echoed, 64 levels are; 128 levels in all are served, 129 are the malformed code", async () => {
    const t = target();
    for (const json of [nestedJson(65, "object"), `{"a":${nestedJson(100, "array")}}`]) {
      const r = await post(t.url + PAY, paymentWith("additionalInfo", json));
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ ...paymentSuccess, partnerReferenceNo: payment.request.partnerReferenceNo });
      await stillServes(t);
    }
    const r = await post(t.url + PAY, paymentWith("additionalInfo", nestedJson(64, "object")));
    expect(r.body.additionalInfo).toEqual(JSON.parse(nestedJson(64, "object")));
    expect(validate("Payment", "Response")(r.body)).toBe(true);
    expect((await post(t.url + PAY, paymentWith("additionalInfo", nestedJson(127, "object")))).status).toBe(200);
    expect((await post(t.url + PAY, paymentWith("additionalInfo", nestedJson(128, "object")))).body.responseCode).toBe(payment.requestErrors.malformed);
    // Brackets inside strings do not count.
    expect((await post(t.url + PAY, { ...payment.request, title: "[".repeat(200) })).status).toBe(200);
  });

  it("an echoed __proto__ key is copied as data: an own key of the answer, no prototype changed", async () => {
    const t = target();
    const r = await post(t.url + PAY, paymentWith("additionalInfo", '{"__proto__":{"polluted":true},"note":"x"}'));
    expect(r.status).toBe(200);
    expect(Object.hasOwn(r.body.additionalInfo, "__proto__")).toBe(true);
    expect(r.body.additionalInfo.__proto__).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServes(t);
  });

  it("an echo copies only the declared fields: an undeclared key inside refundAmount is left out, the declared ones are echoed", async () => {
    const t = target();
    const r = await post(t.url + REFUND, { ...refund.request, refundAmount: { value: "555.00", currency: "IDR", extra: { deep: [1, 2] } } });
    expect(r.status).toBe(200);
    expect(r.body.refundAmount).toEqual({ value: "555.00", currency: "IDR" });
    expect(validate("Refund", "Response")(r.body)).toBe(true);
  });

  it("malformed HTTP gets a 400 (headers over 16 KiB a 431) with a JSON body, not a closed socket", async () => {
    const t = target();
    const malformed = [
      "GARBAGE\r\n\r\n",
      "\x00\x01\x02\r\n\r\n",
      `POST ${PAY} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
      `POST ${PAY} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`,
      `POST ${PAY} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n`,
      `POST ${PAY} HTTP/9.9\r\nHost: x\r\n\r\n`,
    ];
    for (const text of malformed) {
      const answer = parseRaw(await rawExchange(t.url, text));
      expect(answer.status, JSON.stringify(text)).toBe(400);
      expect(answer.body.error, JSON.stringify(text)).toMatch(/^malformed HTTP request \(HPE_/);
    }
    const big = parseRaw(await rawExchange(t.url, `POST ${PAY} HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`));
    expect(big).toEqual({ status: 431, body: { error: "request headers over 16384 bytes" } });
    await stillServes(t);
  });
}

describe("in process (startMock): the host, this test process, stays alive", () => {
  let mock: MockServer;
  let notified: Awaited<ReturnType<typeof collector>>;
  beforeAll(async () => {
    notified = await collector();
    mock = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, notifyUrl: notified.url });
  });
  afterAll(async () => {
    await mock?.close();
    await notified?.close();
  });
  hostileRequests(() => ({ url: mock.url, alive: () => true, notified }));

  it("an error inside a request's handling is a 500 whose JSON body names it; the next request is answered", async () => {
    const server = await startMock({ spec: "snap-qr-cpm", config: broken.config });
    try {
      const r = await post(server.url + REFUND, refund.request);
      expect(r.status).toBe(500);
      expect(r.body.error).toBe(`codebook mock could not answer POST ${REFUND}: TypeError: the Refund validator is broken`);
      expect(r.headers.get("x-codebook-mock")).toBe("internal error: TypeError: the Refund validator is broken");
      await stillServes({ url: server.url, alive: () => true, notified });
    } finally {
      await server.close();
    }
  });

  it("a log sink that throws does not stop the server", async () => {
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, log: () => { throw new Error("the host's log is broken"); } });
    try {
      for (let i = 0; i < 3; i++) await stillServes({ url: server.url, alive: () => true, notified });
    } finally {
      await server.close();
    }
  });

  it("no notify body is built without a notify URL; with one, it is", async () => {
    const g = globalThis as { __codebookNotifyValidations?: number };
    g.__codebookNotifyValidations = 0;
    const quiet = await startMock({ spec: "snap-qr-cpm", config: broken.config });
    try {
      for (let i = 0; i < 5; i++) expect((await post(quiet.url + PAY, payment.request)).status).toBe(200);
      expect(g.__codebookNotifyValidations).toBe(0);
    } finally {
      await quiet.close();
    }
    const target = await collector();
    const notifying = await startMock({ spec: "snap-qr-cpm", config: broken.config, notifyUrl: target.url });
    try {
      expect((await post(notifying.url + PAY, payment.request)).status).toBe(200);
      await target.waitFor(1);
      expect(g.__codebookNotifyValidations).toBeGreaterThan(0);
    } finally {
      await notifying.close();
      await target.close();
    }
  });

  it("a body over limits.maxBodyBytes is a 413", async () => {
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, limits: { maxBodyBytes: 1000 } });
    try {
      const r = await post(server.url + PAY, { ...payment.request, padding: "x".repeat(2000) });
      expect(r).toMatchObject({ status: 413, body: { error: "request body over 1000 bytes" } });
      await stillServes({ url: server.url, alive: () => true, notified });
    } finally {
      await server.close();
    }
  });

  it("300 slow clients (one header byte a second): none stays open past the header timeout, those over the connection cap are refused", async () => {
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, limits: { headersTimeout: 1000, requestTimeout: 2000 } });
    try {
      // The first 256 (the default cap) get a 408 at the header timeout; the other 44 are closed as they arrive.
      expect(await slowClients(server.url, 300)).toEqual({ "HTTP/1.1 408 Request Timeout": 256, "(closed, no answer)": 44 });
      await stillServes({ url: server.url, alive: () => true, notified });
    } finally {
      await server.close();
    }
  }, 40_000);

  it("close() does not wait out a long delay: the delayed request is answered at once", async () => {
    const server = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: [{ when: { partnerReferenceNo: "SLOW" }, code: "5046000", delay: 2 ** 31 - 1 }] });
    const slow = post(server.url + PAY, { ...payment.request, partnerReferenceNo: "SLOW" });
    // Answered after the slow one arrived: the slow one is now waiting out its delay.
    await stillServes({ url: server.url, alive: () => true, notified });
    await server.close();
    expect(await slow).toMatchObject({ status: 504, body: { responseCode: "5046000" } });
  });

  it("limits are checked: whole numbers in range, known names, the header timeout within the request timeout", async () => {
    const start = (limits: object) => startMock({ spec: "snap-qr-cpm", cwd: repoRoot, limits });
    await expect(start({ headersTimeout: 0 })).rejects.toThrow("limits.headersTimeout must be a whole number from 1 to 2147483647, got 0");
    await expect(start({ maxConnections: 1.5 })).rejects.toThrow("limits.maxConnections must be a whole number");
    await expect(start({ timeout: 5 })).rejects.toThrow(/^limits\.timeout is not a limit \(limits: headersTimeout, requestTimeout, /);
    await expect(start({ headersTimeout: 5000, requestTimeout: 1000 })).rejects.toThrow("limits.headersTimeout (5000) must not exceed limits.requestTimeout (1000)");
  });
});

describe("the CLI (codebook mock): the process stays alive", () => {
  let m: MockProcess;
  let notified: Awaited<ReturnType<typeof collector>>;
  beforeAll(async () => {
    notified = await collector();
    m = await startCli(["--spec", "snap-qr-cpm", "--port", "0", "--notify-url", notified.url]);
  });
  afterAll(async () => {
    m?.child.kill("SIGTERM");
    await m?.exit;
    await notified?.close();
  });
  hostileRequests(() => ({ url: m.url, alive: m.alive, notified }));

  it("an error inside a request's handling is a 500 whose JSON body names it; the process goes on", async () => {
    const b = await startCli(["--spec", "snap-qr-cpm", "--port", "0", "--config", broken.config]);
    try {
      const r = await post(b.url + REFUND, refund.request);
      expect(r).toMatchObject({ status: 500, body: { error: `codebook mock could not answer POST ${REFUND}: TypeError: the Refund validator is broken` } });
      await stillServes({ url: b.url, alive: b.alive, notified });
    } finally {
      b.child.kill("SIGTERM");
      expect(await b.exit).toBe(0);
    }
    expect(b.output()).toContain(`POST ${REFUND} - 500 `);
  });

  it("a body over 1 MiB is a 413", async () => {
    const r = await post(m.url + PAY, { ...payment.request, padding: "x".repeat(1024 * 1024) });
    expect(r).toMatchObject({ status: 413, body: { error: "request body over 1048576 bytes" } });
    await stillServes({ url: m.url, alive: m.alive, notified });
  });

  it("300 slow clients (one header byte a second): closed at the 10 s header timeout or refused over the cap of 256, never held for Node's 60 s", async () => {
    const answers = await slowAnswers;
    expect(Object.keys(answers).sort()).toEqual(["(closed, no answer)", "HTTP/1.1 408 Request Timeout"]);
    // At most the cap (256) are held and timed out; the rest are refused. A server of their own, so
    // no other request's connection counts towards the cap.
    expect(answers["HTTP/1.1 408 Request Timeout"]).toBeGreaterThan(240);
    expect(answers["HTTP/1.1 408 Request Timeout"]).toBeLessThanOrEqual(256);
    expect(answers["HTTP/1.1 408 Request Timeout"]! + answers["(closed, no answer)"]!).toBe(300);
    await stillServes({ url: slowCli.url, alive: slowCli.alive, notified });
    expect(slowCli.output()).toContain("connections: 256 open (the cap): refusing new ones until one closes");
  }, 50_000);

  it("a log reader that goes away (| head -1) does not end the mock: it goes on answering", async () => {
    const s = await startCli(["--spec", "snap-qr-cpm", "--port", "0"]);
    s.child.stdout.destroy();
    for (let i = 0; i < 5; i++) await stillServes({ url: s.url, alive: s.alive, notified });
    expect(s.alive()).toBe(true);
    s.child.kill("SIGTERM");
    expect(await s.exit).toBe(0);
  });

  it("SIGTERM with a request waiting out a long delay: answered, and exit 0", async () => {
    const file = join(scratch, "slow.yaml");
    writeFileSync(file, `- when: { partnerReferenceNo: SLOW }\n  code: "5046000"\n  delay: ${2 ** 31 - 1}\n`);
    const s = await startCli(["--spec", "snap-qr-cpm", "--port", "0", "--scenarios", file]);
    const slow = post(s.url + PAY, { ...payment.request, partnerReferenceNo: "SLOW" });
    await stillServes({ url: s.url, alive: s.alive, notified });
    s.child.kill("SIGTERM");
    expect(await s.exit).toBe(0);
    expect(await slow).toMatchObject({ status: 504, body: { responseCode: "5046000" } });
  });
});

/**
 * Opens `count` connections that each send one byte of a request head a second;
 * resolves once the server has closed every one, with how many got which answer.
 * Without a header timeout they would stay open for Node's default 60 s and more.
 */
function slowClients(url: string, count: number): Promise<Record<string, number>> {
  const { port } = new URL(url);
  const head = `POST ${PAY} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`;
  const answers: Record<string, number> = {};
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(Number(port), "127.0.0.1");
          let sent = 0;
          let got = "";
          const trickle = setInterval(() => socket.writable && socket.write(head[sent++ % head.length]!), 1000);
          socket.on("data", (d) => (got += d));
          socket.on("error", () => {});
          socket.on("close", () => {
            clearInterval(trickle);
            const status = got.split("\r\n")[0] || "(closed, no answer)";
            answers[status] = (answers[status] ?? 0) + 1;
            resolve();
          });
        }),
    ),
  ).then(() => answers);
}

describe("scenario files and delays: refused at startup, with their position", () => {
  const bad = [
    "scenarios:",
    "  - endpoint: Payment",
    "    when: { partnerReferenceNo: A }",
    "    code: constructor",
    "  - when: { partnerReferenceNo: B }",
    "    code: toString",
    "  - when: { partnerReferenceNo: C }",
    "    code: __proto__",
    "  - when: { partnerReferenceNo: D }",
    '    code: "5046000"',
    "    delay: 1e12",
    "",
  ].join("\n");
  const problems = (file: string) => [
    `${file}:4:11: scenario 1: constructor is not a response code of Payment: "constructor" does not match ^[0-9]{7}$ (response code = HTTP status code + service code + case code)`,
    `${file}:6:11: scenario 2: toString is not a response code of any endpoint: "toString" does not match ^[0-9]{7}$ (response code = HTTP status code + service code + case code)`,
    `${file}:8:11: scenario 3: __proto__ is not a response code of any endpoint: "__proto__" does not match ^[0-9]{7}$ (response code = HTTP status code + service code + case code)`,
    `${file}:11:12: scenario 4: "delay" 1000000000000 is over 2147483647 ms (about 24.8 days), the longest a timer waits`,
  ];
  const file = join(scratch, "bad.yaml");
  const fifo = join(scratch, "scenarios.fifo");
  const large = join(scratch, "large.yaml");
  beforeAll(() => {
    writeFileSync(file, bad);
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    writeFileSync(large, `# ${"x".repeat(1024 * 1024)}\n[]\n`);
  });
  /** `codebook mock` that must exit by itself: a FIFO read would block it, so a hang is a failure, not a stuck suite. */
  const cliRun = (args: string[]) => {
    const r = spawnSync(process.execPath, [cli, "mock", "--spec", "snap-qr-cpm", "--port", "0", ...args], { cwd: repoRoot, encoding: "utf8", timeout: 20_000, env: { ...process.env, NO_COLOR: "1" } });
    return { code: r.status, stderr: r.stderr, stdout: r.stdout };
  };

  it("scenario codes that are Object.prototype names, and a delay over 2^31 - 1 ms: every problem with its file:line:col (CLI: exit 2)", async () => {
    await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: file })).rejects.toThrow(problems(file).join("\n"));
    expect(cliRun(["--scenarios", file])).toEqual({ code: 2, stdout: "", stderr: `codebook mock: ${problems(file).join("\n")}\n` });
  });

  it("the same scenarios given as data: every problem by its number", async () => {
    const data = [
      { endpoint: "Payment", when: { partnerReferenceNo: "A" }, code: "constructor" },
      { when: { partnerReferenceNo: "B" }, code: "toString" },
      { when: { partnerReferenceNo: "C" }, code: "__proto__" },
      { when: { partnerReferenceNo: "D" }, code: "5046000", delay: 1e12 },
    ];
    const expected = problems("").map((p) => p.replace(/^:\d+:\d+:/, "scenarios:"));
    await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: data })).rejects.toThrow(expected.join("\n"));
  });

  it("a delay over 2^31 - 1 ms is refused (it would fire after 1 ms)", async () => {
    await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, delay: 1e12 })).rejects.toThrow("delay must be milliseconds from 0 to 2147483647 (about 24.8 days), got 1000000000000");
    expect(cliRun(["--delay", "1000000000000"])).toMatchObject({ code: 2, stderr: "codebook mock: --delay 1000000000000 is over 2147483647 ms (about 24.8 days), the longest a timer waits\n" });
  });

  it("inputs must be regular files: /dev/zero, a FIFO and a directory are refused unread, with one line (CLI: exit 2)", async () => {
    const cases: [string, string][] = [
      ["/dev/zero", "is a character device"],
      [fifo, "is a FIFO (named pipe)"],
      [scratch, "is a directory"],
    ];
    for (const [path, kind] of cases) {
      const line = `${path}: ${kind}; the scenario file must be a regular file`;
      await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: path })).rejects.toThrow(line);
      expect(cliRun(["--scenarios", path]), path).toEqual({ code: 2, stdout: "", stderr: `codebook mock: ${line}\n` });
    }
  });

  it("a scenario file over the cap (1 MiB; limits.maxScenarioFileBytes) is refused unread", async () => {
    const size = 1024 * 1024 + 6;
    const line = `${large}: the scenario file is ${size} bytes, over the limit of 1048576: keep only the scenarios the tests need`;
    expect(cliRun(["--scenarios", large])).toEqual({ code: 2, stdout: "", stderr: `codebook mock: ${line}\n` });
    await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: file, limits: { maxScenarioFileBytes: 100 } })).rejects.toThrow(
      `${file}: the scenario file is ${Buffer.byteLength(bad)} bytes, over the limit of 100`,
    );
  });
});
