// `codebook mock` as a user runs it: the built dist/cli.js in a real process,
// waited for until it prints its "listening" line, called, then stopped with SIGTERM.
import { describe, expect, it } from "vitest";
import { run } from "../cli/harness.ts";
import { generatedPackage, post, startCli as start } from "./harness.ts";

const pkg = await generatedPackage("snap-qr-cpm");

describe("codebook mock", () => {
  it("prints a listening line and the routes, answers, logs one line per request, and exits 0 on SIGTERM", async () => {
    const m = await start(["--spec", "snap-qr-cpm", "--port", "0", "--delay", "1"]);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(m.first)?.[1];
    expect(m.first).toMatch(/^codebook mock: snap-qr-cpm listening on http:\/\/127\.0\.0\.1:\d+ \(Ctrl-C stops\)$/);
    const ok = await post(`${url}/v1.0/qr/qr-cpm-payment`, pkg.index.endpoints.Payment.request);
    expect(ok).toMatchObject({ status: 200, body: { responseCode: "2006000" } });
    const timeout = await post(`${url}/v1.0/qr/qr-cpm-query`, {}, { Prefer: "code=5046100" });
    expect(timeout).toMatchObject({ status: 504, body: { responseCode: "5046100", responseMessage: "Timeout" } });
    m.child.kill("SIGTERM");
    expect(await m.exit).toBe(0);
    const lines = m.output().trim().split("\n");
    expect(lines).toContain(`  POST ${url}/v1.0/qr/qr-cpm-payment  Payment`);
    expect(lines.filter((l) => /^POST \/v1\.0\/qr\/qr-cpm-(payment|query) \d{7} \d{3} \d+ms /.test(l)).map((l) => l.split(" ").slice(0, 4).join(" "))).toEqual([
      "POST /v1.0/qr/qr-cpm-payment 2006000 200",
      "POST /v1.0/qr/qr-cpm-query 5046100 504",
    ]);
  });

  it("--json logs JSON lines, the first one the listening event", async () => {
    const m = await start(["--spec", "snap-qr-cpm", "--port", "0", "--json", "--base-path", "/api"]);
    const event = JSON.parse(m.first);
    expect(event).toMatchObject({ event: "listening", spec: "snap-qr-cpm" });
    expect(event.routes).toContainEqual({ method: "POST", path: "/api/v1.0/qr/qr-cpm-refund", endpoint: "Refund" });
    await post(`${event.url}/api/v1.0/qr/qr-cpm-refund`, { partnerRefundNo: "R1" });
    m.child.kill("SIGTERM");
    expect(await m.exit).toBe(0);
    const entry = JSON.parse(m.output().trim().split("\n")[1]!);
    expect(entry).toMatchObject({ method: "POST", path: "/api/v1.0/qr/qr-cpm-refund", status: 400, code: "4008002" });
    expect(typeof entry.ms).toBe("number");
  });

  it("usage and config errors: exit 2 with one line", () => {
    expect(run(["mock"])).toMatchObject({ code: 2, stderr: "codebook mock: --spec ID is required (the API spec to serve)\n" });
    expect(run(["mock", "--spec", "snap-qr-cpm", "--port", "http"])).toMatchObject({ code: 2, stderr: 'codebook mock: --port expects a whole number, got "http"\n' });
    expect(run(["mock", "--spec", "iak-prepaid"])).toMatchObject({ code: 2, stderr: 'codebook mock: "iak-prepaid" is a code table: codebook mock serves API specs (kind: api)\n' });
    expect(run(["mock", "--spec", "snap-qr-cpm", "--frobnicate"]).code).toBe(2);
    expect(run(["mock", "--help"])).toMatchObject({ code: 0, stdout: expect.stringContaining("--notify-url URL") });
  });
});
