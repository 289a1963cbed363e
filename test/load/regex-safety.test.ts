// The static backtracking check (generator/load/regex-safety.ts): every pattern the
// shipped specs use passes, and the classic super-linear shapes are refused.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { checkRegexSafety } from "../../generator/load/regex-safety.ts";
import { repoRoot } from "../helpers.ts";

/** Every regex a spec states: code.pattern, composite part patterns, column split patterns. */
function shippedPatterns(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(join(repoRoot, "spec")).filter((f) => f.endsWith(".yaml"))) {
    const spec = parse(readFileSync(join(repoRoot, "spec", f), "utf8"));
    out.push(spec.code.pattern);
    for (const p of spec.code.composite?.parts ?? []) if (p.pattern) out.push(p.pattern);
    for (const c of spec.columns ?? []) if (c.split) out.push(c.split);
  }
  return out;
}

const safe = [
  "^[0-9]{2}$",
  "^[0-9]{2,3}$",
  "^(?:[0-9]{4}|[A-Z][A-Z0-9][0-9]{2})$",
  "^[0-9A-Z]{4}$",
  "^[A-Z]{2}[0-9]+$",
  "^(?:[0-9]{2})+$",
  "^(?:ab|cd)+$",
  "^[a-z]+-[0-9]+$",
  "^\\d{3}\\.\\d{2}$",
  "^(?:0|[1-9][0-9]*)$",
  "^(?<http>[0-9]{3})(?<case>[0-9]{2})$",
  "^(?!00)[0-9]{2}$",
  "[,.]",
  ",",
  "\\s*;\\s*",
  "^[^|]+$",
  "^\\u0041[\\x30-\\x39]$",
];

const unsafe: [string, RegExp][] = [
  ["^([0-9]+)+$", /nested quantifiers/],
  ["^(?:[0-9]+)*$", /nested quantifiers/],
  ["^(a{1,3})+$", /nested quantifiers/],
  ["^(a|a)*$", /start with the same character/],
  ["^(a|ab)+$", /start with the same character/],
  ["^(\\d|[0-9a-f])*$", /start with the same character/],
  ["^(?:x(?:y|yz))+$", /start with the same character/],
  ["^(a?)*$", /can match nothing/],
  ["^(?:a*)*$", /can match nothing/],
  ["^\\d+\\d*$", /polynomial/],
  ["^.*.*=.*$", /polynomial/],
  ["^[0-9]+[0-9a-z]?[0-9]*$", /polynomial/],
  ["^(a+)\\1$", /backreference/],
  ["^(?<x>a)\\k<x>$", /cannot check/],
  ["^a{2,$", /cannot check/],
];

describe("regex safety", () => {
  it("finds the shipped patterns (so the next check is not vacuous)", () => {
    expect(shippedPatterns().length).toBeGreaterThanOrEqual(8);
  });

  it.each(shippedPatterns())("shipped pattern %s is safe", (p) => {
    expect(checkRegexSafety(p)).toEqual({ safe: true });
  });

  it.each(safe)("%s is safe", (p) => {
    expect(checkRegexSafety(p)).toEqual({ safe: true });
  });

  it.each(unsafe)("%s is refused", (p, reason) => {
    const verdict = checkRegexSafety(p);
    expect(verdict.safe).toBe(false);
    if (!verdict.safe) expect(verdict.reason).toMatch(reason);
  });

  it("every refused pattern is one JavaScript compiles (the check is about time, not syntax), but the last", () => {
    for (const [p] of unsafe.slice(0, -1)) expect(() => new RegExp(p)).not.toThrow();
  });
});
