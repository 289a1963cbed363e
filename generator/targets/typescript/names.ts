/**
 * The TypeScript target's naming rules, checked at lint time: every code's member
 * name must be a usable identifier, and the type names it derives from context,
 * category and scope ids (`IakPrepaidPendingCode`, `…Result`, `…CategoryCode`) must
 * not collide. codebook never renames silently: a clash is an error at the id.
 */
import { pascal } from "../../model/identifiers.ts";
import { OUTCOMES, type Spec } from "../../model/types.ts";
import type { NameProblem, NameSite } from "../target.ts";

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield any boolean constructor declare get " +
    "module require number set string symbol type from of unknown never object undefined await async"
  ).split(" "),
);

/** Whether `name` can be used as-is as a TypeScript identifier (and an object key without quotes). */
export function isSafeIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/**
 * The generated type names derived from spec ids. The emitters name types with
 * these, and checkTypeScriptNames checks them for collisions, so both use one rule.
 * The first (default) context's names carry no context tag: `IakPrepaidPendingCode`.
 */
export const typeNames = {
  outcomeCodes: (prefix: string, contextId: string | null, outcome: string): string => `${prefix}${contextId ? pascal(contextId) : ""}${pascal(outcome)}Code`,
  result: (prefix: string, contextId: string | null): string => `${prefix}${contextId ? pascal(contextId) : ""}Result`,
  categoryCodes: (prefix: string, categoryId: string): string => `${prefix}${pascal(categoryId)}CategoryCode`,
  scopeCodes: (prefix: string, scopeId: string): string => `${prefix}${pascal(scopeId)}Code`,
};

export function checkTypeScriptNames(spec: Spec): NameProblem[] {
  const problems: NameProblem[] = [];
  for (const c of spec.codes)
    if (!isSafeIdentifier(c.name)) problems.push({ at: { kind: "code", code: c.code }, message: `"${c.name}" is not a usable TypeScript identifier: add "name"` });
  problems.push(...typeNameClashes(spec));
  return problems;
}

/** The type names derived from ids must not collide (never renamed silently). */
function typeNameClashes(spec: Spec): NameProblem[] {
  const P = spec.typePrefix;
  const problems: NameProblem[] = [];
  const seen = new Map<string, string>();
  const claim = (name: string, what: string, at: NameSite) => {
    const first = seen.get(name);
    if (first) problems.push({ at, message: `${what} would generate the type ${name}, which ${first} already generates; choose another id` });
    else seen.set(name, what);
  };
  spec.contexts.forEach((c, i) => {
    const id = i === 0 ? null : c.id;
    for (const o of OUTCOMES) claim(typeNames.outcomeCodes(P, id, o), `context "${c.id}"`, { kind: "context", id: c.id });
    claim(typeNames.result(P, id), `context "${c.id}"`, { kind: "context", id: c.id });
  });
  for (const c of spec.categories) claim(typeNames.categoryCodes(P, c.id), `category "${c.id}"`, { kind: "category", id: c.id });
  for (const t of spec.tables) if (t.scope) claim(typeNames.scopeCodes(P, t.scope.id), `scope "${t.scope.id}"`, { kind: "scope", id: t.scope.id });
  return problems;
}
