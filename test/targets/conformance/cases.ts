// The conformance suite's case file for one spec: language-neutral inputs that every
// target's harness runs through its generated code. Every value is JSON text, so a
// harness reads numbers JSON.stringify cannot write (1e400) exactly as JSON.parse does.
//
// - classify: every listed code in every context; well-formed codes the table does not
//   list, built from the pattern and the parts (every category prefix, every HTTP class,
//   every family), at least MIN_UNLISTED or every one the pattern allows; at least
//   MIN_MALFORMED values that are not codes (wrong length or characters, numbers, null,
//   booleans, objects, arrays, very long strings, astral characters); each in every context.
// - response: the transport rules' statuses and others, with listed, unlisted and malformed codes.
// - parse, httpStatus, validate: API specs only (validate: see bodies.ts).
import { parsePattern, samplePattern, type PatternNode } from "../../../generator/model/semantics/pattern.ts";
import type { Spec } from "../../../generator/model/types.ts";
import { bodyCases, type BodyCase } from "./bodies.ts";

export const MIN_UNLISTED = 2000;
export const MIN_MALFORMED = 500;

export interface ClassifyCase {
  /** JSON text of the value. */
  value: string;
  context: string;
  group: "listed" | "unlisted" | "malformed";
}

export interface CaseFile {
  spec: string;
  classify: ClassifyCase[];
  response: { httpStatus: number; code: string }[];
  parse: { value: string }[];
  httpStatus: { httpStatus: number; body: string }[];
  validate: BodyCase[];
}

/** A string a target can hold: no lone surrogates (Go, Java's JSON readers, Python's json replace them). */
export const wellFormed = (s: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** A seeded generator: the same spec gives the same cases. */
export function random(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

function tree(pattern: string): PatternNode {
  const parsed = parsePattern(pattern);
  if (!parsed.ok) throw new Error(`${pattern}: ${parsed.reason}`);
  return parsed.tree;
}

/** Every string the pattern can match, when there are at most `limit` (else null): anchored sequences of sets and counted repeats. */
function language(node: PatternNode, limit: number): string[] | null {
  switch (node.kind) {
    case "units": {
      const size = node.set.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
      if (size > limit) return null;
      return node.set.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => String.fromCharCode(lo + i)));
    }
    case "assert":
      return node.what === "start" || node.what === "end" ? [""] : null;
    case "group":
      return language(node.body, limit);
    case "alt": {
      const all: string[] = [];
      for (const b of node.branches) {
        const l = language(b, limit);
        if (!l || all.length + l.length > limit) return null;
        all.push(...l);
      }
      return all;
    }
    case "seq": {
      let acc = [""];
      for (const item of node.items) {
        const l = language(item, limit);
        if (!l || acc.length * l.length > limit) return null;
        acc = acc.flatMap((a) => l.map((b) => a + b));
      }
      return acc;
    }
    case "repeat": {
      if (node.max === Infinity) return null;
      const body = language(node.body, limit);
      if (!body) return null;
      const out: string[] = [];
      let level = [""];
      for (let n = 0; n <= node.max; n++) {
        if (n >= node.min) out.push(...level);
        if (out.length > limit) return null;
        if (n < node.max) {
          if (level.length * body.length > limit) return null;
          level = level.flatMap((a) => body.map((b) => a + b));
        }
      }
      return out;
    }
    case "lookaround":
      return null;
  }
}

/** Strings to complete or stand for a part: ASCII, accented letters, an astral character (two code units), CJK. */
const FILLERS = ["00", "0000", "zz", "ZZZZ", "éé", "ÉÉ", "😃", "中文", "Öz", "a😃"];

