/**
 * The mock's state, in memory: each flow's transactions by reference, and the
 * references each idempotency rule has seen. `decide` answers a request from
 * it (a conflict, a state's answer, a flow's start) or says the stateless
 * answer applies; `answered` records what a stateless answer did. Timers move
 * a transaction on after T seconds; entering a final state calls `onFinal`
 * (which sends the callback). Both stores are capped at `maxTransactions`:
 * the oldest entry goes first, so memory stays bounded however long it runs.
 */
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { sourceOf, type Flow, type FlowAnswer, type FlowStateSpec, type IdempotencyRule, type Source } from "./flows.ts";
import type { MockEndpoint, MockPackage } from "./load-package.ts";
import { notification, type Notification } from "./notify.ts";
import type { ScenarioSet } from "./scenario-file.ts";
import { matches, valueAt } from "./scenarios.ts";

/** Entries a transaction's history keeps (the latest). */
const HISTORY = 50;
/** A reference longer than this is kept as its SHA-256 (a header may be 16 KiB long). */
const MAX_KEY_CHARS = 128;

export interface Decision {
  code: string;
  fields?: Record<string, unknown>;
  delay?: number;
  reason: string;
}

interface Transaction {
  flow: Flow;
  reference: string;
  state: number;
  /** Calls answered in the current state. */
  calls: number;
  enteredAt: number;
  createdAt: number;
  history: { at: string; endpoint: string; code: string; state: string }[];
  timer?: NodeJS.Timeout;
  /** The callback's base body, built at the start when a final state may send it. */
  notify?: Notification | null;
  /** The references the start request gives `after: success` rules: marked when a `success` state is entered. */
  successKeys: [IdempotencyRule, string][];
}

interface RuleRecord {
  rule: IdempotencyRule;
  source: Source;
  /** reference -> the day (YYYY-MM-DD at the rule's offset) or the time (ms) it was first seen; or, for after: success, the time it succeeded. */
  seen: Map<string, string | number>;
}

export interface TransactionView {
  flow: string;
  reference: string;
  state: string;
  final: boolean;
  calls: number;
  since: string;
  history: Transaction["history"];
}

export interface StateView {
  transactions: TransactionView[];
  idempotency: { rule: number; endpoint: string; code: string; references: number }[];
  maxTransactions: number;
}

export class Transactions {
  private readonly byKey = new Map<string, Transaction>();
  private readonly rules: RuleRecord[];
  private readonly flowSources: { flow: Flow; index: number; sources: Map<string, Source> }[];

