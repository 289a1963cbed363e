/**
 * Semantic checks and IR construction for one spec whose shape the JSON Schema
 * has already accepted. The build is an ordered list of sections (build/): each
 * is a function of the raw spec and of the sections before it, and reports its
 * problems as positioned diagnostics into one sink. The model is returned only
 * when there are none; nothing patches it afterwards.
 */
import type { Diagnostic } from "./diagnostics.ts";
import type { Spec } from "../model/types.ts";
import { buildActions } from "./build/actions.ts";
import { buildApi } from "./build/build-api.ts";
import { buildCategories } from "./build/categories.ts";
import { codePattern } from "./build/code-pattern.ts";
import { buildColumns } from "./build/columns.ts";
import { buildComposite } from "./build/composite.ts";
import { buildContexts, checkSuccessCodes, withNotes } from "./build/contexts.ts";
import { checkId, checkKind, checkNoProfileKeys, checkVersion } from "./build/document.ts";
import { buildErrata } from "./build/errata.ts";
import { LintSink } from "./build/lint-context.ts";
import { buildRows } from "./build/rows.ts";
import { buildTransport } from "./build/transport.ts";
import { profileRecord, type ProfilePlan } from "./profile/profile-record.ts";
import type { RawSpec } from "./spec-schema.types.ts";
import type { YamlSource } from "./yaml-source.ts";

/** `profile`: the merge's plan when the spec is a profile merged with its base (profile/merge-profile.ts). */
export function buildSpec(source: YamlSource, specFile: string, expectedId: string, profile?: ProfilePlan): { spec?: Spec; diagnostics: Diagnostic[] } {
  const raw = source.value as RawSpec;
  const lint = new LintSink(source);
  checkId(raw, expectedId, lint);
  checkVersion(raw, lint);
  if (!profile) checkNoProfileKeys(raw, lint);
  const errata = buildErrata(raw, lint);
  const pattern = codePattern(raw, lint);
  const composite = buildComposite(raw, lint);
  const categories = buildCategories(raw, composite.composite, lint);
  const columns = buildColumns(raw, lint);
  const contexts = buildContexts(raw, composite.composite, columns.columns, categories.categories, lint);
  const overruling = profile?.outcomes ?? new Map();
  const rows = buildRows(raw, { pattern, composite, categoryIds: categories.ids, errataIds: errata.ids, columns, contexts, overruling }, lint);
  const actions = buildActions(raw, rows.codes, rows.codeAt, composite.composite, lint);
  checkSuccessCodes(contexts, rows.codeAt, lint);
  const transport = buildTransport(raw, lint);
  const api = buildApi(raw, { composite: composite.composite, codes: rows.codes, errataIds: errata.ids, ownSamples: profile?.ownSamples ?? null }, lint);
  checkKind(raw, composite.composite, api, lint);
  if (lint.diagnostics.length) return { diagnostics: lint.unique() };
  // Notes are read on a spec with no other problem: a note may name the code of a broken row.
  const noted = withNotes(raw, contexts, rows.codes, lint);
  if (lint.diagnostics.length) return { diagnostics: lint.unique() };

  const spec: Spec = {
    kind: raw.kind,
    id: raw.id,
    title: raw.title,
    version: raw.version,
    typePrefix: raw.typePrefix,
    specFile,
    source: { provider: raw.source.provider, document: raw.source.document, seed: raw.source.seed ?? null, intro: raw.source.intro ?? null },
    pattern: raw.code.pattern,
    patternDescription: raw.code.description ?? null,
    composite: composite.composite,
    categories: categories.categories,
    columns: columns.columns,
    contexts: noted,
    unknown: { outcome: raw.outcome.unknown.outcome, source: raw.outcome.unknown.source ?? null, reason: raw.outcome.unknown.reason ?? null },
    transport,
    actions,
    tables: rows.tables,
    codes: rows.codes,
    errata: errata.errata,
    api,
  };
  if (!profile) return { diagnostics: [], spec };
  return { diagnostics: [], spec: { ...spec, profile: profileRecord(profile, { codes: rows.codes, columns: columns.columns, contexts: noted }) } };
}
