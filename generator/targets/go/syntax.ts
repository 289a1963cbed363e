/**
 * Go's lexical forms, written as gofmt prints them: string and rune literals,
 * comments, and the header line every file starts with. codebook never runs
 * gofmt: the emitters write its layout directly, and the tests hold every
 * generated file to `gofmt -l` printing nothing.
 */
import { headerText } from "../../model/generated-file.ts";
import type { Spec } from "../../model/types.ts";

/** Runes a Go literal or comment must not hold raw: controls, the byte-order mark (refused mid-file), line and paragraph separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** Text a Go string literal holds as it is. */
const PLAIN = /^[^"\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]*$/;
const UNSAFE_G = new RegExp(UNSAFE.source, "g");
/** Text commentText changes: whitespace but single spaces inside, and runes a Go file must not hold raw. */
const COMMENT_WORK = /[^\S ]| {2}|^ | $|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** A Go interpreted string literal of a (well-formed) string. */
export function goString(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (UNSAFE.test(ch)) out += cp <= 0xff ? `\\x${hex(cp, 2)}` : `\\u${hex(cp, 4)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) throw new Error("codebook: a lone surrogate cannot be a Go string");
    else out += ch;
  }
  return out + '"';
}

/** A rune literal for an ASCII byte: printable ones as themselves, others in hex. */
export function goByte(unit: number): string {
  if (unit === 39) return "'\\''";
  if (unit === 92) return "'\\\\'";
  if (unit >= 32 && unit < 127) return `'${String.fromCharCode(unit)}'`;
  return `0x${hex(unit, 2)}`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** A string literal for JSON text: a raw string where it can be one (no backquote, no carriage return), else an interpreted one. */
export function goRawOrString(text: string): string {
  return /[`\r]/.test(text) || UNSAFE.test(text.replace(/\n/g, "")) ? goString(text) : `\`${text}\``;
}

/**
 * Text for one line of a comment: whitespace runs (line breaks included) become one
 * space, runes a Go file must not hold raw are written as \u escapes, and the ends are trimmed.
 */
export function commentText(text: string): string {
  if (!COMMENT_WORK.test(text)) return text;
  return text
    .replace(/\s+/g, " ")
    .replace(UNSAFE_G, (c) => `\\u${hex(c.codePointAt(0)!, 4)}`)
    .trim();
}

/** `// line` for each line; an empty line is `//`. */
export function comment(lines: readonly string[], indent = ""): string {
  return lines.map((l) => (l === "" ? `${indent}//` : `${indent}// ${l}`)).join("\n");
}

/**
 * A doc comment on a top-level declaration, in the layout gofmt (Go 1.19) gives doc
 * comments: paragraphs as they are, a list as `//   - item` lines with a blank line
 * before and after. Each paragraph and item is one line of text, so no text can start
 * a list, heading or code block by accident; `items` marks the lines that are list items.
 */
export function docComment(blocks: readonly (string | { items: readonly string[] })[]): string {
  const lines: string[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) lines.push("");
    if (typeof b === "string") lines.push(b);
    else for (const item of b.items) lines.push(`  - ${item}`);
  });
  return comment(lines);
}

/** The first line of every generated Go file: Go's "Code generated … DO NOT EDIT." convention. */
export function goHeader(spec: Pick<Spec, "specFile">): string {
  return `// ${commentText(headerText(spec))}`;
}

/** A Go source file: the header, a blank line, the package clause, then the declarations separated by blank lines. */
export function goFile(spec: Pick<Spec, "specFile">, pkg: string, imports: readonly string[], decls: readonly string[]): string {
  const sorted = [...new Set(imports)].sort();
  const importBlock = sorted.length === 0 ? [] : sorted.length === 1 ? [`import ${goString(sorted[0]!)}`] : [`import (\n${sorted.map((i) => `\t${goString(i)}`).join("\n")}\n)`];
  return `${goHeader(spec)}\n\npackage ${pkg}\n\n${[...importBlock, ...decls].join("\n\n")}\n`;
}

/** Indents every non-empty line by `depth` tabs. */
export function indent(text: string, depth = 1): string {
  const tabs = "\t".repeat(depth);
  return text
    .split("\n")
    .map((l) => (l === "" ? l : tabs + l))
    .join("\n");
}