  constructor(
    private readonly pkg: MockPackage,
    private readonly set: ScenarioSet,
    private readonly max: number,
    /** Build callback bodies (a notify URL was given). */
    private readonly notifying: boolean,
    private readonly onFinal: (n: Notification, flow: string, state: string, reference: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.rules = set.idempotency.map((rule) => ({ rule, source: sourceOf(rule.reference), seen: new Map() }));
    this.flowSources = set.flows.map((flow, index) => ({ flow, index, sources: new Map(Object.entries(flow.reference).map(([k, s]) => [k, sourceOf(s)])) }));
  }

  /** Whether any flow or rule is configured: without, requests skip the state entirely. */
  get active(): boolean {
    return this.rules.length > 0 || this.flowSources.length > 0;
  }

  /** The stateful answer to a valid request, or null when the stateless one applies. */
  decide(e: MockEndpoint, body: unknown, headers: IncomingHttpHeaders): Decision | null {
    const now = this.now();
    for (const [i, r] of this.rules.entries()) {
      if (r.rule.endpoint !== e.key) continue;
      const key = referenceOf(r.source, body, headers);
      if (key === undefined) continue;
      const seen = r.seen.get(key);
      const what = `${r.source.kind === "header" ? r.source.name : r.source.name} ${shown(key)}`;
      if (r.rule.after === "success") {
        if (seen !== undefined) return { code: r.rule.code, reason: `idempotency rule ${i + 1}: ${what} already succeeded` };
        continue;
      }
      const stamp = r.rule.within === "day" ? dayOf(now, r.rule.utcOffset) : now;
      const repeated = r.rule.within === "day" ? seen === stamp : typeof seen === "number" && now - seen < (r.rule.within as { seconds: number }).seconds * 1000;
      if (repeated) return { code: r.rule.code, reason: `idempotency rule ${i + 1}: ${what} already used ${r.rule.within === "day" ? "today" : "within the window"}` };
      remember(r.seen, key, stamp, this.max);
    }
    for (const { flow, index, sources } of this.flowSources) {
      const source = sources.get(e.key);
      if (!source) continue;
      const reference = referenceOf(source, body, headers);
      if (reference === undefined) continue;
      const tx = this.byKey.get(`${index}\0${reference}`);
      if (tx) {
        const state = flow.states[tx.state]!;
        const answer = state.answers[e.key];
        if (answer) return this.answerIn(tx, state, e, answer);
        if (e.key === flow.start.endpoint) return this.record(tx, e, flow.start, `flow ${JSON.stringify(flow.name)}: ${shown(reference)} again (state ${state.name})`);
        continue;
      }
      if (e.key !== flow.start.endpoint || (flow.start.when && !matches(flow.start.when, body))) continue;
      return this.start(flow, index, reference, e, body, headers);
    }
    return null;
  }

  /** After a stateless answer: a success of an `after: success` rule's endpoint marks its reference. */
  answered(e: MockEndpoint, code: string, body: unknown, headers: IncomingHttpHeaders): void {
    if (code !== e.successCode) return;
    for (const r of this.rules) {
      if (r.rule.endpoint !== e.key || r.rule.after !== "success") continue;
      const key = referenceOf(r.source, body, headers);
      if (key !== undefined) remember(r.seen, key, this.now(), this.max);
    }
  }

  view(): StateView {
    return {
      transactions: [...this.byKey.values()].map((tx) => this.viewOf(tx)),
      idempotency: this.rules.map((r, i) => ({ rule: i + 1, endpoint: r.rule.endpoint, code: r.rule.code, references: r.seen.size })),
      maxTransactions: this.max,
    };
  }

  /** Every transaction whose reference is `reference` (one per flow at most). */
  find(reference: string): TransactionView[] {
    const key = keyOf(reference);
    return [...this.byKey.values()].filter((tx) => tx.reference === key).map((tx) => this.viewOf(tx));
  }

  /** Forgets every transaction and every seen reference; returns how many transactions there were. */
  reset(): number {
    const n = this.byKey.size;
    for (const tx of this.byKey.values()) clearTimeout(tx.timer);
    this.byKey.clear();
    for (const r of this.rules) r.seen.clear();
    return n;
  }

  close(): void {
    for (const tx of this.byKey.values()) clearTimeout(tx.timer);
  }

  private viewOf(tx: Transaction): TransactionView {
    const state = tx.flow.states[tx.state]!;
    return { flow: tx.flow.name, reference: tx.reference, state: state.name, final: state.final === true, calls: tx.calls, since: new Date(tx.enteredAt).toISOString(), history: [...tx.history] };
  }

  private start(flow: Flow, index: number, reference: string, e: MockEndpoint, body: unknown, headers: IncomingHttpHeaders): Decision {
    const now = this.now();
    const tx: Transaction = { flow, reference, state: 0, calls: 0, enteredAt: now, createdAt: now, history: [], successKeys: [] };
    for (const r of this.rules) {
      if (r.rule.after !== "success" || r.rule.endpoint !== e.key) continue;
      const key = referenceOf(r.source, body, headers);
      if (key !== undefined) tx.successKeys.push([r.rule, key]);
    }
    // The callback's reference to the provider's transaction comes from the success fixture: a start answered 504 still has one.
    if (this.notifying && flow.states.some((s) => s.final && s.notify !== false)) tx.notify = safely(() => notification(this.pkg, e, body, e.responses[e.successCode] ?? {}));
    const key = `${index}\0${reference}`;
    this.byKey.set(key, tx);
    if (this.byKey.size > this.max) {
      const [oldest, old] = this.byKey.entries().next().value as [string, Transaction];
      clearTimeout(old.timer);
      this.byKey.delete(oldest);
    }
    const decision = this.record(tx, e, flow.start, `flow ${JSON.stringify(flow.name)}: ${shown(reference)} started`);
    this.enter(tx, 0);
    return { ...decision, reason: `${decision.reason}, state ${flow.states[0]!.name}` };
  }

  private answerIn(tx: Transaction, state: FlowStateSpec, e: MockEndpoint, answer: FlowAnswer): Decision {
    tx.calls++;
    const decision = this.record(tx, e, answer, `flow ${JSON.stringify(tx.flow.name)}: ${shown(tx.reference)} in state ${state.name}`);
    const next = answer.then !== undefined ? tx.flow.states.findIndex((s) => s.name === answer.then) : state.until?.calls !== undefined && tx.calls >= state.until.calls ? tx.state + 1 : -1;
    if (next >= 0) {
      this.enter(tx, next);
      return { ...decision, reason: `${decision.reason}, now ${tx.flow.states[next]!.name}` };
    }
    return decision;
  }

  private record(tx: Transaction, e: MockEndpoint, answer: { code: string; fields?: Record<string, unknown>; delay?: number }, reason: string): Decision {
    tx.history.push({ at: new Date(this.now()).toISOString(), endpoint: e.key, code: answer.code, state: tx.flow.states[tx.state]!.name });
    if (tx.history.length > HISTORY) tx.history.shift();
    return { code: answer.code, reason, ...(answer.fields ? { fields: answer.fields } : {}), ...(answer.delay === undefined ? {} : { delay: answer.delay }) };
  }

  private enter(tx: Transaction, index: number): void {
    clearTimeout(tx.timer);
    tx.timer = undefined;
    tx.state = index;
    tx.calls = 0;
    tx.enteredAt = this.now();
    const state = tx.flow.states[index]!;
    if (state.success) for (const [rule, key] of tx.successKeys) {
      const r = this.rules.find((x) => x.rule === rule);
      if (r) remember(r.seen, key, this.now(), this.max);
    }
    if (state.until?.seconds !== undefined) {
      tx.timer = setTimeout(() => {
        // Evicted or reset since: nothing to move on.
        if (this.byKey.get(`${this.set.flows.indexOf(tx.flow)}\0${tx.reference}`) === tx && tx.state === index) this.enter(tx, index + 1);
      }, state.until.seconds * 1000);
      tx.timer.unref();
    }
    if (state.final && state.notify !== false && tx.notify) {
      const fields = typeof state.notify === "object" ? state.notify : {};
      this.onFinal({ ...tx.notify, body: { ...tx.notify.body, ...fields } }, tx.flow.name, state.name, tx.reference);
    }
  }
}

/** The request's reference from `source`: a string or number at the body path, or the header's value; long ones as their hash. */
function referenceOf(source: Source, body: unknown, headers: IncomingHttpHeaders): string | undefined {
  let v: unknown;
  if (source.kind === "header") {
    const h = headers[source.name];
    v = Array.isArray(h) ? h.join(", ") : h;
  } else v = valueAt(body, source.name);
  if (typeof v === "number" && Number.isFinite(v)) v = String(v);
  if (typeof v !== "string" || v === "") return undefined;
  return keyOf(v);
}

function keyOf(v: string): string {
  return v.length > MAX_KEY_CHARS ? `sha256:${createHash("sha256").update(v).digest("hex")}` : v;
}

function remember(map: Map<string, string | number>, key: string, value: string | number, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}

/** The calendar day of `ms` at a UTC offset ("+07:00"), as YYYY-MM-DD. */
export function dayOf(ms: number, utcOffset = "+00:00"): string {
  const sign = utcOffset.startsWith("-") ? -1 : 1;
  const [h, m] = utcOffset.slice(1).split(":").map(Number);
  return new Date(ms + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000).toISOString().slice(0, 10);
}

function shown(reference: string): string {
  return reference.length > 40 ? `${reference.slice(0, 37)}...` : reference;
}

function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
