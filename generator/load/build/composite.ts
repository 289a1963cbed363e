/** A composite code's parts and the rules that give a code its outcome from them. */
import type { Composite, CompositePart, CompositeRule } from "../../model/types.ts";
import type { RawSpec, RawSpecCodeCompositeRule } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import { compileRegex } from "./compile-regex.ts";
import type { Lint } from "./lint-context.ts";

export interface CompositeSection {
  composite: Composite | null;
  /** Each part's pattern, compiled once; null where it is invalid or refused (already reported), so rows skip the check. */
  partPatterns: ReadonlyMap<string, RegExp | null>;
}

export function buildComposite(raw: RawSpec, lint: Lint): CompositeSection {
  const partPatterns = new Map<string, RegExp | null>();
  const rc = raw.code.composite;
  if (!rc) return { composite: null, partPatterns };
  const partNames = new Set<string>();
  const parts: CompositePart[] = rc.parts.map((p, i) => {
    const path = ["code", "composite", "parts", i];
    if (partNames.has(p.name)) lint.report([...path, "name"], `duplicate part "${p.name}"`);
    partNames.add(p.name);
    if (p.pattern !== undefined) partPatterns.set(p.name, compileRegex(p.pattern, [...path, "pattern"], lint));
    let domain: string[] | null = null;
    if (p.domain === "endpoints.serviceCode") {
      if (!raw.api) lint.report([...path, "domain"], `domain "${p.domain}" needs an api section`);
      else domain = raw.api.endpoints.map((e) => e.serviceCode);
    }
    if (p.any !== undefined && !domain) lint.report([...path, "any"], `part "${p.name}" has an "any" word but no domain to expand it over`);
    return { name: p.name, length: p.length, pattern: p.pattern ?? null, description: p.description ?? null, any: p.any ?? null, domain, role: p.role ?? null };
  });
  if (raw.api && parts.filter((p) => p.role === "httpStatus").length !== 1)
    lint.report(["code", "composite", "parts"], `an API's composite code needs exactly one part with role: httpStatus`, { key: true });
  if (raw.api && parts.filter((p) => p.domain).length !== 1)
    lint.report(["code", "composite", "parts"], `an API's composite code needs exactly one part with domain: endpoints.serviceCode`, { key: true });
  const rules = (rc.rules ?? []).map((r, i) => buildRule(r, i, parts, lint));
  return { composite: { parts, rules }, partPatterns };
}

function buildRule(r: RawSpecCodeCompositeRule, i: number, parts: readonly CompositePart[], lint: Lint): CompositeRule {
  const path = ["code", "composite", "rules", i];
  const part = parts.find((p) => p.name === r.part);
  if (!part) lint.report([...path, "part"], `unknown part "${r.part}"${didYouMean(r.part, parts.map((p) => p.name))}`);
  else {
    for (const [j, v] of (r.values ?? []).entries())
      if (v.length !== part.length) lint.report([...path, "values", j], `"${v}" does not fit part "${part.name}" (length ${part.length})`);
    if (r.prefix !== undefined && r.prefix.length > part.length)
      lint.report([...path, "prefix"], `prefix "${r.prefix}" is longer than part "${part.name}" (length ${part.length})`);
  }
  return { part: r.part, values: r.values ?? null, prefix: r.prefix ?? null, outcome: r.outcome, reason: r.reason ?? null, source: r.source ?? null };
}

/** Whether a composite rule applies to a code's parts. */
export function ruleMatches(rule: Pick<CompositeRule, "part" | "values" | "prefix">, parts: Readonly<Record<string, string>>): boolean {
  const value = parts[rule.part];
  if (value === undefined) return false;
  return rule.values ? rule.values.includes(value) : value.startsWith(rule.prefix ?? "");
}
