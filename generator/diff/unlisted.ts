/**
 * What a spec says about a code its table does not list, for the diff: read
 * from the semantics' policy (model/semantics/unlisted.ts), the data every
 * generated classifier is rendered from. The diff needs it twice: to tell
 * whether a new row changes how its code was classified, and to compare the
 * rule itself between versions.
 */
import type { CategoryMatch, OutcomeContext, OutcomeOrUnknown, Spec } from "../model/types.ts";
import { decideUnlisted, malformedPolicy, unlistedPolicy, type CodeTest } from "../model/semantics/unlisted.ts";

/**
 * The outcome `spec` gives `code` in `context` when its table does not list it;
 * a code that does not match the code pattern is malformed and gets the context's
 * rule for codes that say nothing (the generated `malformed` arm).
 */
export function unlistedOutcomeOf(spec: Spec, code: string, context: OutcomeContext): OutcomeOrUnknown {
  if (!new RegExp(spec.pattern).test(code)) return malformedPolicy(spec, context).outcome;
  return decideUnlisted(unlistedPolicy(spec, context), code).outcome;
}

/** The category `spec` gives a code its table does not list in a context that reads a column, or null (malformed codes have none). */
export function unlistedCategoryOf(spec: Spec, code: string): string | null {
  if (!new RegExp(spec.pattern).test(code)) return null;
  const context = spec.contexts.find((c) => c.kind === "column") ?? spec.contexts[0]!;
  return decideUnlisted(unlistedPolicy(spec, context), code).category;
}

/**
 * The rule for unlisted codes in a context, as text: equal texts classify every
 * code alike (outcome and category). Reasons and sources are left out (they are documentation).
 */
export function unlistedRuleText(spec: Spec, context: OutcomeContext): string {
  const policy = unlistedPolicy(spec, context);
  const parts: string[] = [];
  for (const r of policy.rules) if (r.kind === "part") parts.push(`${r.test.part} ${testText(r.test)} → ${r.outcome}`);
  // A category without an outcome still names an unlisted code's category: moving it is a change too.
  for (const { category: c } of policy.claims) {
    const rule = policy.rules.find((r) => r.kind === "category" && r.category === c);
    parts.push(rule ? `${matchText(c.match!)} (${c.id}) → ${rule.outcome}` : `${matchText(c.match!)} (${c.id}): category only`);
  }
  const last = policy.rules[policy.rules.length - 1]!;
  parts.push(`${parts.length ? "otherwise" : "every unlisted code"} → ${last.outcome}`);
  return parts.join("; ");
}

function testText(t: Extract<CodeTest, { part: string }>): string {
  return t.kind === "part-values" ? t.values.join("|") : `${t.prefix}…`;
}

/** A category's match as text: `part v1|v2`, `prefix p1|p2…`, or `/pattern/`. */
export function matchText(m: CategoryMatch): string {
  if ("part" in m) return `${m.part} ${m.values.join("|")}`;
  if ("prefixes" in m) return `${m.prefixes.join("|")}…`;
  return `/${m.pattern}/`;
}
