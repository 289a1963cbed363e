// patternShape reads a pattern into the exact strings it matches, and partsImplied says when a
// code pattern makes the parts' checks redundant (issue 23, item 3: classification does each check
// once). Both are held to JavaScript's own RegExp: random patterns from a grammar of the syntax the
// reader knows, every string of up to 4 characters over an alphabet that includes characters outside
// every class used (a capital letter, the line terminators `.` leaves out, an accented letter): the shape matches exactly
// the strings the RegExp matches, and an implication is never claimed that a string refutes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { partsImplied, patternShape, type PatternShape } from "../../../generator/targets/typescript/pattern-shape.ts";

const ALPHABET = ["a", "b", "0", "1", "Z", "\n", "\r", "\u2028", "é"];
const STRINGS: string[] = [""];
for (let n = 1, layer = [""]; n <= 4; n++) {
  layer = layer.flatMap((s) => ALPHABET.map((c) => s + c));
  STRINGS.push(...layer);
}

function shapeMatches(shape: PatternShape, s: string): boolean {
  return shape.some((alt) => alt.length === s.length && alt.every((units, i) => units.some(([a, b]) => s.charCodeAt(i) >= a && s.charCodeAt(i) <= b)));
}

const atom = fc.constantFrom("a", "b", "0", "[ab]", "[0-1]", "[a0]", "\\d", "\\w", "\\W", ".", "[^a]", "[^]", "[]", "(?:a|b0)", "(?:0|1)", "(1|a)", "\\x61", "[\\d]", "[b-b]");
const quantifier = fc.constantFrom("", "", "?", "{2}", "{1,2}", "{0,1}");
const body = fc.array(fc.tuple(atom, quantifier).map(([a, q]) => a + q), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(""));
const pattern = fc.oneof(
  { weight: 4, arbitrary: body.map((b) => `^${b}$`) },
  { weight: 1, arbitrary: fc.tuple(body, body).map(([x, y]) => `^${x}$|^${y}$`) },
  { weight: 1, arbitrary: fc.tuple(body, body).map(([x, y]) => `^(?:${x}|${y})$`) },
);

describe("patternShape", () => {
  it("reads the shipped specs' patterns", () => {
    expect(patternShape("^[0-9]{7}$")).toEqual([[[[48, 57]], [[48, 57]], [[48, 57]], [[48, 57]], [[48, 57]], [[48, 57]], [[48, 57]]]]);
    expect(patternShape("^[0-9]{2,3}$")?.map((alt) => alt.length)).toEqual([2, 3]);
    expect(patternShape("^(?:[0-9]{4}|[A-Z][A-Z0-9][0-9]{2})$")).toHaveLength(2);
  });

  it.each(["[0-9]{7}", "^[0-9]{7}", "^[0-9]+$", "^a*$", "^(?=a)a$", "^(a)\\1$", "^\\bx$", "^a$b$", "^[0-9]{2,}$", "^\\p{L}$", "^(?<n>a)\\k<n>$", "^a{1,100}$"])(
    "gives no shape for %j (not read exactly)",
    (p) => {
      expect(patternShape(p)).toBeNull();
    },
  );

  it("matches exactly the strings RegExp matches (random patterns, every string of up to 4 characters)", () => {
    let shaped = 0;
    fc.assert(
      fc.property(pattern, (p) => {
        const shape = patternShape(p);
        if (shape === null) return;
        shaped++;
        const re = new RegExp(p);
        for (const s of STRINGS) if (re.test(s) !== shapeMatches(shape, s)) throw new Error(`${p} on ${JSON.stringify(s)}: RegExp ${re.test(s)}`);
      }),
      { numRuns: 400 },
    );
    expect(shaped).toBeGreaterThan(300);
  });
});

describe("partsImplied", () => {
  it("holds for SNAP and DOKU, and not where a part is narrower than the code", () => {
    expect(partsImplied("^[0-9]{7}$", [{ length: 3, pattern: "^[0-9]{3}$" }, { length: 2, pattern: "^[0-9]{2}$" }, { length: 2, pattern: "^[0-9]{2}$" }])).toBe(true);
    expect(partsImplied("^(?:[0-9]{4}|[A-Z][A-Z0-9][0-9]{2})$", [{ length: 2, pattern: null }, { length: 2, pattern: "^[0-9]{2}$" }])).toBe(true);
    // The fixture specs: a part narrower than the code's class, and lengths that differ.
    expect(partsImplied("^[0-9]{3}$", [{ length: 1, pattern: "^[1-5]$" }, { length: 2, pattern: "^[0-9]{2}$" }])).toBe(false);
    expect(partsImplied("^[0-9A-Z]{4}$", [{ length: 2, pattern: null }, { length: 2, pattern: "^[0-9]{2}$" }])).toBe(false);
    expect(partsImplied("^[0-9]{2,3}$", [{ length: 3, pattern: null }])).toBe(false);
    expect(partsImplied("^[0-9]+$", [{ length: 3, pattern: null }])).toBe(false);
    expect(partsImplied("^[0-9]{3}$", [{ length: 3, pattern: "^[0-9]+$" }])).toBe(false);
  });

  it("is never claimed where a string of the code pattern has a part that fails its pattern (random patterns and splits)", () => {
    let implied = 0;
    let refuted = 0;
    fc.assert(
      fc.property(pattern, fc.array(fc.oneof(fc.constant(null), pattern), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(3), { minLength: 1, maxLength: 3 }), (code, partPatterns, cuts) => {
        const shape = patternShape(code);
        const lengths = shape?.[0] ? split(shape[0].length, partPatterns.length, cuts) : cuts.map((c) => c + 1).slice(0, partPatterns.length);
        const parts = partPatterns.slice(0, lengths.length).map((p, i) => ({ length: lengths[i]!, pattern: p }));
        const claim = partsImplied(code, parts);
        const re = new RegExp(code);
        const total = parts.reduce((n, p) => n + p.length, 0);
        const holds = (s: string) => {
          if (s.length !== total) return false;
          let at = 0;
          return parts.every((p) => {
            const slice = s.slice(at, (at += p.length));
            return p.pattern === null || new RegExp(p.pattern).test(slice);
          });
        };
        const counter = STRINGS.find((s) => re.test(s) && !holds(s));
        if (claim) {
          implied++;
          if (counter !== undefined) throw new Error(`${code} with ${JSON.stringify(parts)}: claimed, but ${JSON.stringify(counter)} refutes it`);
        } else if (counter !== undefined) refuted++;
      }),
      { numRuns: 600 },
    );
    // Both answers occur: the property is not vacuous.
    expect(implied).toBeGreaterThan(20);
    expect(refuted).toBeGreaterThan(20);
  });
});

/** `length` cut into at most `n` positive parts at the given points, or the whole. */
function split(length: number, n: number, cuts: number[]): number[] {
  const out: number[] = [];
  let left = length;
  for (let i = 0; i < n - 1 && left > 1; i++) {
    const take = 1 + (cuts[i]! % (left - 1));
    out.push(take);
    left -= take;
  }
  out.push(left);
  return out.filter((x) => x > 0).length === out.length ? out : [length];
}
