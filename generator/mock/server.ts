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
import type { IncomingMessage, ServerResponse } from "node:http";
import { ConfigError } from "../config/config.ts";
import { admin, ADMIN_PREFIX } from "./admin.ts";
import { BROKEN, describe, headerValue, listen, readBody, TOO_LARGE } from "./http-server.ts";
import { MAX_DELAY, REASON_HEADER_CHARS, resolveLimits, type MockLimits } from "./limits.ts";
import { notification, send, type Notification } from "./notify.ts";
import { loadMockPackage, type MockPackage } from "./load-package.ts";
import { readRecording } from "./recording.ts";
import { Replayer } from "./replay.ts";
import { answer } from "./respond.ts";
import { normalizeBase, routes, type Route } from "./routes.ts";
import { checkScenarioSet, EMPTY_SET, readScenarioSet, type ScenarioInput, type ScenarioSet } from "./scenario-file.ts";
import type { Scenario } from "./scenarios.ts";
import { Transactions, type StateView, type TransactionView } from "./transactions.ts";

export interface MockOptions {
  /** The spec id: the package `<outDir>/<spec>` of the config. With `replay`, optional: the recording names it. */
  spec?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Milliseconds to wait before every answer, at most 2^31 - 1 (a scenario's own delay replaces it). */
  delay?: number;
  /** POST the callback (e.g. the payment notification) here after a success of an endpoint that has one, and when a flow's transaction turns final. */
  notifyUrl?: string;
  /** Served before every endpoint path, e.g. "/api". */
  basePath?: string;
  /** A scenario file (YAML or JSON: scenarios, flows, idempotency rules), or its content as data (or just the list of scenarios). */
  scenarios?: string | ScenarioInput;
  /** A recording (`codebook proxy --record FILE`): serve its answers instead of the package's. */
  replay?: string;
  /** The codebook config file (default: the nearest codebook.config.yaml from `cwd` up). */
  config?: string;
  cwd?: string;
  /** Where log lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Log JSON lines instead of text. */
  json?: boolean;
  /** Timeouts, the connection cap, the body, scenario-file and recording caps, the state's cap (defaults: DEFAULT_LIMITS, listed in the README). */
  limits?: Partial<MockLimits>;
}

export interface MockServer {
  /** http://host:port, without a trailing slash and without the base path. */
  url: string;
  /** The spec served. */
  spec: string;
  /** Every route served: method, path, endpoint key. */
  routes: { method: string; path: string; endpoint: string }[];
  /** Problems of the scenario file that do not stop it (a code a service does not list, served as unlisted), each with its place. */
  warnings: string[];
  /** The flows' transactions and the idempotency records, as GET /__codebook/state shows them. */
  state(): StateView;
  /** Forgets every transaction and idempotency record (DELETE /__codebook/state); returns how many transactions there were. */
  reset(): number;
  /** Stops accepting requests, answers delayed requests at once, waits for callbacks in flight, closes. */
  close(): Promise<void>;
}

export type { MockLimits, Scenario, ScenarioInput, StateView, TransactionView };

export async function startMock(options: MockOptions): Promise<MockServer> {
  const limits = resolveLimits(options.limits);
  const cwd = options.cwd ?? process.cwd();
  const recording = options.replay === undefined ? null : readRecording(options.replay, limits.maxRecordingBytes);
  if (recording && options.scenarios !== undefined) throw new ConfigError("--replay serves a recording as it is: it takes no scenarios");
  if (recording && options.spec !== undefined && options.spec !== recording.header.spec)
    throw new ConfigError(`${options.replay}: the recording is of spec ${recording.header.spec}, not ${options.spec}`);
  const spec = options.spec ?? recording?.header.spec;
  if (spec === undefined) throw new ConfigError("--spec ID is required (the API spec to serve)");
  const pkg = await loadMockPackage(spec, options.config, cwd);
  const set: ScenarioSet =
    options.scenarios === undefined
      ? EMPTY_SET
      : typeof options.scenarios === "string"
        ? readScenarioSet(options.scenarios, pkg, limits.maxScenarioFileBytes)
        : checkScenarioSet(options.scenarios, pkg);
  const delay = options.delay ?? 0;
  if (!(typeof delay === "number" && Number.isFinite(delay) && delay >= 0 && delay <= MAX_DELAY))
    throw new ConfigError(`delay must be milliseconds from 0 to ${MAX_DELAY} (about 24.8 days), got ${String(options.delay)}`);
  if (options.notifyUrl !== undefined && !/^https?:\/\//.test(options.notifyUrl)) throw new ConfigError(`notify URL must be http(s)://…, got ${JSON.stringify(options.notifyUrl)}`);
  const base = normalizeBase(options.basePath ?? "");
  if (base === ADMIN_PREFIX || base.startsWith(`${ADMIN_PREFIX}/`)) throw new ConfigError(`base path ${base} is the admin endpoint's (${ADMIN_PREFIX}): choose another`);
  const table = routes(pkg.endpoints, base);
  const clash = table.find((r) => r.path === ADMIN_PREFIX || r.path.startsWith(`${ADMIN_PREFIX}/`));
  if (clash) throw new ConfigError(`${clash.endpoint.key} is served at ${clash.path}, under the admin endpoint's ${ADMIN_PREFIX}`);
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
  const deliver = (n: Notification, about: Record<string, string>) => {
    const url = options.notifyUrl;
    if (!url) return;
    const p = send(url, n, limits.notifyTimeout).then((result) => {
      const what = "status" in result ? `${result.status}` : `failed: ${result.error}`;
      const flow = about.flow ? ` (flow ${about.flow}: ${about.reference} ${about.state})` : "";
      log(options.json ? JSON.stringify({ notify: url, endpoint: n.endpoint.key, ...about, ...result }) : `notify ${n.endpoint.key} -> ${url} ${what}${flow}`);
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const transactions = new Transactions(pkg, set, limits.maxTransactions, options.notifyUrl !== undefined, (n, flow, state, reference) => deliver(n, { flow, state, reference }));
  const context: Context = { pkg, table, set, delay, limits, waits, notify: options.notifyUrl !== undefined, transactions, replay: recording ? new Replayer(recording) : null };

  const { server, url } = await listen(
    limits,
    (req, res) => {
      const started = performance.now();
      void handle(req, res, context).then((r) => {
        const ms = Math.round(performance.now() - started);
        const line = { method: req.method ?? "", path: req.url ?? "", status: res.statusCode, code: r.code, ms };
        log(
          options.json
            ? JSON.stringify({ ...line, reason: r.reason, ...(r.unlisted ? { unlisted: true } : {}) })
            : `${line.method} ${line.path} ${line.code ?? "-"} ${line.status} ${ms}ms  ${r.reason}`,
        );
        if (r.notify) deliver(r.notify, {});
      }, (err: unknown) => log(`internal error after answering: ${describe(err)}`));
    },
    options.host ?? "127.0.0.1",
    options.port ?? 0,
    log,
    options.json === true,
  );
  return {
    url,
    spec,
    routes: table.map((r) => ({ method: r.method, path: r.path, endpoint: r.endpoint.key })),
    warnings: [...set.warnings],
    state: () => transactions.view(),
    reset: () => transactions.reset(),
    close: async () => {
      transactions.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const end of [...waits]) end();
      await Promise.all([...pending]);
      // The connections that were answering a moment ago are idle now: without this, close()
      // waits for each client to drop its keep-alive connection (undici's: 4 s).
      server.closeIdleConnections();
      await closed;
    },
  };
}

interface Context {
  pkg: MockPackage;
  table: Route[];
  set: ScenarioSet;
  delay: number;
  limits: MockLimits;
  /** Delays in progress: close() ends them so that it never waits out a long one. */
  waits: Set<() => void>;
  /** A notify URL was given. Without one no callback body is built: it cost a third of a valid request's time, for nothing sent. */
  notify: boolean;
  transactions: Transactions;
  replay: Replayer | null;
}

interface Handled {
  code: string | null;
  reason: string;
  unlisted?: boolean;
  notify?: Notification | null;
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
        send_(res, 500, { error: `codebook mock could not answer ${req.method} ${(req.url ?? "").slice(0, 200)}: ${describe(err)}` }, { "x-codebook-mock": headerValue(reason, REASON_HEADER_CHARS), connection: "close" });
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
  const { pkg, table, limits } = context;
  const path = (req.url ?? "/").split("?")[0]!;
  const bytes = await readBody(req, limits.maxBodyBytes);
  if (bytes === TOO_LARGE) {
    send_(res, 413, { error: `request body over ${limits.maxBodyBytes} bytes` }, { connection: "close" });
    return { code: null, reason: "body too large" };
  }
  if (bytes === BROKEN) {
    // The client left, or its body was not HTTP (the server's clientError has answered that one): no one to answer here.
    res.destroy();
    return { code: null, reason: "the request body did not arrive (the client closed, or the body was malformed)" };
  }
  if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
    const a = admin(req.method ?? "GET", path, context.transactions);
    send_(res, a.status, a.body, a.headers);
    return { code: null, reason: a.reason };
  }
  if (context.replay) {
    const r = context.replay.answer(req.method ?? "GET", req.url ?? "/", bytes);
    res.writeHead(r.status, { ...r.headers, "content-length": r.body.length, "x-codebook-mock": headerValue(r.reason, REASON_HEADER_CHARS) });
    res.end(r.body);
    return { code: codeIn(r.body, pkg.fixtures.codeField), reason: r.reason };
  }
  const matches = table.filter((r) => r.path === path);
  const route = matches.find((r) => r.method === req.method);
  if (!route) {
    const status = matches.length ? 405 : 404;
    const reason = matches.length ? `${req.method} is not served at ${path} (${matches.map((r) => r.method).join(", ")})` : `no endpoint at ${path}`;
    send_(res, status, { error: reason, endpoints: table.map((r) => `${r.method} ${r.path}`) }, matches.length ? { allow: matches.map((r) => r.method).join(", ") } : {});
    return { code: null, reason };
  }
  const prefer = req.headers.prefer;
  const a = answer(pkg, route.endpoint, bytes.toString("utf8"), Array.isArray(prefer) ? prefer.join(", ") : prefer, { scenarios: context.set.scenarios, transactions: context.transactions, headers: req.headers });
  const wait = a.delay ?? context.delay;
  if (wait > 0) await pause(wait, context.waits);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(route.endpoint.responseHeaders)) if (!["content-length", "content-type"].includes(k.toLowerCase())) headers[k] = v;
  headers["x-codebook-mock"] = headerValue(a.reason, REASON_HEADER_CHARS);
  send_(res, a.status, a.body, headers);
  const success = context.notify && a.code === route.endpoint.successCode && !a.stateful;
  return { code: a.code, reason: a.reason, ...(a.unlisted ? { unlisted: true } : {}), ...(success ? { notifyFrom: { endpoint: route.endpoint, request: a.request, body: a.body } } : {}) };
}

/** The code field of a JSON body, for the log; null when there is none. */
function codeIn(body: Buffer, field: string): string | null {
  try {
    const v = (JSON.parse(body.toString("utf8")) as Record<string, unknown>)[field];
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
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

function send_(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
