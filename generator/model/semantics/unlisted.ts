/**
 * codebook's policy for codes a table does not list, and for values that are not
 * codes at all, computed once from the IR as data. Every target renders this data
 * into its classifier, the package README states it, and `diff` compares it: none
 * of them derives it again.
 *
 * The policy, in one place:
 * - An unlisted code is never confirmed success: a rule of the source that would make
 *   it a success gives pending, with a reason that says so.
 * - A well-formed unlisted code is decided by the first rule that applies. A context may
 *   state its own rules (`unlisted.rules`: a part's values or prefix, the code's prefix, or
 *   the category that claims it) and its own last rule (`unlisted.unknown`); a profile
 *   restates them per context. In a context that reads a column or the parts: its rules
 *   (else the composite rules, on the code's parts where the code has the parts' shape),
 *   then the outcome of the category that claims it, then its `unlisted.unknown`, else
 *   the spec's `outcome.unknown`. In a context that names its only success codes: its
 *   rules, then its `unlisted.unknown`, else its `otherwise`.
 * - Its category is the first category whose match claims it, in every context.
 * - A malformed value (not a string, or not of the code pattern) gets the outcome the
 *   source's rule gives an unlisted code whose parts say nothing: the context's
 *   `unlisted.unknown`, else its `otherwise`, else `outcome.unknown`, never success.
 */
import type { Category, Composite, Outcome, OutcomeContext, OutcomeOrUnknown, Spec, UnknownRule, UnlistedCodeRule } from "../types.ts";
import { partOffset, partSpans, codeLength } from "./parts.ts";

/** What an unlisted or malformed code can be: anything but success. */
export type UnlistedOutcome = Exclude<OutcomeOrUnknown, "success">;

/** Every outcome an unlisted code can get, in the order results list them. */
export const UNLISTED_OUTCOMES: readonly UnlistedOutcome[] = ["pending", "failed", "unknown"];

/** A rule's stated outcome under codebook's policy: success is never confirmed for an unlisted code. */
export function notConfirmed(o: OutcomeOrUnknown): UnlistedOutcome {
  return o === "success" ? "pending" : o;
}

/** Appended to the reason of a rule that would have made an unlisted code a success. */
export const NOT_CONFIRMED = " The table does not list this code, so codebook does not confirm success: pending.";

/** The reason given when the source says nothing about unlisted codes. */
export const NO_UNLISTED_RULE = "The source gives no outcome for codes it does not list.";

/**
 * A test on an unlisted code. Part tests compare the code in place, at the part's
 * offset, and apply only where the code has the parts' shape (`UnlistedPolicy.shape`).
 */
export type CodeTest =
  | { kind: "part-values"; part: string; start: number; values: readonly string[] }
  | { kind: "part-prefix"; part: string; start: number; prefix: string }
  | { kind: "prefixes"; prefixes: readonly string[] }
  | { kind: "pattern"; pattern: string };

/** A category that claims unlisted codes: the first whose test passes names the code's category. */
export interface CategoryClaim {
  category: Category;
  test: CodeTest;
}

/** One rule for an unlisted code, in the order the classifier tries them; the last always applies. */
export type UnlistedRule =
  | { kind: "part"; rule: UnlistedCodeRule; test: Extract<CodeTest, { part: string }>; stated: Outcome; outcome: UnlistedOutcome; reason: string }
  /** A prefix of the whole code (a context's rule without a part). */
  | { kind: "prefix"; rule: UnlistedCodeRule; test: Extract<CodeTest, { kind: "prefixes" }>; stated: Outcome; outcome: UnlistedOutcome; reason: string }
  | { kind: "category"; category: Category; stated: Outcome; outcome: UnlistedOutcome; reason: string }
  /** `why`: the source's own words on unlisted codes (`outcome.unknown.reason`, else its `source`), if any. */
  | { kind: "unknown"; stated: OutcomeOrUnknown; outcome: UnlistedOutcome; reason: string; why: string | null }
  | { kind: "success-codes"; successCodes: readonly string[]; stated: Outcome; outcome: UnlistedOutcome; reason: string };

/** The composite parts' shape: the code's length and each part's pattern, where a part has one. */
export interface PartsShape {
  length: number;
  parts: readonly { name: string; start: number; end: number; pattern: string | null }[];
}

