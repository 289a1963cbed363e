/**
 * What a spec says about a code its table does not list, read from the IR the
 * way the generated `classifyUnlisted` and context switch decide it (rules on
 * the code's parts, then its category, then `outcome.unknown`; a context that
 * names its only success codes decides alone; success is never confirmed).
 * The diff needs it twice: to tell whether a new row changes how its code was
 * classified, and to compare the rule itself between versions.
 */
import type { Category, CategoryMatch, OutcomeContext, OutcomeOrUnknown, Spec } from "../model/types.ts";

/** codebook's policy for unlisted codes: a rule that says success gives pending. */
function notConfirmed(o: OutcomeOrUnknown): OutcomeOrUnknown {
  return o === "success" ? "pending" : o;
}

/** A composite code's parts, where the code has their shape (total length, each part's pattern); else null. */
function partsOf(spec: Spec, code: string): Record<string, string> | null {
  const composite = spec.composite;
  if (!composite || code.length !== composite.parts.reduce((s, p) => s + p.length, 0)) return null;
  const parts: Record<string, string> = {};
  let at = 0;
  for (const p of composite.parts) {
    parts[p.name] = code.slice(at, at + p.length);
    at += p.length;
  }
  return composite.parts.every((p) => !p.pattern || new RegExp(p.pattern).test(parts[p.name]!)) ? parts : null;
}

/** Whether `category` claims `code`; `parts` holds the code's composite parts where it has their shape. */
function claims(category: Category, code: string, parts: Record<string, string> | null): boolean {
  const m = category.match;
  if (m === null) return false;
  if ("part" in m) return parts !== null && m.values.includes(parts[m.part]!);
  if ("prefixes" in m) return m.prefixes.some((p) => code.startsWith(p));
  return new RegExp(m.pattern).test(code);
}

/**
 * The outcome `spec` gives `code` in `context` when its table does not list it;
 * a code that does not match the code pattern is malformed and gets the context's
 * rule for codes that say nothing (the generated `malformed` arm).
 */
export function unlistedOutcomeOf(spec: Spec, code: string, context: OutcomeContext): OutcomeOrUnknown {
  if (context.kind === "successCodes") return notConfirmed(context.otherwise);
  if (!new RegExp(spec.pattern).test(code)) return notConfirmed(spec.unknown.outcome);
  const composite = spec.composite;
  const parts = partsOf(spec, code);
  const category = spec.categories.find((c) => claims(c, code, parts));
  if (parts)
    for (const r of composite!.rules) {
      const value = parts[r.part]!;
      if (r.values ? r.values.includes(value) : value.startsWith(r.prefix!)) return notConfirmed(r.outcome);
    }
  if (category?.outcome) return notConfirmed(category.outcome);
  return notConfirmed(spec.unknown.outcome);
}

/** The category `spec` gives a code its table does not list, or null (malformed codes have none). */
export function unlistedCategoryOf(spec: Spec, code: string): string | null {
  if (!new RegExp(spec.pattern).test(code)) return null;
  const parts = partsOf(spec, code);
  return spec.categories.find((c) => claims(c, code, parts))?.id ?? null;
}

/**
 * The rule for unlisted codes in a context, as text: equal texts classify every
 * code alike (outcome and category). Reasons and sources are left out (they are documentation).
 */
export function unlistedRuleText(spec: Spec, context: OutcomeContext): string {
  if (context.kind === "successCodes") return `every unlisted code → ${notConfirmed(context.otherwise)}`;
  const parts: string[] = [];
  for (const r of spec.composite?.rules ?? []) parts.push(`${r.part} ${r.values ? r.values.join("|") : `${r.prefix}…`} → ${notConfirmed(r.outcome)}`);
  // A category without an outcome still names an unlisted code's category: moving it is a change too.
  for (const c of spec.categories)
    if (c.match) parts.push(c.outcome ? `${matchText(c.match)} (${c.id}) → ${notConfirmed(c.outcome)}` : `${matchText(c.match)} (${c.id}): category only`);
  parts.push(`${parts.length ? "otherwise" : "every unlisted code"} → ${notConfirmed(spec.unknown.outcome)}`);
  return parts.join("; ");
}

/** A category's match as text: `part v1|v2`, `prefix p1|p2…`, or `/pattern/`. */
export function matchText(m: CategoryMatch): string {
  if ("part" in m) return `${m.part} ${m.values.join("|")}`;
  if ("prefixes" in m) return `${m.prefixes.join("|")}…`;
  return `/${m.pattern}/`;
}
