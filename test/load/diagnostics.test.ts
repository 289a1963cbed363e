// Diagnostics are formatted in time linear in the spec (issue 18, finding 6): a 1.8 MB spec
// with 16,000 duplicate rows took about 2.5 minutes in text mode, because every diagnostic
// split the whole text into lines again for its code frame.
import { describe, expect, it } from "vitest";
import { formatDiagnostics, type Diagnostic } from "../../generator/load/diagnostics.ts";

/** A text whose `split` is counted: what the frame of each diagnostic reads its lines from. */
function countingText(text: string): { text: string; splits: () => number } {
  let n = 0;
  const boxed = Object.assign(new String(text), {
    split(...args: Parameters<string["split"]>) {
      n++;
      return String.prototype.split.apply(text, args);
    },
  });
  return { text: boxed as unknown as string, splits: () => n };
}

describe("formatDiagnostics", () => {
  const rows = 16_000;
  const lines = Array.from({ length: rows * 3 }, (_, i) => (i % 3 === 0 ? `      - code: "02"   # row ${i / 3}` : i % 3 === 1 ? "        message: Failed" : "        status: Failed"));
  const text = `${lines.join("\n")}\n`;
  const diagnostics: Diagnostic[] = Array.from({ length: rows }, (_, i) => ({ file: "spec/dup.yaml", line: i * 3 + 1, col: 15, length: 4, message: `duplicate code "02" (first at line 1)` }));

  it("splits each file's text once, however many diagnostics it has", () => {
    const a = countingText(text);
    const b = countingText("x: 1\ny: 2\n");
    const other: Diagnostic[] = [{ file: "spec/other.yaml", line: 2, col: 1, length: 1, message: "m" }, { file: "spec/other.yaml", line: 1, col: 1, length: 1, message: "n" }];
    const out = formatDiagnostics([...diagnostics, ...other], new Map([["spec/dup.yaml", a.text], ["spec/other.yaml", b.text]]));
    expect(a.splits()).toBe(1);
    expect(b.splits()).toBe(1);
    expect(out.split("\n\n")).toHaveLength(rows + 2);
  });

  it("frames every diagnostic with its own line and the one before, as before", () => {
    const out = formatDiagnostics(diagnostics, new Map([["spec/dup.yaml", text]])).split("\n\n");
    for (const i of [0, 1, 7_777, rows - 1]) {
      const line = i * 3 + 1;
      const width = String(line).length;
      const frame = [`spec/dup.yaml:${line}:15: duplicate code "02" (first at line 1)`];
      if (line > 1) frame.push(`  ${String(line - 1).padStart(width)} |         status: Failed`);
      frame.push(`> ${line} |       - code: "02"   # row ${i}`, `  ${" ".repeat(width)} |               ^^^^`);
      expect(out[i]).toBe(frame.join("\n"));
    }
  });
});
