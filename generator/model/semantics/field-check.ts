/**
 * A field table's rules applied to a JSON value, in the generator: the check that a
 * sample still fits the body it illustrates (a profile may have tightened it), and
 * the repair that makes a fixture from it. It states the same rules the generated
 * validators enforce (type, null, maxLength in code points, values, formats,
 * pattern, required fields), once, for every target's fixtures; the fixtures tests
 * hold each target's validators to accepting what this produces.
 */
import type { Field } from "../types.ts";
import { presenceIn, type Shape } from "./api.ts";
import { isDayInMonth, stringFormat } from "./formats.ts";
import { parsePattern, samplePattern } from "./pattern.ts";

/** Why a value does not fit its field (the first rule it breaks), or null. Nested fields are not looked at. */
export function valueProblem(f: Field, value: unknown): string | null {
  if (value === null) return f.nullable ? null : "is null";
  const type = typeProblem(f, value);
  if (type) return type;
  if (typeof value !== "string") return null;
  if (f.maxLength !== null && [...value].length > f.maxLength) return `is longer than ${f.maxLength} characters`;
  if (f.values.length && !f.values.some((v) => v.value === value)) return `is not one of ${f.values.map((v) => v.value).join(", ")}`;
  const format = stringFormat(f);
  if (format && !(new RegExp(format.pattern).test(value) && realDate(format.kind, value))) return `is not ${format.text}`;
  if (f.pattern !== null && !new RegExp(f.pattern).test(value)) return `does not match ${f.pattern}`;
  return null;
}

function typeProblem(f: Field, value: unknown): string | null {
  const ok =
    f.type === "number" ? typeof value === "number" && Number.isFinite(value)
    : f.type === "array" ? Array.isArray(value)
    : f.type === "object" ? typeof value === "object" && value !== null && !Array.isArray(value)
    : typeof value === f.type;
  return ok ? null : `is not ${f.type === "array" || f.type === "object" ? "an" : "a"} ${f.type}`;
}

/** The day within its month, for the formats whose pattern bounds the day to 31 only. */
function realDate(kind: string, s: string): boolean {
  if (kind !== "date" && kind !== "date-time") return true;
  return isDayInMonth(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

/**
 * The plainest value a field's declaration allows, or undefined where it allows any
 * string (a plain string field: there is no value to choose that is not made up).
 */
export function plainValue(f: Field, shape: Shape): unknown {
  if (f.values.length) return f.values[0]!.value;
  switch (f.type) {
    case "number":
      return 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object": {
      const out: Record<string, unknown> = {};
      for (const c of f.fields) {
        if (presenceIn(c, shape) === "optional") continue;
        const v = plainValue(c, shape);
        if (v === undefined) return undefined;
        setData(out, c.key, v);
      }
      return out;
    }
    case "string":
      if (f.format === "date-time") return "2000-01-01T00:00:00Z";
      if (f.format === "date") return "2000-01-01";
      if (f.format === "time") return "00:00:00";
      if (f.format === "currency") return "XXX"; // ISO 4217's code for "no currency"
      if (f.format === "amount") return `0${f.amount && f.amount.scale > 0 ? `.${"0".repeat(f.amount.scale)}` : ""}`;
      if (f.pattern !== null) return patternExample(f.pattern);
      return undefined;
  }
}

/** The first of a few seeded samples of the pattern that it accepts (lookarounds can refuse some), else undefined. */
function patternExample(pattern: string): string | undefined {
  const parsed = parsePattern(pattern);
  const regex = new RegExp(pattern);
  return (parsed.ok ? samplePattern(parsed.tree, 16, 1) : []).find((s) => regex.test(s));
}

/** Sets an own data property: a field or sample key "__proto__" stays data, where an assignment would set the prototype. */
export function setData(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** One change the repair made: the field (dotted JSON keys), what was wrong, and the value used instead (undefined: left out). */
export interface Repair {
  path: string;
  /** The index path through the field tables (for the field's position in the spec); a left-out key's is its object's. */
  indexes: number[];
  problem: string;
  before: unknown;
  after: unknown;
}

/** A required field the body lacks, or an invalid value, whose declaration gives no value to use instead. */
export interface Unfilled {
  path: string;
  indexes: number[];
  problem: string;
}

/**
 * A sample made to fit its body, for a fixture. The repair rule (README, "Profiles"):
 * - a string longer than its maxLength is cut to it, when that is its only problem;
 * - any other invalid value, and a required field the sample lacks, takes the
 *   plainest value the field allows: its first value, its format's or pattern's
 *   example, 0, false, [] or an object of its required fields;
 * - a field that allows any string has no such value: it is `unfilled`, and the
 *   spec must give a sample that has it;
 * - a key the body does not declare is left out (a base's sample, where a profile
 *   declared the fields of an object the base left free); a free object's contents
 *   are kept as they are.
 */
export function conformBody(value: Record<string, unknown>, fields: readonly Field[], shape: Shape): { body: Record<string, unknown>; repairs: Repair[]; unfilled: Unfilled[] } {
  const repairs: Repair[] = [];
  const unfilled: Unfilled[] = [];
  const body = conformObject(value, fields, shape, "", [], repairs, unfilled);
  return { body, repairs, unfilled };
}

function conformObject(value: Record<string, unknown>, fields: readonly Field[], shape: Shape, prefix: string, at: number[], repairs: Repair[], unfilled: Unfilled[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => setData(out, k, v);
  for (const [k, v] of Object.entries(value)) {
    if (fields.some((f) => f.key === k)) put(k, v);
    else repairs.push({ path: prefix ? `${prefix}.${k}` : k, indexes: at, problem: "is not a field of the body", before: v, after: undefined });
  }
  fields.forEach((f, i) => {
    const path = prefix ? `${prefix}.${f.key}` : f.key;
    const indexes = [...at, i];
    const present = Object.hasOwn(value, f.key);
    if (!present) {
      if (presenceIn(f, shape) === "optional") return;
      const v = plainValue(f, shape);
      if (v === undefined) unfilled.push({ path, indexes, problem: "is required and missing" });
      else {
        put(f.key, v);
        repairs.push({ path, indexes, problem: "is required and missing", before: undefined, after: v });
      }
      return;
    }
    const current = value[f.key];
    const problem = valueProblem(f, current);
    if (problem === null) {
      if (f.type === "object" && f.fields.length && current !== null)
        put(f.key, conformObject(current as Record<string, unknown>, f.fields, shape, path, indexes, repairs, unfilled));
      return;
    }
    const cut = typeof current === "string" && f.maxLength !== null ? [...current].slice(0, f.maxLength).join("") : undefined;
    const after = cut !== undefined && valueProblem(f, cut) === null ? cut : plainValue(f, shape);
    if (after === undefined) unfilled.push({ path, indexes, problem });
    else {
      put(f.key, after);
      repairs.push({ path, indexes, problem, before: current, after });
    }
  });
  return out;
}
