/**
 * `startMock`: serves a generated API package over plain `node:http` (no
 * dependency). Loopback only unless a host is given; port 0 or none picks a
 * free port. One log line per request: method, path, code, status, ms.
 *
 * It runs inside the user's test process, so nothing a client sends may end
 * it: every request is answered inside a catch (an error is a 500 naming it),
 * malformed HTTP is a 400, and slow or numerous clients meet the limits in
 * limits.ts (timeouts, a connection cap, a body cap).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ConfigError } from "../config/config.ts";
import { MAX_DELAY, MAX_HEADER_BYTES, REASON_HEADER_CHARS, resolveLimits, type MockLimits } from "./limits.ts";
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
  /** Milliseconds to wait before every answer, at most 2^31 - 1 (a scenario's own delay replaces it). */
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
  /** Timeouts, the connection cap, the body and scenario-file caps (defaults: DEFAULT_LIMITS, listed in the README). */
  limits?: Partial<MockLimits>;
}

export interface MockServer {
  /** http://host:port, without a trailing slash and without the base path. */
  url: string;
  /** Every route served: method, path, endpoint key. */
  routes: { method: string; path: string; endpoint: string }[];
  /** Stops accepting requests, answers delayed requests at once, waits for callbacks in flight, closes. */
  close(): Promise<void>;
}

export type { MockLimits, Scenario };

export async function startMock(options: MockOptions): Promise<MockServer> {
  const limits = resolveLimits(options.limits);
  const cwd = options.cwd ?? process.cwd();
  const pkg = await loadMockPackage(options.spec, options.config, cwd);
  const scenarios =
    options.scenarios === undefined
      ? []
      : typeof options.scenarios === "string"
        ? readScenarios(options.scenarios, pkg.endpoints, limits.maxScenarioFileBytes)
        : checkScenarios(options.scenarios, pkg.endpoints);
  const delay = options.delay ?? 0;
  if (!(typeof delay === "number" && Number.isFinite(delay) && delay >= 0 && delay <= MAX_DELAY))
    throw new ConfigError(`delay must be milliseconds from 0 to ${MAX_DELAY} (about 24.8 days), got ${String(options.delay)}`);
  if (options.notifyUrl !== undefined && !/^https?:\/\//.test(options.notifyUrl)) throw new ConfigError(`notify URL must be http(s)://…, got ${JSON.stringify(options.notifyUrl)}`);
  const table = routes(pkg.endpoints, options.basePath ?? "");
  const sink = options.log ?? (() => {});
  // The log sink is the host's code: if it throws, the request it reports on is already answered, and the server goes on.
  const log = (line: string) => {
    try {
      sink(line);
    } catch {
      // Nothing to report to: the sink is where reports go.
    }
  };
  const pending = new Set<Promise<unknown>>();
  const waits = new Set<() => void>();
  const context: Context = { pkg, table, scenarios, delay, limits, waits, notify: options.notifyUrl !== undefined };

  const server = createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      maxHeaderSize: MAX_HEADER_BYTES,
      // Node checks the two timeouts on this interval (30 s by default), which would let a slow client stay that much longer.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeout),
    },
    (req, res) => {
      const started = performance.now();
      void handle(req, res, context).then((r) => {
        const ms = Math.round(performance.now() - started);
        const line = { method: req.method ?? "", path: req.url ?? "", status: res.statusCode, code: r.code, ms };
        log(options.json ? JSON.stringify({ ...line, reason: r.reason }) : `${line.method} ${line.path} ${line.code ?? "-"} ${line.status} ${ms}ms  ${r.reason}`);
        if (r.notify && options.notifyUrl) {
          const url = options.notifyUrl;
          const n = r.notify;
          const p = send(url, n, limits.notifyTimeout).then((result) => {
            const what = "status" in result ? `${result.status}` : `failed: ${result.error}`;
            log(options.json ? JSON.stringify({ notify: url, endpoint: n.endpoint.key, ...result }) : `notify ${n.endpoint.key} -> ${url} ${what}`);
          });
          pending.add(p);
          void p.finally(() => pending.delete(p));
        }
      }, (err: unknown) => log(`internal error after answering: ${describe(err)}`));
    },
  );
  server.maxConnections = limits.maxConnections;
  let dropping = false;
  server.on("drop", () => {
    // One line when the cap is reached, not one per refused connection (a flood would flood the log too).
    if (dropping) return;
    dropping = true;
    log(options.json ? JSON.stringify({ event: "connection-cap", maxConnections: limits.maxConnections }) : `connections: ${limits.maxConnections} open (the cap): refusing new ones until one closes`);
  });
  server.on("connection", (socket: Socket) => socket.once("close", () => (dropping = false)));
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    const answered = clientError(err, socket);
    if (answered) log(options.json ? JSON.stringify({ status: answered.status, code: null, reason: answered.reason }) : `- - - ${answered.status}  ${answered.reason}`);
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" || err.code === "EACCES" || err.code === "EADDRNOTAVAIL" ? new ConfigError(`cannot listen on ${host}:${options.port ?? 0}: ${err.code}`) : err),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  // After listening, a server error (e.g. EMFILE when accepting) is reported, never thrown into the host.
  server.on("error", (err: Error) => log(options.json ? JSON.stringify({ event: "error", error: err.message }) : `server error: ${err.message}`));
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    routes: table.map((r) => ({ method: r.method, path: r.path, endpoint: r.endpoint.key })),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        for (const end of [...waits]) end();
      });
      await Promise.all([...pending]);
    },
  };
}

