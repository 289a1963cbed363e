/** The merged tables: inherited rows, overridden rows, split rows and added rows. */
import type { RawOverride, RawRow, RawSpec, RawSpecTable } from "../spec-schema.types.ts";
import type { AddedRow } from "./added-rows.ts";
import type { BaseCodes } from "./base-codes.ts";
import type { EndpointRestriction } from "./endpoint-restriction.ts";
import { origin, type Origin, type Origins } from "./origins.ts";
import type { Path } from "../yaml-source.ts";

export interface TableInputs {
  codes: BaseCodes;
  restriction: EndpointRestriction;
  overrides: ReadonlyMap<string, RawOverride>;
  /** Where each code's override is written. */
  overrideAt: ReadonlyMap<string, Path>;
  added: ReadonlyMap<string, AddedRow[]>;
}

export function mergeTables(b: RawSpec, inputs: TableInputs, origins: Origins): RawSpecTable[] {
  const tables = b.tables.map((t, ti) => {
    const rows: RawRow[] = [];
    t.rows.forEach((r, ri) => rows.push(...mergeRow(r, ["tables", ti, "rows", ri], inputs, origins)));
    for (const { row, index } of inputs.added.get(t.id) ?? []) {
      const { table: _table, ...rest } = row;
      rows.push(origins.mark(rest, origins.inProfile(["codes", index])));
    }
    return origins.mark({ ...t, rows }, origins.inBase(["tables", ti], { rows: origins.inBase(["tables", ti, "rows"]) }));
  });
  return origins.mark(tables, origins.inBase(["tables"]));
}

/** The rows one base row becomes: none (every code left out), itself (maybe overridden), or one per code it keeps. */
function mergeRow(r: RawRow, rowPath: (string | number)[], inputs: TableInputs, origins: Origins): RawRow[] {
  const { codes, restriction, overrides } = inputs;
  const all = codes.expansions(r);
  const left = all.filter((e) => !e.restricted && !codes.dropped.has(e.code));
  if (left.length === 0) return [];
  // A row's per-service outcomes must not name a service the profile leaves out.
  let row = r;
  let at: Origin = origins.inBase(rowPath);
  if (restriction.by && r.outcomes) {
    const outcomesLeft = r.outcomes.map((o) => ({ ...o, values: o.values.filter((v) => !restriction.allServices.includes(v) || restriction.keptServices.has(v)) })).filter((o) => o.values.length);
    row = { ...r, outcomes: outcomesLeft };
    at = origins.inBase(rowPath, { outcomes: origins.inBase([...rowPath, "outcomes"]) });
  }
  const whole = left.length === all.filter((e) => !e.restricted).length && !left.some((e) => overrides.has(e.code));
  // One code, or an "any" row the profile keeps whole: its domain shrinks with the endpoints.
  if (all.length === 1) return [applyOverride(row, at, all[0]!.code, inputs, origins)];
  if (whole) return [origins.mark(row, at)];
  // Split an "any" row into one row per code it keeps, so each can be dropped or overridden.
  return left.map((e) => applyOverride({ ...row, parts: e.parts! }, origin(at.src, at.path, { ...at.keys }), e.code, inputs, origins));
}

/** The row with the profile's override of `code` applied; each changed key remembers it came from the profile. */
function applyOverride(row: RawRow, at: Origin, code: string, inputs: TableInputs, origins: Origins): RawRow {
  const o = inputs.overrides.get(code);
  if (!o) return origins.mark(row, at);
  const changed: RawRow = { ...row };
  const keys: Record<string, Origin> = { ...at.keys };
  for (const [key, value] of Object.entries(o)) {
    if (key === "outcome" || key === "reason" || key === "notes") continue;
    changed[key] = value;
    keys[key] = origins.inProfile([...inputs.overrideAt.get(code)!, key]);
  }
  return origins.mark(changed, origin(at.src, at.path, keys));
}
