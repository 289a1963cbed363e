/**
 * Outcome contexts: how a listed code gets its outcome, per context (the first is
 * the default). A context may attach a note to a code ("201 means 3-D Secure
 * pending for credit cards"):
 *
 *   outcome:
 *     contexts:
 *       - id: creditCard
 *         …
 *         notes:
 *           "201": 3-D Secure pending for credit cards
 *
 * Each note must name a code the tables list, so the notes are read once the rows
 * are built (`withNotes`).
 *
 * A context may state its own rule for codes the table does not list (`unlisted`):
 * rules on a part, the code's prefix or the category, then an outcome for the rest;
 * model/semantics/unlisted.ts says what they mean.
 */
import type { Category, Code, Column, Composite, ContextUnlisted, OutcomeContext, UnlistedCodeRule } from "../../model/types.ts";
import type { RawContextUnlisted, RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { Lint } from "./lint-context.ts";

export function buildContexts(raw: RawSpec, composite: Composite | null, columns: readonly Column[], categories: readonly Category[], lint: Lint): OutcomeContext[] {
  const contexts: OutcomeContext[] = [];
  raw.outcome.contexts.forEach((c, i) => {
    const path = ["outcome", "contexts", i];
    if (contexts.some((x) => x.id === c.id)) lint.report([...path, "id"], `duplicate context "${c.id}"`);
    const unlisted = c.unlisted ? { unlisted: readUnlisted(c.unlisted, [...path, "unlisted"], composite, categories, lint) } : {};
    if (c.successCodes) {
      // The schema requires otherwise beside successCodes.
      contexts.push({ kind: "successCodes", id: c.id, title: c.title, successCodes: c.successCodes, otherwise: c.otherwise!, source: c.source ?? null, ...unlisted });
      return;
    }
    // The schema requires from where there are no successCodes.
    const from = c.from!;
    // A broken context is reported once and left out, so rows do not each report its consequence.
    if (from === "parts") {
      if (!composite?.rules.length) return lint.report([...path, "from"], `context "${c.id}" takes outcomes from parts, but code.composite has no rules`);
    } else if (from !== "status" && !columns.some((col) => col.key === from)) {
      return lint.report([...path, "from"], `unknown column "${from}" (expected status, parts or a declared column)${didYouMean(from, ["status", "parts", ...columns.map((x) => x.key)])}`);
    } else if (!c.map) {
      lint.report([...path], `context "${c.id}" needs a "map" from the source's words to outcomes`, { key: true });
    } else if (from !== "status") {
      const col = columns.find((x) => x.key === from)!;
      for (const word of Object.keys(c.map))
        if (col.values.length && !col.values.includes(word)) lint.report([...path, "map", word], `"${word}" is not a value of column "${col.key}"${didYouMean(word, col.values)}`, { key: true });
    }
    contexts.push({ kind: "column", id: c.id, title: c.title, from, map: c.map ?? {}, source: c.source ?? null, ...unlisted });
  });
  return contexts;
}

/** A context's own rule for unlisted codes: each rule names a part the code has, a value of its length, or a category that claims codes. */
function readUnlisted(u: RawContextUnlisted, path: Path, composite: Composite | null, categories: readonly Category[], lint: Lint): ContextUnlisted {
  const rules = u.rules?.map((r, i): UnlistedCodeRule => {
    const at = [...path, "rules", i];
    const given = ["values", "prefix", "category"].filter((k) => Object.hasOwn(r, k));
    if (given.length > 1) lint.report(at, `a rule tests one thing: give values, prefix or category, not ${given.join(" and ")}`, { key: true });
    if (r.part !== undefined) {
      const part = composite?.parts.find((p) => p.name === r.part);
      if (!composite) lint.report([...at, "part"], `"part" needs code.composite; without it, a rule's prefix is the code's start`);
      else if (!part) lint.report([...at, "part"], `unknown part "${r.part}"${didYouMean(r.part, composite.parts.map((p) => p.name))}`);
      else {
        for (const [j, v] of (r.values ?? []).entries()) if (v.length !== part.length) lint.report([...at, "values", j], `"${v}" does not fit part "${part.name}" (length ${part.length})`);
        if (r.prefix !== undefined && r.prefix.length > part.length) lint.report([...at, "prefix"], `prefix "${r.prefix}" is longer than part "${part.name}" (length ${part.length})`);
      }
      if (r.category !== undefined) lint.report([...at, "category"], `a category rule reads no part: remove "part"`);
    } else if (r.values !== undefined) lint.report([...at, "values"], `values need a part: name the composite part they are values of, or give the code's prefix`);
    if (r.category !== undefined) {
      const c = categories.find((x) => x.id === r.category);
      if (!c) lint.report([...at, "category"], `unknown category "${r.category}"${didYouMean(r.category, categories.map((x) => x.id))}`);
      else if (!c.match) lint.report([...at, "category"], `category "${c.id}" has no match, so it claims no unlisted code: give it a match, or test the code's parts or prefix`);
    }
    return { part: r.part ?? null, values: r.values ?? null, prefix: r.prefix ?? null, category: r.category ?? null, outcome: r.outcome, reason: r.reason ?? null, source: r.source ?? null };
  });
  const unknown = u.unknown ? { outcome: u.unknown.outcome, source: u.unknown.source ?? null, reason: u.unknown.reason ?? null } : null;
  return { rules: rules ?? null, unknown };
}

/** Every code a context's success list names must be listed. */
export function checkSuccessCodes(contexts: readonly OutcomeContext[], listed: ReadonlyMap<string, Path>, lint: Lint): void {
  for (const [i, c] of contexts.entries())
    if (c.kind === "successCodes")
      c.successCodes.forEach((code, j) => {
        if (!listed.has(code)) lint.report(["outcome", "contexts", i, "successCodes", j], `context "${c.id}" names code "${code}", which no table lists`);
      });
}

/**
 * The contexts with their notes, each in the codes' source order whatever order the
 * notes were written in (the output is stable). A note on a code no table lists is
 * reported.
 */
export function withNotes(raw: RawSpec, contexts: readonly OutcomeContext[], codes: readonly Code[], lint: Lint): OutcomeContext[] {
  const listed = new Set(codes.map((c) => c.code));
  return contexts.map((context, i) => {
    const c = raw.outcome.contexts[i];
    if (!c?.notes) return context;
    const notes: Record<string, string> = {};
    for (const [code, text] of Object.entries(c.notes)) {
      if (!listed.has(code)) lint.report(["outcome", "contexts", i, "notes", code], `context "${c.id}" has a note on code "${code}", which no table lists${didYouMean(code, [...listed])}`, { key: true });
      else notes[code] = text;
    }
    const ordered = codes.filter((x) => Object.hasOwn(notes, x.code)).map((x) => [x.code, notes[x.code]!] as const);
    return ordered.length ? { ...context, notes: Object.fromEntries(ordered) } : context;
  });
}
