/**
 * A scenario file (YAML or JSON; schema/mock-scenarios.schema.json for
 * editors): stateless `scenarios`, transaction `flows` and `idempotency`
 * rules, each checked against the package. Every problem is named with its
 * place (`sandbox.yaml:7:11: scenario 2: …`) before the mock listens; a code
 * the service does not list is a warning (it is served, as unlisted).
 * A file that is only a list is a list of scenarios.
 */
import { LineCounter, parseDocument, type Document } from "yaml";
import { ConfigError } from "../config/config.ts";
import { checkFlows, checkIdempotency, type Flow, type FlowInput, type IdempotencyRule } from "./flows.ts";
import { readInputFile } from "./input-file.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import type { MockPackage } from "./load-package.ts";
import { Check, isObject, type Locate, type Path } from "./scenario-check.ts";
import { checkScenarioList, type CheckedScenario, type Scenario } from "./scenarios.ts";

export interface ScenarioSet {
  scenarios: CheckedScenario[];
  flows: Flow[];
  idempotency: IdempotencyRule[];
  /** Codes a service does not list, with their place: served as unlisted, said once at startup. */
  warnings: string[];
}

/** What startMock's `scenarios` option takes as data: the list of scenarios, or the file's whole content. */
export type ScenarioInput = Scenario[] | { scenarios?: Scenario[]; flows?: FlowInput[]; idempotency?: IdempotencyRule[] };

export const EMPTY_SET: ScenarioSet = Object.freeze({ scenarios: [], flows: [], idempotency: [], warnings: [] }) as unknown as ScenarioSet;

const TOP_KEYS = ["$schema", "scenarios", "flows", "idempotency"];

/** Reads and checks a scenario file (a regular file of at most `maxBytes`) against the package. */
export function readScenarioSet(file: string, pkg: MockPackage, maxBytes: number = DEFAULT_LIMITS.maxScenarioFileBytes): ScenarioSet {
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
    if (!path.length) return null;
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    // A key's position when the path ends at a key whose value has none (an empty value).
    if (!node?.range) return null;
    const { line, col } = lines.linePos(node.range[0]);
    return `${file}:${line}:${col}`;
  };
  return checkScenarioSet(value, pkg, file, locate);
}

/** Messages in the file's order (by line, then column); those without a position keep theirs. */
function byPlace(messages: string[]): string[] {
  const at = (m: string) => /^.*?:(\d+):(\d+): /.exec(m);
  return messages
    .map((m, i) => ({ m, i, p: at(m) }))
    .sort((a, b) => (a.p && b.p ? Number(a.p[1]) - Number(b.p[1]) || Number(a.p[2]) - Number(b.p[2]) : 0) || a.i - b.i)
    .map((x) => x.m);
}

/** Scenario data (startMock's `scenarios`), or a file's content: every part checked, every problem named. */
export function checkScenarioSet(value: unknown, pkg: MockPackage, where = "scenarios", locate: Locate = () => null): ScenarioSet {
  const check = new Check(pkg, where, locate);
  const set: ScenarioSet = { scenarios: [], flows: [], idempotency: [], warnings: check.warnings };
  if (Array.isArray(value)) set.scenarios = checkScenarioList(value, check, []);
  else if (!isObject(value)) throw new ConfigError(`${where}: expected scenarios, flows or idempotency rules (or a list of scenarios)`);
  else {
    const base: Path = [];
    for (const k of Object.keys(value)) if (!TOP_KEYS.includes(k)) check.problem([k], "file", `unknown key ${JSON.stringify(k)} (expected ${TOP_KEYS.join(", ")})`);
    if (!TOP_KEYS.slice(1).some((k) => Object.hasOwn(value, k))) throw new ConfigError(`${where}: expected scenarios, flows or idempotency rules (or a list of scenarios)`);
    if (value.$schema !== undefined && typeof value.$schema !== "string") check.problem(["$schema"], "file", '"$schema" is the schema\'s path or URL');
    if (Object.hasOwn(value, "scenarios")) set.scenarios = checkScenarioList(value.scenarios, check, [...base, "scenarios"]);
    if (Object.hasOwn(value, "flows")) set.flows = checkFlows(value.flows, check, ["flows"]);
    if (Object.hasOwn(value, "idempotency")) set.idempotency = checkIdempotency(value.idempotency, check, ["idempotency"]);
  }
  if (check.problems.length) throw new ConfigError(byPlace(check.problems).join("\n"));
  set.warnings = byPlace(set.warnings);
  return set;
}
