/**
 * Notes per context (`outcome.contexts[].notes`) as the codes module shows them:
 * in each member's TSDoc and in `describe…`'s entry (`notes`, by context id).
 * A spec without notes gets none of this, so its output is unchanged.
 */
import type { Code, Spec } from "../../model/types.ts";
import { pure } from "./frozen.ts";
import { lit } from "./ts-module.ts";

export function hasNotes(spec: Spec): boolean {
  return spec.contexts.some((c) => c.notes && Object.keys(c.notes).length);
}

/** The notes on one code: [context id, text], in context order. */
export function notesOf(spec: Spec, code: string): [string, string][] {
  return spec.contexts.filter((c) => c.notes?.[code] !== undefined).map((c) => [c.id, c.notes![code]!]);
}

/** TSDoc lines for a member: `Note (context): text`. */
export function noteDocLines(spec: Spec, c: Code): string[] {
  return notesOf(spec, c.code).map(([ctx, text]) => `- Note${spec.contexts.length > 1 ? ` (${ctx})` : ""}: ${text}`);
}

/** The entry field: a note per context id, where the context attaches one. */
export function notesField(spec: Spec): string {
  return `/** Notes the contexts attach to this code, by context id. */\nreadonly notes: { ${spec.contexts.map((c) => `readonly ${c.id}?: string`).join("; ")} };`;
}

export function notesLiteral(spec: Spec, code: string): string {
  return `{ ${notesOf(spec, code).map(([ctx, text]) => `${ctx}: ${lit(text)}`).join(", ")} }`;
}

/** For tables whose entries are built from tuples: the notes by code (frozen with the entries built from them). */
export function notesTable(spec: Spec, entry: string): string {
  const rows = spec.codes.filter((c) => notesOf(spec, c.code).length).map((c) => `[${lit(c.code)}, ${notesLiteral(spec, c.code)}],`);
  return `/** Notes the contexts attach to codes. */\nconst NOTES: ReadonlyMap<string, ${entry}["notes"]> = ${pure(`new Map<string, ${entry}["notes"]>([\n${rows.join("\n")}\n])`)};`;
}
