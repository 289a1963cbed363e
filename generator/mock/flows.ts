/**
 * Transaction flows and idempotency rules of a scenario file, and their
 * checks against the package (endpoints, fields, codes, the callback).
 *
 * A flow follows one transaction by its reference (a request field or header,
 * per endpoint) through ordered states: its `start` request creates it, each
 * state answers the endpoints it lists, and leaves for the next state after N
 * answered calls or T seconds, or for a named state after an answer with
 * `then` (a cancel, a refund). Entering a `final` state sends the start
 * endpoint's callback (to the notify URL). Idempotency rules answer a conflict
 * code to a repeated reference: within a day, or after a success.
 *
 * Everything provider-specific (which field is the reference, which status
 * value is pending, which code is a conflict) is in the file, never here.
 */
import { MAX_DELAY } from "./limits.ts";
import { responseOf, type MockEndpoint } from "./load-package.ts";
import { notification } from "./notify.ts";
import { Check, codeValue, fieldProblem, isObject, shownCode, type Path } from "./scenario-check.ts";
import { checkDelay, checkWhen, type Scenario } from "./scenarios.ts";

/** Where an endpoint's request carries the reference: a dotted body path, or a header. */
export type ReferenceSource = string | { field: string } | { header: string };

export interface FlowAnswer {
  code: string;
  /** Top-level fields of the response body, over the code's fixture (e.g. `latestTransactionStatus: "03"`). */
  fields?: Record<string, unknown>;
  delay?: number;
  /** After this answer, the transaction enters this state. */
  then?: string;
}

export interface FlowStateSpec {
  name: string;
  /** Entering it sends the start endpoint's callback, unless `notify: false`. */
  final?: boolean;
  /** The transaction has succeeded here: `after: success` idempotency rules apply to its reference. */
  success?: boolean;
  /** Fields of the callback body sent on entering this final state, or false for none. */
  notify?: boolean | Record<string, unknown>;
  answers: Record<string, FlowAnswer>;
  /** Leave for the next state after this many answered calls, or this many seconds, whichever comes first. */
  until?: { calls?: number; seconds?: number };
}

export interface Flow {
  name: string;
  start: { endpoint: string; when?: Scenario["when"]; code: string; fields?: Record<string, unknown>; delay?: number };
  reference: Record<string, ReferenceSource>;
  states: FlowStateSpec[];
}

/** A flow as a file or startMock gives it: an answer may be just its code, and a state may list no answers. */
export type FlowInput = Omit<Flow, "states"> & { states: (Omit<FlowStateSpec, "answers"> & { answers?: Record<string, string | FlowAnswer> })[] };

export interface IdempotencyRule {
  endpoint: string;
  reference: ReferenceSource;
  code: string;
  /** The same reference again within the same calendar day (at `utcOffset`, default +00:00) or this many seconds. */
  within?: "day" | { seconds: number };
  utcOffset?: string;
  /** The same reference again after a request with it succeeded. */
  after?: "success";
}

/** A reference source, resolved: a body path or a lower-case header name. */
export interface Source {
  kind: "field" | "header";
  name: string;
}

export function sourceOf(s: ReferenceSource): Source {
  if (typeof s === "string") return { kind: "field", name: s };
  return "header" in s ? { kind: "header", name: s.header.toLowerCase() } : { kind: "field", name: s.field };
}

const FLOW_KEYS = ["name", "start", "reference", "states"];
const START_KEYS = ["endpoint", "when", "code", "fields", "delay"];
const STATE_KEYS = ["name", "final", "success", "notify", "answers", "until"];
const ANSWER_KEYS = ["code", "fields", "delay", "then"];
const RULE_KEYS = ["endpoint", "reference", "code", "within", "utcOffset", "after"];

export function checkFlows(list: unknown, check: Check, base: Path): Flow[] {
  if (!Array.isArray(list)) {
    check.problem(base, "flows", "expected a list of flows");
    return [];
  }
  const names = new Set<string>();
  return list.map((raw, i) => {
    const at = [...base, i];
    const label = isObject(raw) && typeof raw.name === "string" ? `flow ${JSON.stringify(raw.name)}` : `flow ${i + 1}`;
    const flow = checkFlow(raw, check, at, label);
    if (flow.name) {
      if (names.has(flow.name)) check.problem([...at, "name"], label, "another flow has this name");
      names.add(flow.name);
    }
    return flow;
  });
}

