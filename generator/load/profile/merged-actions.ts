/**
 * The merged actions: the base's keep the codes the profile keeps (an action left with
 * none goes); a profile's action with a base action's id restates it, any other is added.
 * Each of the profile's needs a `reason`; its codes are checked by the build.
 */
import type { Lint } from "../build/lint-context.ts";
import type { RawProfile, RawSpec, RawSpecAction } from "../spec-schema.types.ts";
import type { BaseCodes } from "./base-codes.ts";
import type { Origins } from "./origins.ts";

export interface MergedActions {
  actions: RawSpecAction[];
  /** The profile's actions, in its order. */
  changes: { id: string; change: "added" | "restated" }[];
}

export function mergeActions(p: RawProfile, b: RawSpec, codes: BaseCodes, origins: Origins, lint: Lint): MergedActions {
  const own = p.actions ?? [];
  const changes: MergedActions["changes"] = [];
  own.forEach((a, i) => {
    if (a.reason === undefined) lint.report(["actions", i], `a profile's action needs a "reason": why the guide's words call for it`, { key: true });
    if (own.findIndex((x) => x.id === a.id) !== i) lint.report(["actions", i, "id"], `duplicate action "${a.id}"`);
    else changes.push({ id: a.id, change: (b.actions ?? []).some((x) => x.id === a.id) ? "restated" : "added" });
  });
  const restated = (id: string) => own.findIndex((x) => x.id === id);
  const actions: RawSpecAction[] = [];
  for (const [i, a] of (b.actions ?? []).entries()) {
    const at = restated(a.id);
    if (at >= 0) actions.push(origins.mark({ ...own[at]! }, origins.inProfile(["actions", at])));
    else {
      const kept = origins.mark({ ...a, codes: a.codes.filter((c) => !codes.leftOut(c)) }, origins.inBase(["actions", i]));
      if (kept.codes.length) actions.push(kept);
    }
  }
  own.forEach((a, i) => {
    if (!(b.actions ?? []).some((x) => x.id === a.id) && own.findIndex((x) => x.id === a.id) === i) actions.push(origins.mark({ ...a }, origins.inProfile(["actions", i])));
  });
  return { actions, changes };
}
