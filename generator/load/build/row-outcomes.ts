/**
 * A listed code's outcome in each context: from its status word, a column, or the
 * composite rules; then the row's per-part overrides; then a profile's override.
 */
import type { Code, Composite, Outcome, OutcomeContext, OutcomeOverride } from "../../model/types.ts";
import { OUTCOMES } from "../../model/types.ts";
import { earlierRequestOutcome } from "../../model/semantics/earlier-request.ts";
import type { RawOverride, RawRow } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import { ruleMatches } from "./composite.ts";
import type { Lint } from "./lint-context.ts";

/** A profile's override of a code's outcome: in every context, or per context id. */
export type OutcomeOverruling = NonNullable<RawOverride["outcome"]>;

/** The row's per-part outcome overrides (`outcomes:`), e.g. per service. */
export function readOverrides(r: RawRow, rpath: Path, composite: Composite | null, lint: Lint): OutcomeOverride[] {
  return (r.outcomes ?? []).map((o, i) => {
    const part = composite?.parts.find((p) => p.name === (o.part ?? composite?.parts.find((x) => x.domain)?.name));
    if (!part) lint.report([...rpath, "outcomes", i], `outcome overrides need a composite part`, { key: true });
    else
      o.values.forEach((v, j) => {
        if (part.domain ? !part.domain.includes(v) : v.length !== part.length) lint.report([...rpath, "outcomes", i, "values", j], `"${v}" is not a value of part "${part.name}"`);
      });
    return { part: part?.name ?? "", values: o.values, outcome: o.outcome, reason: o.reason };
  });
}

interface Unmapped {
  path: Path;
  where: string;
  contexts: string[];
  known: Set<string>;
}

export function outcomesOf(code: Code, r: RawRow, rpath: Path, contexts: readonly OutcomeContext[], composite: Composite | null, overruling: OutcomeOverruling | undefined, lint: Lint): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  // A word no context maps is one problem (a typo, usually), however many contexts read it.
  const unmapped = new Map<string, Unmapped>();
  const absent = new Map<string, string[]>();
  const stated = (path: Path) =>
    lint.report(path, `code "${code.code}" reports on an earlier request (earlierRequest), so it is never a plain failure: state pending, or remove earlierRequest`);
  for (const c of contexts) {
    let outcome: Outcome | undefined;
    if (c.kind === "successCodes") outcome = c.successCodes.includes(code.code) ? "success" : c.otherwise;
    else if (c.from === "parts") {
      const rule = composite?.rules.find((rule) => ruleMatches(rule, code.parts ?? {}));
      outcome = rule?.outcome;
      if (!outcome) lint.report(rpath, `no rule in code.composite.rules gives code "${code.code}" an outcome (context "${c.id}")`, { key: true });
    } else {
      const word = c.from === "status" ? code.status : (code.columns[c.from]?.value as string | null);
      const where = c.from === "status" ? "status" : c.from;
      if (word === null || word === undefined) absent.set(where, [...(absent.get(where) ?? []), c.id]);
      else {
        outcome = Object.hasOwn(c.map, word) ? c.map[word] : undefined;
        if (!outcome) {
          const entry = unmapped.get(`${where}\0${word}`) ?? { path: Object.hasOwn(r, where) ? [...rpath, where] : rpath, where, contexts: [], known: new Set<string>() };
          entry.contexts.push(c.id);
          for (const k of Object.keys(c.map)) entry.known.add(k);
          unmapped.set(`${where}\0${word}`, entry);
        }
      }
    }
    // A code that reports on an earlier request is never a plain failure: what its rules say becomes pending,
    // and an outcome the spec states for it (per part, or a profile's) may not be failed.
    if (outcome && code.earlierRequest) outcome = earlierRequestOutcome(outcome);
    for (const [i, o] of code.overrides.entries())
      if (code.parts && o.values.includes(code.parts[o.part]!)) {
        outcome = o.outcome;
        if (code.earlierRequest && o.outcome === "failed") stated([...rpath, "outcomes", i, "outcome"]);
      }
    const overruled = overruling === undefined ? undefined : typeof overruling === "string" ? overruling : overruling[c.id];
    if (overruled && OUTCOMES.includes(overruled)) {
      outcome = overruled;
      if (code.earlierRequest && overruled === "failed") stated([...rpath, "earlierRequest"]);
    }
    if (outcome) out[c.id] = outcome;
  }
  for (const [where, ids] of absent)
    lint.report(rpath, `code "${code.code}" has no ${where}, so ${ids.length === 1 ? `context "${ids[0]}" gives` : `contexts ${ids.map((id) => `"${id}"`).join(", ")} give`} it no outcome`, { key: true });
  for (const [key, u] of unmapped) {
    const word = key.slice(key.indexOf("\0") + 1);
    const hint = didYouMean(word, u.known);
    const which = u.contexts.length === 1 ? `context "${u.contexts[0]}"` : `contexts ${u.contexts.map((id) => `"${id}"`).join(", ")}`;
    lint.report(u.path, `${u.where} "${word}" has no outcome in ${which}${hint || " (map it under outcome.contexts)"}`);
  }
  return out;
}
