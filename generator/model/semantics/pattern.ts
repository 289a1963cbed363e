/**
 * A spec's regular expression (the code pattern, a part's pattern, a category's
 * match) as a tree over UTF-16 code units: what it means, apart from any engine.
 *
 * The TypeScript package runs a pattern with `new RegExp(pattern)`: JavaScript's
 * syntax, no flags, so every character class, `.` and every count is over UTF-16
 * code units (an emoji is two units, and `.` matches each half). Another target's
 * engine counts differently (Go's RE2 and Python count code points, and their `\s`
 * and `.` are other sets), so it cannot run the source text as it is: it renders
 * this tree into its own syntax instead, with every set spelled out, and the
 * conformance suite holds the result to the TypeScript package's answers.
 *
 * The parser reads the syntax the loader accepts (load/regex-safety.ts refuses
 * Annex B's lenient forms and backreferences); anything else is an error here, so
 * a target never guesses.
 */

/** Code units as sorted, disjoint, inclusive ranges within 0..0xFFFF. */
export type UnitSet = readonly (readonly [number, number])[];

export type PatternNode =
  /** One code unit of the set. */
  | { kind: "units"; set: UnitSet }
  /** A zero-width assertion. Without the m flag, start and end are the input's ends. */
  | { kind: "assert"; what: "start" | "end" | "wordBoundary" | "notWordBoundary" }
  | { kind: "seq"; items: PatternNode[] }
  | { kind: "alt"; branches: PatternNode[] }
  /** A group of any kind but lookaround (capturing or not: a test reads no captures). */
  | { kind: "group"; body: PatternNode }
  /** Lookahead or lookbehind, positive or negative: engines such as RE2 have none. */
  | { kind: "lookaround"; behind: boolean; negated: boolean; body: PatternNode }
  /** `max` is Infinity for `*`, `+` and `{n,}`; laziness does not change what a test matches. */
  | { kind: "repeat"; body: PatternNode; min: number; max: number };

export type ParsedPattern = { ok: true; tree: PatternNode } | { ok: false; reason: string };

/** The highest code unit. */
export const MAX_UNIT = 0xffff;
/** The surrogate code units: an astral character is a pair of them. */
export const SURROGATES: readonly [number, number] = [0xd800, 0xdfff];

export const DIGIT_UNITS: UnitSet = [[48, 57]];
export const WORD_UNITS: UnitSet = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
/** JavaScript's `\s`: WhiteSpace and LineTerminator. */
export const SPACE_UNITS: UnitSet = [
  [9, 13],
  [32, 32],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
/** JavaScript's `.` without the s flag: every unit but the line terminators. */
export const DOT_UNITS: UnitSet = complementUnits([
  [10, 10],
  [13, 13],
  [0x2028, 0x2029],
]);

class PatternError extends Error {}

/** Parses a pattern as `new RegExp(source)` reads it. */
export function parsePattern(source: string): ParsedPattern {
  try {
    return { ok: true, tree: new Parser(source).parse() };
  } catch (err) {
    if (err instanceof PatternError) return { ok: false, reason: err.message };
    throw err;
  }
}

/** Sorted, merged ranges. */
export function unionUnits(...sets: UnitSet[]): UnitSet {
  const all = sets.flatMap((s) => s.map(([a, b]) => [a, b] as [number, number])).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Every code unit not in the set. */
export function complementUnits(set: UnitSet): UnitSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of unionUnits(set)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_UNIT) out.push([next, MAX_UNIT]);
  return out;
}

/** Every code unit a match can contain (lookarounds included: they read units too). */
export function unitsRead(node: PatternNode): UnitSet {
  switch (node.kind) {
    case "units":
      return node.set;
    case "assert":
      return [];
    case "seq":
      return unionUnits(...node.items.map(unitsRead));
    case "alt":
      return unionUnits(...node.branches.map(unitsRead));
    case "group":
    case "lookaround":
    case "repeat":
      return unitsRead(node.body);
  }
}

/**
 * Whether every string the pattern accepts is made of these units only: the
 * pattern is anchored at both ends in every branch, and reads no other unit.
 * A target uses it to learn that, say, every code is ASCII, so byte offsets are
 * code-unit offsets.
 */
