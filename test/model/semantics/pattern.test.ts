// model/semantics/pattern.ts reads a pattern as `new RegExp(pattern)` does: the test
// interprets the tree over UTF-16 code units and holds it to JavaScript's own engine
// on every pattern the specs use, patterns written for the corners, and strings
// with astral characters, line terminators and Unicode spaces.
import { describe, expect, it } from "vitest";
import { acceptsOnly, parsePattern, samplePattern, type PatternNode } from "../../../generator/model/semantics/pattern.ts";
import { loadSpecs } from "../../../generator/load/load-specs.ts";
import { repoRoot, specDir } from "../../helpers.ts";
import { fixtureSpecDir } from "../../fixture-packages.ts";

/** Every position after matching `node` from `at` (a backtracking interpreter, for tests only). */
function ends(node: PatternNode, s: string, at: number): number[] {
  const word = (i: number) => i >= 0 && i < s.length && /\w/.test(s[i]!);
  switch (node.kind) {
    case "units": {
      const u = s.charCodeAt(at);
      return at < s.length && node.set.some(([lo, hi]) => lo <= u && u <= hi) ? [at + 1] : [];
    }
    case "assert":
      if (node.what === "start") return at === 0 ? [at] : [];
      if (node.what === "end") return at === s.length ? [at] : [];
      return (word(at - 1) !== word(at)) === (node.what === "wordBoundary") ? [at] : [];
    case "seq":
      return node.items.reduce<number[]>((acc, item) => [...new Set(acc.flatMap((p) => ends(item, s, p)))], [at]);
    case "alt":
      return [...new Set(node.branches.flatMap((b) => ends(b, s, at)))];
    case "group":
      return ends(node.body, s, at);
    case "lookaround":
      throw new Error("not interpreted");
    case "repeat": {
      let frontier = [at];
      const out = new Set<number>(node.min === 0 ? [at] : []);
      for (let n = 1; n <= Math.min(node.max, s.length + 1) && frontier.length; n++) {
        frontier = [...new Set(frontier.flatMap((p) => ends(node.body, s, p)))];
        if (n >= node.min) for (const p of frontier) out.add(p);
      }
      return [...out];
    }
  }
}
const test = (tree: PatternNode, s: string) => Array.from({ length: s.length + 1 }, (_, i) => i).some((i) => ends(tree, s, i).length > 0);

const specPatterns = (dir: string) =>
  loadSpecs({ root: repoRoot, specDir: dir }).specs.flatMap((s) => [
    s.pattern,
    ...(s.composite?.parts.flatMap((p) => (p.pattern ? [p.pattern] : [])) ?? []),
    ...s.categories.flatMap((c) => (c.match && "pattern" in c.match ? [c.match.pattern] : [])),
  ]);

const corners = [
  "^[\\s\\S]{1,8}$",
  "^.{2}$",
  "^\\S+$",
  "^[^0-9]{1,3}$",
  "\\bAB\\B",
  "^(?:[0-9]{4}|[A-Z][A-Z0-9][0-9]{2})$",
  "^\\uD83D\\uDE00?$",
  "^😀+$",
  "^[😀]$",
  "^[a\\-z]?$",
  "^(a|bc)*d$",
  "[\\x41-\\x43\\u00e9]",
  "^\\w\\W\\d\\D$",
  "^[\\b]$",
  "^$",
  "",
];
const inputs = ["", "a", "AB", "ab", "00", "123", "9999", "U012", "NW91", "AP00", "😀", "😀😀", "a😀", "\ud83d", "\n", "\r\n", "\u2028", "\u00a0", "\ufeff", "é", " x ", "A|B", "<b>", "abcdefghi", "12345678", "-", "a-z", "\b", "AB C", "bcbcd", "d", "ABC"];

describe("parsePattern reads a pattern as JavaScript does", () => {
  const patterns = [...new Set([...specPatterns(specDir), ...specPatterns(fixtureSpecDir), ...corners])];
  it.each(patterns)("%s", (source) => {
    const parsed = parsePattern(source);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const re = new RegExp(source);
    const samples = samplePattern(parsed.tree, 60, 7);
    let tried = 0;
    for (const s of [...inputs, ...samples]) {
      expect([s, test(parsed.tree, s)]).toEqual([s, re.test(s)]);
      tried++;
    }
    expect(tried).toBeGreaterThan(60);
  });

  it("refuses what the loader refuses, with a reason", () => {
    for (const bad of ["(a", "[a", "a{2,1}", "\\1", "\\k<x>", "\\q", "*", "a**", "[\\d-z]"]) {
      const parsed = parsePattern(bad);
      expect(parsed.ok, bad).toBe(false);
    }
  });

  it("reads lookarounds as such, for targets whose engines have none", () => {
    const parsed = parsePattern("^(?!00)[0-9]{2}$");
    expect(parsed.ok && JSON.stringify(parsed.tree).includes('"lookaround"')).toBe(true);
  });
});

describe("acceptsOnly", () => {
  const ascii = [[0, 0x7f]] as const;
  it("holds for anchored ASCII patterns and not otherwise", () => {
    const read = (p: string) => {
      const parsed = parsePattern(p);
      if (!parsed.ok) throw new Error(parsed.reason);
      return acceptsOnly(parsed.tree, ascii);
    };
    expect(read("^[0-9]{2,3}$")).toBe(true);
    expect(read("^(?:[0-9]{4}|[A-Z][A-Z0-9][0-9]{2})$")).toBe(true);
    expect(read("^[0-9]{2}")).toBe(false);
    expect(read("[0-9]{2}$")).toBe(false);
    expect(read("^[\\s\\S]{1,8}$")).toBe(false);
    expect(read("^.$")).toBe(false);
  });
});
