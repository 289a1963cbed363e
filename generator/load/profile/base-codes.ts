/**
 * Every code of the base, where it is written and whether the profile's endpoint
 * restriction leaves it out; and the codes the profile drops. Composite rows are
 * split and expanded by model/semantics/parts.ts, as the build does.
 */
import { expandParts, joinParts, partSpans } from "../../model/semantics/parts.ts";
import type { RawProfile, RawRow, RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Lint } from "../build/lint-context.ts";
import type { EndpointRestriction } from "./endpoint-restriction.ts";

/** One code a base row stands for. */
export interface Expansion {
  code: string;
  /** A `parts` row's parts for this code; null for a row written as a code. */
  parts: Record<string, string> | null;
  /** Whether it belongs to an endpoint the restriction leaves out. */
  restricted: boolean;
}

export interface BaseCodes {
  /** Each code of the base: its first table and row, and whether the restriction leaves it out. */
  byCode: ReadonlyMap<string, { table: number; row: number; restricted: boolean }>;
  expansions(row: RawRow): Expansion[];
  /** Whether the merged spec leaves the code out: dropped, or restricted. */
  leftOut(code: string): boolean;
  /** The message for a code the base does not have. */
  noCode(code: string): string;
  /** The codes the profile drops. */
  dropped: ReadonlySet<string>;
}

export function readBaseCodes(p: RawProfile, b: RawSpec, restriction: EndpointRestriction, baseId: string, lint: Lint): BaseCodes {
  const expansions = expander(b, restriction);
  const byCode = new Map<string, { table: number; row: number; restricted: boolean }>();
  b.tables.forEach((t, ti) =>
    t.rows.forEach((r, ri) => {
      for (const e of expansions(r)) if (!byCode.has(e.code)) byCode.set(e.code, { table: ti, row: ri, restricted: e.restricted });
    }),
  );
  const noCode = (code: string) => `"${code}" is not a code of ${baseId}${didYouMean(code, [...byCode.keys()])}`;
  const dropped = new Set<string>();
  (p.drop ?? []).forEach((code, i) => {
    const at = byCode.get(code);
    if (!at) lint.report(["drop", i], noCode(code));
    else if (at.restricted) lint.report(["drop", i], `"${code}" belongs to an endpoint "${restriction.by!.key}" already leaves out; remove it from drop`);
    else if (dropped.has(code)) lint.report(["drop", i], `"${code}" is dropped twice`);
    else dropped.add(code);
  });
  return { byCode, expansions, leftOut: (code) => dropped.has(code) || byCode.get(code)?.restricted === true, noCode, dropped };
}

/** A base row's codes. The base has been built, so its rows give every part, of the parts' lengths. */
function expander(b: RawSpec, restriction: EndpointRestriction): (row: RawRow) => Expansion[] {
  const parts = b.code.composite?.parts ?? [];
  const domainPart = parts.find((d) => d.domain);
  const domainSpan = domainPart ? partSpans(parts)[parts.indexOf(domainPart)] : undefined;
  const { allServices, keptServices } = restriction;
  const restricted = (service: string | undefined) =>
    restriction.by !== null && service !== undefined && allServices.includes(service) && !keptServices.has(service);
  return (row) => {
    // A whole composite code still belongs to a service: its domain part.
    if (row.code !== undefined) return [{ code: row.code, parts: null, restricted: restricted(domainSpan && row.code.slice(domainSpan.start, domainSpan.end)) }];
    const combinations = expandParts(parts, (d) => {
      const given = String(row.parts?.[d.name] ?? "");
      const isAny = d.any !== undefined && d.domain && given.toLowerCase() === String(d.any).toLowerCase();
      return isAny ? allServices : [given];
    });
    return combinations.map((values) => ({ code: joinParts(parts, values), parts: values, restricted: restricted(domainPart && values[domainPart.name]) }));
  };
}
