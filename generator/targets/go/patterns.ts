/**
 * A spec's pattern as Go code that accepts exactly the strings the TypeScript
 * package's `new RegExp(pattern).test(s)` accepts.
 *
 * JavaScript counts and classes UTF-16 code units; Go's regexp reads runes, and its
 * `\s` and `.` are other sets. So the pattern is read as a tree of code-unit sets
 * (model/semantics/pattern.ts) and written in one of two forms:
 *
 * - a byte-by-byte check, where the pattern is anchored and reads only ASCII (every
 *   shipped pattern): such a string has as many bytes as code units, and the check
 *   costs a fraction of a regexp call;
 * - otherwise an RE2 expression with every set spelled out, run on the code-unit view
 *   of the string (runtime `jsUnits`: each astral rune becomes its two surrogates,
 *   mapped into plane 16 so Go can hold them), so counts and sets are JavaScript's.
 *
 * A pattern RE2 cannot express (a lookaround, a count over 1,000) is a lint error of
 * the Go target (target.ts), never a silent difference.
 */
import { acceptsOnly, parsePattern, SURROGATES, type PatternNode, type UnitSet } from "../../model/semantics/pattern.ts";
import { comment, goByte, goString } from "./syntax.ts";

/** Where surrogate code units live in the code-unit view: U+10D800–U+10DFFF (plane 16 private use). */
export const SURROGATE_RUNE_BASE = 0x100000;

const ASCII: UnitSet = [[0, 0x7f]];
/** RE2's largest repetition count. */
const MAX_REPEAT = 1000;

/** How one pattern is checked in Go. */
export interface GoPattern {
  /** Declarations: a check function, or a compiled regexp. */
  decls: string[];
  /** The call that tests `arg` (a string expression). */
  call(arg: string): string;
  /** The runtime helpers and imports it needs. */
  regexp: boolean;
}

/** One item of a byte-checked branch: a set, repeated `min` to `max` times. */
interface Run {
  set: UnitSet;
  min: number;
  max: number;
}

/** Why Go cannot hold the pattern exactly, or null. */
export function goPatternProblem(source: string): string | null {
  const parsed = parsePattern(source);
  if (!parsed.ok) return `the Go target cannot read this pattern (${parsed.reason})`;
  const why = re2Problem(parsed.tree);
  return why ? `Go's regexp (RE2) cannot express this pattern: ${why}` : null;
}

function re2Problem(node: PatternNode): string | null {
  switch (node.kind) {
    case "lookaround":
      return "it has a lookaround; write the pattern without one";
    case "repeat":
      if ((node.max !== Infinity && node.max > MAX_REPEAT) || node.min > MAX_REPEAT) return `a count over ${MAX_REPEAT}`;
      return re2Problem(node.body);
    case "group":
      return re2Problem(node.body);
    case "seq":
      return node.items.map(re2Problem).find((p) => p !== null) ?? null;
    case "alt":
      return node.branches.map(re2Problem).find((p) => p !== null) ?? null;
    default:
      return null;
  }
}

/** Whether every string the pattern accepts is ASCII, so its byte offsets are code-unit offsets. */
export function asciiOnly(source: string): boolean {
  const parsed = parsePattern(source);
  return parsed.ok && acceptsOnly(parsed.tree, ASCII);
}

/**
 * The Go check of a pattern: `name` is the function (or regexp variable) to declare,
 * `what` says in its doc whose pattern it is. Throws on a pattern goPatternProblem refuses.
 */
export function goPattern(source: string, name: string, what: string): GoPattern {
  const parsed = parsePattern(source);
  if (!parsed.ok || re2Problem(parsed.tree)) throw new Error(`codebook: the Go target cannot express ${source}`);
  const branches = byteBranches(parsed.tree);
  if (branches) return { decls: [byteCheck(name, what, source, branches)], call: (arg) => `${name}(${arg})`, regexp: false };
  const doc = comment([`${name} is ${what} ${source}, read over UTF-16 code units as JavaScript reads it (see jsUnits).`]);
  return {
    decls: [`${doc}\nvar ${name} = regexp.MustCompile(${goString(re2(parsed.tree))})`],
    call: (arg) => `jsMatch(${name}, ${arg})`,
    regexp: true,
  };
}

