// Issue 22 item 2: transaction flows, idempotency and the admin endpoint, against
// the real server over loopback with Node's fetch, as an integrator's client
// calls it. The flows are the README's scenario file (sandbox-flows.yaml) as it
// is; expected bodies are checked with the generated package's validators.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startMock } from "../../generator/mock/public-api.ts";
import { dayOf } from "../../generator/mock/transactions.ts";
import { tempDir } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";
import { collector, generatedPackage, post, readmeScenarioFile } from "./harness.ts";

const pkg = await generatedPackage("snap-qr-cpm");
const payment = pkg.index.endpoints.Payment;
const PATHS = { Payment: "/v1.0/qr/qr-cpm-payment", Query: "/v1.0/qr/qr-cpm-query", Cancel: "/v1.0/qr/qr-cpm-cancel", Refund: "/v1.0/qr/qr-cpm-refund" };
const valid = (key: string, kind: "Request" | "Response", body: unknown) => (pkg.main[`validateSnapQrCpm${key}${kind}`] as (x: unknown, o: object) => { ok: boolean })(body, { strict: true }).ok;
const sandbox = join(tempDir("codebook-flows-"), "sandbox-flows.yaml");
writeFileSync(sandbox, readmeScenarioFile("sandbox-flows.yaml"));

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of open.splice(0).reverse()) await s.close();
});

async function sandboxMock(options: Parameters<typeof startMock>[0] | object = {}) {
  const notified = await collector();
  const log: string[] = [];
  const mock = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: sandbox, notifyUrl: notified.url, log: (l) => log.push(l), ...options });
  open.push(notified, mock);
  const call = (key: keyof typeof PATHS, body: object, headers: Record<string, string> = {}) => post(mock.url + PATHS[key], body, headers);
  const pay = (reference: string, headers: Record<string, string> = {}) => call("Payment", { ...payment.request, partnerReferenceNo: reference }, headers);
  const query = (reference: string) => call("Query", { originalPartnerReferenceNo: reference });
  return { mock, notified, log, call, pay, query };
}

describe("pending, then query, then notify (the README's pending-then-paid)", () => {
  it("202; the first query says 03 (pending); the transaction turns paid and the notify says 00; the next query says 00", async () => {
    const { mock, notified, pay, query } = await sandboxMock();
    const paid = await pay("INV-PENDING");
    expect(paid).toMatchObject({ status: 202, body: { responseCode: "2026000" } });
    expect(paid.headers.get("x-codebook-mock")).toBe('flow "pending-then-paid": INV-PENDING started, state pending');
    expect(mock.state().transactions).toMatchObject([{ flow: "pending-then-paid", reference: "INV-PENDING", state: "pending", final: false, calls: 0 }]);

    const first = await query("INV-PENDING");
    expect(first).toMatchObject({ status: 200, body: { responseCode: "2006100", latestTransactionStatus: "03", transactionStatusDesc: "Pending", originalPartnerReferenceNo: "INV-PENDING" } });
    expect(valid("Query", "Response", first.body)).toBe(true);
    const notify = await notified.find((b) => b.originalPartnerReferenceNo === "INV-PENDING");
    expect(notify).toMatchObject({ latestTransactionStatus: "00", transactionStatusDesc: "Success", merchantId: payment.request.merchantId, amount: payment.request.amount });
    expect(valid("Notify", "Request", notify)).toBe(true);

    const second = await query("INV-PENDING");
    expect(second.body).toMatchObject({ responseCode: "2006100", latestTransactionStatus: "00" });
    const [tx] = mock.state().transactions;
    expect(tx).toMatchObject({ state: "paid", final: true });
    expect(tx!.history.map((h) => `${h.endpoint} ${h.code} ${h.state}`)).toEqual(["Payment 2026000 pending", "Query 2006100 pending", "Query 2006100 paid"]);
  });

  it("a query for another reference is not the transaction's: the stateless success fixture", async () => {
    const { pay, query } = await sandboxMock();
    await pay("INV-PENDING");
    const other = await query("INV-OTHER");
    expect(other.body).toMatchObject({ responseCode: "2006100", originalPartnerReferenceNo: "INV-OTHER", latestTransactionStatus: pkg.index.endpoints.Query.responses["2006100"].latestTransactionStatus });
    expect(other.headers.get("x-codebook-mock")).toBe("valid request");
  });
});

