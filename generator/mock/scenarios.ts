/**
 * Scenario files: "when a request's field has this value, answer this code",
 * so an end-to-end test needs no headers. YAML or JSON:
 *
 *   scenarios:
 *     - endpoint: Payment                      # optional: every endpoint
 *       when: { partnerReferenceNo: INV-TIMEOUT }   # dotted paths into the request body; all must match
 *       code: "5046000"
 *       delay: 3000                            # optional, milliseconds
 *
 * Every problem is named with its place (`sandbox.yaml:7:11: scenario 2: …`
 * in a file) before the mock listens: a code is a code only when the service's
 * table has it as its own key, and a delay must fit a timer.
 */
import { LineCounter, parseDocument, type Document } from "yaml";
import { ConfigError } from "../config/config.ts";
import { readInputFile } from "./input-file.ts";
import { DEFAULT_LIMITS, MAX_DELAY } from "./limits.ts";
import { responseOf, type MockEndpoint } from "./load-package.ts";

export interface Scenario {
  endpoint?: string;
  when: Record<string, string | number | boolean | null>;
  code: string;
  delay?: number;
}

/** Where a value of the scenario data sits, for messages: "file:line:col", or null when unknown (scenarios given as data). */
type Locate = (path: (string | number)[]) => string | null;

/** Reads and checks a scenario file (a regular file of at most `maxBytes`) against the package's endpoints and codes. */
export function readScenarios(file: string, endpoints: MockEndpoint[], maxBytes: number = DEFAULT_LIMITS.maxScenarioFileBytes): Scenario[] {
  const text = readInputFile(file, maxBytes, "the scenario file");
  const lines = new LineCounter();
  let doc: Document;
  let value: unknown;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      throw new ConfigError(`${file}${at ? `:${at.line}:${at.col}` : ""}: not YAML or JSON: ${error.message.split("\n")[0]}`);
    }
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    // The YAML reader recurses per nesting level; a file nested thousands deep overflows it.
    const message = err instanceof RangeError ? "nested too deep" : (err as Error).message.split("\n")[0];
    throw new ConfigError(`${file}: not YAML or JSON: ${message}`);
  }
  const locate: Locate = (path) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return null;
    const { line, col } = lines.linePos(node.range[0]);
    return `${file}:${line}:${col}`;
  };
  return checkScenarios(value, endpoints, file, locate);
}

const KEYS = ["endpoint", "when", "code", "delay"];

/** Scenarios given as data (startMock's `scenarios`), or read from a file: each one checked, every problem named. */
export function checkScenarios(value: unknown, endpoints: MockEndpoint[], where = "scenarios", locate: Locate = () => null): Scenario[] {
  const wrapped = !Array.isArray(value);
  const list = wrapped ? (isObject(value) && Object.hasOwn(value, "scenarios") ? value.scenarios : undefined) : value;
  if (!Array.isArray(list)) throw new ConfigError(`${where}: expected a list of scenarios (or { scenarios: [...] })`);
  const base: (string | number)[] = wrapped ? ["scenarios"] : [];
  const problems: string[] = [];
  const out = list.map((raw, i): Scenario => {
    const at = (...path: (string | number)[]) => {
      const place = locate([...base, i, ...path]) ?? locate([...base, i]) ?? where;
      return `${place}: scenario ${i + 1}`;
    };
    if (!isObject(raw)) {
      problems.push(`${at()}: expected a mapping with "when" and "code"`);
      return { when: {}, code: "" };
    }
    const s = raw;
    for (const k of Object.keys(s)) if (!KEYS.includes(k)) problems.push(`${at(k)}: unknown key ${JSON.stringify(k)} (expected endpoint, when, code, delay)`);
    const field = (k: string): unknown => (Object.hasOwn(s, k) ? s[k] : undefined);
    const rawCode = field("code");
    const code = typeof rawCode === "number" && Number.isSafeInteger(rawCode) && rawCode >= 0 ? String(rawCode) : rawCode;
    if (typeof code !== "string") problems.push(`${at("code")}: "code" is required (a response code)`);
    const when = field("when");
    if (!isObject(when) || !Object.keys(when).length) problems.push(`${at("when")}: "when" must map request fields to values, e.g. { partnerReferenceNo: INV-TIMEOUT }`);
    else
      for (const [path, want] of Object.entries(when)) {
        if (path === "" || path.split(".").includes("")) problems.push(`${at("when", path)}: "when" path ${JSON.stringify(path)} has an empty segment (dotted paths, e.g. amount.value)`);
        if (!(want === null || typeof want === "string" || typeof want === "boolean" || (typeof want === "number" && Number.isFinite(want))))
          problems.push(`${at("when", path)}: "when" value of ${JSON.stringify(path)} must be a string, number, boolean or null (a field's value)`);
      }
    const delay = field("delay");
    if (delay !== undefined) {
      if (!(typeof delay === "number" && Number.isFinite(delay) && delay >= 0)) problems.push(`${at("delay")}: "delay" must be milliseconds (a number >= 0)`);
      else if (delay > MAX_DELAY) problems.push(`${at("delay")}: "delay" ${delay} is over ${MAX_DELAY} ms (about 24.8 days), the longest a timer waits`);
    }
    const endpoint = field("endpoint");
    const targets = endpoint === undefined ? endpoints : endpoints.filter((e) => e.key === endpoint);
    if (endpoint !== undefined && !targets.length)
      problems.push(`${at("endpoint")}: no endpoint ${JSON.stringify(endpoint)} (endpoints: ${endpoints.map((e) => e.key).join(", ")})`);
    else if (typeof code === "string" && !targets.some((e) => responseOf(e, code) !== undefined))
      problems.push(`${at("code")}: ${/^[\x21-\x7e]{1,64}$/.test(code) ? code : JSON.stringify(code)} is not a response code of ${endpoint === undefined ? "any endpoint" : String(endpoint)}`);
    return {
      ...(endpoint === undefined ? {} : { endpoint: String(endpoint) }),
      when: (isObject(when) ? when : {}) as Scenario["when"],
      code: String(code),
      ...(typeof delay === "number" ? { delay } : {}),
    };
  });
  if (problems.length) throw new ConfigError(problems.join("\n"));
  return out;
}

/** The first scenario for this endpoint whose every `when` path holds its value in the body. */
export function matchScenario(scenarios: Scenario[], endpoint: MockEndpoint, body: unknown): Scenario | undefined {
  return scenarios.find(
    (s) =>
      (s.endpoint === undefined || s.endpoint === endpoint.key) &&
      responseOf(endpoint, s.code) !== undefined &&
      Object.entries(s.when).every(([path, want]) => valueAt(body, path) === want),
  );
}

function valueAt(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const k of path.split(".")) {
    if (typeof v !== "object" || v === null || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
