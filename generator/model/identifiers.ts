/**
 * One place that decides what a generated identifier looks like. Enum member
 * names are API: derived the same way every time, never renamed silently.
 */

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield any boolean constructor declare get " +
    "module require number set string symbol type from of unknown never object undefined await async"
  ).split(" "),
);

/** PascalCase from free text: "TRANSACTION NOT FOUND" -> "TransactionNotFound", "Invalid billing id" -> "InvalidBillingId". */
export function deriveName(text: string): string | null {
  const words = text.match(/[A-Za-z0-9]+/g);
  if (!words) return null;
  const name = words
    .map((w) => (w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
  return /^[0-9]/.test(name) ? `Code${name}` : name;
}

/** Whether `name` can be used as-is as a TypeScript identifier (and an object key without quotes). */
export function isSafeIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/** Key used to detect names that differ only in case or underscores. */
export function normalizeName(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

/** A spec id, which is also its package's id and folder name: kebab-case, as the spec schema's `id` pattern says. */
export const SPEC_ID: RegExp = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/**
 * The longest spec id (the schema's `maxLength`): it names the package folder, the spec file
 * and the npm package, whose whole name (`@scope/id`) npm caps at 214 characters.
 */
export const SPEC_ID_MAX_LENGTH = 100;

/** "inquiryGame" -> "InquiryGame". */
export function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/**
 * The generated type names derived from spec ids. The emitters name types with
 * these, and the loader checks them for collisions, so both must use the same rule.
 * The first (default) context's names carry no context tag: `IakPrepaidPendingCode`.
 */
export const typeNames = {
  outcomeCodes: (prefix: string, contextId: string | null, outcome: string): string => `${prefix}${contextId ? pascal(contextId) : ""}${pascal(outcome)}Code`,
  result: (prefix: string, contextId: string | null): string => `${prefix}${contextId ? pascal(contextId) : ""}Result`,
  categoryCodes: (prefix: string, categoryId: string): string => `${prefix}${pascal(categoryId)}CategoryCode`,
  scopeCodes: (prefix: string, scopeId: string): string => `${prefix}${pascal(scopeId)}Code`,
};