function keysOf(raw: Record<string, unknown>, allowed: string[], check: Check, at: Path, label: string): void {
  for (const k of Object.keys(raw)) if (!allowed.includes(k)) check.problem([...at, k], label, `unknown key ${JSON.stringify(k)} (expected ${allowed.join(", ")})`);
}

function checkFlow(raw: unknown, check: Check, at: Path, label: string): Flow {
  const empty: Flow = { name: "", start: { endpoint: "", code: "" }, reference: {}, states: [] };
  if (!isObject(raw)) {
    check.problem(at, label, 'expected a mapping with "name", "start", "reference" and "states"');
    return empty;
  }
  keysOf(raw, FLOW_KEYS, check, at, label);
  const name = raw.name;
  if (typeof name !== "string" || !name) check.problem([...at, "name"], label, '"name" is required (it names the flow in the log and the admin state)');
  const reference = checkReference(raw.reference, check, [...at, "reference"], label);
  const start = checkStart(raw.start, check, [...at, "start"], label);
  if (start.endpoint && isObject(raw.reference) && !Object.hasOwn(reference, start.endpoint))
    check.problem([...at, "reference"], label, `"reference" must say where ${start.endpoint} (the start endpoint) carries the reference`);
  const states = checkStates(raw.states, check, [...at, "states"], label, reference, start.endpoint);
  return { name: typeof name === "string" ? name : "", start, reference, states };
}

function checkStart(raw: unknown, check: Check, at: Path, label: string): Flow["start"] {
  if (!isObject(raw)) {
    check.problem(at, label, '"start" is required: { endpoint, code } (and optionally when, fields, delay)');
    return { endpoint: "", code: "" };
  }
  keysOf(raw, START_KEYS, check, at, label);
  const e = endpointAt(raw.endpoint, check, [...at, "endpoint"], label);
  const code = checkCode(raw.code, e, check, [...at, "code"], label);
  if (e && raw.when !== undefined) checkWhen(raw.when, [e], check, [...at, "when"], label, "request");
  const fields = e && code ? checkFields(raw.fields, e, code, check, [...at, "fields"], label) : undefined;
  const delay = checkDelay(raw.delay, check, [...at, "delay"], label);
  return {
    endpoint: e?.key ?? "",
    code: code ?? "",
    ...(isObject(raw.when) ? { when: raw.when as Scenario["when"] } : {}),
    ...(fields ? { fields } : {}),
    ...(delay === undefined ? {} : { delay }),
  };
}

function checkReference(raw: unknown, check: Check, at: Path, label: string): Record<string, ReferenceSource> {
  if (!isObject(raw) || !Object.keys(raw).length) {
    check.problem(at, label, '"reference" must map endpoints to where their requests carry the reference, e.g. { Payment: partnerReferenceNo, Query: originalPartnerReferenceNo }');
    return {};
  }
  const out: Record<string, ReferenceSource> = {};
  for (const [key, source] of Object.entries(raw)) {
    const e = endpointAt(key, check, [...at, key], label);
    const s = checkSource(source, e, check, [...at, key], label);
    if (e && s) out[key] = s;
  }
  return out;
}

