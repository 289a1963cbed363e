/**
 * Compares the code tables of two versions of a spec: the codes (matched by
 * the code string, their identity: a new member name is a rename), and the
 * rules that classify them (contexts, the rule for unlisted codes, transport
 * rules, categories, columns, actions). Both sides are checked IR, so composite
 * rows are compared after expansion and comments are not changes.
 */
import type { Code, OutcomeContext, Spec, TransportRule } from "../model/types.ts";
import type { Change } from "./levels.ts";
import { judge, type ChangeKind } from "./levels.ts";
import { quote } from "./text-changes.ts";
import { unlistedOutcomeOf, unlistedRuleText } from "./unlisted.ts";

/**
 * For an API: which endpoint each code belongs to (by its service part). Codes
 * of an endpoint only one side has are that endpoint's change, not their own.
 */
export interface Services {
  part: string;
  /** Service code → endpoint key, per side. */
  old: ReadonlyMap<string, string>;
  new: ReadonlyMap<string, string>;
}

export function compareCodes(a: Spec, b: Spec, services: Services | null): Change[] {
  const out: Change[] = [];
  const oldCodes = new Map(a.codes.map((c) => [c.code, c]));
  const newCodes = new Map(b.codes.map((c) => [c.code, c]));
  const service = (c: Code) => (services ? c.parts?.[services.part] : undefined);
  // An API code is compared only when its service exists on both sides.
  const compared = (c: Code) => {
    const s = service(c);
    return s === undefined || (services!.old.has(s) && services!.new.has(s));
  };
  const endpoint = (c: Code) => {
    const s = service(c);
    return s === undefined ? undefined : services!.new.get(s) ?? services!.old.get(s);
  };
  const label = (c: Code) => {
    const e = endpoint(c);
    return e === undefined ? c.code : `${c.code} (${e})`;
  };
  const at = (c: Code) => (endpoint(c) === undefined ? { code: c.code } : { code: c.code, endpoint: endpoint(c)! });

  for (const old of a.codes) {
    if (!compared(old)) continue;
    const now = newCodes.get(old.code);
    if (!now) {
      const kind: ChangeKind = service(old) === undefined ? "code-removed" : "service-code-removed";
      out.push(judge("breaking", { kind, ...at(old), before: old.name, what: `${label(old)} ${old.name} removed` }));
      continue;
    }
    out.push(...compareCode(a, b, old, now, services, label(now), at(now)));
  }
  for (const now of b.codes) {
    if (oldCodes.has(now.code) || !compared(now)) continue;
    out.push(added(a, b, now, service(now) === undefined ? "code-added" : "service-code-added", label(now), at(now)));
  }
  return out;
}

/** A new code: a feature when it keeps, in every context, the outcome the old rule for unlisted codes gave it. */
function added(a: Spec, b: Spec, now: Code, kind: ChangeKind, label: string, at: { code: string; endpoint?: string }): Change {
  const contexts = b.contexts.filter((ctx) => a.contexts.some((x) => x.id === ctx.id));
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  for (const ctx of contexts) {
    before[ctx.id] = unlistedOutcomeOf(a, now.code, a.contexts.find((x) => x.id === ctx.id)!);
    after[ctx.id] = now.outcomes[ctx.id]!;
  }
  const changed = contexts.filter((ctx) => before[ctx.id] !== after[ctx.id]).map((ctx) => ctx.id);
  const shown = changed.length ? changed : contexts.map((c) => c.id);
  const text = (o: Record<string, string>) => perContext(shown.map((id) => [id, o[id]!]));
  if (changed.length)
    return judge("breaking", {
      kind,
      ...at,
      before: text(before),
      after: text(after),
      what: `${label} ${now.name} added as ${text(after)}; unlisted, it was ${text(before)}`,
    });
  return judge("feature", { kind, ...at, after: text(after), what: `${label} ${now.name} added as ${text(after)}, as the rule for unlisted codes already classified it` });
}

/** "failed", or "payment: failed, checkStatus: pending" where contexts differ. */
function perContext(entries: [string, string][]): string {
  if (entries.length === 0) return "—";
  const values = new Set(entries.map(([, o]) => o));
  return values.size === 1 ? entries[0]![1] : entries.map(([id, o]) => `${id}: ${o}`).join(", ");
}

