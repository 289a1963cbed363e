/** Tables and their rows: every listed code, with its name, columns and outcomes. */
import { deriveName, normalizeName } from "../../model/identifiers.ts";
import type { Code, ColumnValue, OutcomeContext, Table } from "../../model/types.ts";
import type { RawEndpoint, RawRow, RawSpec, RawSpecTable } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { CodePattern } from "./code-pattern.ts";
import { ROW_KEYS, readColumn, type ColumnsSection } from "./columns.ts";
import type { CompositeSection } from "./composite.ts";
import { checkErrataRefs } from "./errata.ts";
import { expandRow, type RowVariant } from "./expand-row.ts";
import type { Lint } from "./lint-context.ts";
import { outcomesOf, readOverrides, type OutcomeOverruling } from "./row-outcomes.ts";

/** What the rows read from the sections before them. */
export interface RowInputs {
  pattern: CodePattern;
  composite: CompositeSection;
  categoryIds: ReadonlySet<string>;
  errataIds: ReadonlyMap<string, number>;
  columns: ColumnsSection;
  contexts: readonly OutcomeContext[];
  /** A profile's outcome overrides, by code. */
  overruling: ReadonlyMap<string, OutcomeOverruling>;
}

export interface RowsSection {
  tables: Table[];
  /** Every code in source order. */
  codes: Code[];
  /** Where each code is written. */
  codeAt: ReadonlyMap<string, Path>;
}

/** The state the rows build up as they go: codes and names must be unique across tables. */
interface Listing {
  codes: Code[];
  codeAt: Map<string, Path>;
  nameAt: Map<string, { path: Path; name: string }>;
}

export function buildRows(raw: RawSpec, inputs: RowInputs, lint: Lint): RowsSection {
  const tables: Table[] = [];
  const listing: Listing = { codes: [], codeAt: new Map(), nameAt: new Map() };
  const scopeIds = new Set<string>();
  const endpoints = raw.api?.endpoints ?? [];
  raw.tables.forEach((t, ti) => {
    const tpath = ["tables", ti];
    if (tables.some((x) => x.id === t.id)) lint.report([...tpath, "id"], `duplicate table "${t.id}"`);
    if (t.category !== undefined && !inputs.categoryIds.has(t.category)) lint.report([...tpath, "category"], `unknown category "${t.category}"${didYouMean(t.category, inputs.categoryIds)}`);
    if (t.scope) {
      if (scopeIds.has(t.scope.id)) lint.report([...tpath, "scope", "id"], `duplicate scope "${t.scope.id}"`);
      scopeIds.add(t.scope.id);
    }
    tables.push({
      id: t.id,
      title: t.title,
      intro: t.intro ?? null,
      headers: t.headers ?? [],
      category: t.category ?? null,
      scope: t.scope ? { id: t.scope.id, title: t.scope.title, source: t.scope.source ?? null } : null,
    });
    t.rows.forEach((r, ri) => buildRow(t, r, [...tpath, "rows", ri], ri, endpoints, inputs, listing, lint));
  });
  return { tables, codes: listing.codes, codeAt: listing.codeAt };
}

function buildRow(t: RawSpecTable, r: RawRow, rpath: Path, ri: number, endpoints: readonly RawEndpoint[], inputs: RowInputs, listing: Listing, lint: Lint): void {
  const { columns } = inputs.columns;
  for (const key of Object.keys(r))
    if (!ROW_KEYS.has(key) && !columns.some((c) => c.key === key))
      lint.report([...rpath, key], `unknown column "${key}"${didYouMean(key, [...ROW_KEYS, ...columns.map((c) => c.key)].filter((k) => !Object.hasOwn(r, k)))}`, { key: true });
  const category = r.category ?? t.category ?? null;
  if (r.category !== undefined && !inputs.categoryIds.has(r.category)) lint.report([...rpath, "category"], `unknown category "${r.category}"${didYouMean(r.category, inputs.categoryIds)}`);
  checkErrataRefs(r.errata, [...rpath, "errata"], inputs.errataIds, lint);

  const rowColumns: Record<string, ColumnValue> = {};
  for (const col of columns) rowColumns[col.key] = readColumn(col, inputs.columns, r[col.key], [...rpath, col.key], lint);

  for (const variant of expandRow(r, rpath, inputs.composite, endpoints, lint)) {
    const { code, parts } = variant;
    if (!listCode(variant, inputs.pattern, listing, lint)) continue;
    const name = nameOf(r, rpath, variant, listing, lint);
    if (name === null) continue;
    const entry: Code = {
      code,
      name,
      message: r.message,
      status: r.status ?? t.status ?? null,
      description: r.description ?? null,
      category,
      table: t.id,
      row: ri + 1,
      columns: rowColumns,
      outcomes: {},
      parts,
      overrides: readOverrides(r, rpath, inputs.composite.composite, lint),
      ...(r.earlierRequest ? { earlierRequest: { action: r.earlierRequest.action, reason: r.earlierRequest.reason } } : {}),
      errata: r.errata ?? [],
    };
    listing.codes.push(entry);
    entry.outcomes = outcomesOf(entry, r, rpath, inputs.contexts, inputs.composite.composite, inputs.overruling.get(code), lint);
  }
}

/** Checks a code against the code pattern and the codes before it; false (reported) for a duplicate. */
function listCode(variant: RowVariant, pattern: CodePattern, listing: Listing, lint: Lint): boolean {
  const { code } = variant;
  const regex = pattern.regex;
  if (regex && !regex.test(code)) {
    const hint = /^[0-9]+$/.test(code) && regex.test(`0${code}`) ? `; did it lose a leading zero? "0${code}" would match` : "";
    lint.report(variant.path, `code "${code}" does not match the code pattern ${pattern.source}${hint}`);
  }
  const seen = listing.codeAt.get(code);
  if (seen) {
    lint.report(variant.path, `duplicate code "${code}" (first at line ${lint.lineOf(seen)})`);
    return false;
  }
  listing.codeAt.set(code, variant.path);
  return true;
}

/** The code's enum member name: given or derived from the message, unique in more than case; null (reported) when none can be derived. */
function nameOf(r: RawRow, rpath: Path, variant: RowVariant, listing: Listing, lint: Lint): string | null {
  const base = r.name ?? deriveName(r.message);
  if (base === null) {
    lint.report(rpath, `cannot derive a name from message ${JSON.stringify(r.message)}: add "name"`, { key: true });
    return null;
  }
  const name = variant.namePrefix + base;
  const namePath = r.name !== undefined ? [...rpath, "name"] : [...rpath, "message"];
  const clash = listing.nameAt.get(normalizeName(name));
  if (clash)
    lint.report(namePath, `name "${name}" of code "${variant.code}" collides with "${clash.name}" (line ${lint.lineOf(clash.path)}); names must differ in more than case: add a distinct "name"`);
  else listing.nameAt.set(normalizeName(name), { path: namePath, name });
  return name;
}
