/**
 * The generic half of a fidelity test: what holds between any spec and its source
 * document, whatever the table looks like. A new spec's test is a few lines:
 *
 *   import { describeFidelity } from "./fidelity.ts";
 *   describeFidelity("acme-pay", { codes: /^\| ([A-Z0-9]{2}) \|/gm });
 *
 * The spec is loaded through the real loader (so it lints, seed check included) and
 * the document is read through its `source.seed`, relative to the spec file. Checks
 * specific to one source's layout (row order, exact lines, hand-checked rows) stay in
 * that spec's own test file.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../../generator/load/diagnostics.ts";
import { loadSpecs } from "../../generator/load/load-specs.ts";
import type { Code, Spec } from "../../generator/model/types.ts";
import { repoRoot, specDir } from "../helpers.ts";

export interface FidelityOptions {
  /**
   * Finds the codes the source lists (the `g` flag is added; capture group 1 is the code
   * when the pattern has one). Compared with the spec's codes as sets, both ways.
   */
  codes?: RegExp;
}

export interface SpecAndSource {
  spec: Spec;
  /** The seed's path relative to spec/, as the spec writes it. */
  seed: string;
  /** The source document's text. */
  text: string;
}

/** spec/<id>.yaml through the real loader, and the document its source.seed names. */
export function loadSpecAndSource(id: string): SpecAndSource {
  const loaded = loadSpecs({ root: repoRoot, specDir, only: [id] });
  const spec = loaded.specs[0];
  if (loaded.diagnostics.length || !spec) throw new Error(`spec/${id}.yaml does not lint:\n${formatDiagnostics(loaded.diagnostics, loaded.sources)}`);
  if (spec.source.seed === null) throw new Error(`spec/${id}.yaml names no source document (source.seed)`);
  const text = readFileSync(join(dirname(join(repoRoot, spec.specFile)), spec.source.seed), "utf8");
  return { spec, seed: spec.source.seed, text };
}

/** Whitespace runs as one space: a cell may wrap or be indented differently in the source. */
export const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

/** One code per source row: a row expanded over a part's domain yields several codes with the same table and row. */
function rows(spec: Spec): { code: Code; expanded: boolean }[] {
  const count = new Map<string, number>();
  const key = (c: Code) => `${c.table}\u0000${c.row}`;
  for (const c of spec.codes) count.set(key(c), (count.get(key(c)) ?? 0) + 1);
  const seen = new Set<string>();
  return spec.codes.filter((c) => !seen.has(key(c)) && seen.add(key(c))).map((code) => ({ code, expanded: count.get(key(code))! > 1 }));
}

/** The cells of a row the spec claims to copy verbatim, labelled for failure messages. */
function verbatimCells(spec: Spec, code: Code, expanded: boolean): [string, string][] {
  const at = `${code.table} row ${code.row}`;
  const cells: [string, string][] = [];
  // An expanded row's codes are built from its parts ("200 any 00"), so no code is in the text.
  if (!expanded) cells.push([`${at} code`, code.code]);
  cells.push([`${at} message`, code.message]);
  if (code.description !== null) cells.push([`${at} description`, code.description]);
  for (const column of spec.columns) {
    const text = code.columns[column.key]?.text;
    if (text !== null && text !== undefined) cells.push([`${at} ${column.key}`, text]);
  }
  return cells;
}

/** The codes a pattern finds in the text. */
export function codesIn(text: string, pattern: RegExp): string[] {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return [...text.matchAll(global)].map((m) => m[1] ?? m[0]);
}

/** Registers the generic fidelity tests of spec/<id>.yaml against its source document. */
export function describeFidelity(id: string, options: FidelityOptions = {}): SpecAndSource {
  const loaded = loadSpecAndSource(id);
  const { spec, seed, text } = loaded;
  const source = squash(text);

  describe(`${id}: every row against its source document (${seed})`, () => {
    it("has rows to compare", () => {
      expect(spec.codes.length).toBeGreaterThan(0);
      expect(source.length).toBeGreaterThan(0);
    });

    it("every row's code, message, description and column cells appear verbatim in the source", () => {
      const missing = rows(spec)
        .flatMap(({ code, expanded }) => verbatimCells(spec, code, expanded))
        .filter(([, cell]) => !source.includes(squash(cell)))
        .map(([where, cell]) => `${where}: ${JSON.stringify(cell)}`);
      expect(missing).toEqual([]);
    });

    if (options.codes) {
      const pattern = options.codes;
      it(`the codes the source lists (${pattern}) are the spec's codes, no more, no fewer`, () => {
        const found = new Set(codesIn(text, pattern));
        const listed = new Set(spec.codes.map((c) => c.code));
        expect(found.size, "the pattern finds no code in the source").toBeGreaterThan(0);
        expect([...found].filter((c) => !listed.has(c)).sort(), "in the source, not in the spec").toEqual([]);
        expect([...listed].filter((c) => !found.has(c)).sort(), "in the spec, not in the source").toEqual([]);
      });
    }
  });
  return loaded;
}
