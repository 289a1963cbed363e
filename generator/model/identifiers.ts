/**
 * The names the spec format itself derives: a code's member name (from its message
 * when the row gives none), the key that tells names apart, and a spec's id. Member
 * names are API: derived the same way every time, never renamed silently. Each
 * target turns them into its own language's identifiers (targets/<name>/names.ts).
 */

/** PascalCase from free text: "TRANSACTION NOT FOUND" -> "TransactionNotFound", "Invalid billing id" -> "InvalidBillingId". */
export function deriveName(text: string): string | null {
  const words = text.match(/[A-Za-z0-9]+/g);
  if (!words) return null;
  const name = words
    .map((w) => (w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
  return /^[0-9]/.test(name) ? `Code${name}` : name;
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
