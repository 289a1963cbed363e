/**
 * `startMock`: serves a generated API package over plain `node:http` (no
 * dependency). Loopback only unless a host is given; port 0 or none picks a
 * free port. One log line per request: method, path, code, status, ms.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError } from "../config/config.ts";
import { notification, send } from "./notify.ts";
import { loadMockPackage, type MockPackage } from "./load-package.ts";
import { answer } from "./respond.ts";
import { routes, type Route } from "./routes.ts";
import { checkScenarios, readScenarios, type Scenario } from "./scenarios.ts";

export interface MockOptions {
  /** The spec id: the package `<outDir>/<spec>` of the config. */
  spec: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Milliseconds to wait before every answer (a scenario's own delay replaces it). */
  delay?: number;
  /** POST the callback (e.g. the payment notification) here after a success of an endpoint that has one. */
  notifyUrl?: string;
  /** Served before every endpoint path, e.g. "/api". */
  basePath?: string;
  /** A scenario file (YAML or JSON), or the scenarios themselves. */
  scenarios?: string | Scenario[];
  /** The codebook config file (default: ./codebook.config.yaml of `cwd`). */
  config?: string;
  cwd?: string;
  /** Where log lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Log JSON lines instead of text. */
  json?: boolean;
}

export interface MockServer {
  /** http://host:port, without a trailing slash and without the base path. */
  url: string;
  /** Every route served: method, path, endpoint key. */
  routes: { method: string; path: string; endpoint: string }[];
  /** Stops accepting requests, waits for callbacks in flight, closes. */
  close(): Promise<void>;
}

export type { Scenario };

const MAX_BODY = 1024 * 1024;

export async function startMock(options: MockOptions): Promise<MockServer> {
  const cwd = options.cwd ?? process.cwd();
  const pkg = await loadMockPackage(options.spec, options.config, cwd);
  const scenarios =
    options.scenarios === undefined
      ? []
      : typeof options.scenarios === "string"
        ? readScenarios(options.scenarios, pkg.endpoints)
        : checkScenarios(options.scenarios, pkg.endpoints);
  const delay = options.delay ?? 0;
  if (!(Number.isFinite(delay) && delay >= 0)) throw new ConfigError(`delay must be milliseconds >= 0, got ${options.delay}`);
  if (options.notifyUrl !== undefined && !/^https?:\/\//.test(options.notifyUrl)) throw new ConfigError(`notify URL must be http(s)://…, got ${JSON.stringify(options.notifyUrl)}`);
  const table = routes(pkg.endpoints, options.basePath ?? "");
  const log = options.log ?? (() => {});
  const pending = new Set<Promise<unknown>>();

  const server = createServer((req, res) => {
    const started = performance.now();
    void handle(req, res, pkg, table, scenarios, delay).then((r) => {
      const ms = Math.round(performance.now() - started);
      const line = { method: req.method ?? "", path: req.url ?? "", status: res.statusCode, code: r.code, ms };
      log(options.json ? JSON.stringify({ ...line, reason: r.reason }) : `${line.method} ${line.path} ${line.code ?? "-"} ${line.status} ${ms}ms  ${r.reason}`);
      if (r.notify && options.notifyUrl) {
        const url = options.notifyUrl;
        const n = r.notify;
        const p = send(url, n).then((result) => {
          const what = "status" in result ? `${result.status}` : `failed: ${result.error}`;
          log(options.json ? JSON.stringify({ notify: url, endpoint: n.endpoint.key, ...result }) : `notify ${n.endpoint.key} -> ${url} ${what}`);
        });
        pending.add(p);
        void p.finally(() => pending.delete(p));
      }
    });
  });
  server.on("clientError", (_err, socket) => socket.destroy());
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" || err.code === "EACCES" || err.code === "EADDRNOTAVAIL" ? new ConfigError(`cannot listen on ${host}:${options.port ?? 0}: ${err.code}`) : err),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    routes: table.map((r) => ({ method: r.method, path: r.path, endpoint: r.endpoint.key })),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.all([...pending]);
    },
  };
}

interface Handled {
  code: string | null;
  reason: string;
  notify?: ReturnType<typeof notification>;
}

async function handle(req: IncomingMessage, res: ServerResponse, pkg: MockPackage, table: Route[], scenarios: Scenario[], delay: number): Promise<Handled> {
  const path = (req.url ?? "/").split("?")[0]!;
  const matches = table.filter((r) => r.path === path);
  const route = matches.find((r) => r.method === req.method);
  const text = await readBody(req);
  if (!route) {
    const status = matches.length ? 405 : 404;
    const reason = matches.length ? `${req.method} is not served at ${path} (${matches.map((r) => r.method).join(", ")})` : `no endpoint at ${path}`;
    send_(res, status, { error: reason, endpoints: table.map((r) => `${r.method} ${r.path}`) }, matches.length ? { allow: matches.map((r) => r.method).join(", ") } : {});
    return { code: null, reason };
  }
  if (text === null) {
    send_(res, 413, { error: `request body over ${MAX_BODY} bytes` });
    return { code: null, reason: "body too large" };
  }
  const prefer = req.headers.prefer;
  const a = answer(pkg, route.endpoint, text, Array.isArray(prefer) ? prefer.join(", ") : prefer, scenarios);
  const wait = a.delay ?? delay;
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(route.endpoint.responseHeaders)) if (!["content-length", "content-type"].includes(k.toLowerCase())) headers[k] = v;
  headers["x-codebook-mock"] = a.reason.replace(/[^\x20-\x7e]/g, "?");
  send_(res, a.status, a.body, headers);
  const success = a.code === route.endpoint.successCode;
  return { code: a.code, reason: a.reason, ...(success ? { notify: notification(pkg, route.endpoint, a.request, a.body) } : {}) };
}

function send_(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The body as text, or null when it is larger than MAX_BODY (the rest is drained). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(null));
  });
}
