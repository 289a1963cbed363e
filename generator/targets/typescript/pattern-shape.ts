/**
 * What a code pattern says about the shape of a code, decided at generation
 * time so a generated classifier checks each thing once.
 *
 * A classifier reads an unlisted code's parts only after the code matched the
 * code pattern. Where that pattern already implies the parts' shape (their total
 * length, each part's pattern on its slice), testing the parts again is work
 * without an answer: SNAP's `^[0-9]{7}$` implies `^[0-9]{3}$`, `^[0-9]{2}$` and
 * `^[0-9]{2}$` on its three slices. `partsImplied` proves that, or answers false
 * and the classifier keeps the part checks.
 *
 * It is sound by construction: a pattern is read into its exact set of strings as
 * fixed-length alternatives, each a set of code units per position (JavaScript's
 * semantics without flags: a pattern matches UTF-16 code units, as `slice` cuts
 * them), and anything it does not read exactly (unbounded repetition, lookaround,
 * backreferences, anchors inside, flags-dependent escapes, too many alternatives)
 * makes the answer false.
 */

/** Code units, as sorted, disjoint, inclusive ranges. */
type Units = [number, number][];

/** A token of an expanded pattern: a set of code units, or an anchor. */
type Token = Units | "^" | "$";

/** A pattern as the strings it matches: alternatives of fixed length, one set of code units per position. */
export type PatternShape = Units[][];

