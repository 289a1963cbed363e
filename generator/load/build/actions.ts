/**
 * Actions: what an integrator does on a group of listed codes. An action names codes,
 * or the 403xx11 notation for a code over every service; a code that reports on an
 * earlier request joins the action its `earlierRequest` names.
 */
import { expandNotation } from "../../model/semantics/parts.ts";
import type { Action, Code, Composite } from "../../model/types.ts";
import type { RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { Lint } from "./lint-context.ts";

export function buildActions(raw: RawSpec, codes: readonly Code[], listed: ReadonlyMap<string, Path>, composite: Composite | null, lint: Lint): Action[] {
  const actions = (raw.actions ?? []).map((a, i): Action => {
    const own: string[] = [];
    a.codes.forEach((c, j) => {
      const expanded = listed.has(c) ? [c] : composite ? expandNotation(composite.parts, c) : null;
      const found = expanded?.filter((x) => listed.has(x)) ?? [];
      if (!found.length) lint.report(["actions", i, "codes", j], `action "${a.id}" names code "${c}", which no table lists`);
      for (const x of found) if (!own.includes(x)) own.push(x);
    });
    return { id: a.id, title: a.title, codes: own, source: a.source, ...(a.reason !== undefined ? { reason: a.reason } : {}) };
  });
  const ids = actions.map((a) => a.id);
  for (const c of codes) {
    if (!c.earlierRequest) continue;
    const action = actions.find((a) => a.id === c.earlierRequest!.action);
    const row = listed.get(c.code)!.slice(0, -1);
    if (!action) lint.report([...row, "earlierRequest", "action"], `unknown action "${c.earlierRequest.action}"${didYouMean(c.earlierRequest.action, ids)}: a code that reports on an earlier request names the action that looks the original up${ids.length ? ` (actions: ${ids.join(", ")})` : "; add it under actions"}`);
    else if (!action.codes.includes(c.code)) action.codes.push(c.code);
  }
  return actions;
}
