/**
 * `startProxy`: forwards every request to the provider (a sandbox) and returns
 * its answer unchanged (status, headers, body bytes), then checks both
 * directions with the generated package (findings.ts): one log line per
 * exchange, or JSON lines. It answers by itself only where it cannot forward:
 * a request body over the cap (413), an upstream that does not answer (502) or
 * not in time (504), and the HTTP-level refusals it shares with the mock
 * (mock/http-server.ts). Loopback only unless a host is given.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { ConfigError } from "../config/config.ts";
import { BROKEN, describe, listen, readBody, TOO_LARGE } from "../mock/http-server.ts";
import { loadMockPackage, type MockPackage } from "../mock/load-package.ts";
import { DEFAULT_REDACTED_HEADERS, recordBody, recordHeaders, type RecordedExchange } from "../mock/recording.ts";
import { normalizeBase, routes, type Route } from "../mock/routes.ts";
import { checkRequest, checkResponse, type Finding, type FindingKind } from "./findings.ts";
import { resolveProxyLimits, type ProxyLimits } from "./limits.ts";
import { Recorder } from "./record.ts";

export interface ProxyOptions {
  /** The spec id: the package `<outDir>/<spec>` of the config, whose validators and classifiers check the traffic. */
  spec: string;
  /** The provider's base URL (http or https); a request's path is appended to its path. */
  target: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** The prefix the spec's paths sit under in the requests the proxy receives (as the mock's --base-path). */
  basePath?: string;
  /** Keep every exchange in this file (JSON lines), for `codebook mock --replay FILE` and `--suggest-fixtures`. */
  record?: string;
  /** Header names whose values the recording replaces with "[redacted]" (default: DEFAULT_REDACTED_HEADERS). */
  redactHeaders?: readonly string[];
  /** Validate in strict mode: fields the tables do not declare are findings. */
  strict?: boolean;
  config?: string;
  cwd?: string;
  /** Where log lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Log JSON lines instead of text. */
  json?: boolean;
  limits?: Partial<ProxyLimits>;
}

/** One exchange as the log reports it (the JSON line). */
export interface ExchangeReport {
  method: string;
  path: string;
  endpoint: string | null;
  status: number;
  code: string | null;
  ms: number;
  findings: Finding[];
}

export interface ProxyServer {
  url: string;
  target: string;
  spec: string;
  routes: { method: string; path: string; endpoint: string }[];
  /** Exchanges so far, and their findings by kind. */
  summary(): { exchanges: number; withFindings: number; findings: Partial<Record<FindingKind, number>>; recorded: number; notRecorded: number };
  /** Every exchange reported so far (the latest 1,000). */
  reports(): ExchangeReport[];
  close(): Promise<void>;
}

/** Reports kept for reports(): the latest ones. */
const KEPT_REPORTS = 1000;
/** Request headers that describe one connection or hop (RFC 9110 7.6.1), never forwarded; the length is recomputed. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect"]);

export async function startProxy(options: ProxyOptions): Promise<ProxyServer> {
  const limits = resolveProxyLimits(options.limits);
  let target: URL;
  try {
    target = new URL(options.target);
  } catch {
    throw new ConfigError(`--target ${JSON.stringify(options.target)} is not a URL (e.g. https://sandbox.example.com)`);
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new ConfigError(`--target must be http(s)://…, got ${JSON.stringify(options.target)}`);
  const pkg = await loadMockPackage(options.spec, options.config, options.cwd ?? process.cwd());
  const table = routes(pkg.endpoints, normalizeBase(options.basePath ?? ""));
  const redact = new Set((options.redactHeaders ?? DEFAULT_REDACTED_HEADERS).map((h) => h.toLowerCase()));
  const shownTarget = `${target.protocol}//${target.host}${target.pathname.replace(/\/+$/, "")}`;
  const recorder = options.record ? await Recorder.open(options.record, { spec: pkg.id, target: shownTarget, redacted: [...redact], started: new Date().toISOString() }, limits.maxRecordingBacklogBytes) : null;
  const sink = options.log ?? (() => {});
  const log = (line: string) => {
    try {
      sink(line);
    } catch {
      // The host's sink failed: the exchange it reports on is already answered.
    }
  };
  const agent = target.protocol === "https:" ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const counts = { exchanges: 0, withFindings: 0, findings: {} as Partial<Record<FindingKind, number>> };
  const kept: ExchangeReport[] = [];
  const context: Context = { pkg, table, target, agent, limits, strict: options.strict === true, redact, recorder };
  /** Exchanges being answered: close() lets them finish, then closes the connections they leave idle. */
  const inFlight = new Set<Promise<void>>();
  const { server, url } = await listen(
    limits,
    (req, res) => {
      const started = performance.now();
      const done = exchange(req, res, context).then(
        (report) => {
          if (!report) return;
          report.ms = Math.round(performance.now() - started);
          counts.exchanges++;
          if (report.findings.length) counts.withFindings++;
          for (const f of report.findings) counts.findings[f.kind] = (counts.findings[f.kind] ?? 0) + 1;
          kept.push(report);
          if (kept.length > KEPT_REPORTS) kept.shift();
          log(options.json ? JSON.stringify(report) : line(report));
        },
        (err: unknown) => log(`internal error: ${describe(err)}`),
      );
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    },
    options.host ?? "127.0.0.1",
    options.port ?? 0,
    log,
    options.json === true,
  );
  return {
    url,
    target: shownTarget,
    spec: pkg.id,
    routes: table.map((r) => ({ method: r.method, path: r.path, endpoint: r.endpoint.key })),
    summary: () => ({ ...counts, findings: { ...counts.findings }, recorded: recorder?.written ?? 0, notRecorded: recorder?.dropped ?? 0 }),
    reports: () => [...kept],
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([...inFlight]);
      // The connections those exchanges answered on are idle now: without this, close() waits
      // for each client to drop its keep-alive connection.
      server.closeIdleConnections();
      await closed;
      agent.destroy();
      await recorder?.close();
    },
  };
}