export function acceptsOnly(node: PatternNode, allowed: UnitSet): boolean {
  const read = unitsRead(node);
  const inside = read.every(([lo, hi]) => allowed.some(([a, b]) => a <= lo && hi <= b));
  return inside && anchoredBothEnds(node);
}

function anchoredBothEnds(node: PatternNode): boolean {
  if (node.kind === "alt") return node.branches.every(anchoredBothEnds);
  if (node.kind === "group") return anchoredBothEnds(node.body);
  if (node.kind !== "seq") return false;
  const first = node.items[0];
  const last = node.items[node.items.length - 1];
  const starts = first?.kind === "assert" ? first.what === "start" : first?.kind === "group" && startsAnchored(first.body);
  const ends = last?.kind === "assert" ? last.what === "end" : last?.kind === "group" && endsAnchored(last.body);
  return Boolean(starts && ends);
}

function startsAnchored(node: PatternNode): boolean {
  if (node.kind === "alt") return node.branches.every(startsAnchored);
  if (node.kind === "group") return startsAnchored(node.body);
  if (node.kind === "assert") return node.what === "start";
  return node.kind === "seq" && node.items.length > 0 && startsAnchored(node.items[0]!);
}

function endsAnchored(node: PatternNode): boolean {
  if (node.kind === "alt") return node.branches.every(endsAnchored);
  if (node.kind === "group") return endsAnchored(node.body);
  if (node.kind === "assert") return node.what === "end";
  return node.kind === "seq" && node.items.length > 0 && endsAnchored(node.items[node.items.length - 1]!);
}

const single = (u: number): UnitSet => [[u, u]];

/** Recursive descent over the source's UTF-16 units, as JavaScript reads a pattern without the u flag. */
class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): PatternNode {
    const node = this.alternation();
    if (this.i < this.src.length) throw new PatternError(`unexpected "${this.src[this.i]}" at ${this.i}`);
    return node;
  }

  private alternation(): PatternNode {
    const branches = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: "alt", branches };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") items.push(this.quantified(this.atom()));
    return { kind: "seq", items };
  }

  private quantified(atom: PatternNode): PatternNode {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new PatternError(`a "{" that is not a counted repetition`);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      if (max < min) throw new PatternError(`a repetition {${min},${max}} whose maximum is below its minimum`);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === "?") this.i++;
    if (atom.kind === "assert" || atom.kind === "lookaround") throw new PatternError("a repeated assertion");
    const after = this.src[this.i];
    if (after !== undefined && "*+?{".includes(after)) throw new PatternError("a repetition of a repetition without a group");
    return { kind: "repeat", body: atom, min, max };
  }

  private atom(): PatternNode {
    const c = this.src[this.i]!;
    switch (c) {
      case "^":
        this.i++;
        return { kind: "assert", what: "start" };
      case "$":
        this.i++;
        return { kind: "assert", what: "end" };
      case ".":
        this.i++;
        return { kind: "units", set: DOT_UNITS };
      case "[":
        return { kind: "units", set: this.charClass() };
      case "(":
        return this.group();
      case "\\":
        return this.escape();
      case "*":
      case "+":
      case "?":
      case "{":
      case "}":
      case "]":
        throw new PatternError(`a bare "${c}"`);
      default:
        this.i++;
        return { kind: "units", set: single(c.charCodeAt(0)) };
    }
  }

  private group(): PatternNode {
    this.i++;
    let look: { behind: boolean; negated: boolean } | null = null;
    if (this.src[this.i] === "?") {
      const m = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(this.src.slice(this.i));
      if (!m) throw new PatternError("an unknown group kind");
      const kind = m[1]!;
      if (kind === "=" || kind === "!" || kind === "<=" || kind === "<!") look = { behind: kind.startsWith("<"), negated: kind.endsWith("!") };
      this.i += m[0].length;
    }
    const body = this.alternation();
    if (this.src[this.i] !== ")") throw new PatternError("an unclosed group");
    this.i++;
    return look ? { kind: "lookaround", ...look, body } : { kind: "group", body };
  }

  /** An escape outside a class: a set, an assertion or one unit. */
  private escape(): PatternNode {
    const next = this.src[this.i + 1];
    if (next === "b" || next === "B") {
      this.i += 2;
      return { kind: "assert", what: next === "b" ? "wordBoundary" : "notWordBoundary" };
    }
    return { kind: "units", set: this.classEscape(false) };
  }

  /** The units an escape stands for; inside a class `\b` is the backspace. */
  private classEscape(inClass: boolean): UnitSet {
    this.i++;
    const c = this.src[this.i];
    if (c === undefined) throw new PatternError("a trailing backslash");
    this.i++;
    switch (c) {
      case "d":
        return DIGIT_UNITS;
      case "D":
        return complementUnits(DIGIT_UNITS);
      case "w":
        return WORD_UNITS;
      case "W":
        return complementUnits(WORD_UNITS);
      case "s":
        return SPACE_UNITS;
      case "S":
        return complementUnits(SPACE_UNITS);
      case "n":
        return single(10);
      case "r":
        return single(13);
      case "t":
        return single(9);
      case "f":
        return single(12);
      case "v":
        return single(11);
      case "b":
        if (inClass) return single(8);
        throw new PatternError("\\b where a character is expected");
      case "0":
        if (/[0-9]/.test(this.src[this.i] ?? "")) throw new PatternError("an octal escape");
        return single(0);
      case "x":
        return single(this.hex(2));
      case "u":
        return single(this.hex(4));
      default:
        if (/[\^$\\.*+?()[\]{}|/-]/.test(c)) return single(c.charCodeAt(0));
        throw new PatternError(`the escape "\\${c}"`);
    }
  }

  private hex(digits: number): number {
    const text = this.src.slice(this.i, this.i + digits);
    if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(text)) throw new PatternError(`a malformed \\${digits === 2 ? "x" : "u"} escape`);
    this.i += digits;
    return parseInt(text, 16);
  }

  private charClass(): UnitSet {
    this.i++;
    let negate = false;
    if (this.src[this.i] === "^") {
      negate = true;
      this.i++;
    }
    const sets: UnitSet[] = [];
    const member = (): UnitSet => {
      if (this.src[this.i] === "\\") return this.classEscape(true);
      return single(this.src.charCodeAt(this.i++));
    };
    while (this.i < this.src.length && this.src[this.i] !== "]") {
      const a = member();
      if (this.src[this.i] === "-" && this.i + 1 < this.src.length && this.src[this.i + 1] !== "]") {
        this.i++;
        const b = member();
        const lo = a.length === 1 && a[0]![0] === a[0]![1] ? a[0]![0] : null;
        const hi = b.length === 1 && b[0]![0] === b[0]![1] ? b[0]![0] : null;
        if (lo === null || hi === null) throw new PatternError("a class range between character sets");
        if (hi < lo) throw new PatternError("a class range out of order");
        sets.push([[lo, hi]]);
      } else sets.push(a);
    }
    if (this.src[this.i] !== "]") throw new PatternError("an unclosed class");
    this.i++;
    const set = unionUnits(...sets);
    return negate ? complementUnits(set) : set;
  }
}