/** A reference source: a declared request field of `e`, or a request header the spec names. */
function checkSource(raw: unknown, e: MockEndpoint | undefined, check: Check, at: Path, label: string): ReferenceSource | undefined {
  const s = typeof raw === "string" ? raw : isObject(raw) && Object.keys(raw).length === 1 && (typeof raw.field === "string" || typeof raw.header === "string") ? (raw as ReferenceSource) : undefined;
  if (s === undefined || (typeof s === "string" && !s)) {
    check.problem(at, label, "a reference is a request field (partnerReferenceNo, or { field: amount.value }) or a header ({ header: X-EXTERNAL-ID })");
    return undefined;
  }
  if (!e) return s;
  const source = sourceOf(s);
  if (source.kind === "header") {
    const names = Object.keys(e.requestHeaders);
    if (!names.some((n) => n.toLowerCase() === source.name)) check.problem(at, label, `${(s as { header: string }).header} is not a request header of the spec (headers: ${names.join(", ")})`);
    return s;
  }
  if (source.name.split(".").includes("")) check.problem(at, label, `reference path ${JSON.stringify(source.name)} has an empty segment`);
  else {
    const problem = fieldProblem(e.validate.request, e.request, source.name, "x", `the ${e.key} request`, true);
    if (problem) check.problem(at, label, `reference ${JSON.stringify(source.name)}: ${problem}`);
  }
  return s;
}

function checkStates(raw: unknown, check: Check, at: Path, label: string, reference: Record<string, ReferenceSource>, start: string): FlowStateSpec[] {
  if (!Array.isArray(raw) || !raw.length) {
    check.problem(at, label, '"states" must list the states of the transaction, in order (at least one)');
    return [];
  }
  const states = raw.map((s, i): FlowStateSpec => checkState(s, check, [...at, i], `${label} state ${isObject(s) && typeof s.name === "string" ? JSON.stringify(s.name) : i + 1}`, reference, start));
  const names = states.map((s) => s.name);
  states.forEach((s, i) => {
    const stateAt = [...at, i];
    const stateLabel = `${label} state ${JSON.stringify(s.name)}`;
    if (s.name && names.indexOf(s.name) !== i) check.problem([...stateAt, "name"], stateLabel, "another state of this flow has this name");
    if (s.until && i === states.length - 1) check.problem([...stateAt, "until"], stateLabel, '"until" on the last state: there is no next state to go to (add one, or use an answer\'s "then")');
    for (const [key, a] of Object.entries(s.answers))
      if (a.then !== undefined && !names.includes(a.then)) check.problem([...stateAt, "answers", key, "then"], stateLabel, `no state ${JSON.stringify(a.then)} in this flow (states: ${names.join(", ")})`);
  });
  return states;
}

function checkState(raw: unknown, check: Check, at: Path, label: string, reference: Record<string, ReferenceSource>, start: string): FlowStateSpec {
  if (!isObject(raw)) {
    check.problem(at, label, 'expected a mapping with "name" and "answers"');
    return { name: "", answers: {} };
  }
  keysOf(raw, STATE_KEYS, check, at, label);
  if (typeof raw.name !== "string" || !raw.name) check.problem([...at, "name"], label, '"name" is required');
  for (const k of ["final", "success"] as const) if (raw[k] !== undefined && typeof raw[k] !== "boolean") check.problem([...at, k], label, `"${k}" must be true or false`);
  const answers: Record<string, FlowAnswer> = {};
  if (raw.answers !== undefined && !isObject(raw.answers)) check.problem([...at, "answers"], label, '"answers" must map endpoints to answers, e.g. { Query: { code: "2006100" } }');
  else
    for (const [key, a] of Object.entries(raw.answers ?? {})) {
      const e = endpointAt(key, check, [...at, "answers", key], label);
      if (e && !Object.hasOwn(reference, key)) check.problem([...at, "answers", key], label, `${key} has no "reference" in this flow: its requests cannot be matched to the transaction`);
      const answer = checkAnswer(a, e, check, [...at, "answers", key], label);
      if (e && answer) answers[key] = answer;
    }
  const until = checkUntil(raw.until, check, [...at, "until"], label);
  const notify = raw.notify;
  let notifyOut: FlowStateSpec["notify"];
  if (notify !== undefined) {
    if (typeof notify === "boolean") notifyOut = notify;
    else if (!isObject(notify)) check.problem([...at, "notify"], label, '"notify" is false, true, or the callback fields to send (e.g. { latestTransactionStatus: "00" })');
    else {
      notifyOut = notify;
      const from = check.endpoint(start);
      if (from && !from.callback) check.problem([...at, "notify"], label, `${start} has no callback in the spec: there is nothing to notify`);
      else if (from) {
        const target = check.pkg.endpoints.find((e) => e.key === from.callback!.endpoint);
        const base = target && notification(check.pkg, from, from.request, from.responses[from.successCode] ?? {});
        if (target && base)
          for (const [field, value] of Object.entries(notify)) {
            const problem = fieldProblem(target.validate.request, base.body, field, value, `the ${target.key} request (the callback)`);
            if (problem) check.problem([...at, "notify", field], label, problem);
          }
      }
    }
    if (notify !== false && raw.final !== true) check.problem([...at, "notify"], label, '"notify" is sent on entering a final state: add "final: true"');
  }
  return {
    name: typeof raw.name === "string" ? raw.name : "",
    ...(raw.final === true ? { final: true } : {}),
    ...(raw.success === true ? { success: true } : {}),
    ...(notifyOut === undefined ? {} : { notify: notifyOut }),
    answers,
    ...(until ? { until } : {}),
  };
}