const MAX_ALTERNATIVES = 256;
const MAX_LENGTH = 64;
const DIGIT: Units = [[48, 57]];
const WORD: Units = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: Units = [
  [9, 13],
  [32, 32],
  [160, 160],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Units = [
  [10, 10],
  [13, 13],
  [0x2028, 0x2029],
];

/** Thrown inside the reader for anything it does not read exactly; the answer is then "no shape". */
class Unknown extends Error {}

function normalize(units: Units): Units {
  const sorted = units.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: Units = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function complement(units: Units): Units {
  const out: Units = [];
  let next = 0;
  for (const [a, b] of normalize(units)) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= 0xffff) out.push([next, 0xffff]);
  return out;
}

/** Whether every unit of `a` is in `b`. */
function within(a: Units, b: Units): boolean {
  const nb = normalize(b);
  return normalize(a).every(([x, y]) => nb.some(([p, q]) => p <= x && y <= q));
}

/** Every way of following a sequence of `left` by one of `right`, within the limits. */
function concat(left: Token[][], right: Token[][]): Token[][] {
  if (left.length * right.length > MAX_ALTERNATIVES) throw new Unknown();
  const out: Token[][] = [];
  for (const l of left)
    for (const r of right) {
      if (l.length + r.length > MAX_LENGTH + 2) throw new Unknown();
      out.push([...l, ...r]);
    }
  return out;
}

class Reader {
  private at = 0;
  constructor(private readonly src: string) {}

  read(): Token[][] {
    const result = this.alternation();
    if (this.at !== this.src.length) throw new Unknown();
    return result;
  }

  private peek(): string | undefined {
    return this.src[this.at];
  }

  private alternation(): Token[][] {
    let out = this.sequence();
    while (this.peek() === "|") {
      this.at++;
      out = [...out, ...this.sequence()];
      if (out.length > MAX_ALTERNATIVES) throw new Unknown();
    }
    return out;
  }

  private sequence(): Token[][] {
    let out: Token[][] = [[]];
    while (this.at < this.src.length && this.peek() !== "|" && this.peek() !== ")") out = concat(out, this.quantified());
    return out;
  }

  private quantified(): Token[][] {
    const atom = this.atom();
    const c = this.peek();
    let min = 1;
    let max = 1;
    if (c === "?") {
      this.at++;
      min = 0;
    } else if (c === "*" || c === "+") throw new Unknown();
    else if (c === "{") {
      const m = /^\{(\d{1,3})(?:(,)(\d{1,3})?)?\}/.exec(this.src.slice(this.at));
      if (!m) throw new Unknown();
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === undefined ? Infinity : Number(m[3]);
      if (!Number.isFinite(max) || max < min || max > MAX_LENGTH) throw new Unknown();
    } else return atom;
    if (this.peek() === "?") this.at++; // lazy: the same strings
    if (atom.some((seq) => seq.some((t) => typeof t === "string"))) throw new Unknown(); // a repeated anchor
    let out: Token[][] = [];
    let power: Token[][] = [[]];
    for (let k = 0; k <= max; k++) {
      if (k >= min) out = [...out, ...power];
      if (out.length > MAX_ALTERNATIVES) throw new Unknown();
      if (k < max) power = concat(power, atom);
    }
    return out;
  }

  private atom(): Token[][] {
    const c = this.src[this.at++];
    switch (c) {
      case "^":
        return [["^"]];
      case "$":
        return [["$"]];
      case ".":
        return [[complement(LINE_TERMINATORS)]];
      case "(": {
        if (this.peek() === "?") {
          // (?:…) and named groups read the same strings; lookarounds do not.
          const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.src.slice(this.at));
          if (this.src.startsWith("?:", this.at)) this.at += 2;
          else if (named) this.at += named[0].length;
          else throw new Unknown();
        }
        const body = this.alternation();
        if (this.src[this.at++] !== ")") throw new Unknown();
        return body;
      }
      case "[":
        return [[this.characterClass()]];
      case "\\":
        return [[this.escape(false)]];
      case undefined:
      case ")":
      case "]":
      case "{":
      case "}":
      case "*":
      case "+":
      case "?":
        throw new Unknown();
      default:
        return [[[[c.charCodeAt(0), c.charCodeAt(0)]]]];
    }
  }

  private characterClass(): Units {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.at++;
    }
    const units: Units = [];
    while (this.peek() !== "]") {
      if (this.at >= this.src.length) throw new Unknown();
      const from = this.classAtom();
      if (this.peek() === "-" && this.src[this.at + 1] !== "]" && this.at + 1 < this.src.length) {
        this.at++;
        const to = this.classAtom();
        if (from.length !== 1 || to.length !== 1 || from[0]![0] !== from[0]![1] || to[0]![0] !== to[0]![1] || from[0]![0] > to[0]![0]) throw new Unknown();
        units.push([from[0]![0], to[0]![0]]);
      } else units.push(...from);
    }
    this.at++;
    return negated ? complement(units) : normalize(units);
  }

  private classAtom(): Units {
    const c = this.src[this.at++]!;
    if (c !== "\\") return [[c.charCodeAt(0), c.charCodeAt(0)]];
    return this.escape(true);
  }

  private escape(inClass: boolean): Units {
    const c = this.src[this.at++];
    const one = (u: number): Units => [[u, u]];
    switch (c) {
      case "d":
        return DIGIT;
      case "D":
        return complement(DIGIT);
      case "w":
        return WORD;
      case "W":
        return complement(WORD);
      case "s":
        return SPACE;
      case "S":
        return complement(SPACE);
      case "t":
        return one(9);
      case "n":
        return one(10);
      case "v":
        return one(11);
      case "f":
        return one(12);
      case "r":
        return one(13);
      case "b":
        if (inClass) return one(8);
        throw new Unknown(); // a word boundary
      case "0":
        if (/[0-9]/.test(this.peek() ?? "")) throw new Unknown();
        return one(0);
      case "x": {
        const m = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.at));
        if (!m) throw new Unknown();
        this.at += 2;
        return one(parseInt(m[0], 16));
      }
      case "u": {
        const m = /^[0-9A-Fa-f]{4}/.exec(this.src.slice(this.at));
        if (!m) throw new Unknown();
        this.at += 4;
        return one(parseInt(m[0], 16));
      }
      default:
        // Syntax characters stand for themselves; every other escape (\1, \B, \c, \k, \p …) is not read.
        if (c !== undefined && "^$\\.*+?()[]{}|/-".includes(c)) return one(c.charCodeAt(0));
        throw new Unknown();
    }
  }
}

/**
 * The strings `pattern` matches (as `new RegExp(pattern)` tests a whole string: anchored at
 * both ends), or null where the pattern is not read exactly.
 */
