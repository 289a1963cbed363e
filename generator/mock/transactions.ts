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

/**
 * One transaction. Kept small (about 300 bytes): up to maxTransactions of them
 * live at once, so the history is a flat list (time, endpoint, code, state
 * index, four slots an entry) of values the scenario file already holds.
 */
interface Transaction {
  flow: Flow;
  /** The flow's index in the file. */
  index: number;
  reference: string;
  state: number;
  /** Calls answered in the current state. */
  calls: number;
  enteredAt: number;
  history: (string | number)[];
  timer?: NodeJS.Timeout;
  /** The callback's base body, built at the start when a final state may send it. */
  notify?: Notification | null;
  /** The reference each `after: success` rule of the start endpoint takes from the start request (by the rule's index; undefined: none): marked when a `success` state is entered. */
  successKeys?: (string | undefined)[];
}

interface RuleRecord {
  rule: IdempotencyRule;
  source: Source;
  /** reference -> the day (YYYY-MM-DD at the rule's offset) or the time (ms) it was first seen; or, for after: success, the time it succeeded. */
  seen: Map<string, string | number>;
  /** The last day computed and the minute it was computed for: one Date per minute, one string per day. */
  day?: { minute: number; day: string };
}

export interface TransactionView {
  flow: string;
  reference: string;
  state: string;
  final: boolean;
  calls: number;
  since: string;
  history: { at: string; endpoint: string; code: string; state: string }[];
}

export interface StateView {
  transactions: TransactionView[];
  idempotency: { rule: number; endpoint: string; code: string; references: number }[];
  maxTransactions: number;
}

export class Transactions {
  /** Per flow (by its index): reference -> transaction. */
  private readonly byFlow: Map<string, Transaction>[];
  /** Every transaction in the order it started, for the cap (the oldest goes first); `head` is the oldest live slot. */
  private order: Transaction[] = [];
  private head = 0;
  private count = 0;
  private readonly rules: RuleRecord[];
  private readonly flowSources: { flow: Flow; index: number; sources: Map<string, Source> }[];

