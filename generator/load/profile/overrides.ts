/** The rows of the base a profile changes (`overrides`, by code), and the outcomes it overrules. */
import type { OutcomeOverruling } from "../build/row-outcomes.ts";
import type { Lint } from "../build/lint-context.ts";
import type { RawOverride, RawProfile, RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { BaseCodes } from "./base-codes.ts";
import type { EndpointRestriction } from "./endpoint-restriction.ts";

/** What an override may change besides declared columns. */
const OVERRIDE_KEYS = new Set(["name", "message", "status", "description", "category", "errata", "outcome", "reason", "notes"]);

export interface ProfileOverrides {
  /** The overrides of codes the merged spec keeps, by code. */
  byCode: ReadonlyMap<string, RawOverride>;
  /** Where each code's override is written (`["overrides", key]` or `["overrides", index]`). */
  at: ReadonlyMap<string, Path>;
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
  const atOf = new Map<string, Path>();
  for (const { path, target, o, listed } of entries(p)) {
    const targetPath = listed ? (typeof target === "string" ? [...path, "code"] : [...path, "parts"]) : path;
    const found = codes.resolve(target, targetPath, { report: (at, message, options) => lint.report(at, message, { key: !listed, ...options }), lineOf: (at) => lint.lineOf(at) });
    if (!found.length) continue;
    const shown = found.length === 1 ? found[0]! : typeof target === "string" ? target : found.join(", ");
    const restricted = found.filter((c) => codes.byCode.get(c)!.restricted);
    if (restricted.length === found.length) lint.report(path, `"${shown}" belongs to an endpoint "${restriction.by!.key}" leaves out`, { key: true });
    for (const code of found) {
      if (codes.dropped.has(code)) lint.report(path, `"${code}" is both dropped and overridden`, { key: true });
      else if (atOf.has(code)) lint.report(path, `"${code}" is overridden twice (first at line ${lint.lineOf(atOf.get(code)!)})`, { key: true });
    }
    for (const key of Object.keys(o))
      if (listed && (key === "code" || key === "parts")) continue;
      else if (!OVERRIDE_KEYS.has(key) && !columnKeys.has(key))
        lint.report([...path, key], `an override cannot change "${key}"${didYouMean(key, [...OVERRIDE_KEYS, ...columnKeys])} (it changes name, message, status, description, category, errata, outcome, notes${columnKeys.size ? " or a column" : ""})`, { key: true });
    if (o.outcome !== undefined) {
      if (typeof o.outcome === "object") for (const ctx of Object.keys(o.outcome)) if (!contextIds.includes(ctx)) unknownContext([...path, "outcome", ctx], ctx);
      if (o.reason === undefined) lint.report([...path, "outcome"], `an overridden outcome needs a "reason" beside it`, { key: true });
      for (const code of found) outcomes.set(code, o.outcome);
    } else if (o.reason !== undefined) lint.report([...path, "reason"], `"reason" explains an overridden outcome; this override has none`, { key: true });
    for (const ctx of Object.keys(o.notes ?? {})) if (!contextIds.includes(ctx)) unknownContext([...path, "notes", ctx], ctx);
    const change: RawOverride = listed ? withoutTarget(o) : o;
    for (const code of found)
      if (!codes.byCode.get(code)!.restricted && !codes.dropped.has(code) && !atOf.has(code)) {
        byCode.set(code, change);
        atOf.set(code, path);
      }
  }
  return { byCode, at: atOf, outcomes };
}

/** Each override as written: in the map (by code or notation) or the list (with code or parts). */
function entries(p: RawProfile): { path: Path; target: string | Record<string, string>; o: RawOverride; listed: boolean }[] {
  const o = p.overrides;
  if (o === undefined) return [];
  if (Array.isArray(o)) return o.map((x, i) => ({ path: ["overrides", i], target: x.code ?? x.parts ?? "", o: x, listed: true }));
  return Object.entries(o).map(([code, x]) => ({ path: ["overrides", code], target: code, o: x, listed: false }));
}

function withoutTarget(o: RawOverride & { code?: string; parts?: unknown }): RawOverride {
  const { code: _code, parts: _parts, ...rest } = o;
  return rest;
}
