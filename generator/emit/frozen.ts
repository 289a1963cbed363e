/**
 * A generated module's top-level tables can be dropped by a bundler.
 *
 * A call or a `new` at a module's top level is kept by bundlers for its possible
 * side effects (webpack 5 kept every table of a package that a program imported
 * one guard from: `new Map`, `new Set`, `new RegExp`), so every top-level
 * construction is marked `/* @__PURE__ *\/`: a table nobody imports is dropped.
 */

/** An expression a bundler may drop when its value is unused. */
export function pure(expression: string): string {
  return `/* @__PURE__ */ ${expression}`;
}
