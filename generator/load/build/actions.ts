/** Actions: what an integrator does on a group of listed codes. */
import type { Action } from "../../model/types.ts";
import type { RawSpec } from "../spec-schema.types.ts";
import type { Path } from "../yaml-source.ts";
import type { Lint } from "./lint-context.ts";

export function buildActions(raw: RawSpec, listed: ReadonlyMap<string, Path>, lint: Lint): Action[] {
  return (raw.actions ?? []).map((a, i) => {
    a.codes.forEach((c, j) => {
      if (!listed.has(c)) lint.report(["actions", i, "codes", j], `action "${a.id}" names code "${c}", which no table lists`);
    });
    return { id: a.id, title: a.title, codes: a.codes, source: a.source };
  });
}
