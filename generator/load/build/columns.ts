/** The extra typed columns a table declares, and how a row's cell is read under one. */
import type { Column, ColumnValue } from "../../model/types.ts";
import type { RawSpec } from "../spec-schema.types.ts";
import type { Path } from "../yaml-source.ts";
import { compileRegex } from "./compile-regex.ts";
import type { Lint } from "./lint-context.ts";

/** The keys a row has besides its declared columns. */
export const ROW_KEYS: ReadonlySet<string> = new Set(["code", "parts", "name", "message", "status", "description", "category", "earlierRequest", "outcomes", "errata"]);

export interface ColumnsSection {
  columns: Column[];
  /** A set column's separator, by key. */
  splitters: ReadonlyMap<string, RegExp>;
  /** Whether a column's values match case-insensitively, by key. */
  ignoreCase: ReadonlyMap<string, boolean>;
}

export function buildColumns(raw: RawSpec, lint: Lint): ColumnsSection {
  const columns: Column[] = [];
  const splitters = new Map<string, RegExp>();
  (raw.columns ?? []).forEach((c, i) => {
    if (ROW_KEYS.has(c.key) || columns.some((x) => x.key === c.key)) lint.report(["columns", i, "key"], `column key "${c.key}" is already taken`);
    if ((c.type === "enum" || c.type === "set") && !c.values) lint.report(["columns", i], `column "${c.key}" of type ${c.type} needs "values"`, { key: true });
    if (c.type === "set") splitters.set(c.key, compileRegex(c.split ?? ",", ["columns", i, "split"], lint, "g") ?? /,/g);
    columns.push({ key: c.key, title: c.title, type: c.type, values: c.values ?? [], description: c.description ?? null });
  });
  const ignoreCase = new Map<string, boolean>((raw.columns ?? []).map((c) => [c.key, c.ignoreCase === true]));
  return { columns, splitters, ignoreCase };
}

/** A row's cell under a column: the text as written, and its typed reading. */
export function readColumn(col: Column, section: ColumnsSection, cell: unknown, path: Path, lint: Lint): ColumnValue {
  if (cell === undefined || cell === null) return { text: null, value: null };
  const text = String(cell);
  if (col.type === "text") return { text, value: text };
  const ignoreCase = section.ignoreCase.get(col.key);
  const matchValue = (word: string): string | undefined => col.values.find((v) => (ignoreCase ? v.toLowerCase() === word.toLowerCase() : v === word));
  if (col.type === "enum") {
    const v = matchValue(text.trim());
    if (v === undefined) lint.report(path, `"${text}" is not one of the values of column "${col.key}": ${col.values.join(", ")}`);
    return { text, value: v ?? null };
  }
  const words = text.split(section.splitters.get(col.key)!).map((w) => w.trim()).filter(Boolean);
  const values: string[] = [];
  for (const w of words) {
    const v = matchValue(w);
    if (v === undefined) lint.report(path, `"${w}" is not one of the values of column "${col.key}": ${col.values.join(", ")}`);
    else if (!values.includes(v)) values.push(v);
  }
  return { text, value: values };
}
