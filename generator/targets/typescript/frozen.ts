/**
 * Generated tables are immutable, and a bundler can still drop them.
 *
 * Every table a generated module exports or a generated function hands out (the
 * rows `describe…` returns, action lists, the exported constants, fixtures) is
 * shared by every caller in the process: a caller that annotated a row it got
 * back would change the answer for all the others. So each is deep-frozen once,
 * at load, by the module's own `deepFreeze`.
 *
 * A call at a module's top level is kept by bundlers for its possible side
 * effects (webpack 5 kept every table of a package that a program imported one
 * guard from), so every top-level construction, freezing included, is marked
 * `/* @__PURE__ *\/`: a table nobody imports is dropped, with its freezing.
 */

/** An expression a bundler may drop when its value is unused. */
export function pure(expression: string): string {
  return `/* @__PURE__ */ ${expression}`;
}

/** `expression`, deep-frozen at load, droppable when unused. The module must include {@link DEEP_FREEZE}. */
export function frozen(expression: string): string {
  return pure(`deepFreeze(${expression})`);
}

/** Whether generated statements call the module's `deepFreeze` (so it must be emitted: --noUnusedLocals). */
export function usesDeepFreeze(statements: readonly unknown[]): boolean {
  return statements.some((s) => typeof s === "string" && s.includes("deepFreeze("));
}

/**
 * The module's freezing helper. An object already frozen is skipped, so a table
 * that holds another (the fixtures index holds each endpoint's fixtures) is
 * walked once.
 */
export const DEEP_FREEZE = `/** Freezes a table and everything in it, once, at load: what this module exports or hands out is shared by every caller. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}`;

/**
 * An exported \`as const\` table, frozen. --isolatedDeclarations infers no type
 * from a call, so the literal is a local constant and the export is typed by it
 * (the members' docs stay on the literal, where editors find them).
 */
export function frozenConst(doc: string, name: string, local: string, literal: string): string {
  return `/** The members of {@link ${name}}: its type, and its value once frozen. */\nconst ${local} = ${literal} as const;\n${doc}\nexport const ${name}: typeof ${local} = ${frozen(local)};`;
}
