/**
 * What the proxy finds in one exchange, decided without I/O from the bytes
 * that passed: the request against the endpoint's request validator, the
 * response's code against the package's parser (unlisted: drift, with the row
 * to add; malformed), the HTTP status against the code's HTTP part (the
 * package's own check), and the response body against its validator. Every
 * validation error is its own finding, with its JSON Pointer.
 */
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../mock/json-depth.ts";
import { responseOf, type MockEndpoint, type MockPackage, type ValidationError } from "../mock/load-package.ts";
import { suggestRow, type RowSuggestion } from "./drift.ts";

export type FindingKind =
  | "unknown-endpoint"
  | "invalid-request"
  | "unlisted-code"
  | "malformed-code"
  | "status-mismatch"
  | "invalid-response"
  | "not-json"
  | "too-deep"
  | "not-checked"
  | "upstream-error";

export interface Finding {
  kind: FindingKind;
  /** Which side it is about. */
  side: "request" | "response" | "exchange";
  message: string;
  /** A validation error's JSON Pointer (RFC 6901; "" is the body). */
  pointer?: string;
  rule?: string;
  code?: string;
  /** For an unlisted code: the spec file and the row to add. */
  suggestion?: RowSuggestion;
}

export interface Checked {
  findings: Finding[];
  /** The response's code, when its body has one as a string. */
  code: string | null;
}

export interface CheckOptions {
  /** Validate in strict mode: a field the tables do not declare is a finding. */
  strict: boolean;
  /** When the exchange happened, for a row suggestion's description. */
  seen: string;
}

/** The request side: a body the endpoint's validator rejects, one finding per error. */
export function checkRequest(e: MockEndpoint, body: Buffer, options: CheckOptions): Finding[] {
  const parsed = readJson(body, "request");
  if ("finding" in parsed) return parsed.finding ? [parsed.finding] : [];
  const verdict = e.validate.request(parsed.value, { strict: options.strict });
  return verdict.ok ? [] : verdict.errors.map((x) => validationFinding("invalid-request", "request", x));
}

/** The response side: its code, its HTTP status against that code, its body against the validator. */
export function checkResponse(pkg: MockPackage, e: MockEndpoint, status: number, body: Buffer, options: CheckOptions): Checked {
  const f = pkg.fixtures;
  const parsed = readJson(body, "response");
  if ("finding" in parsed) return { findings: parsed.finding ? [parsed.finding] : [], code: null };
  const value = parsed.value;
  const raw = isObject(value) && Object.hasOwn(value, f.codeField) ? value[f.codeField] : undefined;
  const code = typeof raw === "string" ? raw : null;
  const findings: Finding[] = [];
  const p = pkg.parseCode(raw);
  if (p.kind === "malformed") findings.push({ kind: "malformed-code", side: "response", message: `${f.codeField}: ${p.reason}`, pointer: `/${f.codeField}` });
  else if (responseOf(e, p.code) === undefined) {
    const message = f.messageField && isObject(value) && typeof value[f.messageField] === "string" ? (value[f.messageField] as string).slice(0, 500) : null;
    const why = pkg.catalog.dropped.has(p.code)
      ? `dropped by this profile from ${pkg.catalog.base}`
      : p.kind === "known"
        ? `the table lists it for ${p.endpoint}, not ${e.key}`
        : p.reason.split(";")[0];
    const suggestion = suggestRow(pkg, e, p.code, message, options.seen);
    findings.push({
      kind: "unlisted-code",
      side: "response",
      code: p.code,
      message: `drift: ${p.code} is not listed for ${e.key} (service ${e.serviceCode}): ${why}; the package reads it ${p.outcome}. Add the row to ${suggestion.file} (${suggestion.section})`,
      suggestion,
    });
  }
  if (p.kind !== "malformed") {
    const verdict = pkg.checkHttpStatus(status, value);
    if (!verdict.consistent) findings.push({ kind: "status-mismatch", side: "response", code: p.code, message: verdict.reason });
  }
  const verdict = e.validate.response(value, { strict: options.strict });
  // The code's own problems are reported above, once.
  if (!verdict.ok) for (const x of verdict.errors) if (!(x.rule === "responseCode" || (x.path === `/${f.codeField}` && p.kind === "malformed"))) findings.push(validationFinding("invalid-response", "response", x));
  return { findings, code };
}

function validationFinding(kind: "invalid-request" | "invalid-response", side: "request" | "response", x: ValidationError): Finding {
  return { kind, side, pointer: x.path, rule: x.rule, message: `${x.path || "(the body)"}: ${x.message}` };
}

/** A JSON body, or the finding that it is not one (none for an empty request body: a GET). */
function readJson(body: Buffer, side: "request" | "response"): { value: unknown } | { finding: Finding | null } {
  if (!body.length && side === "request") return { finding: null };
  const text = body.toString("utf8");
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return { finding: { kind: "too-deep", side, message: `the ${side} body nests deeper than ${MAX_JSON_DEPTH} levels: not checked` } };
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { finding: { kind: "not-json", side, message: `the ${side} body is not JSON (${(err as Error).message.slice(0, 120)})` } };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
