/** Categories: a row names its own; `match` says which unlisted codes fall in one. */
import type { Category, CategoryMatch, Composite } from "../../model/types.ts";
import type { RawSpec, RawSpecCategory } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import { compileRegex } from "./compile-regex.ts";
import type { Lint } from "./lint-context.ts";

export interface CategoriesSection {
  categories: Category[];
  ids: ReadonlySet<string>;
}

export function buildCategories(raw: RawSpec, composite: Composite | null, lint: Lint): CategoriesSection {
  const categories: Category[] = [];
  const ids = new Set<string>();
  (raw.categories ?? []).forEach((c, i) => {
    if (ids.has(c.id)) lint.report(["categories", i, "id"], `duplicate category "${c.id}"`);
    ids.add(c.id);
    categories.push({
      id: c.id,
      label: c.label,
      description: c.description ?? null,
      match: matchOf(c, i, composite, lint),
      outcome: c.outcome ?? null,
      reason: c.reason ?? null,
    });
  });
  return { categories, ids };
}

function matchOf(c: RawSpecCategory, i: number, composite: Composite | null, lint: Lint): CategoryMatch | null {
  const match = c.match;
  if (match?.part !== undefined) {
    const part = composite?.parts.find((p) => p.name === match.part);
    // The schema requires values beside part.
    const values = match.values!;
    if (!composite) lint.report(["categories", i, "match"], `category "${c.id}" matches a part, but the code is not composite; use match: { prefix } or match: { pattern }`);
    else if (!part) lint.report(["categories", i, "match", "part"], `unknown part "${match.part}"${didYouMean(match.part, composite.parts.map((p) => p.name))}`);
    else
      values.forEach((v, j) => {
        if (v.length !== part.length) lint.report(["categories", i, "match", "values", j], `"${v}" does not fit part "${part.name}" (length ${part.length})`);
      });
    return { part: match.part, values };
  }
  if (match?.prefix !== undefined) return { prefixes: Array.isArray(match.prefix) ? match.prefix : [match.prefix] };
  if (match?.pattern !== undefined && compileRegex(match.pattern, ["categories", i, "match", "pattern"], lint)) return { pattern: match.pattern };
  return null;
}
