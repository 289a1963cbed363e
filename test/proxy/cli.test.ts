// `codebook proxy` as a user runs it: a real process, a local upstream, one line
// per exchange (or JSON lines), a summary at SIGTERM, usage errors exit 2; and
// `--suggest-fixtures` on a recording.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "../cli/harness.ts";
import { generatedPackage, post, startCli } from "../mock/harness.ts";
import { startProxyCli } from "./harness.ts";
import { ANSWERS, upstream, type Upstream } from "./upstream.ts";

const pkg = await generatedPackage("snap-qr-cpm");
const payment = pkg.index.endpoints.Payment;
const PAY = "/v1.0/qr/qr-cpm-payment";
const dir = tempDir("codebook-proxy-cli-");
let up: Upstream;
beforeAll(async () => {
  up = await upstream();
});
afterAll(() => up?.close());

describe("codebook proxy", () => {
  it("prints a listening line, one line per exchange, a summary at SIGTERM (exit 0); --record then `codebook mock --replay` serves the same", async () => {
    const file = join(dir, "cli.jsonl");
    const p = await startProxyCli(["--spec", "snap-qr-cpm", "--target", up.url, "--port", "0", "--record", file, "--redact", "authorization,x-external-id"]);
    expect(p.first).toMatch(new RegExp(`^codebook proxy: snap-qr-cpm listening on http://127\\.0\\.0\\.1:\\d+ -> ${up.url} \\(Ctrl-C stops\\)$`));
    const listed = await post(p.url + PAY, { ...payment.request, partnerReferenceNo: "LISTED" }, { Authorization: "Bearer t", "X-EXTERNAL-ID": "e-1", "X-SIGNATURE": "kept" });
    expect(listed).toMatchObject({ status: 200, body: JSON.parse(ANSWERS.LISTED!.body) });
    const unlisted = await post(p.url + PAY, { ...payment.request, partnerReferenceNo: "UNLISTED" });
    expect(unlisted.status).toBe(409);
    p.child.kill("SIGTERM");
    expect(await p.exit).toBe(0);
    const lines = p.output().trim().split("\n");
    expect(lines[1]).toMatch(/^POST \/v1\.0\/qr\/qr-cpm-payment 200 2006000 \d+ms  ok$/);
    expect(lines[2]).toMatch(/^POST \/v1\.0\/qr\/qr-cpm-payment 409 4096002 \d+ms  unlisted-code: drift: 4096002 is not listed for Payment/);
    expect(lines[3]).toBe('      - parts: { http: "409", service: "60", case: "02" }');
    expect(lines.at(-1)).toBe(`codebook proxy: 2 exchanges, 1 with findings (unlisted-code 1); 2 recorded in ${file}`);
    // --redact replaces the default list: x-signature is kept, x-external-id is not.
    const recorded = readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(recorded[1].request.headers).toMatchObject({ authorization: "[redacted]", "x-external-id": "[redacted]", "x-signature": "kept" });

    const m = await startCli(["--replay", file, "--port", "0"]);
    try {
      expect(m.first).toMatch(/^codebook mock: snap-qr-cpm listening on http:\/\/127\.0\.0\.1:\d+ replaying .*cli\.jsonl \(Ctrl-C stops\)$/);
      expect(await post(m.url + PAY, { ...payment.request, partnerReferenceNo: "UNLISTED" })).toMatchObject({ status: 409, body: JSON.parse(ANSWERS.UNLISTED!.body) });
    } finally {
      m.child.kill("SIGTERM");
      await m.exit;
    }

    const checked = run(["proxy", "--check-recording", file]);
    expect(checked.code).toBe(1);
    const out = checked.stdout.trim().split("\n");
    expect(out[0]).toMatch(/^POST \/v1\.0\/qr\/qr-cpm-payment 200 2006000 \d+ms  ok$/);
    expect(out[1]).toMatch(/^POST \/v1\.0\/qr\/qr-cpm-payment 409 4096002 \d+ms  unlisted-code: drift: /);
    expect(out.at(-1)).toBe("codebook proxy: 2 recorded exchanges checked against @codebook/snap-qr-cpm, 1 with findings");

    const suggested = run(["proxy", "--suggest-fixtures", file]);
    expect(suggested.code).toBe(0);
    expect(suggested.stdout).toMatch(/^# .*spec\/snap-qr-cpm\.yaml: api\.endpoints\[key=Payment\]\.samples — recorded response bodies to add\n#   2006000 \(listed; valid\), exchange 1\n {8}- kind: response\n/);
    expect(suggested.stdout).toContain("#   4096002 (unlisted: add its row first; not valid: /responseCode: ");
  });

  it("--json: a listening event, a JSON line per exchange with its findings, a summary event", async () => {
    const p = await startProxyCli(["--spec", "snap-qr-cpm", "--target", up.url, "--port", "0", "--json"]);
    expect(JSON.parse(p.first)).toMatchObject({ event: "listening", spec: "snap-qr-cpm", target: up.url });
    await post(p.url + PAY, { ...payment.request, partnerReferenceNo: "MISMATCH" });
    p.child.kill("SIGTERM");
    expect(await p.exit).toBe(0);
    const [, exchange, summary] = p.output().trim().split("\n").map((l) => JSON.parse(l));
    expect(exchange).toMatchObject({ method: "POST", path: PAY, endpoint: "Payment", status: 200, code: "5046000", findings: [{ kind: "status-mismatch", side: "response", code: "5046000" }] });
    expect(summary).toMatchObject({ event: "summary", exchanges: 1, withFindings: 1, findings: { "status-mismatch": 1 } });
  });

  it("usage and config errors: exit 2 with one line", () => {
    expect(run(["proxy", "--spec", "snap-qr-cpm"])).toMatchObject({ code: 2, stderr: "codebook proxy: --target URL is required (the provider's base URL, e.g. its sandbox)\n" });
    expect(run(["proxy", "--target", "http://x"])).toMatchObject({ code: 2, stderr: "codebook proxy: --spec ID is required (the API spec whose package checks the traffic)\n" });
    expect(run(["proxy", "--spec", "snap-qr-cpm", "--target", "ftp://x"])).toMatchObject({ code: 2, stderr: 'codebook proxy: --target must be http(s)://…, got "ftp://x"\n' });
    expect(run(["proxy", "--spec", "snap-qr-cpm", "--target", "http://x", "--record", join(dir, "no", "such", "dir.jsonl")]).stderr).toMatch(/^codebook proxy: --record .*dir\.jsonl: cannot be written \(ENOENT\)\n$/);
    expect(run(["proxy", "--frobnicate"]).code).toBe(2);
    expect(run(["help", "proxy"])).toMatchObject({ code: 0, stdout: expect.stringContaining("--suggest-fixtures FILE") });
  });
});