/** Values a composite part can take for the cases: its domain, the values the spec names, its pattern's samples; every HTTP status for an HTTP part. */
function partCandidates(spec: Spec, name: string, next: (n: number) => number): string[] {
  const part = spec.composite!.parts.find((p) => p.name === name)!;
  const out = new Set<string>(part.domain ?? []);
  for (const c of spec.codes) if (c.parts?.[name]) out.add(c.parts[name]!);
  // A prefix is tried with every filler that completes the part: digits, letters, non-ASCII.
  for (const r of spec.composite!.rules) if (r.part === name) for (const v of r.values ?? FILLERS.map((f) => `${r.prefix}${f}`.slice(0, Math.max(part.length, r.prefix!.length)))) out.add(v);
  for (const f of FILLERS) if (f.length === part.length) out.add(f);
  for (const c of spec.categories) if (c.match && "part" in c.match && c.match.part === name) for (const v of c.match.values) out.add(v);
  if (part.role === "httpStatus") for (let s = 100; s < 600; s++) out.add(String(s).padStart(part.length, "0"));
  if (part.pattern) for (const s of samplePattern(tree(part.pattern), 60, 11 + next(1000))) if (wellFormed(s)) out.add(s);
  for (let i = 0; i < 10; i++) out.add(String(next(10 ** Math.min(part.length, 6))).padStart(part.length, "0"));
  return [...out];
}

/** Well-formed codes the table does not list. */
export function unlistedCodes(spec: Spec): string[] {
  const re = new RegExp(spec.pattern);
  const listed = new Set(spec.codes.map((c) => c.code));
  const out = new Set<string>();
  const add = (s: string) => {
    if (wellFormed(s) && re.test(s) && !listed.has(s)) out.add(s);
  };
  const next = random(spec.id.length * 7919 + spec.codes.length);
  const whole = language(tree(spec.pattern), 60_000);
  if (whole) whole.forEach(add);
  if (spec.composite) {
    const parts = spec.composite.parts;
    const candidates = parts.map((p) => partCandidates(spec, p.name, next));
    // Every candidate of every part at least once, the other parts at random.
    parts.forEach((_, i) => {
      for (const v of candidates[i]!) add(parts.map((__, j) => (j === i ? v : candidates[j]![next(candidates[j]!.length)]!)).join(""));
    });
    for (let i = 0; i < 3 * MIN_UNLISTED && out.size < 2 * MIN_UNLISTED; i++) add(candidates.map((c) => c[next(c.length)]!).join(""));
  }
  const samples = samplePattern(tree(spec.pattern), 6 * MIN_UNLISTED, 3 + next(1000));
  for (const c of spec.categories) {
    if (!c.match) continue;
    if ("prefixes" in c.match) for (const p of c.match.prefixes) for (const s of samples.slice(0, 300)) add(p + s.slice(p.length));
    if ("pattern" in c.match) samplePattern(tree(c.match.pattern), 300, 5 + next(1000)).forEach(add);
  }
  for (const s of samples) {
    if (out.size >= MIN_UNLISTED + 500) break;
    add(s);
    // Astral and other non-ASCII characters where the pattern lets them in.
    if (s.length >= 2) add(`😀${s.slice(2)}`);
    add(`é${s.slice(1)}`);
  }
  return [...out];
}

/** JSON texts of values that are not codes: numbers (the listed codes' own digits too), null, booleans, objects, arrays, and strings of the wrong shape. */
export function malformedValues(spec: Spec, unlisted: readonly string[]): string[] {
  const re = new RegExp(spec.pattern);
  const out = new Set<string>();
  const str = (s: string) => {
    if (wellFormed(s) && !re.test(s)) out.add(JSON.stringify(s));
  };
  const numbers = ["0", "1", "-1", "200", "1.5", "-0", "1e21", "1e-7", "123456789012345680000", "5e-324", "1.7976931348623157e308", "1e400", "-1e400", "1e-400", "0.1", "1E2", "0.000001", "9007199254740993", "12.50", "-2005900"];
  numbers.forEach((n) => out.add(n));
  for (const c of spec.codes.slice(0, 60)) if (/^-?[0-9]+$/.test(c.code)) out.add(String(Number(c.code)));
  ["null", "true", "false", "{}", "[]", '["00"]', '{"code":"00"}', "[[]]", '{"a":{"b":[1,2]}}', `[${JSON.stringify(spec.codes[0]!.code)}]`, `{${JSON.stringify(spec.api?.responseCodeField ?? "code")}:${JSON.stringify(spec.codes[0]!.code)}}`].forEach((v) => out.add(v));
  const fixed = ["", " ", "\n", "\t", "\u0000", "\u2028", "\ufeff", '"', "\\", "null", "undefined", "NaN", "😀", "😀😀😀", "é", "e\u0301", "ー", "０", "००"];
  fixed.forEach(str);
  for (const c of spec.codes.slice(0, 40)) {
    const s = c.code;
    [` ${s}`, `${s} `, `${s}\n`, `\t${s}`, s.toLowerCase(), s.toUpperCase(), `${s}0`, `${s}${s}`, s.slice(1), s.slice(0, -1), `${s}\u0000`, `"${s}"`, s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))), `${s}😀`, `😀${s}`].forEach(str);
  }
  const long = ["9".repeat(33), "x".repeat(1000), "é".repeat(40), "😀".repeat(20), `a${"😀".repeat(20)}`, `${"😀".repeat(16)}a`, `${"a".repeat(31)}😀😀`, `${"a".repeat(32)}😀`, "\u0007".repeat(40), '"\\'.repeat(30), "z".repeat(100_000)];
  long.forEach(str);
  const next = random(spec.codes.length * 31 + 17);
  const alphabet = ["x", "Z", "-", " ", ".", "é", "😀", "\u0001", "0", "9", "_", "\u00a0"];
  for (let i = 0; out.size < MIN_MALFORMED + 100 && i < 50_000; i++) {
    const base = unlisted[next(unlisted.length)] ?? spec.codes[next(spec.codes.length)]!.code;
    const at = next(base.length + 1);
    const op = next(4);
    const ch = alphabet[next(alphabet.length)]!;
    // Insert, delete or replace a character, or append a run (a pattern that takes almost any string still has a length).
    if (op === 3) str(base + ch.repeat(1 + next(40)) + String(next(1000)));
    else str(op === 0 ? base.slice(0, at) + ch + base.slice(at) : op === 1 ? base.slice(0, at) + base.slice(at + 1) : base.slice(0, at) + ch + base.slice(at + 1));
  }
  return [...out];
}

