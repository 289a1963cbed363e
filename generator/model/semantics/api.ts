/**
 * What an API spec means, read once from the IR: which composite part is the HTTP
 * status and which the service, each endpoint's response codes and its success code
 * (the service's one HTTP 200 code), and the error envelope (the response fields a
 * non-success answer carries). Every target's API emitters, the mock's fixtures and
 * the docs read these facts here; names and syntax are each target's own.
 */
import type { Api, Code, CompositePart, Endpoint, Field, Outcome, Spec } from "../types.ts";
import { partOffset } from "./parts.ts";

export interface EndpointFacts {
  endpoint: Endpoint;
  /** Every code of the endpoint's service, in table order. */
  codes: Code[];
  /** The service's HTTP 200 code: the one response that carries the full body. */
  success: Code;
}

export interface ApiFacts {
  api: Api;
  /** The composite part that is the response's HTTP status (`role: httpStatus`), and where it sits in a code. */
  httpPart: CompositePart;
  httpStart: number;
  /** The composite part whose domain is the endpoints' service codes, and where it sits in a code. */
  servicePart: CompositePart;
  serviceStart: number;
  endpoints: EndpointFacts[];
  /**
   * Keys of the error envelope: the response fields every endpoint declares (in
   * practice the code, its message and a free object). A response with any code but
   * the success code carries only these.
   */
  envelope: string[];
}

const cache = new WeakMap<Spec, ApiFacts>();

/**
 * The API facts of a spec. The loader has checked what they rely on (one httpStatus
 * part, one part over the service codes, one HTTP 200 code per service, the code
 * field in every response), so a spec that breaks them is a caller's bug: it throws.
 */
export function apiFacts(spec: Spec): ApiFacts {
  let facts = cache.get(spec);
  if (!facts) {
    facts = readFacts(spec);
    cache.set(spec, facts);
  }
  return facts;
}

function fail(spec: Spec, message: string): never {
  throw new Error(`${spec.specFile}: ${message}`);
}

function readFacts(spec: Spec): ApiFacts {
  const api = spec.api ?? fail(spec, "not an API spec");
  const composite = spec.composite ?? fail(spec, "an API spec needs composite response codes (code.composite)");
  const parts = composite.parts;
  const httpPart = parts.find((p) => p.role === "httpStatus") ?? fail(spec, `code.composite needs a part with role: httpStatus`);
  const serviceCodes = api.endpoints.map((e) => e.serviceCode);
  const servicePart =
    parts.find((p) => p.domain !== null && p.domain.length === serviceCodes.length && p.domain.every((d) => serviceCodes.includes(d))) ??
    fail(spec, "code.composite needs a part whose domain is endpoints.serviceCode");
  const endpoints = api.endpoints.map((endpoint): EndpointFacts => {
    const codes = spec.codes.filter((c) => c.parts?.[servicePart.name] === endpoint.serviceCode);
    const successes = codes.filter((c) => c.parts?.[httpPart.name] === "200");
    if (successes.length !== 1) fail(spec, `service ${endpoint.serviceCode} needs exactly one HTTP 200 code, found ${successes.length}`);
    return { endpoint, codes, success: successes[0]! };
  });
  const codeField = api.responseCodeField;
  const envelope = api.endpoints[0]!.response.fields.map((f) => f.key).filter((k) => api.endpoints.every((e) => e.response.fields.some((f) => f.key === k)));
  if (!envelope.includes(codeField)) fail(spec, `every endpoint's response must declare ${codeField}`);
  for (const e of api.endpoints) if (e.response.fields.find((x) => x.key === codeField)!.type !== "string") fail(spec, `${e.key} response: ${codeField} must be a string`);
  return { api, httpPart, httpStart: partOffset(parts, httpPart.name), servicePart, serviceStart: partOffset(parts, servicePart.name), endpoints, envelope };
}

/** Which body of an endpoint, and for a response which shape. */
export type Shape = "request" | "success" | "error";

/**
 * The fields a body shape declares. Success: the whole response table.
 * Error: only the envelope fields (an error body carries no other M fields).
 */
export function shapeFields(facts: ApiFacts, endpoint: Endpoint, shape: Shape): Field[] {
  if (shape === "request") return endpoint.request.fields;
  const all = endpoint.response.fields;
  return shape === "success" ? all : all.filter((f) => facts.envelope.includes(f.key));
}

/**
 * Whether a field must be present in a shape. M always; C with condition
 * "success" only in the success response; "unchecked" conditions never (the
 * body does not say whether they hold).
 */
export function presenceIn(f: Field, shape: Shape): "required" | "conditional" | "optional" {
  if (f.presence === "M") return "required";
  if (f.presence === "C" && f.condition?.when === "success" && shape === "success") return "conditional";
  return "optional";
}

/** A declared object has its own field table; an object without one is free (its content is not checked). */
export function isDeclaredObject(f: Field): boolean {
  return f.type === "object" && f.fields.length > 0;
}

/** A composite rule on the HTTP-status part, read as a rule for an HTTP status alone. */
export interface HttpStatusRule {
  /** The statuses it names, or the prefix they start with. */
  test: { kind: "values"; values: readonly string[] } | { kind: "prefix"; prefix: string };
  /** The source's outcome, success included: the status is not a code the table could list. */
  outcome: Outcome;
  reason: string;
}

/**
 * What an HTTP status alone says, by the source's rules on the code's HTTP part:
 * the rules in order (the first whose test passes decides), and the reason when
 * none does (the outcome is then unknown).
 */
export function httpStatusRules(spec: Spec): { rules: HttpStatusRule[]; noRule: string; statusLength: number } {
  const facts = apiFacts(spec);
  const http = facts.httpPart;
  const rules = (spec.composite?.rules ?? [])
    .filter((r) => r.part === http.name)
    .map((r): HttpStatusRule => ({
      test: r.values ? { kind: "values", values: r.values } : { kind: "prefix", prefix: r.prefix! },
      outcome: r.outcome,
      reason: r.reason ?? r.source ?? `${http.name} ${r.values ? r.values.join(" or ") : `${r.prefix}…`}`,
    }));
  return { rules, noRule: spec.unknown.reason ?? spec.unknown.source ?? "The source gives no rule for this status.", statusLength: http.length };
}
