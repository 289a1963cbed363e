/**
 * What a profile changed, as the IR records it (`spec.profile`): the build makes
 * it from the merge's plan and the profile's finished codes, beside the rest of the IR.
 */
import type { Code, Column, OutcomeContext, Profile, Provenance, RowChange, Spec } from "../../model/types.ts";
import type { OutcomeOverruling } from "../build/row-outcomes.ts";

/** What the merge decided that the build needs: outcome overrides, and the facts of the record. */
export interface ProfilePlan {
  base: Spec;
  /** The profile's outcome overrides by code: the rows section applies them. */
  outcomes: ReadonlyMap<string, OutcomeOverruling>;
  overridden: { code: string; reason: string | null }[];
  dropped: string[];
  removedEndpoints: Profile["removedEndpoints"];
  fields: Profile["fields"];
  unlisted: NonNullable<Profile["unlisted"]>;
  actions: NonNullable<Profile["actions"]>;
  /** Per endpoint key, how many of its merged samples are the profile's own; the rest are the base's. */
  ownSamples: ReadonlyMap<string, number>;
}

/** The profile's codes with the columns and contexts (notes included) they were built with. */
export interface BuiltProfile {
  codes: readonly Code[];
  columns: readonly Column[];
  contexts: readonly OutcomeContext[];
}

export function profileRecord(plan: ProfilePlan, built: BuiltProfile): Profile {
  const byCode = new Map(built.codes.map((c) => [c.code, c]));
  const baseCodes = new Map(plan.base.codes.map((c) => [c.code, c]));
  const overriddenCodes = new Set(plan.overridden.map((o) => o.code));
  const provenance: Record<string, Provenance> = {};
  for (const c of built.codes) provenance[c.code] = overriddenCodes.has(c.code) ? "overridden" : baseCodes.has(c.code) ? "inherited" : "added";
  return {
    base: { id: plan.base.id, title: plan.base.title, version: plan.base.version, file: plan.base.specFile },
    provenance,
    overridden: plan.overridden
      .filter((o) => byCode.has(o.code))
      .map((o) => ({ code: o.code, changes: rowChanges(baseCodes.get(o.code)!, byCode.get(o.code)!, built, plan.base), reason: o.reason })),
    added: built.codes.filter((c) => provenance[c.code] === "added").map((c) => c.code),
    dropped: plan.dropped,
    removedEndpoints: plan.removedEndpoints,
    fields: plan.fields,
    ...(plan.unlisted.length ? { unlisted: plan.unlisted } : {}),
    ...(plan.actions.length ? { actions: plan.actions } : {}),
  };
}

/** What differs between a base row and the profile's row, as text for the README. */
function rowChanges(before: Code, after: Code, built: BuiltProfile, base: Spec): RowChange[] {
  const changes: RowChange[] = [];
  const add = (what: string, from: string | null, to: string | null) => {
    if (from !== to) changes.push({ what, from, to });
  };
  add("name", before.name, after.name);
  add("message", before.message, after.message);
  add("status", before.status, after.status);
  add("description", before.description, after.description);
  add("category", before.category, after.category);
  for (const col of built.columns) add(col.title, before.columns[col.key]?.text ?? null, after.columns[col.key]?.text ?? null);
  for (const ctx of built.contexts) add(built.contexts.length > 1 ? `outcome (${ctx.id})` : "outcome", before.outcomes[ctx.id] ?? null, after.outcomes[ctx.id] ?? null);
  add("errata", before.errata.join(", ") || null, after.errata.join(", ") || null);
  for (const ctx of built.contexts) {
    const was = base.contexts.find((c) => c.id === ctx.id)?.notes?.[before.code] ?? null;
    add(built.contexts.length > 1 ? `note (${ctx.id})` : "note", was, ctx.notes?.[after.code] ?? null);
  }
  return changes;
}
