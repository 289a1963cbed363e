/**
 * What a spec says about a code its table does not list, read from the IR the
 * way the generated `classifyUnlisted` and context switch decide it (rules on
 * the code's parts, then its category, then `outcome.unknown`; a context that
 * names its only success codes decides alone; success is never confirmed).
 * The diff needs it twice: to tell whether a new row changes how its code was
 * classified, and to compare the rule itself between versions.
 */
import type { OutcomeContext, OutcomeOrUnknown, Spec } from "../model/types.ts";

/** codebook's policy for unlisted codes: a rule that says success gives pending. */
function notConfirmed(o: OutcomeOrUnknown): OutcomeOrUnknown {
  return o === "success" ? "pending" : o;
}

/** The outcome `spec` gives `code` in `context` when its table does not list it. */
export function unlistedOutcomeOf(spec: Spec, code: string, context: OutcomeContext): OutcomeOrUnknown {
  if (context.kind === "successCodes") return notConfirmed(context.otherwise);
  const composite = spec.composite;
  const matching = spec.categories.filter((c) => c.match);
  if (composite && (composite.rules.length || matching.length) && code.length === composite.parts.reduce((s, p) => s + p.length, 0)) {
    const parts: Record<string, string> = {};
    let at = 0;
    for (const p of composite.parts) {
      parts[p.name] = code.slice(at, at + p.length);
      at += p.length;
    }
    if (composite.parts.every((p) => !p.pattern || new RegExp(p.pattern).test(parts[p.name]!))) {
      const category = matching.find((c) => c.match!.values.includes(parts[c.match!.part]!));
      for (const r of composite.rules) {
        const value = parts[r.part]!;
        if (r.values ? r.values.includes(value) : value.startsWith(r.prefix!)) return notConfirmed(r.outcome);
      }
      if (category?.outcome) return notConfirmed(category.outcome);
    }
  }
  return notConfirmed(spec.unknown.outcome);
}

/**
 * The rule for unlisted codes in a context, as text: equal texts classify every
 * code alike. Reasons and sources are left out (they are documentation).
 */
export function unlistedRuleText(spec: Spec, context: OutcomeContext): string {
  if (context.kind === "successCodes") return `every unlisted code → ${notConfirmed(context.otherwise)}`;
  const parts: string[] = [];
  for (const r of spec.composite?.rules ?? []) parts.push(`${r.part} ${r.values ? r.values.join("|") : `${r.prefix}…`} → ${notConfirmed(r.outcome)}`);
  for (const c of spec.categories)
    if (c.match && c.outcome) parts.push(`${c.match.part} ${c.match.values.join("|")} (${c.id}) → ${notConfirmed(c.outcome)}`);
  parts.push(`${parts.length ? "otherwise" : "every unlisted code"} → ${notConfirmed(spec.unknown.outcome)}`);
  return parts.join("; ");
}