/** How one context classifies a well-formed code the table does not list. */
export interface UnlistedPolicy {
  context: OutcomeContext;
  /** The categories that may claim an unlisted code, in the spec's order (empty: it gets none). */
  claims: readonly CategoryClaim[];
  /** The shape part tests need, or null where no test reads the parts. */
  shape: PartsShape | null;
  /** The rules in order; the first that applies decides; the last applies to every code. */
  rules: readonly UnlistedRule[];
}

/** How one context classifies a value that is not a code of the pattern. */
export interface MalformedPolicy {
  outcome: UnlistedOutcome;
  /** The pattern and its description, as the reason states it: `^[0-9]{2}$ (two digits)`. */
  described: string;
}

/** The policy for unlisted codes in a context. */
export function unlistedPolicy(spec: Spec, context: OutcomeContext): UnlistedPolicy {
  const composite = spec.composite;
  const claims = spec.categories.filter((c) => c.match !== null).map((category) => ({ category, test: claimTest(composite, category) }));
  const own = context.unlisted;
  const rules: UnlistedRule[] = [];
  const codeRules = own?.rules ?? (context.kind === "column" ? (composite?.rules ?? []).map(fromComposite) : []);
  for (const r of codeRules) rules.push(codeRule(spec, r));
  if (context.kind === "column")
    for (const { category: c } of claims) {
      if (!c.outcome) continue;
      rules.push({ kind: "category", category: c, stated: c.outcome, outcome: notConfirmed(c.outcome), reason: confirmedReason(categoryReason(c), c.outcome) });
    }
  rules.push(lastRule(spec, context));
  const readsParts = rules.some((r) => r.kind === "part") || claims.some((c) => c.test.kind === "part-values");
  return { context, claims, shape: readsParts ? partsShape(composite!) : null, rules };
}

/** The rule that applies to every code no rule before it decides: the context's `unlisted.unknown`, else `otherwise` or `outcome.unknown`. */
function lastRule(spec: Spec, context: OutcomeContext): UnlistedRule {
  if (context.kind === "successCodes" && !context.unlisted?.unknown) {
    const reason = context.source ?? `Only ${context.successCodes.join(", ")} succeed in ${context.title}; every other code is ${context.otherwise}.`;
    return { kind: "success-codes", successCodes: context.successCodes, stated: context.otherwise, outcome: notConfirmed(context.otherwise), reason };
  }
  const u: UnknownRule = context.unlisted?.unknown ?? spec.unknown;
  const why = u.reason ?? u.source;
  return { kind: "unknown", stated: u.outcome, outcome: notConfirmed(u.outcome), reason: confirmedReason(why ?? NO_UNLISTED_RULE, u.outcome), why };
}

function fromComposite(r: Composite["rules"][number]): UnlistedCodeRule {
  return { part: r.part, values: r.values, prefix: r.prefix, category: null, outcome: r.outcome, reason: r.reason, source: r.source };
}

/** One rule of a context (or a composite rule) as the policy's rule. */
function codeRule(spec: Spec, r: UnlistedCodeRule): UnlistedRule {
  const stated = r.outcome;
  const outcome = notConfirmed(stated);
  if (r.category !== null) {
    const category = spec.categories.find((c) => c.id === r.category)!;
    return { kind: "category", category, stated, outcome, reason: confirmedReason(r.reason ?? r.source ?? categoryReason(category), stated) };
  }
  if (r.part === null) {
    const reason = r.reason ?? r.source ?? `It starts with ${r.prefix}.`;
    return { kind: "prefix", rule: r, test: { kind: "prefixes", prefixes: [r.prefix!] }, stated, outcome, reason: confirmedReason(reason, stated) };
  }
  const start = partOffset(spec.composite!.parts, r.part);
  const test: Extract<CodeTest, { part: string }> = r.values ? { kind: "part-values", part: r.part, start, values: r.values } : { kind: "part-prefix", part: r.part, start, prefix: r.prefix! };
  const reason = r.reason ?? r.source ?? `Its ${r.part} part is ${r.values ? r.values.join(" or ") : `${r.prefix}…`}.`;
  return { kind: "part", rule: r, test, stated, outcome, reason: confirmedReason(reason, stated) };
}

function categoryReason(c: Category): string {
  return `Category ${c.label}${c.description ? ` (${c.description})` : ""}${c.reason ? `: ${c.reason}` : ""}`;
}

/** The policy for malformed values in a context. */
export function malformedPolicy(spec: Spec, context: OutcomeContext): MalformedPolicy {
  const stated = context.unlisted?.unknown?.outcome ?? (context.kind === "successCodes" ? context.otherwise : spec.unknown.outcome);
  return { outcome: notConfirmed(stated), described: `${spec.pattern}${spec.patternDescription ? ` (${spec.patternDescription})` : ""}` };
}

