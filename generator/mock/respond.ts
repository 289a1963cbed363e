/**
 * What the mock answers to one request, decided without I/O. In order:
 * `Prefer: code=<code>` picks the code (any code of the spec's pattern: one the
 * service does not list is answered as unlisted, in the service's error
 * envelope); a body nested deeper than MAX_JSON_DEPTH, or not JSON, gets the
 * spec's "malformed" code; a body the package's validator rejects gets its
 * "missing" or "invalid" code naming the field; the state (idempotency rules,
 * flows) answers next; then a matching scenario; otherwise the success
 * fixture, with the fields both tables declare echoed from the request.
 */
import type { IncomingHttpHeaders } from "node:http";
import { echoInto } from "./echo.ts";
import { envelopeOf } from "./flows.ts";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.ts";
import { responseOf, type MockEndpoint, type MockPackage } from "./load-package.ts";
import { matchScenario, type CheckedScenario } from "./scenarios.ts";
import type { Transactions } from "./transactions.ts";

export interface MockAnswer {
  status: number;
  /** The response code sent, or null when the mock answers outside the spec (no such code). */
  code: string | null;
  body: Record<string, unknown>;
  /** Why the mock chose this answer, for the log and the `x-codebook-mock` header. */
  reason: string;
  /** The code is not one the endpoint's service lists (it was asked for, by Prefer or a scenario). */
  unlisted?: boolean;
  /** A scenario's delay (milliseconds), replacing the server's. */
  delay?: number;
  /** The parsed request body, when it was JSON. */
  request?: unknown;
  /** The state answered (a flow or an idempotency rule): a flow sends its own callbacks. */
  stateful?: boolean;
}

export interface AnswerContext {
  scenarios: CheckedScenario[];
  transactions?: Transactions;
  headers?: IncomingHttpHeaders;
}

/** The code a `Prefer` header asks for: `code=4006001` among its comma- or semicolon-separated preferences. */
export function preferredCode(prefer: string | undefined): string | null {
  if (!prefer) return null;
  const m = /(?:^|[,;]\s*)code\s*=\s*"?([^",;\s]+)"?/i.exec(prefer);
  return m ? m[1]! : null;
}

