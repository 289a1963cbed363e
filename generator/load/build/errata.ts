/** Errata come first: rows, fields and sample deviations cite them by id. */
import type { Erratum } from "../../model/types.ts";
import type { RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { Lint } from "./lint-context.ts";

export interface ErrataSection {
  errata: Erratum[];
  /** Each erratum id and the index of its first declaration. */
  ids: ReadonlyMap<string, number>;
}

export function buildErrata(raw: RawSpec, lint: Lint): ErrataSection {
  const errata: Erratum[] = [];
  const ids = new Map<string, number>();
  (raw.errata ?? []).forEach((e, i) => {
    const first = ids.get(e.id);
    if (first !== undefined) lint.report(["errata", i, "id"], `duplicate erratum id "${e.id}" (first at line ${lint.lineOf(["errata", first, "id"])})`);
    else ids.set(e.id, i);
    errata.push({ id: e.id, at: e.at, source: e.source, codebook: e.codebook, reason: e.reason });
  });
  return { errata, ids };
}

/** Every id in `refs` must name an erratum. */
export function checkErrataRefs(refs: readonly string[] | undefined, path: Path, ids: ReadonlyMap<string, number>, lint: Lint): void {
  (refs ?? []).forEach((id, i) => {
    if (!ids.has(id)) lint.report([...path, i], `unknown erratum "${id}"${didYouMean(id, ids.keys())}`);
  });
}
