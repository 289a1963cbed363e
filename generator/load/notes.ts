/**
 * Notes per context, and the warnings about contexts. A context may attach a
 * note to a code ("201 means 3-D Secure pending for credit cards"):
 *
 *   outcome:
 *     contexts:
 *       - id: creditCard
 *         …
 *         notes:
 *           "201": 3-D Secure pending for credit cards
 *
 * The notes join the IR after build-spec (`OutcomeContext.notes`); each must name
 * a code the table lists. A context that gives every code the outcome the
 * default context gives it, treats unlisted codes alike and carries no note
 * changes nothing a caller can observe: that is a warning, not an error.
 */
import type { Diagnostic } from "./diagnostics.ts";
import type { YamlSource } from "./yaml-source.ts";
import type { OutcomeContext, Spec } from "../model/types.ts";
import { didYouMean } from "./suggest.ts";

type Raw = Record<string, any>;

/** Copies each context's notes into the IR; a note on a code the table does not list is an error. */
export function attachNotes(spec: Spec, source: YamlSource): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const listed = new Set(spec.codes.map((c) => c.code));
  const raw = ((source.value as Raw).outcome?.contexts ?? []) as Raw[];
  raw.forEach((c, i) => {
    if (!c.notes) return;
    const context = spec.contexts[i];
    if (!context) return;
    const notes: Record<string, string> = {};
    for (const [code, text] of Object.entries(c.notes as Record<string, string>)) {
      if (!listed.has(code))
        diagnostics.push(source.at(["outcome", "contexts", i, "notes", code], `context "${c.id}" has a note on code "${code}", which no table lists${didYouMean(code, [...listed])}`, { key: true }));
      else notes[code] = text;
    }
    // Source order of the codes, whatever order the notes were written in: the output is stable.
    const ordered = spec.codes.filter((x) => Object.hasOwn(notes, x.code)).map((x) => [x.code, notes[x.code]!] as const);
    if (ordered.length) context.notes = Object.fromEntries(ordered);
  });
  return diagnostics;
}

/** Contexts other than the default that change no outcome and carry no note. */
export function contextWarnings(spec: Spec, source: YamlSource): Diagnostic[] {
  const [first, ...rest] = spec.contexts;
  if (!first) return [];
  const warnings: Diagnostic[] = [];
  spec.contexts.forEach((c, i) => {
    if (i === 0 || !rest.includes(c)) return;
    if (c.notes && Object.keys(c.notes).length) return;
    if (!sameUnlistedRule(first, c)) return;
    if (spec.codes.some((code) => code.outcomes[c.id] !== code.outcomes[first.id])) return;
    warnings.push(
      source.at(
        ["outcome", "contexts", i, "id"],
        `context "${c.id}" never changes an outcome: every code has the outcome it has in "${first.id}" (the default); remove it, or attach notes to it`,
      ),
    );
  });
  return warnings;
}

/** Whether two contexts classify a code the table does not list alike. */
function sameUnlistedRule(a: OutcomeContext, b: OutcomeContext): boolean {
  if (a.kind === "column" && b.kind === "column") return true;
  return a.kind === "successCodes" && b.kind === "successCodes" && a.otherwise === b.otherwise;
}
