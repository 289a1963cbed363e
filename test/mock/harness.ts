// What the mock tests share: the generated package the mock serves (read the
// way a user's test would), requests, and a server that receives callbacks.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cli } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";

export interface Catalog {
  codes: { code: string; message: string; http?: string; service?: string }[];
}

/** The generated package of `id` in the repository's out dir: main entry, fixtures index, catalog. */
export async function generatedPackage(id: string) {
  const dir = join(repoRoot, "generated", id);
  const main = (await import(pathToFileURL(join(dir, "dist", "index.js")).href)) as Record<string, any>;
  const fixtures = (await import(pathToFileURL(join(dir, "dist", "fixtures.js")).href)) as Record<string, any>;
  const catalog = JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8")) as Catalog;
  return { main, fixtures, index: fixtures.default as Record<string, any>, catalog };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** A mock that never answers fails the request after 30 s, not after undici's 300 s. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(url, {
    signal: AbortSignal.timeout(30_000),
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** A loopback server on a free port that records every request it receives (the integrator's notify endpoint). */
export async function receiver(): Promise<{ url: string; received: Promise<{ method: string; headers: IncomingHttpHeaders; body: any }>; close(): Promise<void> }> {
  let deliver!: (r: { method: string; headers: IncomingHttpHeaders; body: any }) => void;
  const received = new Promise<{ method: string; headers: IncomingHttpHeaders; body: any }>((r) => (deliver = r));
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"responseCode":"2007900","responseMessage":"Successful"}');
      deliver({ method: req.method ?? "", headers: req.headers, body: JSON.parse(text) });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/notify`, received, close: () => new Promise((r) => server.close(() => r())) };
}

/** Starts `codebook mock …` (dist/cli.js) in `cwd`; resolves once it prints its first line (the "listening" line). */
export function startCli(args: string[], cwd: string = repoRoot): Promise<MockProcess> {
  const child = spawn(process.execPath, [cli, "mock", ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
  let out = "";
  let err = "";
  const exit = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      const first = !out.includes("\n");
      out += d;
      if (first && out.includes("\n")) {
        const line = out.split("\n")[0]!;
        const url = /listening on (http:\/\/\S+) /.exec(line)?.[1] ?? (line.startsWith("{") ? (JSON.parse(line) as { url: string }).url : "");
        resolve({ child, first: line, url, output: () => out, errors: () => err, exit, alive: () => child.exitCode === null && child.signalCode === null });
      }
    });
    void exit.then((code) => reject(new Error(`codebook mock exited ${code} before listening: ${err}`)));
  });
}

export interface MockProcess {
  child: ChildProcessWithoutNullStreams;
  first: string;
  url: string;
  output: () => string;
  errors: () => string;
  exit: Promise<number | null>;
  /** The process has not exited. */
  alive: () => boolean;
}

/** Sends `text` as it is on a new connection; resolves with everything the server sent back, once it closes the connection (or `giveUp` ms pass). */
export function rawExchange(url: string, text: string | Buffer, giveUp = 10_000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let got = "";
    const timer = setTimeout(() => socket.destroy(), giveUp);
    socket.on("data", (d) => (got += d));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(got);
    });
    socket.write(text);
  });
}

/** The status of a raw HTTP answer ("HTTP/1.1 400 Bad Request…" -> 400), and its JSON body. */
export function parseRaw(answer: string): { status: number | null; body: any } {
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1];
  const text = answer.split("\r\n\r\n").slice(1).join("\r\n\r\n");
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: status ? Number(status) : null, body };
}

/**
 * A scratch project whose out dir holds a copy of the generated snap-qr-cpm
 * package, hand-edited the way a broken package could be: its Refund request
 * validator throws, and its Notify request validator counts its calls in
 * `globalThis.__codebookNotifyValidations` (for the in-process mock).
 */
export function brokenPackageProject(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), "codebook-mock-broken-"));
  mkdirSync(join(dir, "spec"));
  writeFileSync(join(dir, "codebook.config.yaml"), "specDir: spec\noutDir: out\n");
  const pkgDir = join(dir, "out", "snap-qr-cpm");
  cpSync(join(repoRoot, "generated", "snap-qr-cpm"), pkgDir, { recursive: true });
  const api = join(pkgDir, "dist", "api.js");
  let text = readFileSync(api, "utf8");
  const edit = (fn: string, body: string) => {
    const head = `export function ${fn}(input, options) {`;
    if (!text.includes(head)) throw new Error(`${api} has no ${head}`);
    text = text.replace(head, `${head}\n  ${body}`);
  };
  edit("validateSnapQrCpmRefundRequest", 'throw new TypeError("the Refund validator is broken");');
  edit("validateSnapQrCpmNotifyRequest", "globalThis.__codebookNotifyValidations = (globalThis.__codebookNotifyValidations ?? 0) + 1;");
  writeFileSync(api, text);
  return { dir, config: join(dir, "codebook.config.yaml") };
}

/** `{ x: { x: … 1 } }` with `levels` objects, or `[[…1]]` with `levels` arrays, as JSON text (JSON.stringify itself overflows on deep values). */
export function nestedJson(levels: number, kind: "object" | "array"): string {
  return kind === "object" ? '{"x":'.repeat(levels) + "1" + "}".repeat(levels) : "[".repeat(levels) + "1" + "]".repeat(levels);
}

/** A loopback server that records every request it receives; `waitFor(n)` resolves once it has n. */
export async function collector(): Promise<{ url: string; bodies: any[]; waitFor(n: number): Promise<any[]>; find(test: (body: any) => boolean): Promise<any>; close(): Promise<void> }> {
  const bodies: any[] = [];
  const waiting: { n: number; resolve: (b: any[]) => void }[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"responseCode":"2007900","responseMessage":"Successful"}');
      bodies.push(JSON.parse(text));
      for (const w of waiting.filter((x) => bodies.length >= x.n)) w.resolve(bodies);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    bodies,
    waitFor: (n) => (bodies.length >= n ? Promise.resolve(bodies) : new Promise((resolve) => waiting.push({ n, resolve }))),
    /** The first body received (or to come) that passes `test`: callbacks are sent in the background, in no set order. */
    find: async (test) => {
      for (let n = 1; ; n++) {
        const all = bodies.length >= n ? bodies : await new Promise<any[]>((resolve) => waiting.push({ n, resolve }));
        if (test(all[n - 1])) return all[n - 1];
      }
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The README's scenario file `# <name>: …` (the YAML block whose second line names it), as the README shows it. */
export function readmeScenarioFile(name: string): string {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const found = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.split("\n")[1]?.startsWith(`# ${name}:`));
  if (found.length !== 1) throw new Error(`README.md has ${found.length} scenario files named ${name}`);
  return found[0]!;
}

/**
 * `count` clients that each send one header byte a second to `path` and never finish;
 * resolves with how each connection ended (its status line, or "(closed, no answer)").
 */
export function slowClients(url: string, count: number, path: string): Promise<Record<string, number>> {
  const { port, hostname } = new URL(url);
  const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`;
  const answers: Record<string, number> = {};
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(Number(port), hostname);
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

/** Opens a keep-alive connection, sends one request, and resolves with the milliseconds until the server closes the idle connection (or `giveUp`). */
export function idleClose(url: string, request: string, giveUp = 20_000): Promise<{ answered: boolean; closedAfter: number | null }> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let got = "";
    let answeredAt = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answered: answeredAt > 0, closedAfter: null });
    }, giveUp);
    socket.on("data", (d) => {
      got += d;
      if (!answeredAt && got.includes("\r\n\r\n")) answeredAt = performance.now();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ answered: answeredAt > 0, closedAfter: answeredAt ? performance.now() - answeredAt : null });
    });
    socket.write(request);
  });
}

/** Streams `megabytes` MiB as one request body (chunked) to `url`; resolves with the answer's status and body text. */
export function streamBody(url: string, megabytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    let sent = 0;
    const pump = () => {
      while (sent < megabytes) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

/** The peak resident memory (VmHWM, MiB) of process `pid` (Linux /proc). */
export function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmHWM for ${pid}`);
  return Number(m[1]) / 1024;
}
