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
 */
import type { Code, Column, Composite, OutcomeContext } from "../../model/types.ts";
import type { RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { Lint } from "./lint-context.ts";

export function buildContexts(raw: RawSpec, composite: Composite | null, columns: readonly Column[], lint: Lint): OutcomeContext[] {
  const contexts: OutcomeContext[] = [];
  raw.outcome.contexts.forEach((c, i) => {
    const path = ["outcome", "contexts", i];
    if (contexts.some((x) => x.id === c.id)) lint.report([...path, "id"], `duplicate context "${c.id}"`);
    if (c.successCodes) {
      // The schema requires otherwise beside successCodes.
      contexts.push({ kind: "successCodes", id: c.id, title: c.title, successCodes: c.successCodes, otherwise: c.otherwise!, source: c.source ?? null });
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
    contexts.push({ kind: "column", id: c.id, title: c.title, from, map: c.map ?? {}, source: c.source ?? null });
  });
  return contexts;
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
