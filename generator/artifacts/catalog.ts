/**
 * catalog.json: the language-neutral catalog other tools read. Its shape is a
 * contract (see README): id, title, source, codes[] in source order, each with
 * code, name, message, outcome, category, description, the extra columns under
 * their keys, per-context outcomes, and a composite code's parts. Added keys:
 * `notes` (per context) on a row with notes; a profile's `extends` and each row's
 * `provenance` (inherited | overridden | added).
 */
import type { Spec } from "../model/types.ts";
import { jsonWithHeader, type GeneratedFile } from "../model/generated-file.ts";

export function emitCatalog(spec: Spec): GeneratedFile {
  const multiContext = spec.contexts.length > 1;
  const codes = spec.codes.map((c) => {
    const entry: Record<string, unknown> = {
      code: c.code,
      name: c.name,
      message: c.message,
      outcome: c.outcomes[spec.contexts[0]!.id],
      category: c.category,
      description: c.description,
    };
    for (const col of spec.columns) entry[col.key] = c.columns[col.key]!.value;
    if (multiContext) entry.outcomes = c.outcomes;
    // A composite code's parts sit beside the other keys (http, service, case) unless a
    // part's name is already taken (a part named "category", say), then under "parts".
    if (c.parts) {
      if (Object.keys(c.parts).some((k) => k in entry)) entry.parts = c.parts;
      else Object.assign(entry, c.parts);
    }
    entry.status = c.status;
    if (spec.tables.some((t) => t.scope)) entry.scope = spec.tables.find((t) => t.id === c.table)!.scope?.id ?? null;
    if (spec.actions.length) entry.actions = spec.actions.filter((a) => a.codes.includes(c.code)).map((a) => a.id);
    entry.table = c.table;
    entry.row = c.row;
    // Notes per context, where a context attaches one to this code (added keys: the shape stays).
    const notes = Object.fromEntries(spec.contexts.filter((x) => x.notes?.[c.code] !== undefined).map((x) => [x.id, x.notes![c.code]!]));
    if (Object.keys(notes).length) entry.notes = notes;
    // A profile marks where each row comes from: its base, its base changed, or its own.
    if (spec.profile) entry.provenance = spec.profile.provenance[c.code];
    return entry;
  });
  const value = {
    id: spec.id,
    title: spec.title,
    version: spec.version,
    ...(spec.profile ? { extends: profileRecord(spec) } : {}),
    source: { document: spec.source.document, provider: spec.source.provider },
    pattern: spec.pattern,
    categories: spec.categories.map((c) => ({ id: c.id, label: c.label, description: c.description })),
    contexts: spec.contexts.map((c) => ({ id: c.id, title: c.title, source: c.source })),
    unlisted: spec.unknown,
    codes,
  };
  return { path: `${spec.id}/catalog.json`, content: jsonWithHeader(spec, value) };
}

/** A profile's base and what it leaves out (its rows carry the rest: `provenance`). */
function profileRecord(spec: Spec): Record<string, unknown> {
  const p = spec.profile!;
  return {
    id: p.base.id,
    version: p.base.version,
    dropped: p.dropped,
    ...(spec.api ? { removedEndpoints: p.removedEndpoints.map((e) => e.key) } : {}),
  };
}
