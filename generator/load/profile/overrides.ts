/** The rows of the base a profile changes (`overrides`, by code), and the outcomes it overrules. */
import type { OutcomeOverruling } from "../build/row-outcomes.ts";
import type { Lint } from "../build/lint-context.ts";
import type { RawOverride, RawProfile, RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { BaseCodes } from "./base-codes.ts";
import type { EndpointRestriction } from "./endpoint-restriction.ts";

/** What an override may change besides declared columns. */
const OVERRIDE_KEYS = new Set(["name", "message", "status", "description", "category", "errata", "outcome", "reason", "notes"]);

export interface ProfileOverrides {
  /** The overrides of codes the merged spec keeps, by code. */
  byCode: ReadonlyMap<string, RawOverride>;
  /** Every overruled outcome, by code. */
  outcomes: ReadonlyMap<string, OutcomeOverruling>;
}

export function readOverrides(p: RawProfile, b: RawSpec, codes: BaseCodes, restriction: EndpointRestriction, baseId: string, lint: Lint): ProfileOverrides {
  const byCode = new Map<string, RawOverride>();
  const outcomes = new Map<string, OutcomeOverruling>();
  const contextIds = b.outcome.contexts.map((c) => c.id);
  const columnKeys = new Set((b.columns ?? []).map((c) => c.key));
  const unknownContext = (path: (string | number)[], ctx: string) =>
    lint.report(path, `unknown context "${ctx}"${didYouMean(ctx, contextIds)} (${baseId} has ${contextIds.join(", ")})`, { key: true });
  for (const [code, o] of Object.entries(p.overrides ?? {})) {
    const path = ["overrides", code];
    const at = codes.byCode.get(code);
    if (!at) {
      lint.report(path, codes.noCode(code), { key: true });
      continue;
    }
    if (at.restricted) lint.report(path, `"${code}" belongs to an endpoint "${restriction.by!.key}" leaves out`, { key: true });
    if (codes.dropped.has(code)) lint.report(path, `"${code}" is both dropped and overridden`, { key: true });
    for (const key of Object.keys(o))
      if (!OVERRIDE_KEYS.has(key) && !columnKeys.has(key))
        lint.report([...path, key], `an override cannot change "${key}"${didYouMean(key, [...OVERRIDE_KEYS, ...columnKeys])} (it changes name, message, status, description, category, errata, outcome, notes${columnKeys.size ? " or a column" : ""})`, { key: true });
    if (o.outcome !== undefined) {
      if (typeof o.outcome === "object") for (const ctx of Object.keys(o.outcome)) if (!contextIds.includes(ctx)) unknownContext([...path, "outcome", ctx], ctx);
      if (o.reason === undefined) lint.report([...path, "outcome"], `an overridden outcome needs a "reason" beside it`, { key: true });
      outcomes.set(code, o.outcome);
    } else if (o.reason !== undefined) lint.report([...path, "reason"], `"reason" explains an overridden outcome; this override has none`, { key: true });
    for (const ctx of Object.keys(o.notes ?? {})) if (!contextIds.includes(ctx)) unknownContext([...path, "notes", ctx], ctx);
    if (!at.restricted && !codes.dropped.has(code)) byCode.set(code, o);
  }
  return { byCode, outcomes };
}
