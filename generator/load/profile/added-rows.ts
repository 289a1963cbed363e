/** The rows a profile adds (`codes`), by the base table they join (the first by default). */
import type { Lint } from "../build/lint-context.ts";
import type { RawProfile, RawRow, RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";

/** A row the profile adds, and its index in `codes`. */
export interface AddedRow {
  row: RawRow & { table?: string };
  index: number;
}

export function readAddedRows(p: RawProfile, b: RawSpec, baseId: string, lint: Lint): ReadonlyMap<string, AddedRow[]> {
  const tableIds = b.tables.map((t) => t.id);
  const added = new Map<string, AddedRow[]>();
  (p.codes ?? []).forEach((r, i) => {
    const table = r.table ?? tableIds[0]!;
    if (!tableIds.includes(table)) return lint.report(["codes", i, "table"], `unknown table "${table}"${didYouMean(table, tableIds)} (${baseId} has ${tableIds.join(", ")})`);
    added.set(table, [...(added.get(table) ?? []), { row: r, index: i }]);
  });
  return added;
}
