/**
 * The warning about contexts. A context that gives every code the outcome the
 * default context gives it, treats unlisted codes alike and carries no note
 * changes nothing a caller can observe: that is a warning, not an error.
 */
import type { Diagnostic } from "./diagnostics.ts";
import type { YamlSource } from "./yaml-source.ts";
import type { OutcomeContext, Spec } from "../model/types.ts";

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