function checkUntil(raw: unknown, check: Check, at: Path, label: string): FlowStateSpec["until"] {
  if (raw === undefined) return undefined;
  const usage = '"until" is { calls: N } (answered calls) and/or { seconds: T }';
  if (!isObject(raw) || !Object.keys(raw).length) {
    check.problem(at, label, usage);
    return undefined;
  }
  const out: NonNullable<FlowStateSpec["until"]> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === "calls") {
      if (typeof v === "number" && Number.isSafeInteger(v) && v >= 1) out.calls = v;
      else check.problem([...at, k], label, '"calls" must be a whole number >= 1');
    } else if (k === "seconds") {
      if (typeof v === "number" && Number.isFinite(v) && v > 0 && v * 1000 <= MAX_DELAY) out.seconds = v;
      else check.problem([...at, k], label, `"seconds" must be a number > 0 and at most ${MAX_DELAY / 1000} (the longest a timer waits)`);
    } else check.problem([...at, k], label, `unknown key ${JSON.stringify(k)}: ${usage}`);
  }
  return out;
}

function checkAnswer(raw: unknown, e: MockEndpoint | undefined, check: Check, at: Path, label: string): FlowAnswer | undefined {
  const value = typeof raw === "string" || typeof raw === "number" ? { code: raw } : raw;
  if (!isObject(value)) {
    check.problem(at, label, 'an answer is a code, or { code, fields?, delay?, then? }');
    return undefined;
  }
  keysOf(value, ANSWER_KEYS, check, at, label);
  const codeAt = typeof raw === "object" ? [...at, "code"] : at;
  const code = checkCode(value.code, e, check, codeAt, label);
  const fields = e && code ? checkFields(value.fields, e, code, check, [...at, "fields"], label) : undefined;
  const delay = checkDelay(value.delay, check, [...at, "delay"], label);
  if (value.then !== undefined && typeof value.then !== "string") check.problem([...at, "then"], label, '"then" names a state of this flow');
  if (!code) return undefined;
  return { code, ...(fields ? { fields } : {}), ...(delay === undefined ? {} : { delay }), ...(typeof value.then === "string" ? { then: value.then } : {}) };
}

/** `fields` over the fixture of `code` (the service's error envelope for a code it does not list) must pass the response validator (strict). */
function checkFields(raw: unknown, e: MockEndpoint, code: string, check: Check, at: Path, label: string): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) {
    check.problem(at, label, '"fields" maps response fields to values, e.g. { latestTransactionStatus: "03" }');
    return undefined;
  }
  const listed = responseOf(e, code);
  const base = listed ?? envelopeOf(e);
  for (const [field, value] of Object.entries(raw)) {
    if (field.includes(".")) {
      check.problem([...at, field], label, `"fields" keys are top-level fields of the response (give ${field.split(".")[0]} as an object)`);
      continue;
    }
    const problem = fieldProblem(e.validate.response, base, field, value, `the ${e.key} response with ${listed ? code : `an error code (${code} is unlisted)`}`);
    if (problem) check.problem([...at, field], label, problem);
  }
  return raw;
}

