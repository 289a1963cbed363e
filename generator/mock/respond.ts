/**
 * What the mock answers to one request, decided without I/O. In order:
 * `Prefer: code=<code>` picks the code (a code the service does not have is a
 * 400 that says so); a body that is not JSON gets the spec's "malformed" code;
 * a body the package's validator rejects gets its "missing" or "invalid" code
 * naming the field; a matching scenario picks the code; otherwise the success
 * fixture, with the fields both tables declare echoed from the request.
 */
import { echoInto } from "./echo.ts";
import { responseOf, type MockEndpoint, type MockPackage } from "./load-package.ts";
import { matchScenario, type Scenario } from "./scenarios.ts";

export interface MockAnswer {
  status: number;
  /** The response code sent, or null when the mock answers outside the spec (no such code). */
  code: string | null;
  body: Record<string, unknown>;
  /** Why the mock chose this answer, for the log and the `x-codebook-mock` header. */
  reason: string;
  /** A scenario's delay (milliseconds), replacing the server's. */
  delay?: number;
  /** The parsed request body, when it was JSON. */
  request?: unknown;
}

/** The code a `Prefer` header asks for: `code=4006001` among its comma- or semicolon-separated preferences. */
export function preferredCode(prefer: string | undefined): string | null {
  if (!prefer) return null;
  const m = /(?:^|[,;]\s*)code\s*=\s*"?([^",;\s]+)"?/i.exec(prefer);
  return m ? m[1]! : null;
}

export function answer(pkg: MockPackage, e: MockEndpoint, text: string, prefer: string | undefined, scenarios: Scenario[]): MockAnswer {
  let request: unknown;
  let parsed = true;
  try {
    request = JSON.parse(text);
  } catch {
    parsed = false;
  }
  const wanted = preferredCode(prefer);
  if (wanted !== null) {
    if (responseOf(e, wanted) === undefined) {
      const shown = wanted.length > 20 ? `${wanted.slice(0, 20)}…` : wanted;
      const answer = outside(pkg, e, 400, `Prefer: code=${shown} is not a response code of service ${e.serviceCode}`);
      return { ...answer, reason: `${answer.reason} (${e.name}); its codes: ${Object.keys(e.responses).join(", ")}` };
    }
    return { ...withCode(pkg, e, wanted, parsed ? request : undefined), reason: `Prefer: code=${wanted}`, ...(parsed ? { request } : {}) };
  }
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
  const scenario = matchScenario(scenarios, e, request);
  if (scenario)
    return {
      ...withCode(pkg, e, scenario.code, request),
      reason: `scenario ${JSON.stringify(scenario.when)}`,
      ...(scenario.delay === undefined ? {} : { delay: scenario.delay }),
      request,
    };
  return { ...withCode(pkg, e, e.successCode, request), reason: "valid request", request };
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