/** What decides a rule's answer: two contexts whose rules have the same keys classify every code alike. */
function ruleKey(r: UnlistedRule): unknown {
  const test = r.kind === "part" || r.kind === "prefix" ? r.test : r.kind === "category" ? r.category.id : r.kind === "success-codes" ? r.successCodes : null;
  return { kind: r.kind, test, outcome: r.outcome, reason: r.reason };
}

/** A policy and the contexts that share it. */
export interface PolicyGroup {
  policy: UnlistedPolicy;
  contexts: string[];
}

/** The contexts grouped by the policy they share (a target renders each group once), in context order. */
export function unlistedPolicyGroups(spec: Spec): PolicyGroup[] {
  const groups = new Map<string, PolicyGroup>();
  for (const ctx of spec.contexts) {
    const policy = unlistedPolicy(spec, ctx);
    const key = JSON.stringify({ rules: policy.rules.map(ruleKey), claims: policy.claims.map((c) => c.category.id), shape: policy.shape });
    const group = groups.get(key) ?? { policy, contexts: [] };
    group.contexts.push(ctx.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Whether a policy is one rule that applies to every code, with no category to name: a target may answer it inline. */
export function isSingleAnswer(policy: UnlistedPolicy): boolean {
  return policy.rules.length === 1 && policy.claims.length === 0 && policy.shape === null;
}

/** The outcomes an unlisted code can get in a context, in result order. */
export function unlistedOutcomes(policy: UnlistedPolicy): UnlistedOutcome[] {
  const got = new Set(policy.rules.map((r) => r.outcome));
  return UNLISTED_OUTCOMES.filter((o) => got.has(o));
}

/** What a context gives a well-formed unlisted code, read from its policy. */
export interface UnlistedVerdict {
  outcome: UnlistedOutcome;
  category: string | null;
  reason: string;
}

/**
 * Interprets a policy for one code that matches the code pattern and that the table
 * does not list. The generated classifiers decide the same way in their own code; the
 * tests hold them to this.
 */
export function decideUnlisted(policy: UnlistedPolicy, code: string): UnlistedVerdict {
  const hasShape = policy.shape !== null && fitsShape(policy.shape, code);
  const category = policy.claims.find((c) => passes(c.test, code, hasShape))?.category.id ?? null;
  for (const r of policy.rules) {
    if ((r.kind === "part" || r.kind === "prefix") && !passes(r.test, code, hasShape)) continue;
    if (r.kind === "category" && r.category.id !== category) continue;
    return { outcome: r.outcome, category, reason: r.reason };
  }
  throw new Error("codebook: an unlisted-code policy must end with a rule that always applies");
}

/** Whether a code has the parts' shape: their total length, each part of its pattern. */
export function fitsShape(shape: PartsShape, code: string): boolean {
  return code.length === shape.length && shape.parts.every((p) => p.pattern === null || new RegExp(p.pattern).test(code.slice(p.start, p.end)));
}

/** Whether a test passes on a code; part tests need the parts' shape. */
export function passes(test: CodeTest, code: string, hasShape: boolean): boolean {
  switch (test.kind) {
    case "part-values":
      return hasShape && test.values.some((v) => code.startsWith(v, test.start));
    case "part-prefix":
      return hasShape && code.startsWith(test.prefix, test.start);
    case "prefixes":
      return test.prefixes.some((p) => code.startsWith(p));
    case "pattern":
      return new RegExp(test.pattern).test(code);
  }
}

function claimTest(composite: Composite | null, c: Category): CodeTest {
  const m = c.match!;
  if ("part" in m) return { kind: "part-values", part: m.part, start: partOffset(composite!.parts, m.part), values: m.values };
  if ("prefixes" in m) return { kind: "prefixes", prefixes: m.prefixes };
  return { kind: "pattern", pattern: m.pattern };
}

function partsShape(composite: Composite): PartsShape {
  const patterns = new Map(composite.parts.map((p) => [p.name, p.pattern]));
  return { length: codeLength(composite.parts), parts: partSpans(composite.parts).map((s) => ({ ...s, pattern: patterns.get(s.name) ?? null })) };
}

function confirmedReason(reason: string, stated: OutcomeOrUnknown): string {
  return stated === "success" ? reason + NOT_CONFIRMED : reason;
}