/** The service's error envelope: the body of its "malformed" request-error code, or of any code but its success code. */
export function envelopeOf(e: MockEndpoint): Record<string, unknown> {
  const malformed = e.requestErrors.malformed === null ? undefined : responseOf(e, e.requestErrors.malformed);
  return malformed ?? Object.entries(e.responses).find(([code]) => code !== e.successCode)?.[1] ?? {};
}

function endpointAt(raw: unknown, check: Check, at: Path, label: string): MockEndpoint | undefined {
  const e = typeof raw === "string" ? check.endpoint(raw) : undefined;
  if (!e) check.problem(at, label, raw === undefined ? `"endpoint" is required (endpoints: ${check.endpointKeys})` : `no endpoint ${JSON.stringify(raw)} (endpoints: ${check.endpointKeys})`);
  return e;
}

/** A well-formed code for `e`; one its service does not list is a warning (it is answered as unlisted). */
function checkCode(raw: unknown, e: MockEndpoint | undefined, check: Check, at: Path, label: string): string | undefined {
  const code = codeValue(raw);
  if (typeof code !== "string") {
    check.problem(at, label, '"code" is required (a response code)');
    return undefined;
  }
  const parsed = check.pkg.parseCode(code);
  if (parsed.kind === "malformed") {
    check.problem(at, label, `${shownCode(code)} is not a response code${e ? ` of ${e.key}` : ""}: ${parsed.reason}`);
    return undefined;
  }
  if (e && responseOf(e, code) === undefined) check.warning(at, label, `${code} is not listed for ${e.key} (service ${e.serviceCode}): answered as an unlisted code`);
  return code;
}

export function checkIdempotency(list: unknown, check: Check, base: Path): IdempotencyRule[] {
  if (!Array.isArray(list)) {
    check.problem(base, "idempotency", "expected a list of rules");
    return [];
  }
  const out: IdempotencyRule[] = [];
  list.forEach((raw, i) => {
    const at = [...base, i];
    const label = `idempotency rule ${i + 1}`;
    if (!isObject(raw)) {
      check.problem(at, label, 'expected a mapping with "endpoint", "reference", "code" and "within" or "after"');
      return;
    }
    keysOf(raw, RULE_KEYS, check, at, label);
    const e = endpointAt(raw.endpoint, check, [...at, "endpoint"], label);
    const reference = raw.reference === undefined ? undefined : checkSource(raw.reference, e, check, [...at, "reference"], label);
    if (raw.reference === undefined) check.problem(at, label, '"reference" is required: a request field or { header: NAME }');
    const code = checkCode(raw.code, e, check, [...at, "code"], label);
    const within = raw.within;
    const after = raw.after;
    if ((within === undefined) === (after === undefined)) check.problem(at, label, 'give exactly one of "within" (day, or { seconds: N }) and "after" (success)');
    if (within !== undefined && within !== "day" && !(isObject(within) && Object.keys(within).length === 1 && typeof within.seconds === "number" && within.seconds > 0 && Number.isFinite(within.seconds)))
      check.problem([...at, "within"], label, '"within" is day (the same calendar day) or { seconds: N }');
    if (after !== undefined && after !== "success") check.problem([...at, "after"], label, '"after" is success (the same reference after a request with it succeeded)');
    if (raw.utcOffset !== undefined && !(typeof raw.utcOffset === "string" && /^[+-](?:[01]\d|2[0-3]):[0-5]\d$/.test(raw.utcOffset)))
      check.problem([...at, "utcOffset"], label, '"utcOffset" is the day\'s time zone offset, e.g. "+07:00"');
    if (raw.utcOffset !== undefined && within !== "day") check.problem([...at, "utcOffset"], label, '"utcOffset" applies to within: day only');
    if (!e || !reference || !code) return;
    out.push({
      endpoint: e.key,
      reference,
      code,
      ...(within !== undefined ? { within: within as IdempotencyRule["within"] } : {}),
      ...(typeof raw.utcOffset === "string" ? { utcOffset: raw.utcOffset } : {}),
      ...(after === "success" ? { after: "success" as const } : {}),
    });
  });
  return out;
}
