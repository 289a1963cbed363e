/**
 * YAML syntax errors as a person fixes them: one root cause, with a hint.
 *
 * After the first structural error (a bad indent, a tab, a colon in a plain
 * value) the parser's reading of the lines after it is unreliable, and the
 * `yaml` package reports each consequence: one under-indented line gives six
 * errors, a tab seven. codebook reports that first error only, with what to
 * do about it. Duplicate keys do not disturb the structure, so every one
 * before the first structural error is reported.
 */
import type { YAMLError } from "yaml";
import { SPEC_LIMITS } from "./hostile-text.ts";

export interface YamlProblem {
  offset: number;
  length: number;
  message: string;
}

export function yamlProblems(errors: readonly YAMLError[], text: string): YamlProblem[] {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const out: YamlProblem[] = [];
  for (const e of sorted) {
    const length = Math.max(1, e.pos[1] - e.pos[0]);
    if (e.code === "DUPLICATE_KEY") {
      out.push({ offset: e.pos[0], length, message: headline(e.message) });
      continue;
    }
    out.push(rootCause(e, text));
    break;
  }
  return out;
}

function rootCause(e: YAMLError, text: string): YamlProblem {
  const offset = e.pos[0];
  const length = Math.max(1, e.pos[1] - e.pos[0]);
  if (/Maximum call stack size exceeded/.test(e.message))
    return { offset, length: 1, message: `YAML nesting is too deep: a spec nests at most ${SPEC_LIMITS.maxDepth} levels` };
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset) === -1 ? text.length : text.indexOf("\n", offset);
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
  const message = headline(e.message);

  const tab = /^[ ]*\t/.exec(line);
  if (e.code === "TAB_AS_INDENT" || tab)
    return { offset: lineStart + (tab ? tab[0].length - 1 : 0), length: 1, message: `${message}; indent with spaces, not tabs` };

  const colon = e.code === "BLOCK_AS_IMPLICIT_KEY" || e.code === "MULTILINE_IMPLICIT_KEY" ? unquotedColon(line) : null;
  if (colon) return { offset: lineStart + colon.at, length: colon.value.length, message: `${message}; a value that contains ": " must be quoted: ${colon.key}: ${JSON.stringify(colon.value)}` };

  if (e.code === "BLOCK_AS_IMPLICIT_KEY" || e.code === "MULTILINE_IMPLICIT_KEY") {
    const deeper = deeperNextLine(text, lineStart, line);
    if (deeper) return { offset: deeper.at, length: 1, message: `${message}; ${deeper.hint}` };
  }
  const indentation = e.code === "BAD_INDENT" || /without - indicator/.test(e.message);
  const indent = indentation ? indentationHint(text, lineStart, line) : null;
  if (indent) return { offset: lineStart + indent.at, length: 1, message: `${message}; ${indent.hint}` };
  return { offset, length, message };
}

/** `message: Note: on process`: a plain value holding ": ", which YAML reads as a nested mapping. */
function unquotedColon(line: string): { key: string; value: string; at: number } | null {
  const m = /^(\s*(?:-\s+)*)([A-Za-z_][\w-]*):([ ]+)([^\s"'[{|>&*!#%@`][^#]*?)\s*$/.exec(line);
  if (!m || !/:(\s|$)/.test(m[4]!)) return null;
  return { key: m[2]!, value: m[4]!, at: m[1]!.length + m[2]!.length + 1 + m[3]!.length };
}

interface TextLine {
  /** 1-based. */
  number: number;
  start: number;
  text: string;
}

/** The nearest non-blank, non-comment line before (step -1) or after (step 1) the line starting at `lineStart`. */
function neighbour(text: string, lineStart: number, step: -1 | 1): TextLine | null {
  let start = lineStart;
  for (;;) {
    if (step === -1) {
      if (start === 0) return null;
      start = text.lastIndexOf("\n", start - 2) + 1;
    } else {
      const nl = text.indexOf("\n", start);
      if (nl === -1) return null;
      start = nl + 1;
    }
    const end = text.indexOf("\n", start) === -1 ? text.length : text.indexOf("\n", start);
    const line = text.slice(start, end).replace(/\r$/, "");
    if (line.trim() && !line.trimStart().startsWith("#")) return { number: text.slice(0, start).split("\n").length, start, text: line };
  }
}

const indentOf = (line: string) => line.length - line.trimStart().length;
/** The column a line's keys start at, after any `- ` sequence markers. */
const keysOf = (line: string) => /^\s*(?:-\s+)*/.exec(line)![0].length;

/**
 * Compares the line's indentation with the lines above it: the keys of the line
 * just above, or (for a line that closes blocks) the columns of the blocks still open.
 */
function indentationHint(text: string, lineStart: number, line: string): { at: number; hint: string } | null {
  if (!line.trim()) return null;
  const own = indentOf(line);
  const above = neighbour(text, lineStart, -1);
  if (!above) return null;
  const keys = keysOf(above.text);
  if (own === keys) return null;
  const hint = (col: number, n: number) => `inconsistent indentation: this line starts at column ${own + 1}, but the keys of line ${n} start at column ${col + 1}; indent it to match`;
  // Under `- code: …`, at the dash's column: a sibling key that lost its place.
  if (own >= indentOf(above.text)) return { at: own, hint: hint(keys, above.number) };
  // A dedent must land on a block that is still open.
  const open: { col: number; line: number }[] = [];
  let min = Infinity;
  for (let l: TextLine | null = above; l && min > 0; l = neighbour(text, l.start, -1)) {
    if (indentOf(l.text) >= min) continue;
    min = indentOf(l.text);
    open.push({ col: keysOf(l.text), line: l.number }, { col: min, line: l.number });
  }
  if (open.some((o) => o.col === own)) return null;
  const nearest = open.reduce((a, b) => (Math.abs(b.col - own) < Math.abs(a.col - own) ? b : a));
  return { at: own, hint: `inconsistent indentation: this line starts at column ${own + 1}, where no block above it does (nearest: column ${nearest.col + 1}, line ${nearest.line}); indent it to match` };
}

/** `message: On process` followed by a line indented deeper: YAML reads the deeper line as more of the value. */
function deeperNextLine(text: string, lineStart: number, line: string): { at: number; hint: string } | null {
  if (!/^\s*(?:-\s+)*[^\s:#][^:#]*:[ ]+\S/.test(line)) return null;
  const next = neighbour(text, lineStart, 1);
  if (!next || indentOf(next.text) <= keysOf(line)) return null;
  return {
    at: next.start + indentOf(next.text),
    hint: `line ${next.number} is indented deeper (column ${indentOf(next.text) + 1}) than the keys of line ${text.slice(0, lineStart).split("\n").length} (column ${keysOf(line) + 1}); indent it to match, or quote a value that goes on over several lines`,
  };
}

/** yaml appends " at line L, column C" and a frame; the diagnostic's headline already has both. */
function headline(message: string): string {
  return `YAML syntax error: ${message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
}
