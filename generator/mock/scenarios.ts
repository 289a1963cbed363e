/**
 * Stateless scenarios: "when a request's field has this value, answer this
 * code", so an end-to-end test needs no headers.
 *
 *   scenarios:
 *     - endpoint: Payment                      # optional: the endpoints whose service lists the code
 *       when: { partnerReferenceNo: INV-TIMEOUT }   # dotted paths into the request body; all must match
 *       code: "5046000"                        # any well-formed code; one the table does not list is answered as unlisted
 *       delay: 3000                            # optional, milliseconds
 *
 * Checked against the package: the endpoint exists, each `when` path is a
 * declared request field (free-form objects such as additionalInfo take any
 * key), the code matches the spec's pattern (a code the service does not list
 * is a warning, then served as unlisted), and a delay fits a timer.
 */
import { MAX_DELAY } from "./limits.ts";
import { responseOf, type MockEndpoint } from "./load-package.ts";
import { Check, codeValue, fieldProblem, isObject, shownCode, type Path } from "./scenario-check.ts";

export interface Scenario {
  endpoint?: string;
  when: Record<string, string | number | boolean | null>;
  code: string;
  delay?: number;
}

/** A checked scenario: the endpoints it answers for. */
export interface CheckedScenario extends Scenario {
  targets: string[];
}

const KEYS = ["endpoint", "when", "code", "delay"];

/** Checks each scenario of `list` (at `base` in the file), reporting into `check`. */
export function checkScenarioList(list: unknown, check: Check, base: Path): CheckedScenario[] {
  if (!Array.isArray(list)) {
    check.problem(base, "scenarios", "expected a list of scenarios");
    return [];
  }
  return list.map((raw, i) => checkScenario(raw, check, [...base, i], `scenario ${i + 1}`));
}

function checkScenario(raw: unknown, check: Check, at: Path, label: string): CheckedScenario {
  if (!isObject(raw)) {
    check.problem(at, label, 'expected a mapping with "when" and "code"');
    return { when: {}, code: "", targets: [] };
  }
  const s = raw;
  for (const k of Object.keys(s)) if (!KEYS.includes(k)) check.problem([...at, k], label, `unknown key ${JSON.stringify(k)} (expected endpoint, when, code, delay)`);
  const field = (k: string): unknown => (Object.hasOwn(s, k) ? s[k] : undefined);
  const code = codeValue(field("code"));
  if (typeof code !== "string") check.problem([...at, "code"], label, '"code" is required (a response code)');
  const delay = checkDelay(field("delay"), check, [...at, "delay"], label);
  const endpoint = field("endpoint");
  let targets: MockEndpoint[] = [];
  if (endpoint !== undefined) {
    const e = typeof endpoint === "string" ? check.endpoint(endpoint) : undefined;
    if (!e) check.problem([...at, "endpoint"], label, `no endpoint ${JSON.stringify(endpoint)} (endpoints: ${check.endpointKeys})`);
    else targets = [e];
  }
  const when = field("when");
  if (typeof code === "string" && (endpoint === undefined || targets.length)) {
    const parsed = check.pkg.parseCode(code);
    const where = endpoint === undefined ? "any endpoint" : String(endpoint);
    if (parsed.kind === "malformed") check.problem([...at, "code"], label, `${shownCode(code)} is not a response code of ${where}: ${parsed.reason}`);
    else {
      if (endpoint === undefined) targets = check.pkg.endpoints.filter((e) => responseOf(e, code) !== undefined);
      if (!targets.length) {
        targets = check.pkg.endpoints;
        check.warning([...at, "code"], label, `${code} is not listed for any endpoint: every endpoint answers it as an unlisted code`);
      } else if (endpoint !== undefined && responseOf(targets[0]!, code) === undefined)
        check.warning([...at, "code"], label, `${code} is not listed for ${targets[0]!.key} (service ${targets[0]!.serviceCode}): answered as an unlisted code`);
    }
  }
  checkWhen(when, targets, check, [...at, "when"], label, "request");
  return {
    ...(endpoint === undefined ? {} : { endpoint: String(endpoint) }),
    when: (isObject(when) ? when : {}) as Scenario["when"],
    code: String(code),
    ...(delay === undefined ? {} : { delay }),
    targets: targets.map((e) => e.key),
  };
}

/** A `when` mapping: dotted paths of the request body (or of `side`) to scalar values, each path declared by one of `targets`. */
export function checkWhen(when: unknown, targets: MockEndpoint[], check: Check, at: Path, label: string, side: "request"): void {
  if (!isObject(when) || !Object.keys(when).length) {
    check.problem(at, label, '"when" must map request fields to values, e.g. { partnerReferenceNo: INV-TIMEOUT }');
    return;
  }
  for (const [path, want] of Object.entries(when)) {
    if (path === "" || path.split(".").includes("")) {
      check.problem([...at, path], label, `"when" path ${JSON.stringify(path)} has an empty segment (dotted paths, e.g. amount.value)`);
      continue;
    }
    if (!(want === null || typeof want === "string" || typeof want === "boolean" || (typeof want === "number" && Number.isFinite(want)))) {
      check.problem([...at, path], label, `"when" value of ${JSON.stringify(path)} must be a string, number, boolean or null (a field's value)`);
      continue;
    }
    if (!targets.length) continue;
    const problems = targets.map((e) => fieldProblem(e.validate[side], e.request, path, want ?? "", `the ${targets.length === 1 ? `${e.key} ` : ""}${side}`, true));
    if (problems.every((p) => p !== null)) check.problem([...at, path], label, `"when" path ${JSON.stringify(path)}: ${problems[0]}`);
  }
}

export function checkDelay(delay: unknown, check: Check, at: Path, label: string): number | undefined {
  if (delay === undefined) return undefined;
  if (!(typeof delay === "number" && Number.isFinite(delay) && delay >= 0)) check.problem(at, label, '"delay" must be milliseconds (a number >= 0)');
  else if (delay > MAX_DELAY) check.problem(at, label, `"delay" ${delay} is over ${MAX_DELAY} ms (about 24.8 days), the longest a timer waits`);
  else return delay;
  return undefined;
}

/** The first scenario for this endpoint whose every `when` path holds its value in the body. */
export function matchScenario(scenarios: CheckedScenario[], endpoint: MockEndpoint, body: unknown): CheckedScenario | undefined {
  return scenarios.find((s) => s.targets.includes(endpoint.key) && matches(s.when, body));
}

/** Every `when` path holds its value in the body. */
export function matches(when: Record<string, unknown>, body: unknown): boolean {
  for (const path of Object.keys(when)) if (valueAt(body, path) !== when[path]) return false;
  return true;
}

export function valueAt(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const k of path.split(".")) {
    if (typeof v !== "object" || v === null || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}