function compareCode(a: Spec, b: Spec, old: Code, now: Code, services: Services | null, label: string, at: { code: string; endpoint?: string }): Change[] {
  const out: Change[] = [];
  if (old.name !== now.name && !renamedWithEndpoint(old, now, services))
    out.push(judge("breaking", { kind: "code-renamed", ...at, before: old.name, after: now.name, what: `${label} renamed ${old.name} → ${now.name}` }));

  let outcomeChanged = false;
  for (const ctx of b.contexts) {
    if (!a.contexts.some((x) => x.id === ctx.id)) continue;
    const before = old.outcomes[ctx.id]!;
    const after = now.outcomes[ctx.id]!;
    if (before === after) continue;
    outcomeChanged = true;
    const status = old.status !== now.status ? ` (status ${quote(old.status)} → ${quote(now.status)})` : "";
    out.push(judge("breaking", { kind: "outcome-changed", ...at, context: ctx.id, before, after, what: `${label} in ${ctx.id}: ${before} → ${after}${status}` }));
  }
  if (old.status !== now.status && !outcomeChanged)
    out.push(judge("fix", { kind: "status-changed", ...at, ...texts(old.status, now.status), what: `${label} status ${quote(old.status)} → ${quote(now.status)}` }));

  if (old.category !== now.category)
    out.push(judge("breaking", { kind: "category-changed", ...at, ...texts(old.category, now.category), what: `${label} category ${old.category ?? "none"} → ${now.category ?? "none"}` }));

  const scopeOf = (s: Spec, c: Code) => s.tables.find((t) => t.id === c.table)?.scope?.id ?? null;
  if (scopeOf(a, old) !== scopeOf(b, now))
    out.push(
      judge("breaking", { kind: "scope-changed", ...at, ...texts(scopeOf(a, old), scopeOf(b, now)), what: `${label} scope ${scopeOf(a, old) ?? "none"} → ${scopeOf(b, now) ?? "none"}` }),
    );

  const actionsOf = (s: Spec, c: Code) => s.actions.filter((x) => x.codes.includes(c.code)).map((x) => x.id).join(", ");
  if (actionsOf(a, old) !== actionsOf(b, now))
    out.push(
      judge("breaking", {
        kind: "actions-changed",
        ...at,
        before: actionsOf(a, old),
        after: actionsOf(b, now),
        what: `${label} actions [${actionsOf(a, old)}] → [${actionsOf(b, now)}]`,
      }),
    );

  if (old.message !== now.message)
    out.push(judge("fix", { kind: "message-changed", ...at, before: old.message, after: now.message, what: `${label} message ${quote(old.message)} → ${quote(now.message)}` }));
  if (old.description !== now.description)
    out.push(
      judge("fix", { kind: "description-changed", ...at, ...texts(old.description, now.description), what: `${label} description ${quote(old.description)} → ${quote(now.description)}` }),
    );
  for (const col of b.columns) {
    if (!a.columns.some((x) => x.key === col.key)) continue;
    const before = old.columns[col.key]?.text ?? null;
    const after = now.columns[col.key]?.text ?? null;
    if (before !== after)
      out.push(judge("fix", { kind: "column-changed", ...at, field: col.key, ...texts(before, after), what: `${label} ${col.key} ${quote(before)} → ${quote(after)}` }));
  }
  return out;
}

/** An API code's name carries its endpoint key: a renamed endpoint renames its codes, reported once as the endpoint's rename. */
function renamedWithEndpoint(old: Code, now: Code, services: Services | null): boolean {
  const s = services ? old.parts?.[services.part] : undefined;
  if (s === undefined) return false;
  const from = services!.old.get(s)!;
  const to = services!.new.get(s)!;
  return from !== to && old.name.startsWith(from) && now.name === to + old.name.slice(from.length);
}

/** before/after for values that may be absent (null): only the present ones. */
function texts(before: string | null, after: string | null): { before?: string; after?: string } {
  return { ...(before === null ? {} : { before }), ...(after === null ? {} : { after }) };
}

