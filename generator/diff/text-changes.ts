/**
 * Documentation-only changes: the text a spec carries for readers (titles,
 * intros, errata, sources, reasons, samples, context notes, a profile's record)
 * that reaches the generated README,
 * doc comments and `reason` strings but never a classification or a type.
 * Each part is compared as a whole and reported once, as `text-changed` (fix).
 */
import type { Spec } from "../model/types.ts";
import { canonicalJson } from "../model/content.ts";
import type { Change } from "./levels.ts";
import { judge } from "./levels.ts";

/** A value for a one-line message: quoted, shortened, "none" for null. */
export function quote(text: string | null, max = 60): string {
  if (text === null) return "none";
  const one = text.replace(/\s+/g, " ");
  return JSON.stringify(one.length > max ? `${one.slice(0, max - 1)}…` : one);
}

/** Every documentary part of a spec, by a stable name, as JSON. */
function documentation(s: Spec): Map<string, { text: string; code?: string; endpoint?: string }> {
  const parts = new Map<string, { text: string; code?: string; endpoint?: string }>();
  const put = (name: string, value: unknown, at: { code?: string; endpoint?: string } = {}) => parts.set(name, { text: canonicalJson(value), ...at });
  put("title", s.title);
  put("source", s.source);
  put("code.description", s.patternDescription);
  for (const e of s.errata) put(`errata.${e.id}`, e);
  for (const t of s.tables) put(`tables.${t.id}`, { title: t.title, intro: t.intro, headers: t.headers, scope: t.scope });
  for (const c of s.categories) put(`categories.${c.id}`, { label: c.label, description: c.description, reason: c.reason });
  for (const c of s.columns) put(`columns.${c.key}`, { title: c.title, description: c.description });
  for (const c of s.contexts) put(`outcome.contexts.${c.id}`, { title: c.title, source: c.source });
  // Notes reach TSDoc, describe…'s entries, the catalog and the README, never a classification.
  for (const c of s.contexts) put(`outcome.contexts.${c.id}.notes`, c.notes ?? {});
  // A profile's record (its base, provenance, what it leaves out) reaches its README and catalog;
  // the rows and endpoints it changes are itemised as code and endpoint changes.
  // Where the base's file is (the spec directory or codebook's shipped specs) is no content.
  put("extends", s.profile ? { ...s.profile, base: { ...s.profile.base, file: undefined } } : null);
  put("outcome.unknown", { source: s.unknown.source, reason: s.unknown.reason });
  put("code.composite.rules", (s.composite?.rules ?? []).map((r) => ({ reason: r.reason, source: r.source })));
  put("code.composite.parts", (s.composite?.parts ?? []).map((p) => ({ name: p.name, description: p.description })));
  if (s.transport)
    put("transport", { title: s.transport.title, headers: s.transport.headers, rules: s.transport.rules.map((r) => ({ http: r.http, label: r.label, description: r.description, status: r.status, solution: r.solution })) });
  for (const x of s.actions) put(`actions.${x.id}`, { title: x.title, source: x.source });
  for (const c of s.codes) put(`codes.${c.code}`, { errata: c.errata, overrides: c.overrides.map((o) => o.reason) }, { code: c.code });
  if (s.api) {
    put("api.requestErrors", s.api.requestErrors);
    for (const h of s.api.headers) put(`api.headers.${h.name}`, h);
    for (const h of s.api.responseHeaders) put(`api.responseHeaders.${h.name}`, h);
    for (const e of s.api.endpoints) {
      const at = { endpoint: e.key };
      put(`endpoints.${e.serviceCode}.name`, e.name, at);
      put(`endpoints.${e.serviceCode}.tables`, { request: e.request.headers, response: e.response.headers }, at);
      put(`endpoints.${e.serviceCode}.samples`, e.samples, at);
      put(`endpoints.${e.serviceCode}.callback`, e.callback, at);
    }
  }
  return parts;
}

/** `text-changed` for each documentary part whose text differs, where the part exists on both sides. */
export function compareText(a: Spec, b: Spec): Change[] {
  const before = documentation(a);
  const after = documentation(b);
  const out: Change[] = [];
  for (const [name, now] of after) {
    const old = before.get(name);
    if (!old && ownedByAddition(name)) continue;
    if (old?.text === now.text) continue;
    const at = { ...(now.code === undefined ? {} : { code: now.code }), ...(now.endpoint === undefined ? {} : { endpoint: now.endpoint }) };
    out.push(judge("fix", { kind: "text-changed", ...at, field: name, what: `${name} ${old ? "changed" : "added"}` }));
  }
  for (const [name, old] of before) {
    if (after.has(name) || ownedByAddition(name)) continue;
    const at = old.code === undefined ? {} : { code: old.code };
    out.push(judge("fix", { kind: "text-changed", ...at, field: name, what: `${name} removed` }));
  }
  return out;
}

/**
 * A part on one side only is its own documentation change only for errata and
 * source tables; codes, endpoints, contexts, categories, columns, actions and
 * headers that come or go are reported as that addition or removal.
 */
function ownedByAddition(name: string): boolean {
  return !name.startsWith("errata.") && !name.startsWith("tables.");
}
