/**
 * A static check that a spec's regular expression runs in linear time.
 *
 * Code patterns are embedded in the generated parsers and classifiers, which run
 * on untrusted input; a pattern like `^([0-9]+)+$` backtracks exponentially on
 * a code that almost matches. JavaScript's engine backtracks, so codebook
 * refuses, at lint time, the shapes that make a backtracking engine super-linear:
 *
 * - a repetition inside a repetition, where the inner one has a variable count
 *   (`([0-9]+)+`, `(a{1,3})*`), or where the repeated body can match nothing (`(a?)*`);
 * - an alternation under a repetition whose branches can start with the same
 *   character (`(a|a)*`, `(a|ab)+`, `(\d|[0-9a-f])*`);
 * - two unbounded repetitions in a row that can match the same character
 *   (`\d+\d*`, `.*.*`): polynomial backtracking;
 * - backreferences (`(a+)\1`), which no bound covers.
 *
 * The check is conservative: it parses the pattern (the JavaScript syntax, no
 * flags, as the loader compiles it) into a small tree and refuses what it cannot
 * prove safe, including syntax it does not know. Every pattern a spec needs
 * (fixed-length codes, classes, alternatives of fixed parts) passes.
 */

export type RegexVerdict = { safe: true } | { safe: false; reason: string };

/** Characters as sorted, disjoint inclusive code-point ranges. */
type CharSet = [number, number][];

type Node =
  | { kind: "chars"; set: CharSet }
  | { kind: "empty" } // anchors, \b, lookarounds: match no character
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; branches: Node[] }
  | { kind: "group"; body: Node; lookaround: boolean }
  | { kind: "repeat"; body: Node; min: number; max: number; text: string }
  | { kind: "backref" };

