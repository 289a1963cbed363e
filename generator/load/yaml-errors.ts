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

/**
 * Compares the line's indentation with the nearest non-blank line above it:
 * the column its keys start at (after any `- ` sequence markers).
 */
function indentationHint(text: string, lineStart: number, line: string): { at: number; hint: string } | null {
  if (!line.trim()) return null;
  const own = line.length - line.trimStart().length;
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const above = text.slice(start, end).replace(/\r$/, "");
    end = start - 1;
    if (!above.trim() || above.trimStart().startsWith("#")) continue;
    const keys = /^\s*(?:-\s+)*/.exec(above)![0].length;
    const aboveIndent = above.length - above.trimStart().length;
    // At the keys' column, or a sibling of a line that is not a sequence item: the indentation is fine.
    if (own === keys || (own === aboveIndent && keys === aboveIndent)) return null;
    const lineNo = text.slice(0, start).split("\n").length;
    return { at: own, hint: `inconsistent indentation: this line starts at column ${own + 1}, but the keys of line ${lineNo} start at column ${keys + 1}; indent it to match` };
  }
  return null;
}

/** yaml appends " at line L, column C" and a frame; the diagnostic's headline already has both. */
function headline(message: string): string {
  return `YAML syntax error: ${message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
}
