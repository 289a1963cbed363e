/**
 * A profile's rule for codes no table lists (`unlisted`, by context id): a provider's
 * guide that says "any code in neither table is pending" restates the base's rule.
 * Each rule and `unknown` it states needs the guide's words (`source`) and why codebook
 * reads them so (`reason`); the build checks the rules themselves against the base.
 */
import type { Lint } from "../build/lint-context.ts";
import type { RawContextUnlisted, RawProfile, RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";

/** The restated rules, by context id. */
export type ProfileUnlisted = ReadonlyMap<string, RawContextUnlisted>;

export function readProfileUnlisted(p: RawProfile, b: RawSpec, baseId: string, lint: Lint): ProfileUnlisted {
  const out = new Map<string, RawContextUnlisted>();
  const ids = b.outcome.contexts.map((c) => c.id);
  for (const [ctx, u] of Object.entries(p.unlisted ?? {})) {
    const path = ["unlisted", ctx];
    if (!ids.includes(ctx)) {
      lint.report(path, `unknown context "${ctx}"${didYouMean(ctx, ids)} (${baseId} has ${ids.join(", ")})`, { key: true });
      continue;
    }
    const needs = (at: (string | number)[], what: string, given: { reason?: string; source?: string }) => {
      const missing = (["reason", "source"] as const).filter((k) => given[k] === undefined);
      if (missing.length) lint.report(at, `a profile's ${what} needs ${missing.map((k) => `"${k}"`).join(" and ")}: the guide's words (source) and why they change the base's rule (reason)`, { key: true });
    };
    u.rules?.forEach((r, i) => needs([...path, "rules", i], "rule for unlisted codes", r));
    if (u.unknown) needs([...path, "unknown"], "outcome for unlisted codes", u.unknown);
    out.set(ctx, u);
  }
  return out;
}