interface Context {
  pkg: MockPackage;
  table: Route[];
  target: URL;
  agent: HttpAgent | HttpsAgent;
  limits: ProxyLimits;
  strict: boolean;
  redact: Set<string>;
  recorder: Recorder | null;
}

/** The log line of an exchange: method, path, status, code, time, then "ok" or every finding. */
export function line(r: ExchangeReport): string {
  const what = r.findings.length ? r.findings.map((f) => `${f.kind}: ${f.message}${f.suggestion ? `\n${f.suggestion.yaml}` : ""}`).join(" | ") : "ok";
  return `${r.method} ${r.path} ${r.status} ${r.code ?? "-"} ${r.ms}ms  ${what}`;
}

/** One exchange; null when the client left before its request arrived. Never rejects: an error of its own is a 500 naming it (or, once the answer has started, a closed connection). */
async function exchange(req: IncomingMessage, res: ServerResponse, context: Context): Promise<ExchangeReport | null> {
  try {
    return await exchangeOnce(req, res, context);
  } catch (err) {
    const message = `codebook proxy could not pass ${req.method} ${(req.url ?? "").slice(0, 200)} on: ${describe(err)}`;
    if (!res.headersSent) sendJson(res, 500, { error: message }, { connection: "close" });
    else res.destroy();
    return { method: req.method ?? "", path: req.url ?? "", endpoint: null, status: 500, code: null, ms: 0, findings: [{ kind: "upstream-error", side: "exchange", message }] };
  }
}

async function exchangeOnce(req: IncomingMessage, res: ServerResponse, context: Context): Promise<ExchangeReport | null> {
  const { pkg, table, limits } = context;
  const method = req.method ?? "GET";
  const rawPath = req.url ?? "/";
  const path = rawPath.split("?")[0]!;
  const at = new Date().toISOString();
  const t0 = performance.now();
  const report = (status: number, code: string | null, findings: Finding[], endpoint: string | null = null): ExchangeReport => ({ method, path: rawPath, endpoint, status, code, ms: 0, findings });
  const bytes = await readBody(req, limits.maxBodyBytes);
  if (bytes === BROKEN) {
    res.destroy();
    return null;
  }
  if (bytes === TOO_LARGE) {
    sendJson(res, 413, { error: `request body over ${limits.maxBodyBytes} bytes: not forwarded` }, { connection: "close" });
    return report(413, null, [{ kind: "not-checked", side: "request", message: `the request body is over ${limits.maxBodyBytes} bytes: answered 413 by the proxy, not forwarded` }]);
  }
  const route = table.find((r) => r.path === path && r.method === method);
  const findings: Finding[] = [];
  if (!route) {
    const other = table.filter((r) => r.path === path).map((r) => r.method);
    findings.push({
      kind: "unknown-endpoint",
      side: "request",
      message: other.length ? `${pkg.id} has no ${method} at ${path} (it has ${other.join(", ")})` : `${pkg.id} has no endpoint at ${path} (endpoints: ${table.map((r) => `${r.method} ${r.path}`).join(", ")})`,
    });
  } else findings.push(...checkRequest(route.endpoint, bytes, { strict: context.strict, seen: at }));
  const upstream = await forward(req, res, bytes, context);
  if ("error" in upstream) {
    const status = upstream.timeout ? 504 : 502;
    sendJson(res, status, { error: `codebook proxy: the upstream ${upstream.timeout ? "did not answer in time" : "could not be reached"}: ${upstream.error}` });
    findings.push({ kind: "upstream-error", side: "exchange", message: `${upstream.error}: answered ${status} by the proxy` });
    record(context, t0, at, route, method, rawPath, req.headers, bytes, null, findings);
    return report(status, null, findings, route?.endpoint.key ?? null);
  }
  const { response, body, overflow } = upstream;
  const status = response.statusCode ?? 502;
  if (overflow) {
    findings.push({ kind: "not-checked", side: "response", message: `the response body is over ${limits.maxResponseBytes} bytes: streamed through unchecked and not recorded` });
    return report(status, null, findings, route?.endpoint.key ?? null);
  }
  // The client's answer first: the checks below never delay it.
  const headers = filteredRaw(response.rawHeaders, method === "HEAD" || status === 204 || status === 304);
  if (!(method === "HEAD" || status === 204 || status === 304)) headers.push("content-length", String(body.length));
  res.writeHead(status, response.statusMessage, headers);
  res.end(method === "HEAD" ? undefined : body);
  let code: string | null = null;
  if (route) {
    const checked = checkResponse(pkg, route.endpoint, status, body, { strict: context.strict, seen: at });
    code = checked.code;
    findings.push(...checked.findings);
  }
  record(context, t0, at, route, method, rawPath, req.headers, bytes, { status, headers: response.headers, body }, findings);
  return report(status, code, findings, route?.endpoint.key ?? null);
}