/** The rules that classify codes, and the table's other typed parts. */
export function compareRules(a: Spec, b: Spec): Change[] {
  const out: Change[] = [];
  if (a.kind !== b.kind) out.push(judge("breaking", { kind: "kind-changed", before: a.kind, after: b.kind, what: `kind ${a.kind} → ${b.kind}` }));
  if (a.typePrefix !== b.typePrefix)
    out.push(judge("breaking", { kind: "type-prefix-changed", before: a.typePrefix, after: b.typePrefix, what: `typePrefix ${a.typePrefix} → ${b.typePrefix}` }));

  if (a.pattern !== b.pattern)
    out.push(judge("breaking", { kind: "code-pattern-changed", before: a.pattern, after: b.pattern, what: `code pattern ${a.pattern} → ${b.pattern}` }));
  const partsOf = (s: Spec) => (s.composite?.parts ?? []).map((p) => `${p.name}(${p.length}${p.pattern ? ` ${p.pattern}` : ""}${p.role ? `, ${p.role}` : ""})`).join(" + ") || "none";
  if (partsOf(a) !== partsOf(b))
    out.push(judge("breaking", { kind: "code-parts-changed", before: partsOf(a), after: partsOf(b), what: `code parts ${partsOf(a)} → ${partsOf(b)}` }));

  // ---- contexts and the rule for unlisted codes in each
  const ctxIds = (s: Spec) => s.contexts.map((c) => c.id);
  for (const ctx of a.contexts)
    if (!ctxIds(b).includes(ctx.id)) out.push(judge("breaking", { kind: "context-removed", context: ctx.id, what: `context ${ctx.id} removed` }));
  for (const ctx of b.contexts)
    if (!ctxIds(a).includes(ctx.id)) out.push(judge("feature", { kind: "context-added", context: ctx.id, what: `context ${ctx.id} added` }));
  if (a.contexts[0]!.id !== b.contexts[0]!.id)
    out.push(
      judge("breaking", { kind: "default-context-changed", before: a.contexts[0]!.id, after: b.contexts[0]!.id, what: `default context ${a.contexts[0]!.id} → ${b.contexts[0]!.id}` }),
    );
  for (const ctx of b.contexts) {
    const old: OutcomeContext | undefined = a.contexts.find((x) => x.id === ctx.id);
    if (!old) continue;
    const before = unlistedRuleText(a, old);
    const after = unlistedRuleText(b, ctx);
    if (before === after) continue;
    // The message names only the clauses that differ; before/after keep the whole rule.
    const [was, now] = [before.split("; "), after.split("; ")];
    const only = (x: string[], y: string[]) => x.filter((c) => !y.includes(c)).join("; ") || "—";
    out.push(judge("breaking", { kind: "unlisted-rule-changed", context: ctx.id, before, after, what: `unlisted codes in ${ctx.id}: ${only(was, now)} ⇒ ${only(now, was)}` }));
  }

  // ---- transport (HTTP status) rules
  if (!a.transport && b.transport) out.push(judge("feature", { kind: "transport-added", what: "HTTP status rules added" }));
  else if (a.transport && !b.transport) out.push(judge("breaking", { kind: "transport-removed", what: "HTTP status rules removed" }));
  else if (a.transport && b.transport) {
    const statuses = [...new Set([...a.transport.rules, ...b.transport.rules].map((r) => r.http))].sort((x, y) =>
      x === "other" ? 1 : y === "other" ? -1 : x - y,
    );
    for (const http of statuses) {
      const before = transportOutcome(a.transport.rules, http);
      const after = transportOutcome(b.transport.rules, http);
      if (before !== after)
        out.push(judge("breaking", { kind: "transport-rule-changed", field: String(http), before, after, what: `HTTP ${http === "other" ? "statuses no rule names" : http}: ${before} → ${after}` }));
    }
  }

  // ---- categories, columns, actions
  for (const c of a.categories)
    if (!b.categories.some((x) => x.id === c.id)) out.push(judge("breaking", { kind: "category-removed", field: c.id, what: `category ${c.id} removed` }));
  for (const c of b.categories)
    if (!a.categories.some((x) => x.id === c.id)) out.push(judge("feature", { kind: "category-added", field: c.id, what: `category ${c.id} added` }));
  for (const col of a.columns) {
    const now = b.columns.find((x) => x.key === col.key);
    if (!now) {
      out.push(judge("breaking", { kind: "column-removed", field: col.key, what: `column ${col.key} removed` }));
      continue;
    }
    const shape = (c: typeof col) => (c.type === "text" ? "text" : `${c.type}: ${c.values.join(" | ")}`);
    if (shape(col) === shape(now)) continue;
    const widened = col.type === now.type && col.values.every((v) => now.values.includes(v));
    out.push(
      judge(widened ? "feature" : "breaking", { kind: "column-values-changed", field: col.key, before: shape(col), after: shape(now), what: `column ${col.key}: ${shape(col)} → ${shape(now)}` }),
    );
  }
  for (const col of b.columns)
    if (!a.columns.some((x) => x.key === col.key)) out.push(judge("feature", { kind: "column-added", field: col.key, what: `column ${col.key} added` }));
  for (const x of a.actions)
    if (!b.actions.some((y) => y.id === x.id)) out.push(judge("breaking", { kind: "action-removed", field: x.id, what: `action ${x.id} removed` }));
  for (const x of b.actions)
    if (!a.actions.some((y) => y.id === x.id)) out.push(judge("feature", { kind: "action-added", field: x.id, what: `action ${x.id} added` }));
  return out;
}

/** What a response with this HTTP status gets before its code is read ("code": the code decides). */
function transportOutcome(rules: readonly TransportRule[], http: number | "other"): string {
  return (rules.find((r) => r.http === http) ?? rules.find((r) => r.http === "other"))?.outcome ?? "code";
}