/**
 * Strings a pattern may accept, by a seeded random walk of its tree: each set gives
 * one of its units (ASCII and the set's ends more often), each repetition a count
 * near its minimum. Assertions and lookarounds are not followed, so a caller keeps
 * the samples that the pattern does accept. The same seed gives the same samples.
 */
export function samplePattern(tree: PatternNode, count: number, seed: number): string[] {
  let state = seed >>> 0 || 1;
  const next = (n: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const unit = (set: UnitSet): number => {
    const ascii = set.filter(([lo]) => lo < 0x80);
    const from = ascii.length && next(4) > 0 ? ascii : set;
    const [lo, hi] = from[next(from.length)]!;
    const h = Math.min(hi, lo + 0x7f);
    const pick = next(3);
    return pick === 0 ? lo : pick === 1 ? h : lo + next(h - lo + 1);
  };
  const walk = (node: PatternNode): string => {
    switch (node.kind) {
      case "units":
        return node.set.length ? String.fromCharCode(unit(node.set)) : "";
      case "assert":
      case "lookaround":
        return "";
      case "seq":
        return node.items.map(walk).join("");
      case "alt":
        return walk(node.branches[next(node.branches.length)]!);
      case "group":
        return walk(node.body);
      case "repeat": {
        const top = node.max === Infinity ? node.min + 3 : Math.min(node.max, node.min + 3);
        const n = node.min + next(top - node.min + 1);
        let out = "";
        for (let i = 0; i < n; i++) out += walk(node.body);
        return out;
      }
    }
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(walk(tree));
  return out;
}
