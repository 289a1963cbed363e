// Issue 22 item 4 for the mock, beside test/mock/hostile.test.ts (the header
// timeout, the connection cap, the body cap and deep JSON are there): an idle
// keep-alive connection is closed after the keep-alive timeout, and a 200 MB
// streamed body leaves the CLI process's peak memory where it was.
import { describe, expect, it } from "vitest";
import { startMock } from "../../generator/mock/public-api.ts";
import { repoRoot } from "../helpers.ts";
import { generatedPackage, idleClose, peakRssMiB, post, startCli, streamBody } from "./harness.ts";

const pkg = await generatedPackage("snap-qr-cpm");
const payment = pkg.index.endpoints.Payment;
const PAY = "/v1.0/qr/qr-cpm-payment";

describe("codebook mock under load", () => {
  it("an idle keep-alive connection is closed after limits.keepAliveTimeout", async () => {
    const mock = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, limits: { keepAliveTimeout: 300 } });
    try {
      const body = JSON.stringify(payment.request);
      const r = await idleClose(mock.url, `POST ${PAY} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 10_000);
      expect(r.answered).toBe(true);
      expect(r.closedAfter).not.toBeNull();
    } finally {
      await mock.close();
    }
  });

  it("a 200 MB streamed request body (the CLI process): 413, and its peak memory stays where it was", async () => {
    const m = await startCli(["--spec", "snap-qr-cpm", "--port", "0"]);
    try {
      expect((await post(m.url + PAY, payment.request)).status).toBe(200);
      const before = peakRssMiB(m.child.pid!);
      const r = await streamBody(m.url + PAY, 200);
      expect(r).toEqual({ status: 413, body: '{"error":"request body over 1048576 bytes"}' });
      const after = peakRssMiB(m.child.pid!);
      expect(after - before, `peak RSS ${before.toFixed(1)} -> ${after.toFixed(1)} MiB`).toBeLessThan(50);
      expect((await post(m.url + PAY, payment.request)).status).toBe(200);
    } finally {
      m.child.kill("SIGTERM");
      await m.exit;
    }
  }, 60_000);
});
