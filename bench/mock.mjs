// The mock and proxy figures of `npm run bench` (issue 22's targets):
//
// - `codebook mock` answering valid CPM payments with flows and state on (every payment starts
//   a transaction; both SNAP idempotency rules on) against Stoplight Prism 5 mocking an
//   OpenAPI document of the same endpoint (bench/openapi.mjs), with one client (bench/load.mjs:
//   20 keep-alive connections, each request its own partnerReferenceNo and X-EXTERNAL-ID),
//   rounds interleaved: requests/s and p99 per round, and their ratios pair by pair;
// - `codebook proxy` in front of a trivial upstream against calling that upstream directly:
//   p50 latency on one connection, interleaved;
// - the mock's RSS after 100,000 requests against after 1,000 (and without a scenario file).
//
//   node bench/mock.mjs [--quick]     prints the Markdown and writes nothing
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { load, post } from "./load.mjs";
import { openApiDocument } from "./openapi.mjs";

const PAY = "/v1.0/qr/qr-cpm-payment";

/** A flow every payment starts (answered 2006000, final, success) and both SNAP idempotency rules: the state is on for every request. */
const SCENARIOS = {
  flows: [
    {
      name: "bench",
      start: { endpoint: "Payment", code: "2006000" },
      reference: { Payment: "partnerReferenceNo", Query: "originalPartnerReferenceNo" },
      states: [{ name: "paid", final: true, success: true, notify: false, answers: { Query: { code: "2006100", fields: { latestTransactionStatus: "00" } } } }],
    },
  ],
  idempotency: [
    { endpoint: "Payment", reference: { header: "X-EXTERNAL-ID" }, within: "day", utcOffset: "+07:00", code: "4096000" },
    { endpoint: "Payment", reference: "partnerReferenceNo", after: "success", code: "4096001" },
  ],
};

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Spawns a server process and waits until `port` answers HTTP. */
async function serve(command, args, port, cwd, env = {}) {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited ${child.exitCode}: ${err}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      return { child, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once("exit", r), child.kill("SIGTERM")))) };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill("SIGKILL");
  throw new Error(`${args.join(" ")} did not listen on ${port}: ${err}`);
}

function rssMiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