interface Context {
  pkg: MockPackage;
  table: Route[];
  scenarios: Scenario[];
  delay: number;
  limits: MockLimits;
  /** Delays in progress: close() ends them so that it never waits out a long one. */
  waits: Set<() => void>;
  /** A notify URL was given. Without one no callback body is built: it cost a third of a valid request's time, for nothing sent. */
  notify: boolean;
}

interface Handled {
  code: string | null;
  reason: string;
  notify?: ReturnType<typeof notification>;
}

/** Answers one request; never rejects: whatever goes wrong is a 500 that names it (or, once the answer has started, a closed connection). */
async function handle(req: IncomingMessage, res: ServerResponse, context: Context): Promise<Handled> {
  try {
    const handled = await respond(req, res, context);
    if (!handled.notifyFrom) return handled;
    const { notifyFrom, ...rest } = handled;
    try {
      return { ...rest, notify: notification(context.pkg, notifyFrom.endpoint, notifyFrom.request, notifyFrom.body) };
    } catch (err) {
      return { ...rest, reason: `${rest.reason}; notify not sent: ${describe(err)}` };
    }
  } catch (err) {
    const reason = `internal error: ${describe(err)}`;
    if (!res.headersSent) {
      try {
        send_(res, 500, { error: `codebook mock could not answer ${req.method} ${(req.url ?? "").slice(0, 200)}: ${describe(err)}` }, { "x-codebook-mock": headerValue(reason), connection: "close" });
        return { code: null, reason };
      } catch {
        // The answer itself failed: the connection is all that is left to close.
      }
    }
    res.destroy();
    return { code: null, reason };
  }
}

type Responded = Omit<Handled, "notify"> & { notifyFrom?: { endpoint: Route["endpoint"]; request: unknown; body: Record<string, unknown> } };

