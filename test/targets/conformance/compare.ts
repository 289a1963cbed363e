// The comparison: a target's answers against the reference's, case by case, and the
// first differences as a report that names the case (its code or body and context),
// the field that differs, and both values.
import type { CaseFile } from "./cases.ts";
import type { Answers } from "./target-harness.ts";

export interface Difference {
  section: keyof Answers;
  index: number;
  /** The case, in a line: the value and context, the status and code, or the endpoint and body. */
  input: string;
  /** The first field that differs, as a path into the answer ("reason", "errors.1.rule"). */
  field: string;
  expected: unknown;
  actual: unknown;
}

const SECTIONS: (keyof Answers)[] = ["classify", "response", "parse", "httpStatus", "validate"];

function short(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function describeCase(cases: CaseFile, section: keyof Answers, i: number): string {
  switch (section) {
    case "classify": {
      const c = cases.classify[i]!;
      return `${short(c.value)} in context ${c.context} (${c.group})`;
    }
    case "response": {
      const c = cases.response[i]!;
      return `HTTP ${c.httpStatus} with code ${short(c.code)}`;
    }
    case "parse":
      return short(cases.parse[i]!.value);
    case "httpStatus": {
      const c = cases.httpStatus[i]!;
      return `HTTP ${c.httpStatus} with body ${short(c.body)}`;
    }
    case "validate": {
      const c = cases.validate[i]!;
      return `${c.endpoint} ${c.body}${c.strict ? " (strict)" : ""}: ${c.origin}`;
    }
  }
}

/** The first path at which two JSON values differ, or null where they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ""): { field: string; expected: unknown; actual: unknown } | null {
  if (a === b) return null;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return { field: path || "(answer)", expected: a, actual: b };
  const keys = Array.isArray(a) ? Array.from({ length: Math.max(a.length, (b as unknown as unknown[]).length) }, (_, i) => String(i)) : [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return null;
}

/** Every difference between the reference's and a target's answers (a missing or extra answer is one too). */
export function compareAnswers(cases: CaseFile, expected: Answers, actual: Answers): Difference[] {
  const out: Difference[] = [];
  for (const section of SECTIONS) {
    const want = expected[section] as unknown[];
    const got = (actual[section] ?? []) as unknown[];
    const n = Math.max(want.length, got.length, (cases[section] as unknown[]).length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(want[i], got[i]);
      if (d) out.push({ section, index: i, input: describeCase(cases, section, i), ...d });
    }
  }
  return out;
}

/** The report of the first differences, one block each. */
export function report(target: string, spec: string, differences: readonly Difference[], first = 10): string {
  if (!differences.length) return `${target} agrees with the reference on every case of ${spec}`;
  const blocks = differences.slice(0, first).map(
    (d) => `  ${d.section}[${d.index}] ${d.input}\n    ${d.field}: expected ${short(JSON.stringify(d.expected) ?? "undefined", 300)}\n    ${" ".repeat(d.field.length)}  actual   ${short(JSON.stringify(d.actual) ?? "undefined", 300)}`,
  );
  return `${target} differs from the reference on ${differences.length} case(s) of ${spec}; the first ${Math.min(first, differences.length)}:\n${blocks.join("\n")}`;
}