const ALL: CharSet = [[0, 0x10ffff]];
const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: CharSet = [
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

class Unsupported extends Error {}

export function checkRegexSafety(pattern: string): RegexVerdict {
  let tree: Node;
  try {
    tree = new Parser(pattern).parse();
  } catch (err) {
    if (err instanceof Unsupported) return { safe: false, reason: `codebook cannot check it for backtracking (${err.message}); write it with classes, groups and counted repetitions only` };
    throw err;
  }
  const problem = inspect(tree, false);
  return problem ? { safe: false, reason: problem } : { safe: true };
}

/** The first super-linear shape in a node; `repeated` says whether an enclosing repetition can run it more than once. */
function inspect(node: Node, repeated: boolean): string | null {
  switch (node.kind) {
    case "chars":
    case "empty":
      return null;
    case "backref":
      return "a backreference can take exponential time; match the text without referring back to a group";
    case "group":
      return inspect(node.body, repeated);
    case "alt": {
      if (repeated) {
        for (let i = 0; i < node.branches.length; i++)
          for (let j = i + 1; j < node.branches.length; j++)
            if (overlaps(first(node.branches[i]!), first(node.branches[j]!)))
              return "it repeats alternatives that can start with the same character, so a backtracking engine tries every split (exponential time); make the alternatives start differently, or use one character class";
      }
      for (const b of node.branches) {
        const p = inspect(b, repeated);
        if (p) return p;
      }
      return null;
    }
    case "seq": {
      for (const item of node.items) {
        const p = inspect(item, repeated);
        if (p) return p;
      }
      // Two unbounded repetitions of overlapping characters with only optional items between them.
      for (let i = 0; i < node.items.length; i++) {
        const a = node.items[i]!;
        if (a.kind !== "repeat" || a.max !== Infinity) continue;
        for (let j = i + 1; j < node.items.length; j++) {
          const b = node.items[j]!;
          if (b.kind === "repeat" && b.max === Infinity && overlaps(chars(a.body), chars(b.body)))
            return `"${a.text}" and "${b.text}" can match the same characters, so a backtracking engine tries every split between them (polynomial time); merge them into one repetition`;
          if (!nullable(b)) break;
        }
      }
      return null;
    }
    case "repeat": {
      if (node.max > 1) {
        if (nullable(node.body)) return `"${node.text}" repeats something that can match nothing (exponential time); make the repeated part match at least one character`;
        const inner = variableRepeat(node.body);
        if (inner)
          return `"${node.text}" repeats a group that itself repeats ("${inner.text}"): nested quantifiers take exponential time on a near-match; write one repetition (e.g. "${inner.text}" alone, or a counted {n})`;
      }
      return inspect(node.body, repeated || node.max > 1);
    }
  }
}

/** A repetition of variable count inside a node, outside lookarounds. */
function variableRepeat(node: Node): (Node & { kind: "repeat" }) | null {
  switch (node.kind) {
    case "repeat":
      if (node.min !== node.max && node.max > 1) return node;
      return variableRepeat(node.body);
    case "seq":
      for (const i of node.items) {
        const r = variableRepeat(i);
        if (r) return r;
      }
      return null;
    case "alt":
      for (const b of node.branches) {
        const r = variableRepeat(b);
        if (r) return r;
      }
      return null;
    case "group":
      return node.lookaround ? null : variableRepeat(node.body);
    default:
      return null;
  }
}

function nullable(node: Node): boolean {
  switch (node.kind) {
    case "chars":
      return false;
    case "empty":
      return true;
    case "backref":
      return true;
    case "seq":
      return node.items.every(nullable);
    case "alt":
      return node.branches.some(nullable);
    case "group":
      return node.lookaround || nullable(node.body);
    case "repeat":
      return node.min === 0 || nullable(node.body);
  }
}

/** The characters a node can start with. */
function first(node: Node): CharSet {
  switch (node.kind) {
    case "chars":
      return node.set;
    case "empty":
      return [];
    case "backref":
      return ALL;
    case "seq": {
      let out: CharSet = [];
      for (const i of node.items) {
        out = union(out, first(i));
        if (!nullable(i)) break;
      }
      return out;
    }
    case "alt":
      return node.branches.reduce<CharSet>((acc, b) => union(acc, first(b)), []);
    case "group":
      return node.lookaround ? [] : first(node.body);
    case "repeat":
      return first(node.body);
  }
}

/** Every character a node can match anywhere. */
function chars(node: Node): CharSet {
  switch (node.kind) {
    case "chars":
      return node.set;
    case "empty":
      return [];
    case "backref":
      return ALL;
    case "seq":
      return node.items.reduce<CharSet>((acc, i) => union(acc, chars(i)), []);
    case "alt":
      return node.branches.reduce<CharSet>((acc, b) => union(acc, chars(b)), []);
    case "group":
      return node.lookaround ? [] : chars(node.body);
    case "repeat":
      return chars(node.body);
  }
}

function union(a: CharSet, b: CharSet): CharSet {
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: CharSet = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(a: CharSet): CharSet {
  const out: CharSet = [];
  let next = 0;
  for (const [lo, hi] of union(a, [])) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

function overlaps(a: CharSet, b: CharSet): boolean {
  return a.some(([lo, hi]) => b.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));
}

/** A recursive-descent parser for the JavaScript pattern syntax without flags (Annex B's lenient forms refused). */
class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported(`unexpected "${this.src[this.i]}"`);
    return node;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: "alt", branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const start = this.i;
      const atom = this.atom();
      items.push(this.quantified(atom, start));
    }
    return items.length === 1 ? items[0]! : { kind: "seq", items };
  }

  private quantified(atom: Node, start: number): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported(`a "{" that is not a counted repetition`);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === "?") this.i++; // lazy: the same backtracking, in another order
    if (atom.kind === "empty" || (atom.kind === "group" && atom.lookaround)) throw new Unsupported("a repeated anchor or lookaround");
    const node: Node = { kind: "repeat", body: atom, min, max, text: this.src.slice(start, this.i) };
    const after = this.src[this.i];
    if (after !== undefined && "*+?{".includes(after)) throw new Unsupported("a repetition of a repetition without a group");
    return node;
  }

  private atom(): Node {
    const c = this.src[this.i]!;
    switch (c) {
      case "^":
      case "$":
        this.i++;
        return { kind: "empty" };
      case ".":
        this.i++;
        return { kind: "chars", set: complement([[10, 10], [13, 13], [0x2028, 0x2029]]) };
      case "[":
        return { kind: "chars", set: this.charClass() };
      case "(":
        return this.group();
      case "\\":
        return this.escape(false) as Node;
      case "*":
      case "+":
      case "?":
      case "{":
      case "}":
      case "]":
        throw new Unsupported(`a bare "${c}"`);
      default: {
        const cp = this.src.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        return { kind: "chars", set: [[cp, cp]] };
      }
    }
  }

  private group(): Node {
    this.i++; // (
    let lookaround = false;
    if (this.src[this.i] === "?") {
      const rest = this.src.slice(this.i);
      const m = /^\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(rest);
      if (!m) throw new Unsupported("an unknown group kind");
      lookaround = /^\?(=|!|<=|<!)$/.test(m[0]);
      this.i += m[0].length;
    }
    const body = this.alternation();
    if (this.src[this.i] !== ")") throw new Unsupported("an unclosed group");
    this.i++;
    return { kind: "group", body, lookaround };
  }

  /** An escape outside or inside a class; inside, only character sets are allowed. */
  private escape(inClass: boolean): Node | CharSet {
    this.i++; // backslash
    const c = this.src[this.i];
    if (c === undefined) throw new Unsupported("a trailing backslash");
    this.i++;
    const set = (s: CharSet) => (inClass ? s : ({ kind: "chars", set: s } as Node));
    switch (c) {
      case "d":
        return set(DIGIT);
      case "D":
        return set(complement(DIGIT));
      case "w":
        return set(WORD);
      case "W":
        return set(complement(WORD));
      case "s":
        return set(SPACE);
      case "S":
        return set(complement(SPACE));
      case "b":
        if (inClass) return [[8, 8]];
        return { kind: "empty" };
      case "B":
        if (inClass) throw new Unsupported("\\B in a class");
        return { kind: "empty" };
      case "n":
        return set([[10, 10]]);
      case "r":
        return set([[13, 13]]);
      case "t":
        return set([[9, 9]]);
      case "f":
        return set([[12, 12]]);
      case "v":
        return set([[11, 11]]);
      case "0":
        if (/[0-9]/.test(this.src[this.i] ?? "")) throw new Unsupported("an octal escape");
        return set([[0, 0]]);
      case "x": {
        const m = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.i));
        if (!m) throw new Unsupported("a malformed \\x escape");
        this.i += 2;
        const cp = parseInt(m[0], 16);
        return set([[cp, cp]]);
      }
      case "u": {
        const m = /^[0-9A-Fa-f]{4}/.exec(this.src.slice(this.i));
        if (!m) throw new Unsupported("a malformed \\u escape");
        this.i += 4;
        const cp = parseInt(m[0], 16);
        return set([[cp, cp]]);
      }
      case "k":
        throw new Unsupported("a named backreference");
      default:
        if (/[1-9]/.test(c)) {
          if (inClass) throw new Unsupported("an octal escape");
          while (/[0-9]/.test(this.src[this.i] ?? "")) this.i++;
          return { kind: "backref" };
        }
        if (/[\^$\\.*+?()[\]{}|\/-]/.test(c)) {
          const cp = c.codePointAt(0)!;
          return set([[cp, cp]]);
        }
        throw new Unsupported(`the escape "\\${c}"`);
    }
  }

  private charClass(): CharSet {
    this.i++; // [
    let negate = false;
    if (this.src[this.i] === "^") {
      negate = true;
      this.i++;
    }
    let out: CharSet = [];
    const single = (): { cp: number } | { set: CharSet } => {
      if (this.src[this.i] === "\\") {
        const s = this.escape(true) as CharSet;
        return s.length === 1 && s[0]![0] === s[0]![1] ? { cp: s[0]![0] } : { set: s };
      }
      const cp = this.src.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return { cp };
    };
    while (this.i < this.src.length && this.src[this.i] !== "]") {
      const a = single();
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        const b = single();
        if (!("cp" in a) || !("cp" in b)) throw new Unsupported("a class range between character sets");
        out = union(out, [[a.cp, b.cp]]);
      } else out = union(out, "cp" in a ? [[a.cp, a.cp]] : a.set);
    }
    if (this.src[this.i] !== "]") throw new Unsupported("an unclosed class");
    this.i++;
    return negate ? complement(out) : out;
  }
}
