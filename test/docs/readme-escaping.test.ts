// Everything codebook writes into a package README is escaped (issue 10, item 6):
// test/fixtures/good-specs/markdown-hostile.yaml has codes, messages and titles with
// pipes, backticks, angle brackets, asterisks and line breaks. Every table must stay
// whole (as GitHub's parser splits rows), and every code and message must read back
// verbatim from its cell.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/load/load-specs.ts";
import type { Spec } from "../../generator/model/types.ts";
import { fixtureSpecDir, generateFixtures, type FixturePackages } from "../fixture-packages.ts";
import { repoRoot } from "../helpers.ts";

let fixtures: FixturePackages;
let readme: string;
let spec: Spec;
beforeAll(async () => {
  fixtures = await generateFixtures();
  readme = readFileSync(join(fixtures.dir, "markdown-hostile", "README.md"), "utf8");
  spec = loadSpecs({ root: repoRoot, specDir: fixtureSpecDir }).specs.find((s) => s.id === "markdown-hostile")!;
}, 60_000);
afterAll(() => fixtures?.remove());

/** A table row's cells as GFM splits them: a backslash escapes the next character, any other `|` separates. */
function gfmCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  const inner = line.trim().slice(1, line.trim().endsWith("|") ? -1 : undefined);
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === "\\" && i + 1 < inner.length) {
      cell += inner[i]! + inner[i + 1]!;
      i++;
    } else if (inner[i] === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += inner[i];
  }
  cells.push(cell.trim());
  return cells;
}

/** The tables of a Markdown text: runs of lines starting with `|`, with the line after each. */
function tables(text: string): { rows: string[]; after: string | undefined }[] {
  const lines = text.split("\n");
  const out: { rows: string[]; after: string | undefined }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith("|")) continue;
    const rows: string[] = [];
    while (i < lines.length && lines[i]!.startsWith("|")) rows.push(lines[i++]!);
    out.push({ rows, after: lines[i] });
  }
  return out;
}

/** What a cell shows, as text: code spans and `<code>` unwrapped, entities and escapes decoded, `<br>` a line break. */
function shown(cell: string): string {
  let s = cell;
  const span = /^`([^`]*)`$/.exec(s);
  if (span) return span[1]!;
  s = s.replace(/^<code>([\s\S]*)<\/code>$/, "$1");
  return s
    .replace(/<br>/g, "\n")
    .replace(/\\([\\`*_{}[\]#|])/g, "$1")
    .replace(/&#124;/g, "|")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("README of a spec whose text is full of Markdown", () => {
  it("keeps every table whole: each row has the header's cells, and a blank line follows", () => {
    const found = tables(readme);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const t of found) {
      const width = gfmCells(t.rows[0]!).length;
      for (const row of t.rows) expect(gfmCells(row), row).toHaveLength(width);
      expect(t.after ?? "", t.rows[0]).toBe("");
    }
  });

  it("shows every code, name and message verbatim in the code tables", () => {
    const rows = tables(readme)
      .filter((t) => gfmCells(t.rows[0]!)[0] === "Code")
      .flatMap((t) => t.rows.slice(2).map(gfmCells));
    expect(rows.map((r) => shown(r[0]!)).sort()).toEqual(spec.codes.map((c) => c.code).sort());
    for (const c of spec.codes) {
      const row = rows.find((r) => shown(r[0]!) === c.code)!;
      expect(shown(row[1]!)).toBe(c.name);
      expect(shown(row[2]!), c.code).toBe(c.message);
    }
  });

  it("writes no raw HTML and no unescaped emphasis from the source", () => {
    // Outside code spans (which show their text literally) and the example's code block.
    const prose = readme.replace(/^```[\s\S]*?^```$/gm, "").replace(/`[^`\n]*`/g, "");
    expect(prose).not.toContain("<script>");
    expect(prose).not.toContain("<b>");
    expect(readme).not.toMatch(/[^\\]\*\*bold/);
    // Titles, the provider and the document name are escaped and on one line.
    expect(readme).toContain("Codes with | pipes, \\`ticks\\` and \\*stars\\*");
    expect(readme).toContain("**Doc | with \\*markup\\* and a second line**");
    expect(readme).toContain("Example &lt;b&gt;bold&lt;/b&gt;");
  });

  it("escapes the codes of actions and of the unlisted-code rule too", () => {
    expect(readme).toContain("<code>A&#124;B</code>, <code>N<br>L</code>");
    expect(readme).toContain("`<…` (Odd | one) → **failed**");
  });
});