export function answer(pkg: MockPackage, e: MockEndpoint, text: string, prefer: string | undefined, context: AnswerContext | CheckedScenario[]): MockAnswer {
  const { scenarios, transactions, headers = {} } = Array.isArray(context) ? { scenarios: context } : context;
  const tooDeep = nestsDeeperThan(text, MAX_JSON_DEPTH);
  let request: unknown;
  let parsed = !tooDeep;
  if (parsed)
    try {
      request = JSON.parse(text);
    } catch {
      parsed = false;
    }
  const wanted = preferredCode(prefer);
  if (wanted !== null) {
    if (responseOf(e, wanted) !== undefined) return { ...withCode(pkg, e, wanted, parsed ? request : undefined), reason: `Prefer: code=${wanted}`, ...(parsed ? { request } : {}) };
    const p = pkg.parseCode(wanted);
    if (p.kind !== "malformed") {
      const a = unlistedAnswer(pkg, e, wanted);
      return { ...a, reason: `Prefer: code=${wanted} (${a.reason})`, ...(parsed ? { request } : {}) };
    }
    const shown = wanted.length > 20 ? `${wanted.slice(0, 20)}…` : wanted;
    const out = outside(pkg, e, 400, `Prefer: code=${shown} is not a response code of service ${e.serviceCode}`);
    return { ...out, reason: `${out.reason}: ${p.reason.slice(0, 200)}` };
  }
  if (tooDeep) return errorAnswer(pkg, e, e.requestErrors.malformed, null, `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (!parsed) return errorAnswer(pkg, e, e.requestErrors.malformed, null, "the body is not JSON");
  const verdict = e.validate.request(request);
  if (!verdict.ok) {
    const body = verdict.errors.find((x) => x.path === "" && x.rule === "type");
    if (body) return { ...errorAnswer(pkg, e, e.requestErrors.malformed, null, `the body is not a JSON object`), request };
    const missing = verdict.errors.find((x) => x.rule === "required");
    const first = missing ?? verdict.errors[0]!;
    const field = first.field ?? first.path.slice(1).split("/").join(".");
    const code = missing ? e.requestErrors.missing : e.requestErrors.invalid;
    return { ...errorAnswer(pkg, e, code, field, `${first.path || "/"}: ${first.message}`), request };
  }
  let a: MockAnswer;
  const decision = transactions?.active ? transactions.decide(e, request, headers) : null;
  if (decision) {
    a = { ...codeAnswer(pkg, e, decision.code, request, decision.fields), request, stateful: true };
    a.reason = a.unlisted ? `${decision.reason} (${a.reason})` : decision.reason;
    if (decision.delay !== undefined) a.delay = decision.delay;
  } else {
    const scenario = matchScenario(scenarios, e, request);
    if (scenario) {
      a = { ...codeAnswer(pkg, e, scenario.code, request), request };
      a.reason = `scenario ${JSON.stringify(scenario.when)}${a.unlisted ? ` (${a.reason})` : ""}`;
      if (scenario.delay !== undefined) a.delay = scenario.delay;
    } else a = { ...withCode(pkg, e, e.successCode, request), reason: "valid request", request };
  }
  if (transactions?.active && a.code !== null) transactions.answered(e, a.code, request, headers);
  return a;
}

/** The answer of `code` for a valid request: its fixture (echo for the success code) with `fields` over it, or the unlisted answer. */
function codeAnswer(pkg: MockPackage, e: MockEndpoint, code: string, request: unknown, fields?: Record<string, unknown>): MockAnswer {
  const a = responseOf(e, code) === undefined ? unlistedAnswer(pkg, e, code) : { ...withCode(pkg, e, code, request), reason: "" };
  if (fields) for (const [k, v] of Object.entries(fields)) Object.defineProperty(a.body, k, { value: v, enumerable: true, writable: true, configurable: true });
  return a;
}

/**
 * A well-formed code the endpoint's service does not list: the service's error
 * envelope carrying it, with the HTTP status of its HTTP part when that is a
 * final status (200 to 999: 1xx are interim, and a client would wait for more),
 * else 500. The reason says why it is unlisted (dropped by a profile, listed
 * for another service, or in no table).
 */
export function unlistedAnswer(pkg: MockPackage, e: MockEndpoint, code: string): MockAnswer & { reason: string } {
  const f = pkg.fixtures;
  const part = pkg.statusOf(code);
  const status = Number.isInteger(part) && part >= 200 && part <= 999 ? part : 500;
  const listed = pkg.catalog.codes.get(code);
  const body: Record<string, unknown> = { ...envelopeOf(e), [f.codeField]: code };
  if (f.messageField) body[f.messageField] = listed?.message ?? `Unlisted code ${code}`;
  const parsed = pkg.parseCode(code);
  const why = pkg.catalog.dropped.has(code)
    ? `dropped by this profile from ${pkg.catalog.base ?? "its base"}`
    : parsed.kind === "known"
      ? `the table lists it for ${parsed.endpoint}, not ${e.key}`
      : parsed.kind === "unknown"
        ? parsed.reason.split(";")[0]!
        : "not in the tables";
  const statusNote = status === part ? "" : `; HTTP 500: its HTTP part is not a final HTTP status`;
  return { status, code, body, unlisted: true, reason: `unlisted: ${why}${statusNote}` };
}

/**
 * The fixture of `code`: for the success code, with the echoed fields copied
 * from the request (bounded, own keys, undeclared keys left out) where the
 * body still validates strictly. Fixture bodies are shallow-copied: only
 * top-level fields are ever replaced.
 */
function withCode(pkg: MockPackage, e: MockEndpoint, code: string, request: unknown): Omit<MockAnswer, "reason"> {
  const fixture = { ...responseOf(e, code)! };
  if (code !== e.successCode || !isObject(request)) return { status: pkg.statusOf(code), code, body: fixture };
  const values: [string, unknown][] = [];
  for (const key of e.echo) if (Object.hasOwn(request, key)) values.push([key, request[key]]);
  return { status: pkg.statusOf(code), code, body: echoInto(fixture, values, e.validate.response) };
}

/** The envelope of a request-error code, its message's placeholder ("{field name}") filled with the field. */
function errorAnswer(pkg: MockPackage, e: MockEndpoint, code: string | null, field: string | null, reason: string): MockAnswer {
  if (code === null) return outside(pkg, e, 400, `${reason} (the spec names no api.requestErrors code for this)`);
  const body = { ...responseOf(e, code) };
  const m = pkg.fixtures.messageField;
  if (m && typeof body[m] === "string") body[m] = fill(body[m] as string, field);
  return { status: pkg.statusOf(code), code, body, reason };
}

/** "Invalid Field Format {field name}" -> "Invalid Field Format amount.value"; a message without a placeholder gets the field appended. */
export function fill(message: string, field: string | null): string {
  if (field === null) return message.replace(/\s*[{[][^}\]]*[}\]]/g, "");
  return /[{[][^}\]]*[}\]]/.test(message) ? message.replace(/[{[][^}\]]*[}\]]/, field) : `${message} ${field}`;
}

/** An answer the spec has no code for: HTTP `status`, the malformed code's envelope where there is one, the reason in words. */
function outside(pkg: MockPackage, e: MockEndpoint, status: number, reason: string): MockAnswer {
  const code = e.requestErrors.malformed;
  const f = pkg.fixtures;
  const body: Record<string, unknown> = code ? { ...responseOf(e, code) } : {};
  if (f.messageField) body[f.messageField] = reason;
  return { status, code, body, reason };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