/** The pattern as anchored branches of ASCII runs with at most one variable count each, or null. */
function byteBranches(tree: PatternNode): Run[][] | null {
  if (tree.kind !== "seq" || tree.items.length < 2) return null;
  const first = tree.items[0]!;
  const last = tree.items[tree.items.length - 1]!;
  if (first.kind !== "assert" || first.what !== "start" || last.kind !== "assert" || last.what !== "end") return null;
  const inner = tree.items.slice(1, -1);
  const alternatives = inner.length === 1 && inner[0]!.kind === "group" && inner[0]!.body.kind === "alt" ? inner[0]!.body.branches : [{ kind: "seq", items: inner } as PatternNode];
  const out: Run[][] = [];
  for (const alt of alternatives) {
    const items = alt.kind === "seq" ? alt.items : [alt];
    const runs: Run[] = [];
    for (const item of items) {
      const run = asRun(item);
      if (!run) return null;
      runs.push(run);
    }
    if (runs.filter((r) => r.min !== r.max).length > 1) return null;
    out.push(runs);
  }
  return out;
}

function asRun(node: PatternNode): Run | null {
  const ascii = (set: UnitSet) => set.every(([, hi]) => hi <= 0x7f);
  if (node.kind === "units") return ascii(node.set) ? { set: node.set, min: 1, max: 1 } : null;
  if (node.kind === "repeat" && node.body.kind === "units" && node.max !== Infinity && ascii(node.body.set)) return { set: node.body.set, min: node.min, max: node.max };
  return null;
}

/** The check function for byte branches. */
function byteCheck(name: string, what: string, source: string, branches: Run[][]): string {
  const doc = comment([`${name} reports whether s matches ${what} ${source}, byte by byte: every string it accepts is ASCII.`]);
  if (branches.length === 1) return `${doc}\nfunc ${name}(s string) bool {\n${branchBody(branches[0]!)}\n}`;
  const calls = branches.map((_, i) => `${name}${i + 1}(s)`).join(" || ");
  const parts = branches.map((b, i) => `${comment([`${name}${i + 1} is alternative ${i + 1} of ${name}.`])}\nfunc ${name}${i + 1}(s string) bool {\n${branchBody(b)}\n}`);
  return [`${doc}\nfunc ${name}(s string) bool {\n\treturn ${calls}\n}`, ...parts].join("\n\n");
}

/** Statements of one branch: the length check, then each run's bytes. */
function branchBody(runs: Run[]): string {
  const fixed = runs.reduce((n, r) => n + r.min, 0);
  const variable = runs.find((r) => r.min !== r.max);
  const lines: string[] = [];
  if (!variable) lines.push(`\tif len(s) != ${fixed} {`, "\t\treturn false", "\t}");
  else {
    const most = fixed + (variable.max - variable.min);
    lines.push(`\tif len(s) < ${fixed} || len(s) > ${most} {`, "\t\treturn false", "\t}");
  }
  // Before the variable run, offsets are constants; after it they shift by the extra count k.
  let at = 0;
  let shifted = false;
  if (variable && runs.indexOf(variable) < runs.length - 1) lines.push(`\tk := len(s) - ${fixed}`);
  for (const r of runs) {
    const from = offset(at, shifted, " + ");
    if (r.min === r.max && r.min === 1) lines.push(`\tif c := s[${offset(at, shifted, "+")}]; ${notIn(r.set)} {`, "\t\treturn false", "\t}");
    else if (r.min === r.max) lines.push(`\tfor i := ${from}; i < ${offset(at + r.min, shifted, "+")}; i++ {`, ...loopBody(r.set), "\t}");
    else {
      const end = runs.indexOf(r) === runs.length - 1 ? "len(s)" : offset(at + r.min, true, "+");
      lines.push(`\tfor i := ${from}; i < ${end}; i++ {`, ...loopBody(r.set), "\t}");
      shifted = true;
    }
    at += r.min;
  }
  lines.push("\treturn true");
  return lines.join("\n");
}