async function respond(req: IncomingMessage, res: ServerResponse, context: Context): Promise<Responded> {
  const { pkg, table, scenarios, limits } = context;
  const path = (req.url ?? "/").split("?")[0]!;
  const matches = table.filter((r) => r.path === path);
  const route = matches.find((r) => r.method === req.method);
  const text = await readBody(req, limits.maxBodyBytes);
  if (text === TOO_LARGE) {
    send_(res, 413, { error: `request body over ${limits.maxBodyBytes} bytes` }, { connection: "close" });
    return { code: null, reason: "body too large" };
  }
  if (text === BROKEN) {
    // The client left, or its body was not HTTP (clientError has answered that one): no one to answer here.
    res.destroy();
    return { code: null, reason: "the request body did not arrive (the client closed, or the body was malformed)" };
  }
  if (!route) {
    const status = matches.length ? 405 : 404;
    const reason = matches.length ? `${req.method} is not served at ${path} (${matches.map((r) => r.method).join(", ")})` : `no endpoint at ${path}`;
    send_(res, status, { error: reason, endpoints: table.map((r) => `${r.method} ${r.path}`) }, matches.length ? { allow: matches.map((r) => r.method).join(", ") } : {});
    return { code: null, reason };
  }
  const prefer = req.headers.prefer;
  const a = answer(pkg, route.endpoint, text, Array.isArray(prefer) ? prefer.join(", ") : prefer, scenarios);
  const wait = a.delay ?? context.delay;
  if (wait > 0) await pause(wait, context.waits);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(route.endpoint.responseHeaders)) if (!["content-length", "content-type"].includes(k.toLowerCase())) headers[k] = v;
  headers["x-codebook-mock"] = headerValue(a.reason);
  send_(res, a.status, a.body, headers);
  const success = context.notify && a.code === route.endpoint.successCode;
  return { code: a.code, reason: a.reason, ...(success ? { notifyFrom: { endpoint: route.endpoint, request: a.request, body: a.body } } : {}) };
}

/** Waits `ms`, or until close() ends every wait. */
function pause(ms: number, waits: Set<() => void>): Promise<void> {
  return new Promise((resolve) => {
    const end = () => {
      clearTimeout(timer);
      waits.delete(end);
      resolve();
    };
    const timer = setTimeout(end, ms);
    waits.add(end);
  });
}

/** A reason as a header value: printable ASCII, cut at REASON_HEADER_CHARS (the log has it whole). */
function headerValue(reason: string): string {
  const ascii = reason.replace(/[^\x20-\x7e]/g, "?");
  return ascii.length > REASON_HEADER_CHARS ? `${ascii.slice(0, REASON_HEADER_CHARS - 3)}...` : ascii;
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 500);
  return String(err).slice(0, 500);
}

function send_(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const TOO_LARGE = Symbol("too large");
const BROKEN = Symbol("broken");

/**
 * The body as text; TOO_LARGE when it is larger than `max`; BROKEN when it did
 * not arrive. Past `max` the rest is read and dropped, and the 413 is sent once
 * the client has sent it all (within the request timeout): answering early and
 * closing would reset the connection under a client still sending, which then
 * never reads the 413.
 */
function readBody(req: IncomingMessage, max: number): Promise<string | typeof TOO_LARGE | typeof BROKEN> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
      else chunks.length = 0;
    });
    req.on("end", () => resolve(size > max ? TOO_LARGE : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(BROKEN));
    req.on("close", () => resolve(BROKEN));
  });
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 413: "Content Too Large", 431: "Request Header Fields Too Large" };

/**
 * What a client that sent no usable HTTP request gets (Node's parser or its
 * timeouts refused it): an HTTP answer with a JSON body, then the connection
 * is closed. Null when there is no one to answer (the client left).
 */
function clientError(err: NodeJS.ErrnoException, socket: Socket): { status: number; reason: string } | null {
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === "ECONNRESET" || !socket.writable || response?.headersSent) {
    socket.destroy();
    return null;
  }
  const status =
    err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : err.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW" ? 413 : 400;
  const reason =
    status === 408
      ? "the request did not arrive in time (headers or body too slow)"
      : status === 431
        ? `request headers over ${MAX_HEADER_BYTES} bytes`
        : `malformed HTTP request (${err.code ?? "parse error"}: ${String((err as { reason?: string }).reason ?? err.message).slice(0, 200)})`;
  const body = JSON.stringify({ error: reason });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  // A client that never closes its side does not keep the socket: it goes once the answer is written.
  socket.once("finish", () => socket.destroy());
  return { status, reason };
}
