/**
 * Scenario files: "when a request's field has this value, answer this code",
 * so an end-to-end test needs no headers. YAML or JSON:
 *
 *   scenarios:
 *     - endpoint: Payment                      # optional: every endpoint
 *       when: { partnerReferenceNo: INV-TIMEOUT }   # dotted paths into the request body; all must match
 *       code: "5046000"
 *       delay: 3000                            # optional, milliseconds
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { ConfigError } from "../config/config.ts";
import type { MockEndpoint } from "./load-package.ts";

export interface Scenario {
  endpoint?: string;
  when: Record<string, string | number | boolean | null>;
  code: string;
  delay?: number;
}

/** Reads and checks a scenario file against the package's endpoints and codes. */
export function readScenarios(file: string, endpoints: MockEndpoint[]): Scenario[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`${file}: cannot read the scenario file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not YAML or JSON: ${(err as Error).message.split("\n")[0]}`);
  }
  return checkScenarios(value, endpoints, file);
}

/** Scenarios given as data (startMock's `scenarios`), or read from a file: each one checked, every problem named. */
export function checkScenarios(value: unknown, endpoints: MockEndpoint[], where = "scenarios"): Scenario[] {
  const list = Array.isArray(value) ? value : (value as { scenarios?: unknown } | null)?.scenarios;
  if (!Array.isArray(list)) throw new ConfigError(`${where}: expected a list of scenarios (or { scenarios: [...] })`);
  const problems: string[] = [];
  const out = list.map((raw, i): Scenario => {
    const at = `${where}: scenario ${i + 1}`;
    const s = (raw ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(s)) if (!["endpoint", "when", "code", "delay"].includes(k)) problems.push(`${at}: unknown key "${k}" (expected endpoint, when, code, delay)`);
    const code = typeof s.code === "number" ? String(s.code) : s.code;
    if (typeof code !== "string") problems.push(`${at}: "code" is required (a response code)`);
    const when = s.when as Record<string, unknown> | undefined;
    if (!when || typeof when !== "object" || Array.isArray(when) || !Object.keys(when).length)
      problems.push(`${at}: "when" must map request fields to values, e.g. { partnerReferenceNo: INV-TIMEOUT }`);
    if (s.delay !== undefined && !(typeof s.delay === "number" && s.delay >= 0)) problems.push(`${at}: "delay" must be milliseconds (a number >= 0)`);
    const targets = s.endpoint === undefined ? endpoints : endpoints.filter((e) => e.key === s.endpoint);
    if (s.endpoint !== undefined && !targets.length) problems.push(`${at}: no endpoint "${String(s.endpoint)}" (endpoints: ${endpoints.map((e) => e.key).join(", ")})`);
    else if (typeof code === "string" && !targets.some((e) => code in e.responses))
      problems.push(`${at}: ${code} is not a response code of ${s.endpoint === undefined ? "any endpoint" : `${String(s.endpoint)}`}`);
    return {
      ...(s.endpoint === undefined ? {} : { endpoint: String(s.endpoint) }),
      when: (when ?? {}) as Scenario["when"],
      code: String(code),
      ...(typeof s.delay === "number" ? { delay: s.delay } : {}),
    };
  });
  if (problems.length) throw new ConfigError(problems.join("\n"));
  return out;
}

/** The first scenario for this endpoint whose every `when` path holds its value in the body. */
export function matchScenario(scenarios: Scenario[], endpoint: MockEndpoint, body: unknown): Scenario | undefined {
  return scenarios.find(
    (s) => (s.endpoint === undefined || s.endpoint === endpoint.key) && s.code in endpoint.responses && Object.entries(s.when).every(([path, want]) => valueAt(body, path) === want),
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