function loopBody(set: UnitSet): string[] {
  return [`\t\tif c := s[i]; ${notIn(set)} {`, "\t\t\treturn false", "\t\t}"];
}

/** An offset expression; gofmt spaces `+` on its own (`i := 2 + k`) but not inside a comparison or index (`i < 4+k`, `s[2+k]`). */
function offset(at: number, shifted: boolean, plus: " + " | "+"): string {
  if (!shifted) return String(at);
  return at === 0 ? "k" : `${at}${plus}k`;
}

/** The condition that byte `c` is outside the set. */
function notIn(set: UnitSet): string {
  if (set.length === 1) {
    const [lo, hi] = set[0]!;
    if (lo === hi) return `c != ${goByte(lo)}`;
    if (lo === 0) return `c > ${goByte(hi)}`;
    return `c < ${goByte(lo)} || c > ${goByte(hi)}`;
  }
  const within = set.map(([lo, hi]) => (lo === hi ? `c == ${goByte(lo)}` : `c >= ${goByte(lo)} && c <= ${goByte(hi)}`)).join(" || ");
  return `!(${within})`;
}

/** RE2 syntax for a tree, over the code-unit view. */
export function re2(node: PatternNode): string {
  switch (node.kind) {
    case "units":
      return re2Set(node.set);
    case "assert":
      return node.what === "start" ? "^" : node.what === "end" ? "$" : node.what === "wordBoundary" ? "\\b" : "\\B";
    case "seq":
      return node.items.map((i) => (i.kind === "alt" ? `(?:${re2(i)})` : re2(i))).join("");
    case "alt":
      return node.branches.map(re2).join("|");
    case "group":
      return `(?:${re2(node.body)})`;
    case "repeat": {
      const body = node.body.kind === "units" || node.body.kind === "group" ? re2(node.body) : `(?:${re2(node.body)})`;
      const count = node.min === 0 && node.max === Infinity ? "*" : node.min === 1 && node.max === Infinity ? "+" : node.min === 0 && node.max === 1 ? "?" : node.max === Infinity ? `{${node.min},}` : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return body + count;
    }
    case "lookaround":
      throw new Error("codebook: RE2 has no lookaround");
  }
}

/** A set as an RE2 class; surrogate units move to their plane-16 runes. */
function re2Set(set: UnitSet): string {
  const ranges: [number, number][] = [];
  for (const [lo, hi] of set) {
    const [s0, s1] = SURROGATES;
    if (hi < s0 || lo > s1) ranges.push([lo, hi]);
    else {
      if (lo < s0) ranges.push([lo, s0 - 1]);
      ranges.push([SURROGATE_RUNE_BASE + Math.max(lo, s0), SURROGATE_RUNE_BASE + Math.min(hi, s1)]);
      if (hi > s1) ranges.push([s1 + 1, hi]);
    }
  }
  if (ranges.length === 0) return "[^\\x00-\\x{10FFFF}]";
  if (ranges.length === 1 && ranges[0]![0] === ranges[0]![1]) return re2Char(ranges[0]![0], false);
  return `[${ranges.map(([lo, hi]) => (lo === hi ? re2Char(lo, true) : `${re2Char(lo, true)}-${re2Char(hi, true)}`)).join("")}]`;
}

function re2Char(cp: number, inClass: boolean): string {
  if (cp >= 0x30 && cp <= 0x39) return String.fromCharCode(cp);
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return String.fromCharCode(cp);
  if (!inClass && cp === 0x20) return " ";
  return `\\x{${cp.toString(16).toUpperCase()}}`;
}