export function patternShape(pattern: string): PatternShape | null {
  let sequences: Token[][];
  try {
    sequences = new Reader(pattern).read();
  } catch (error) {
    if (error instanceof Unknown) return null;
    throw error;
  }
  const out: PatternShape = [];
  for (const seq of sequences) {
    // Only a pattern anchored at both ends, with no anchor between, matches whole strings only.
    if (seq[0] !== "^" || seq[seq.length - 1] !== "$") return null;
    const body = seq.slice(1, -1);
    if (body.some((t) => typeof t === "string")) return null;
    if (body.some((t) => (t as Units).length === 0)) continue; // an empty class matches nothing
    out.push(body as Units[]);
  }
  return out;
}

/**
 * Whether every string `codePattern` matches has the parts' total length and each part's
 * slice matches its pattern: then a code of the pattern needs no part check. False where it
 * cannot be shown.
 */
export function partsImplied(codePattern: string, parts: readonly { length: number; pattern: string | null }[]): boolean {
  const code = patternShape(codePattern);
  if (code === null) return false;
  const total = parts.reduce((n, p) => n + p.length, 0);
  if (code.some((alt) => alt.length !== total)) return false;
  let at = 0;
  for (const p of parts) {
    const from = at;
    at += p.length;
    if (p.pattern === null) continue;
    const part = patternShape(p.pattern);
    if (part === null) return false;
    // Each alternative's slice must lie within one alternative of the part (a sufficient condition).
    const covered = code.every((alt) => part.some((q) => q.length === p.length && q.every((units, i) => within(alt[from + i]!, units))));
    if (!covered) return false;
  }
  return true;
}

/** At most this many position tests in a generated check; a larger pattern keeps its RegExp. */
const MAX_CHECKS = 64;

/** A test that the code unit `c` is in `units`. */
function unitTest(units: Units, c: string): string {
  const tests = normalize(units).map(([a, b]) => (a === b ? `${c} === ${a}` : `(${c} >= ${a} && ${c} <= ${b})`));
  return tests.length === 1 ? tests[0]!.replace(/^\((.*)\)$/, "$1") : tests.join(" || ");
}

const sameUnits = (a: Units, b: Units) => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));

/**
 * The body of `(s: string) => boolean` that tests exactly what `shape` matches, by character
 * codes (a RegExp call costs more than the whole check on a short code), or null where the shape
 * is too large to write out. Lengths are tested first; a run of positions with one set is a loop.
 */
export function shapeCheckBody(shape: PatternShape): string | null {
  if (shape.length === 0 || shape.reduce((n, alt) => n + alt.length, 0) > MAX_CHECKS) return null;
  const lengths = [...new Set(shape.map((alt) => alt.length))].sort((a, b) => a - b);
  // One set at every position of every alternative (SNAP's ^[0-9]{7}$, IAK's ^[0-9]{2,3}$): a length range and a loop.
  const first = shape[0]![0];
  const contiguous = lengths.every((n, i) => i === 0 || n === lengths[i - 1]! + 1);
  if (first && contiguous && shape.every((alt) => alt.length > 0 && alt.every((u) => sameUnits(u, first)))) {
    const min = lengths[0]!;
    const max = lengths[lengths.length - 1]!;
    const length = min === max ? `if (n !== ${min}) return false;` : `if (n < ${min} || n > ${max}) return false;`;
    return `const n = s.length;\n${length}\nfor (let i = 0; i < n; i++) {\nconst c = s.charCodeAt(i);\nif (!(${unitTest(first, "c")})) return false;\n}\nreturn true;`;
  }
  // Otherwise each length's alternatives, position by position, on the code units read once.
  const lines = ["const n = s.length;"];
  for (const n of lengths) {
    const alts = shape.filter((alt) => alt.length === n);
    const reads = Array.from({ length: n }, (_, i) => `c${i} = s.charCodeAt(${i})`);
    const conjunction = (alt: Units[]) => (alt.length ? alt.map((u, i) => `(${unitTest(u, `c${i}`)})`).join(" && ") : "true");
    lines.push(`if (n === ${n}) {`, ...(n ? [`const ${reads.join(", ")};`] : []), `return ${alts.map((alt) => (alts.length > 1 ? `(${conjunction(alt)})` : conjunction(alt))).join(" || ")};`, "}");
  }
  lines.push("return false;");
  return lines.join("\n");
}