/** HTTP statuses worth trying against transport rules and HTTP parts: every rule's, every class's edges, and impossible ones. */
function statuses(spec: Spec): number[] {
  const out = new Set<number>([0, -1, 1, 99, 100, 199, 200, 201, 202, 204, 299, 300, 302, 399, 400, 401, 403, 404, 409, 418, 429, 499, 500, 502, 503, 504, 599, 600, 999, 1000, 2000, 2147483647]);
  for (const r of spec.transport?.rules ?? []) if (typeof r.http === "number") out.add(r.http);
  const http = spec.composite?.parts.find((p) => p.role === "httpStatus");
  if (http) for (const c of spec.codes) out.add(Number(c.parts![http.name]));
  return [...out].sort((a, b) => a - b);
}

function pick<T>(list: readonly T[], n: number, next: (n: number) => number): T[] {
  if (list.length <= n) return [...list];
  const out = new Set<T>();
  while (out.size < n) out.add(list[next(list.length)]!);
  return [...out];
}

export function caseFile(spec: Spec): CaseFile {
  const unlisted = unlistedCodes(spec);
  const malformed = malformedValues(spec, unlisted);
  const listed = spec.codes.map((c) => JSON.stringify(c.code));
  const classify: ClassifyCase[] = [];
  for (const ctx of spec.contexts) {
    for (const value of listed) classify.push({ value, context: ctx.id, group: "listed" });
    for (const code of unlisted) classify.push({ value: JSON.stringify(code), context: ctx.id, group: "unlisted" });
    for (const value of malformed) classify.push({ value, context: ctx.id, group: "malformed" });
  }
  const next = random(spec.codes.length + 101);
  const some = [...pick(listed, 60, next), ...pick(unlisted, 40, next).map((c) => JSON.stringify(c)), ...pick(malformed, 40, next)];
  const response = spec.transport ? statuses(spec).flatMap((httpStatus) => some.map((code) => ({ httpStatus, code }))) : [];
  const parse = spec.api ? [...listed, ...pick(unlisted, 400, next).map((c) => JSON.stringify(c)), ...pick(malformed, 200, next)].map((value) => ({ value })) : [];
  const field = spec.api?.responseCodeField ?? "";
  const bodies = [...some.map((code) => `{${JSON.stringify(field)}:${code}}`), "{}", "[]", "null", '"x"', ...pick(listed, 10, next), "not json at all"];
  const httpStatus = spec.api ? statuses(spec).flatMap((s) => bodies.map((body) => ({ httpStatus: s, body }))) : [];
  return { spec: spec.id, classify, response, parse, httpStatus, validate: spec.api ? bodyCases(spec) : [] };
}