type Upstream = { response: IncomingMessage; body: Buffer; overflow: boolean } | { error: string; timeout: boolean };

/**
 * Sends the request on and reads the answer, holding at most maxResponseBytes
 * of it: past that, the status, headers, held bytes and the rest are streamed
 * to the client as they come (overflow), unchecked.
 */
function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, context: Context): Promise<Upstream> {
  const { target, agent, limits } = context;
  return new Promise((resolve) => {
    let settled = false;
    const done = (u: Upstream) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(u);
    };
    const headers: Record<string, string | string[]> = {};
    const named = new Set(String(req.headers.connection ?? "").toLowerCase().split(/\s*,\s*/).filter(Boolean));
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k) && !named.has(k)) headers[k] = v;
    headers.host = target.host;
    if (body.length || !["GET", "HEAD", "DELETE", "OPTIONS"].includes(req.method ?? "GET")) headers["content-length"] = String(body.length);
    const prefix = target.pathname.replace(/\/+$/, "");
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname.replace(/^\[|\]$/g, ""),
      port: target.port || undefined,
      method: req.method,
      path: prefix + (req.url ?? "/"),
      headers,
      agent,
      ...(target.username ? { auth: `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}` } : {}),
    });
    const timer = setTimeout(() => {
      upstream.destroy(new Error(`no complete answer within ${limits.upstreamTimeout} ms`));
      done({ error: `no complete answer within ${limits.upstreamTimeout} ms`, timeout: true });
    }, limits.upstreamTimeout);
    upstream.on("error", (err: NodeJS.ErrnoException) => done({ error: err.code ? `${err.code}: ${err.message}` : err.message, timeout: false }));
    upstream.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (c: Buffer) => {
        if (settled) return;
        size += c.length;
        if (size <= limits.maxResponseBytes) {
          chunks.push(c);
          return;
        }
        // Too large to hold: the client gets it streamed, as the upstream sends it.
        done({ response, body: Buffer.alloc(0), overflow: true });
        res.writeHead(response.statusCode ?? 502, response.statusMessage, filteredRaw(response.rawHeaders, true));
        for (const held of chunks) res.write(held);
        chunks.length = 0;
        res.write(c);
        response.pipe(res);
      });
      response.on("end", () => done({ response, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), overflow: false }));
      response.on("error", (err) => done({ error: err.message, timeout: false }));
    });
    upstream.end(body);
  });
}

/** The upstream's raw headers minus those of one hop; `keepLength`: keep its content-length (streamed, HEAD, 204, 304). */
function filteredRaw(raw: string[], keepLength: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (name === "content-length" ? !keepLength : ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "trailer", "upgrade"].includes(name)) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

function record(context: Context, t0: number, at: string, route: Route | undefined, method: string, path: string, requestHeaders: IncomingHttpHeaders, requestBody: Buffer, response: { status: number; headers: IncomingHttpHeaders; body: Buffer } | null, findings: Finding[]): void {
  if (!context.recorder) return;
  const x: RecordedExchange = {
    at,
    ms: Math.round(performance.now() - t0),
    endpoint: route?.endpoint.key ?? null,
    request: { method, path, headers: recordHeaders(requestHeaders, context.redact), ...recordBody(requestBody) },
    response: response ? { status: response.status, headers: recordHeaders(response.headers, context.redact), ...recordBody(response.body) } : null,
    findings,
  };
  context.recorder.write(x);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
