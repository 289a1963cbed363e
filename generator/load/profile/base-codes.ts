/**
 * Every code of the base, where it is written and whether the profile's endpoint
 * restriction leaves it out; and the codes the profile drops. Composite rows are
 * split and expanded by model/semantics/parts.ts, as the build does.
 */
import { expandNotation, expandParts, joinParts, notationOf, partSpans } from "../../model/semantics/parts.ts";
import type { RawCodeParts, RawProfile, RawRow, RawSpec } from "../spec-schema.types.ts";
import type { Path } from "../yaml-source.ts";
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
  /**
   * The base's codes a drop or an override names: a code, the notation (`403xx11`: every
   * service) or parts (a part may be the any word). Reports at `path` and returns none when
   * it names no code of the base.
   */
  resolve(target: string | RawCodeParts, path: Path, lint: Lint): string[];
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
  const parts = b.code.composite?.parts ?? [];
  const notations = new Map<string, string[]>();
  for (const code of byCode.keys()) {
    const n = notationOf(parts, code);
    if (n !== null) notations.set(n, [...(notations.get(n) ?? []), code]);
  }
  const noCode = (code: string) => {
    // A code whose notation the base has: name every code it has over the services, and the notation that stands for them.
    const n = notationOf(parts, code);
    const over = n === null ? undefined : notations.get(n);
    if (over) return `"${code}" is not a code of ${baseId}; the codes it has for ${n} are ${over.join(", ")} (write "${n}" for every service)`;
    return `"${code}" is not a code of ${baseId}${didYouMean(code, [...byCode.keys(), ...notations.keys()])}`;
  };
  const resolve = (target: string | RawCodeParts, path: Path, l: Lint): string[] => {
    if (typeof target === "string") {
      if (byCode.has(target)) return [target];
      const expanded = expandNotation(parts, target, restriction.allServices);
      if (expanded === null) return l.report(path, noCode(target)), [];
      const found = expanded.filter((c) => byCode.has(c));
      if (!found.length) l.report(path, `"${target}" stands for ${expanded.join(", ")}; none is a code of ${baseId}${didYouMean(target, [...notations.keys()])}`);
      return found;
    }
    const names = parts.map((d) => d.name);
    let broken = false;
    for (const key of Object.keys(target))
      if (!names.includes(key)) (broken = true), l.report([...path, key], `unknown part "${key}"${didYouMean(key, names)} (${baseId}'s parts: ${names.join(", ")})`, { key: true });
    for (const name of names) if (!Object.hasOwn(target, name)) (broken = true), l.report(path, `missing part "${name}"`);
    if (broken) return [];
    const codes = expansions({ parts: target, message: "" }).map((e) => e.code);
    const found = codes.filter((c) => byCode.has(c));
    if (!found.length) l.report(path, `${codes.length === 1 ? `"${codes[0]}" is not a code of ${baseId}` : `these parts stand for ${codes.join(", ")}; none is a code of ${baseId}`}${didYouMean(joinParts(parts, target), [...byCode.keys(), ...notations.keys()])}`);
    return found;
  };
  const dropped = new Set<string>();
  (p.drop ?? []).forEach((target, i) => {
    const found = resolve(target, ["drop", i], lint);
    const shown = typeof target === "string" ? target : joinParts(parts, target);
    const kept = found.filter((c) => !byCode.get(c)!.restricted);
    if (found.length && !kept.length) lint.report(["drop", i], `"${shown}" belongs to an endpoint "${restriction.by!.key}" already leaves out; remove it from drop`);
    for (const code of kept) {
      if (dropped.has(code)) lint.report(["drop", i], `"${code}" is dropped twice`);
      dropped.add(code);
    }
  });
  return { byCode, expansions, leftOut: (code) => dropped.has(code) || byCode.get(code)?.restricted === true, noCode, resolve, dropped };
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
