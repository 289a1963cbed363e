import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, renderDiff } from "../../generator/write/text-diff.ts";

/** Applies hunks' -/+ lines to the old text: the diff must say exactly how to get the new one. */
function patch(before: string, after: string): string {
  const a = before.split("\n");
  const out: string[] = [];
  let at = 0;
  for (const h of diffLines(before, after)) {
    while (at < h.line - 1) out.push(a[at++]!);
    for (const l of h.lines) {
      if (l.sign === "+") out.push(l.text);
      else {
        expect(a[at], `context/removed line ${at + 1}`).toBe(l.text);
        if (l.sign === " ") out.push(l.text);
        at++;
      }
    }
  }
  while (at < a.length) out.push(a[at++]!);
  return out.join("\n");
}

describe("line diff for --check", () => {
  it("reports every changed region of a file, however far apart", () => {
    const lines = Array.from({ length: 1200 }, (_, i) => `line ${i}`);
    const edited = [...lines];
    edited[10] = "first edit";
    edited[950] = "second edit";
    const hunks = diffLines(lines.join("\n"), edited.join("\n"));
    expect(hunks.map((h) => h.line)).toEqual([9, 949]);
    const text = renderDiff(hunks);
    expect(text).toContain("- line 10\n+ first edit");
    expect(text).toContain("- line 950\n+ second edit");
  });

  it("shows a region with its context lines", () => {
    expect(renderDiff(diffLines("a\nb\nc\nd\n", "a\nb\nX\nd\n"))).toBe("@@ line 1 @@\n  a\n  b\n- c\n+ X\n  d\n  ");
  });

  it("identical texts have no regions", () => {
    expect(diffLines("a\nb\n", "a\nb\n")).toEqual([]);
  });

  it("is a correct patch for random edits (property)", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 40 }).map((l) => l.join("\n"));
    fc.assert(fc.property(text, text, (x, y) => patch(x, y) === y), { numRuns: 500 });
  });

  it("shows a wholesale rewrite as regions without hanging", () => {
    const a = Array.from({ length: 5000 }, (_, i) => `old ${i}`).join("\n");
    const b = Array.from({ length: 5000 }, (_, i) => `new ${i}`).join("\n");
    const hunks = diffLines(a, b);
    expect(hunks.length).toBe(1);
    expect(patch(a, b)).toBe(b);
    expect(renderDiff(hunks)).toContain("… 9984 more changed lines in this region");
  });
});