  constructor(
    private readonly pkg: MockPackage,
    set: ScenarioSet,
    private readonly max: number,
    /** Build callback bodies (a notify URL was given). */
    private readonly notifying: boolean,
    private readonly onFinal: (n: Notification, flow: string, state: string, reference: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.rules = set.idempotency.map((rule) => ({ rule, source: sourceOf(rule.reference), seen: new Map() }));
    this.byFlow = set.flows.map(() => new Map());
    this.flowSources = set.flows.map((flow, index) => ({ flow, index, sources: new Map(Object.entries(flow.reference).map(([k, s]) => [k, sourceOf(s)])) }));
  }

  /** Whether any flow or rule is configured: without, requests skip the state entirely. */
  get active(): boolean {
    return this.rules.length > 0 || this.flowSources.length > 0;
  }

  /** The stateful answer to a valid request, or null when the stateless one applies. */
  decide(e: MockEndpoint, body: unknown, headers: IncomingHttpHeaders): Decision | null {
    const now = this.now();
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i]!;
      if (r.rule.endpoint !== e.key) continue;
      const key = referenceOf(r.source, body, headers);
      if (key === undefined) continue;
      const seen = r.seen.get(key);
      if (r.rule.after === "success") {
        if (seen !== undefined) return { code: r.rule.code, reason: `idempotency rule ${i + 1}: ${r.source.name} ${shown(key)} already succeeded` };
        continue;
      }
      const stamp = r.rule.within === "day" ? today(r, now) : now;
      const repeated = r.rule.within === "day" ? seen === stamp : typeof seen === "number" && now - seen < (r.rule.within as { seconds: number }).seconds * 1000;
      if (repeated) return { code: r.rule.code, reason: `idempotency rule ${i + 1}: ${r.source.name} ${shown(key)} already used ${r.rule.within === "day" ? "today" : "within the window"}` };
      remember(r.seen, key, stamp, this.max);
    }
    for (const { flow, index, sources } of this.flowSources) {
      const source = sources.get(e.key);
      if (!source) continue;
      const reference = referenceOf(source, body, headers);
      if (reference === undefined) continue;
      const tx = this.byFlow[index]!.get(reference);
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
      transactions: this.live().map((tx) => this.viewOf(tx)),
      idempotency: this.rules.map((r, i) => ({ rule: i + 1, endpoint: r.rule.endpoint, code: r.rule.code, references: r.seen.size })),
      maxTransactions: this.max,
    };
  }

  /** Every transaction whose reference is `reference` (one per flow at most). */
  find(reference: string): TransactionView[] {
    const key = keyOf(reference);
    return this.byFlow.flatMap((m) => m.get(key) ?? []).sort((a, b) => this.order.indexOf(a) - this.order.indexOf(b)).map((tx) => this.viewOf(tx));
  }

  /** Forgets every transaction and every seen reference; returns how many transactions there were. */
  reset(): number {
    const n = this.count;
    for (const tx of this.live()) clearTimeout(tx.timer);
    for (const m of this.byFlow) m.clear();
    this.order = [];
    this.head = 0;
    this.count = 0;
    for (const r of this.rules) r.seen.clear();
    return n;
  }

  close(): void {
    for (const tx of this.live()) clearTimeout(tx.timer);
  }

  /** The transactions held, oldest first. */
  private live(): Transaction[] {
    return this.order.slice(this.head);
  }

  private viewOf(tx: Transaction): TransactionView {
    const state = tx.flow.states[tx.state]!;
    const history: TransactionView["history"] = [];
    for (let i = 0; i < tx.history.length; i += 4)
      history.push({ at: new Date(tx.history[i] as number).toISOString(), endpoint: tx.history[i + 1] as string, code: tx.history[i + 2] as string, state: tx.flow.states[tx.history[i + 3] as number]!.name });
    return { flow: tx.flow.name, reference: tx.reference, state: state.name, final: state.final === true, calls: tx.calls, since: new Date(tx.enteredAt).toISOString(), history };
  }

  private start(flow: Flow, index: number, reference: string, e: MockEndpoint, body: unknown, headers: IncomingHttpHeaders): Decision {
    const now = this.now();
    const tx: Transaction = { flow, index, reference, state: 0, calls: 0, enteredAt: now, history: [] };
    if (flow.states.some((s) => s.success))
      for (let i = 0; i < this.rules.length; i++) {
        const r = this.rules[i]!;
        if (r.rule.after !== "success" || r.rule.endpoint !== e.key) continue;
        (tx.successKeys ??= [])[i] = referenceOf(r.source, body, headers);
      }
    // The callback's reference to the provider's transaction comes from the success fixture: a start answered 504 still has one.
    if (this.notifying && flow.states.some((s) => s.final && s.notify !== false)) tx.notify = safely(() => notification(this.pkg, e, body, e.responses[e.successCode] ?? {}));
    this.byFlow[index]!.set(reference, tx);
    this.order.push(tx);
    if (++this.count > this.max) this.evict();
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

  /** Forgets the oldest transaction (its timer ended). */
  private evict(): void {
    const old = this.order[this.head]!;
    this.head++;
    this.count--;
    clearTimeout(old.timer);
    this.byFlow[old.index]!.delete(old.reference);
    // The list's dead head is dropped once it is as long as the live part.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  private record(tx: Transaction, e: MockEndpoint, answer: { code: string; fields?: Record<string, unknown>; delay?: number }, reason: string): Decision {
    tx.history.push(this.now(), e.key, answer.code, tx.state);
    if (tx.history.length > HISTORY * 4) tx.history.splice(0, 4);
    return { code: answer.code, reason, ...(answer.fields ? { fields: answer.fields } : {}), ...(answer.delay === undefined ? {} : { delay: answer.delay }) };
  }

  private enter(tx: Transaction, index: number): void {
    clearTimeout(tx.timer);
    tx.timer = undefined;
    tx.state = index;
    tx.calls = 0;
    tx.enteredAt = this.now();
    const state = tx.flow.states[index]!;
    if (state.success && tx.successKeys)
      tx.successKeys.forEach((key, i) => {
        if (key !== undefined) remember(this.rules[i]!.seen, key, this.now(), this.max);
      });
    if (state.until?.seconds !== undefined) {
      tx.timer = setTimeout(() => {
        // Evicted or reset since: nothing to move on.
        if (this.byFlow[tx.index]!.get(tx.reference) === tx && tx.state === index) this.enter(tx, index + 1);
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

/** The rule's calendar day now: computed once a minute, the same string all day. */
function today(r: RuleRecord, now: number): string {
  const minute = Math.floor(now / 60_000);
  if (r.day?.minute === minute) return r.day.day;
  const day = dayOf(now, r.rule.utcOffset);
  r.day = { minute, day: r.day?.day === day ? r.day.day : day };
  return r.day.day;
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