export async function mockBench({ root, quick = false, log = () => {} }) {
  const rounds = quick ? 1 : 3;
  const seconds = quick ? 2 : 10;
  const connections = 20;
  const cli = join(root, "dist", "cli.js");
  const scratch = mkdtempSync(join(tmpdir(), "codebook-bench-mock-"));
  const fixtures = (await import(pathToFileURL(join(root, "generated", "snap-qr-cpm", "dist", "fixtures.js")).href)).default;
  const request = fixtures.endpoints.Payment.request;
  const paymentText = (i) => JSON.stringify({ ...request, partnerReferenceNo: `B-${i}` });
  const scenarios = join(scratch, "bench-scenarios.json");
  writeFileSync(scenarios, JSON.stringify(SCENARIOS));
  let serial = 0;
  const mockRequest = () => post(PAY, paymentText(serial), { "X-EXTERNAL-ID": `E-${serial++}` });
  const out = { connections, seconds, rounds };

  // Prism 5 on an OpenAPI document of the Payment endpoint alone: the request body schema, the success response.
  let prism = null;
  let prismWhy = null;
  const prismBin = join(root, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
  try {
    readFileSync(prismBin);
    const doc = await openApiDocument(join(root, "generated", "snap-qr-cpm"));
    const path = Object.keys(doc.paths).find((k) => k.endsWith("qr-cpm-payment"));
    doc.paths[path].post.responses = { 200: { description: "Successful", content: { "application/json": { schema: { $ref: "#/components/schemas/PaymentResponse_success" } } } } };
    doc.paths = { [path]: doc.paths[path] };
    writeFileSync(join(scratch, "payment.openapi.json"), JSON.stringify(doc));
    prism = { path, doc: join(scratch, "payment.openapi.json"), version: JSON.parse(readFileSync(join(root, "node_modules", "@stoplight", "prism-cli", "package.json"), "utf8")).version };
  } catch (err) {
    prismWhy = `Stoplight Prism is not installed (npm install --save-dev @stoplight/prism-cli): ${err.message}`;
  }

  // ---- throughput and p99: the mock with flows and state on, and Prism, rounds interleaved
  const mockPort = await freePort();
  const mock = await serve(process.execPath, [cli, "mock", "--spec", "snap-qr-cpm", "--port", String(mockPort), "--scenarios", scenarios], mockPort, root);
  let prismServer = null;
  if (prism) {
    const prismPort = await freePort();
    try {
      prismServer = await serve(process.execPath, [prismBin, "mock", prism.doc, "-p", String(prismPort), "-h", "127.0.0.1"], prismPort, root);
      prism.port = prismPort;
    } catch (err) {
      prismWhy = `Stoplight Prism ${prism.version} did not start: ${err.message.slice(0, 300)}`;
      prism = null;
    }
  }
  // Warm both (JIT, first-request paths) before the rounds.
  await load({ port: mockPort, connections, requests: 2000, request: mockRequest });
  if (prism) await load({ port: prism.port, connections, requests: 500, request: (i) => post(prism.path, paymentText(`w${i}`), { "X-EXTERNAL-ID": `W-${i}` }) });
  const m = [];
  const p = [];
  for (let r = 0; r < rounds; r++) {
    m.push(await load({ port: mockPort, connections, seconds, request: mockRequest }));
    if (prism) p.push(await load({ port: prism.port, connections, seconds, request: (i) => post(prism.path, paymentText(`p${r}-${i}`), { "X-EXTERNAL-ID": `P-${r}-${i}` }) }));
    log(`mock round ${r + 1}/${rounds}`);
  }
  const state = await fetch(`http://127.0.0.1:${mockPort}/__codebook/state`).then((r) => r.json());
  out.mock = { rps: stats(m.map((x) => x.rps)), p99: stats(m.map((x) => x.p99)), p50: stats(m.map((x) => x.p50)), statuses: m.map((x) => x.statuses), transactionsHeld: state.transactions.length };
  if (prism) {
    out.prism = { version: prism.version, rps: stats(p.map((x) => x.rps)), p99: stats(p.map((x) => x.p99)), p50: stats(p.map((x) => x.p50)), statuses: p.map((x) => x.statuses) };
    out.rpsRatio = stats(m.map((x, i) => x.rps / p[i].rps));
    out.p99Ratio = stats(m.map((x, i) => x.p99 / p[i].p99));
  } else out.prism = { unavailable: prismWhy };
  await mock.stop();
  await prismServer?.stop();

  // ---- the mock's RSS after 1,000 and after 100,000 requests: flows and state on (the target), and a
  // control on the same load without a scenario file (the server alone: the difference is the state's).
  const total = quick ? 11_000 : 100_000;
  async function rssAfter(args, env = {}) {
    const port = await freePort();
    const s = await serve(process.execPath, [cli, "mock", "--spec", "snap-qr-cpm", "--port", String(port), ...args], port, root, env);
    serial = 0;
    await load({ port, connections, requests: 1000, request: mockRequest });
    const after1k = rssMiB(s.child.pid);
    await load({ port, connections, requests: total - 1000, request: mockRequest });
    const after100k = rssMiB(s.child.pid);
    await s.stop();
    return { after1k, after100k, requests: total, growth: after100k - after1k };
  }
  out.rss = await rssAfter(["--scenarios", scenarios]);
  out.rssControls = { noScenarios: await rssAfter([]) };
  log("mock RSS");

  // ---- the proxy's p50 overhead over a direct call to the same upstream (one connection)
  {
    const answer = JSON.stringify(fixtures.endpoints.Payment.responses[fixtures.endpoints.Payment.successCode]);
    // The upstream in a process of its own, as a sandbox would be: the bench process only drives the client.
    const upPort = await freePort();
    const upScript = join(scratch, "upstream.mjs");
    writeFileSync(
      upScript,
      `import { createServer } from "node:http";\nconst answer = ${JSON.stringify(answer)};\ncreateServer((req, res) => { req.resume(); req.on("end", () => res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) }).end(answer)); }).listen(${upPort}, "127.0.0.1");\n`,
    );
    const up = await serve(process.execPath, [upScript], upPort, root);
    const proxyPort = await freePort();
    const proxy = await serve(process.execPath, [cli, "proxy", "--spec", "snap-qr-cpm", "--target", `http://127.0.0.1:${upPort}`, "--port", String(proxyPort)], proxyPort, root);
    const req = (i) => post(PAY, paymentText(`x${i}`));
    await load({ port: upPort, connections: 1, requests: 2000, request: req });
    await load({ port: proxyPort, connections: 1, requests: 2000, request: req });
    const direct = [];
    const via = [];
    for (let r = 0; r < rounds; r++) {
      direct.push(await load({ port: upPort, connections: 1, seconds: quick ? 1 : 3, request: req }));
      via.push(await load({ port: proxyPort, connections: 1, seconds: quick ? 1 : 3, request: req }));
    }
    out.proxy = { directP50: stats(direct.map((x) => x.p50)), proxyP50: stats(via.map((x) => x.p50)), overheadP50: stats(via.map((x, i) => x.p50 - direct[i].p50)), statuses: via.map((x) => x.statuses) };
    await proxy.stop();
    await up.stop();
    log("proxy overhead");
  }
  rmSync(scratch, { recursive: true, force: true });

  const t = {};
  if (out.rpsRatio) {
    t["mock (flows, state) ÷ Prism, requests/s"] = { measured: out.rpsRatio.median, target: "≥ 8×", met: out.rpsRatio.median >= 8 };
    t["mock (flows, state) ÷ Prism, p99"] = { measured: out.p99Ratio.median, target: "≤ 0.25×", met: out.p99Ratio.median <= 0.25 };
  }
  t["proxy p50 overhead over a direct call (ms)"] = { measured: out.proxy.overheadP50.median, target: "≤ 2", met: out.proxy.overheadP50.median <= 2 };
  t[`mock RSS after ${out.rss.requests.toLocaleString("en-US")} requests − after 1,000 (MiB)`] = { measured: out.rss.growth, target: "≤ 20", met: out.rss.growth <= 20 };
  out.targets = t;
  const f = (x, d = 0) => x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  const st = (s, d = 0) => `${f(s.median, d)} (${f(s.min, d)}–${f(s.max, d)})`;
  const statusMix = (list) => Object.entries(list.reduce((a, s) => (Object.entries(s).forEach(([k, v]) => (a[k] = (a[k] ?? 0) + v)), a), {})).map(([k, v]) => `${k}: ${f(v)}`).join(", ");
  out.markdown = [
    `Mock and proxy (one client, bench/load.mjs: ${connections} keep-alive connections, ${seconds} s rounds, ${rounds} round${rounds > 1 ? "s" : ""} each, interleaved; median (min–max)). The machine is shared: figures move with its load.`,
    "",
    "| Target | Measured | Target | Met |",
    "| --- | ---: | ---: | --- |",
    ...Object.entries(t).map(([k, r]) => `| ${k} | ${r.measured.toFixed(2)} | ${r.target} | ${r.met ? "yes" : "**no**"} |`),
    "",
    "| Server | Requests/s | p50 (ms) | p99 (ms) | Answers |",
    "| --- | ---: | ---: | ---: | --- |",
    `| \`codebook mock\`, valid CPM payments, flows and idempotency on (${out.mock.transactionsHeld.toLocaleString("en-US")} transactions held at the end) | ${st(out.mock.rps)} | ${st(out.mock.p50, 2)} | ${st(out.mock.p99, 2)} | ${statusMix(out.mock.statuses)} |`,
    out.prism.rps
      ? `| Stoplight Prism ${out.prism.version}, an OpenAPI document of the same endpoint (request validation on) | ${st(out.prism.rps)} | ${st(out.prism.p50, 2)} | ${st(out.prism.p99, 2)} | ${statusMix(out.prism.statuses)} |`
      : `| Stoplight Prism | — | — | — | not measured: ${out.prism.unavailable} |`,
    "",
    `Proxy: p50 on one connection, direct ${st(out.proxy.directP50, 3)} ms, through \`codebook proxy\` ${st(out.proxy.proxyP50, 3)} ms, overhead ${st(out.proxy.overheadP50, 3)} ms. Mock RSS, flows and state on: ${f(out.rss.after1k, 1)} MiB after 1,000 requests, ${f(out.rss.after100k, 1)} MiB after ${out.rss.requests.toLocaleString("en-US")} (the state holds at most 10,000 transactions); the same load without a scenario file grows ${f(out.rssControls.noScenarios.growth, 1)} MiB (${f(out.rssControls.noScenarios.after1k, 1)} → ${f(out.rssControls.noScenarios.after100k, 1)}). The command keeps V8's young generation at its initial size (\`--semi-space-growth-factor=1\`, cli/process-memory.ts); without that it grows to two 16 MiB semi-spaces under this load, about 20 MiB more.`,
  ].join("\n");
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const r = await mockBench({ root, quick: process.argv.includes("--quick"), log: (m) => process.stderr.write(`bench mock: ${m}\n`) });
  process.stdout.write(`${r.markdown}\n`);
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
