/**
 * A row is one code, or (a composite code with an "any" part) one code per value of
 * the part's domain. The parts are split and joined by model/semantics/parts.ts.
 */
import type { Composite } from "../../model/types.ts";
import { codeLength, expandParts, joinParts, partSpans, splitCode } from "../../model/semantics/parts.ts";
import type { RawEndpoint, RawRow } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { CompositeSection } from "./composite.ts";
import type { Lint } from "./lint-context.ts";

/** One code a row stands for. */
export interface RowVariant {
  code: string;
  parts: Record<string, string> | null;
  /** Before the row's name: the endpoint's key, for a code of one service. */
  namePrefix: string;
  /** Where the code is written: the row's code or parts. */
  path: Path;
}

export function expandRow(r: RawRow, rpath: Path, section: CompositeSection, endpoints: readonly RawEndpoint[], lint: Lint): RowVariant[] {
  const { composite } = section;
  if (r.code !== undefined) {
    if (!composite) return [{ code: r.code, parts: null, namePrefix: "", path: [...rpath, "code"] }];
    const parts = splitCode(composite.parts, r.code);
    if (!parts) {
      const length = codeLength(composite.parts);
      lint.report([...rpath, "code"], `code "${r.code}" has ${r.code.length} characters, but its parts (${composite.parts.map((p) => `${p.name} ${p.length}`).join(" + ")}) make ${length}`);
      return [];
    }
    for (const [k, s] of partSpans(composite.parts).entries()) {
      const p = composite.parts[k]!;
      const value = r.code.slice(s.start, s.end);
      if (p.pattern && !partMatches(section, p.name, value)) lint.report([...rpath, "code"], `part "${p.name}" of code "${r.code}" is "${value}", which does not match ${p.pattern}`);
    }
    return [{ code: r.code, parts, namePrefix: "", path: [...rpath, "code"] }];
  }
  if (!composite) {
    lint.report([...rpath, "parts"], `"parts" needs code.composite`, { key: true });
    return [];
  }
  const given = givenParts(r, rpath, section, composite, lint);
  if (!given) return [];
  for (const key of Object.keys(r.parts!))
    if (!composite.parts.some((p) => p.name === key)) lint.report([...rpath, "parts", key], `unknown part "${key}"${didYouMean(key, composite.parts.map((p) => p.name))}`, { key: true });
  return expandParts(composite.parts, (p) => given.get(p.name)!).map((parts) => ({
    code: joinParts(composite.parts, parts),
    parts,
    namePrefix: composite.parts.map((p) => (p.domain ? endpointKey(endpoints, parts[p.name]!) : "")).join(""),
    path: [...rpath, "parts"],
  }));
}

/**
 * The values each part of a `parts` row takes: the one given, or its whole domain for
 * the "any" word. Every part must be given; null (reported) when one is missing.
 */
function givenParts(r: RawRow, rpath: Path, section: CompositeSection, composite: Composite, lint: Lint): Map<string, readonly string[]> | null {
  const values = new Map<string, readonly string[]>();
  for (const p of composite.parts) {
    const given = r.parts![p.name];
    if (given === undefined) {
      lint.report([...rpath, "parts"], `missing part "${p.name}"`);
      return null;
    }
    const isAny = p.any !== null && given.toLowerCase() === p.any.toLowerCase();
    if (!isAny) {
      const at = [...rpath, "parts", p.name];
      if (given.length !== p.length) lint.report(at, `part "${p.name}" is "${given}": it must have ${p.length} characters`);
      else if (p.pattern && !partMatches(section, p.name, given)) lint.report(at, `part "${p.name}" is "${given}", which does not match ${p.pattern}`);
      if (p.domain && !p.domain.includes(given)) lint.report(at, `part "${p.name}" is "${given}", which is not one of ${p.domain.join(", ")}`);
    }
    values.set(p.name, isAny ? (p.domain ?? []) : [given]);
  }
  return values;
}

function partMatches(section: CompositeSection, part: string, value: string): boolean {
  return section.partPatterns.get(part)?.test(value) ?? true;
}

function endpointKey(endpoints: readonly RawEndpoint[], serviceCode: string): string {
  return endpoints.find((e) => e.serviceCode === serviceCode)?.key ?? "";
}