describe("timeout, then query shows success (the README's timeout-but-paid)", () => {
  it("504 5046000; the notify still arrives; the query shows 00; a retry of the reference is 4096001", async () => {
    const { notified, pay, query } = await sandboxMock();
    expect(await pay("INV-TIMEOUT")).toMatchObject({ status: 504, body: { responseCode: "5046000", responseMessage: "Timeout" } });
    const notify = await notified.find((b) => b.originalPartnerReferenceNo === "INV-TIMEOUT");
    expect(valid("Notify", "Request", notify)).toBe(true);
    expect((await query("INV-TIMEOUT")).body).toMatchObject({ responseCode: "2006100", latestTransactionStatus: "00" });
    const again = await pay("INV-TIMEOUT");
    expect(again).toMatchObject({ status: 409, body: { responseCode: "4096001", responseMessage: "Duplicate partnerReferenceNo" } });
    expect(again.headers.get("x-codebook-mock")).toBe("idempotency rule 2: partnerReferenceNo INV-TIMEOUT already succeeded");
  });
});

describe("cancel and refund change the state, and Query shows it", () => {
  it("cancel while pending: 2006200, the query says 05, no notify (notify: false); a cancel once paid is 4056201", async () => {
    const { mock, pay, call, query, log } = await sandboxMock();
    await pay("INV-PENDING");
    expect((await call("Cancel", { originalPartnerReferenceNo: "INV-PENDING" })).body).toMatchObject({ responseCode: "2006200", originalPartnerReferenceNo: "INV-PENDING" });
    expect((await query("INV-PENDING")).body).toMatchObject({ latestTransactionStatus: "05", transactionStatusDesc: "Canceled" });
    expect(mock.state().transactions[0]).toMatchObject({ state: "canceled", final: true });
    await mock.close();
    expect(log.filter((l) => l.startsWith("notify "))).toEqual([]);
  });

  it("refund once paid: 2008000, the query says 04; cancel then is refused 4056201 (Requested Operation Is Not Allowed)", async () => {
    const { pay, call, query } = await sandboxMock();
    await pay("INV-PENDING");
    await query("INV-PENDING");
    expect((await call("Cancel", { originalPartnerReferenceNo: "INV-PENDING" })).body).toEqual({ responseCode: "4056201", responseMessage: "Requested Opearation Is Not Allowed" });
    const refund = await call("Refund", { ...pkg.index.endpoints.Refund.request, originalPartnerReferenceNo: "INV-PENDING" });
    expect(refund.body).toMatchObject({ responseCode: "2008000", originalPartnerReferenceNo: "INV-PENDING" });
    expect((await query("INV-PENDING")).body).toMatchObject({ latestTransactionStatus: "04", transactionStatusDesc: "Refunded" });
  });
});

describe("idempotency (the README's rules)", () => {
  it("the same X-EXTERNAL-ID on the same day: 409 4096000 Conflict, whatever the reference; another one is served", async () => {
    const { pay } = await sandboxMock();
    expect((await pay("INV-A", { "X-EXTERNAL-ID": "ext-1" })).status).toBe(200);
    const again = await pay("INV-B", { "X-EXTERNAL-ID": "ext-1" });
    expect(again).toMatchObject({ status: 409, body: { responseCode: "4096000", responseMessage: "Conflict" } });
    expect(again.headers.get("x-codebook-mock")).toBe("idempotency rule 1: x-external-id ext-1 already used today");
    expect((await pay("INV-C", { "X-EXTERNAL-ID": "ext-2" })).status).toBe(200);
  });

  it("the same partnerReferenceNo after a success: 409 4096001; after a failure it is served again", async () => {
    const { pay } = await sandboxMock();
    expect((await pay("INV-1")).status).toBe(200);
    expect((await pay("INV-1")).body.responseCode).toBe("4096001");
    // A payment refused with a 4xx did not succeed: its reference can be used again.
    expect((await pay("INV-2", { Prefer: "code=4036014" })).status).toBe(403);
    expect((await pay("INV-2")).status).toBe(200);
  });

  it("within: { seconds: N } lets the reference through again once the window has passed", async () => {
    const { pay } = await sandboxMock({ scenarios: { idempotency: [{ endpoint: "Payment", reference: { header: "X-EXTERNAL-ID" }, within: { seconds: 0.3 }, code: "4096000" }] } });
    expect((await pay("A", { "X-EXTERNAL-ID": "e" })).status).toBe(200);
    expect((await pay("B", { "X-EXTERNAL-ID": "e" })).status).toBe(409);
    await new Promise((r) => setTimeout(r, 400));
    expect((await pay("C", { "X-EXTERNAL-ID": "e" })).status).toBe(200);
  });

  it("the day is the calendar day at the rule's UTC offset", () => {
    const t = Date.parse("2026-12-01T18:30:00Z");
    expect(dayOf(t)).toBe("2026-12-01");
    expect(dayOf(t, "+07:00")).toBe("2026-12-02");
    expect(dayOf(t, "-05:00")).toBe("2026-12-01");
    expect(dayOf(Date.parse("2026-12-01T02:00:00Z"), "-05:00")).toBe("2026-11-30");
  });
});

