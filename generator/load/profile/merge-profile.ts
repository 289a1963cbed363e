/**
 * Provider profiles: a spec with `extends: <base-id>` is resolved here, in the
 * load stage, into a plain spec value (the base with the profile's changes
 * applied) that build-spec.ts checks and builds like any other, with the merge's
 * plan as an input: the rows section applies the profile's outcome overrides, and
 * the build records what the profile changed (`spec.profile`).
 *
 * The merge is an ordered list of sections, each a function of the profile, the
 * base and the sections before it; the merged value's nodes remember where they
 * came from (origins.ts), so its diagnostics point into the profile or the base.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { Spec } from "../../model/types.ts";
import { LintSink, type Lint } from "../build/lint-context.ts";
import type { RawProfile, RawSpec } from "../spec-schema.types.ts";
import type { YamlSource } from "../yaml-source.ts";
import { readAddedRows } from "./added-rows.ts";
import { readBaseCodes } from "./base-codes.ts";
import { restrictEndpoints } from "./endpoint-restriction.ts";
import { mergeApi } from "./field-patches.ts";
import { mergeActions } from "./merged-actions.ts";
import { mergeContexts } from "./merged-contexts.ts";
import { mergeTables } from "./merged-tables.ts";
import { Origins, origin, type Origin } from "./origins.ts";
import { readOverrides } from "./overrides.ts";
import type { ProfilePlan } from "./profile-record.ts";
import { readProfileUnlisted } from "./profile-unlisted.ts";

export { PROFILE_KEYS } from "./profile-keys.ts";
/** The keys a profile takes from its base and cannot restate. */
const BASE_KEYS = ["code", "categories", "columns", "outcome", "transport", "tables", "api"] as const;

export function isProfile(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, "extends");
}

/** The base a profile names, resolved (itself possibly a profile) and built. */
export interface ResolvedBase {
  source: YamlSource;
  spec: Spec;
}

/**
 * Every profile-level problem that does not need the built IR: unknown keys of the base,
 * overrides and drops that name no code, restrictions that name no endpoint, field
 * patches that name no field. Returns the merged source and the plan when there are none.
 */
export function mergeProfile(profile: YamlSource, base: ResolvedBase): { source?: YamlSource; plan?: ProfilePlan; diagnostics: Diagnostic[] } {
  const p = profile.value as RawProfile;
  const b = base.source.value as RawSpec;
  const baseId = String(p.extends);
  const lint = new LintSink(profile);
  const origins = new Origins(profile, base.source);
  checkProfileKeys(p, b, baseId, lint);
  const restriction = restrictEndpoints(p, b, baseId, lint);
  const codes = readBaseCodes(p, b, restriction, baseId, lint);
  const overrides = readOverrides(p, b, codes, restriction, baseId, lint);
  const added = readAddedRows(p, b, baseId, lint);
  const unlisted = readProfileUnlisted(p, b, baseId, lint);
  const tables = mergeTables(b, { codes, restriction, overrides: overrides.byCode, overrideAt: overrides.at, added }, origins);
  const contexts = mergeContexts(b, codes, overrides, unlisted, baseId, origins, lint);
  const { actions, changes: actionChanges } = mergeActions(p, b, codes, origins, lint);
  const api = mergeApi(p, b, restriction, baseId, origins, lint);

  // The merged spec: the profile's own keys, the base's table.
  const errata = [...(b.errata ?? []).map((e, i) => origins.mark(e, origins.inBase(["errata", i]))), ...(p.errata ?? []).map((e, i) => origins.mark(e, origins.inProfile(["errata", i])))];
  const merged: RawSpec = {
    codebook: p.codebook,
    kind: b.kind,
    id: p.id,
    title: p.title,
    version: p.version,
    typePrefix: p.typePrefix,
    source: p.source,
    code: b.code,
    ...(b.categories !== undefined ? { categories: b.categories } : {}),
    ...(b.columns !== undefined ? { columns: b.columns } : {}),
    outcome: origins.mark({ ...b.outcome, contexts }, origins.inBase(["outcome"], { contexts: origins.inBase(["outcome", "contexts"]) })),
    ...(b.transport !== undefined ? { transport: b.transport } : {}),
    ...(actions.length ? { actions } : {}),
    tables,
    ...(api.api ? { api: api.api } : {}),
    ...(errata.length ? { errata } : {}),
  };
  const rootKeys: Record<string, Origin> = {};
  for (const key of ["code", "categories", "columns", "transport", "actions", "tables"]) rootKeys[key] = origins.inBase([key]);
  origins.mark(merged, origin(profile, [], rootKeys));
  origins.mark(errata, b.errata ? origins.inBase(["errata"]) : origins.inProfile(["errata"]));

  if (lint.diagnostics.length) return { diagnostics: lint.diagnostics };
  const overridden = [...overrides.byCode].map(([code, o]) => ({ code, reason: o.reason ?? null }));
  return {
    source: origins.source(merged),
    diagnostics: [],
    plan: {
      base: base.spec,
      outcomes: overrides.outcomes,
      overridden,
      // In the base's order.
      dropped: base.spec.codes.map((c) => c.code).filter((c) => codes.dropped.has(c)),
      removedEndpoints: restriction.removed.map((e) => ({ key: e.key, serviceCode: e.serviceCode, name: e.name })),
      fields: api.fields,
      unlisted: b.outcome.contexts.map((c) => c.id).filter((id) => unlisted.has(id)),
      actions: actionChanges,
      ownSamples: new Map(Object.entries(p.samples ?? {}).map(([key, list]) => [key, list.length])),
    },
  };
}

/** What a profile may not say: its base's sections, another kind, an API's keys on a code table. */
function checkProfileKeys(p: RawProfile, b: RawSpec, baseId: string, lint: Lint): void {
  for (const key of BASE_KEYS)
    if (Object.hasOwn(p, key))
      lint.report(
        [key],
        key === "outcome"
          ? `a profile takes "outcome" from its base "${baseId}"; restate the rule for unlisted codes per context with "unlisted", and a row's outcome with overrides`
          : `a profile takes "${key}" from its base "${baseId}"; change rows with overrides, codes and drop`,
        { key: true },
      );
  if (p.kind !== undefined && p.kind !== b.kind) lint.report(["kind"], `kind "${p.kind}" differs from the base's ("${b.kind}"); leave kind out of a profile`);
  if (b.kind !== "api")
    for (const key of ["services", "endpoints", "fields", "samples"])
      if (Object.hasOwn(p, key)) lint.report([key], `"${key}" applies to a profile of an API; "${baseId}" is a code table`, { key: true });
  if (p.services && p.endpoints) lint.report(["endpoints"], `give "services" or "endpoints", not both`, { key: true });
}