describe("time: a state left after T seconds", () => {
  it("until: { seconds } moves the transaction on by itself, and the notify goes out with no query", async () => {
    const flows = [
      {
        name: "slow",
        start: { endpoint: "Payment", code: "2026000" },
        reference: { Payment: "partnerReferenceNo", Query: "originalPartnerReferenceNo" },
        states: [
          { name: "pending", until: { seconds: 0.2 }, answers: { Query: { code: "2006100", fields: { latestTransactionStatus: "03" } } } },
          { name: "paid", final: true, notify: { latestTransactionStatus: "00" }, answers: { Query: { code: "2006100", fields: { latestTransactionStatus: "00" } } } },
        ],
      },
    ];
    const { mock, notified, pay, query } = await sandboxMock({ scenarios: { flows } });
    await pay("SLOW-1");
    expect((await query("SLOW-1")).body.latestTransactionStatus).toBe("03");
    const notify = await notified.find((b) => b.originalPartnerReferenceNo === "SLOW-1");
    expect(notify.latestTransactionStatus).toBe("00");
    expect(mock.state().transactions[0]).toMatchObject({ state: "paid" });
    expect((await query("SLOW-1")).body.latestTransactionStatus).toBe("00");
  });

  it("a start request for a transaction that exists is answered by start again; it never restarts", async () => {
    const flows = [
      { name: "f", start: { endpoint: "Payment", code: "2026000" }, reference: { Payment: "partnerReferenceNo", Query: "originalPartnerReferenceNo" }, states: [{ name: "a", until: { calls: 1 }, answers: { Query: "2006100" } }, { name: "b", answers: {} }] },
    ];
    const { mock, pay, query } = await sandboxMock({ scenarios: { flows } });
    await pay("R");
    await query("R");
    expect((await pay("R")).body.responseCode).toBe("2026000");
    expect(mock.state().transactions).toMatchObject([{ reference: "R", state: "b" }]);
  });
});

describe("the admin endpoint (/__codebook/) and the state's cap", () => {
  it("lists, finds and resets the state; other methods and paths are refused; nothing of it reaches the log's codes", async () => {
    const { mock, pay } = await sandboxMock();
    await pay("INV-PENDING");
    await pay("INV-1", { "X-EXTERNAL-ID": "x" });
    const get = (path: string, method = "GET") => fetch(mock.url + path, { method }).then(async (r) => ({ status: r.status, allow: r.headers.get("allow"), body: (await r.json()) as any }));
    const state = await get("/__codebook/state");
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ maxTransactions: 10000, transactions: [{ flow: "pending-then-paid", reference: "INV-PENDING", state: "pending" }] });
    expect(state.body.idempotency).toEqual([
      { rule: 1, endpoint: "Payment", code: "4096000", references: 1 },
      { rule: 2, endpoint: "Payment", code: "4096001", references: 1 },
    ]);
    expect(state.body).toEqual(JSON.parse(JSON.stringify(mock.state())));
    expect(await get("/__codebook/state/INV-PENDING")).toMatchObject({ status: 200, body: { transactions: [{ reference: "INV-PENDING" }] } });
    expect(await get("/__codebook/state/NOPE")).toMatchObject({ status: 404, body: { error: 'no transaction with reference "NOPE"' } });
    expect(await get("/__codebook/state", "PUT")).toMatchObject({ status: 405, allow: "GET, DELETE" });
    expect(await get("/__codebook/other")).toMatchObject({ status: 404 });
    expect(await get("/__codebook/state", "DELETE")).toEqual({ status: 200, allow: null, body: { reset: true, transactions: 1 } });
    expect(mock.state()).toMatchObject({ transactions: [], idempotency: [{ references: 0 }, { references: 0 }] });
    // After the reset the reference starts afresh.
    expect((await pay("INV-PENDING")).status).toBe(202);
    expect(await get("/__codebook/reset", "POST")).toMatchObject({ status: 200, body: { transactions: 1 } });
    expect(mock.reset()).toBe(0);
  });

  it("a base path or route under /__codebook is refused at startup", async () => {
    await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, basePath: "/__codebook" })).rejects.toThrow("base path /__codebook is the admin endpoint's (/__codebook): choose another");
  });

  it("at most limits.maxTransactions transactions: the oldest is forgotten", async () => {
    const flows = [{ name: "any", start: { endpoint: "Payment", code: "2026000" }, reference: { Payment: "partnerReferenceNo" }, states: [{ name: "pending", answers: {} }] }];
    const { mock, pay } = await sandboxMock({ scenarios: { flows }, limits: { maxTransactions: 2 } });
    for (const r of ["T1", "T2", "T3"]) await pay(r);
    expect(mock.state().transactions.map((t) => t.reference)).toEqual(["T2", "T3"]);
  });
});

afterAll(async () => {
  for (const s of open.splice(0)) await s.close();
});
