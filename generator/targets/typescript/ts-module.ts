/**
 * Module text from the emitters' statements, written directly. Every statement is
 * already TypeScript text (oxfmt lays it out afterwards), so all a module needs is the
 * joins ts-morph's structure printer made: a blank line after a statement that ends
 * with `}`, a line break after any other, and a final line break. Printing through
 * ts-morph gave the same bytes but cost a require of ts-morph and the TypeScript
 * compiler in every cold run (about 0.2 s of wall time and 70 MiB of RSS on the
 * shipped specs; see the README's benchmark section).
 */

export type Statement = string;

/** Prints statements as a module, header first. */
export function printModule(header: string, statements: readonly Statement[]): string {
  // The joins depend only on the text's end, so that is all that is kept to look at: reading the growing text
  // itself (a concatenation V8 flattens on every read) made the printing quadratic in the module's size.
  const state: Tail = { parts: [], tail: "", newline: false };
  for (const statement of statements) {
    append(state, separator(state));
    append(state, statement.includes("\r") ? statement.replace(/\r?\n/g, "\n") : statement);
  }
  return header + "\n" + state.parts.join("") + (atStart(state) || lastIsBreak(state.tail) ? "" : "\n");
}

/** The module so far, and what the joins read of it. */
interface Tail {
  parts: string[];
  /** The text from the last piece that has a non-space character on (all of it while none has). */
  tail: string;
  /** Whether the text has a line break. */
  newline: boolean;
}

function append(state: Tail, piece: string): void {
  if (piece === "") return;
  state.parts.push(piece);
  state.newline ||= piece.includes("\n");
  state.tail = hasNonSpace(piece) ? piece : state.tail + piece;
}

/**
 * What goes before the next statement: a blank line after a closing brace, else a line
 * break, none at the very start. The tests below are the ones ts-morph's printer makes
 * (code-block-writer's: a lone CR counts as a break at the end, not in a blank line).
 */
function separator(state: Tail): string {
  const { tail } = state;
  if (lastNonSpaceIsBrace(tail)) return lastIsBlankLine(tail) ? "" : lastIsBreak(tail) ? "\n" : "\n\n";
  return atStart(state) || lastIsBreak(tail) ? "" : "\n";
}

const lastIsBreak = (text: string) => text.endsWith("\n") || text.endsWith("\r");
/** Still on the first line, nothing on it but line-ending CRs. */
const atStart = (state: Tail) => !state.newline && (state.parts.length === 0 || state.tail.endsWith("\r"));

function lastIsBlankLine(text: string): boolean {
  let breaks = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      if (++breaks === 2) return true;
    } else if (c !== 0x0d) return false;
  }
  return false;
}

/** ts-morph's whitespace: space, \f, \n, \r, \t, \v, NBSP, LS, PS. */
const SPACE = new Set([0x20, 0x0c, 0x0a, 0x0d, 0x09, 0x0b, 0xa0, 0x2028, 0x2029]);

function hasNonSpace(text: string): boolean {
  for (let i = text.length - 1; i >= 0; i--) if (!SPACE.has(text.charCodeAt(i))) return true;
  return false;
}

function lastNonSpaceIsBrace(text: string): boolean {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (!SPACE.has(c)) return c === 0x7d; // }
  }
  return false;
}

/** A string literal, safely escaped: every string from YAML goes through here. */
export function lit(value: string): string {
  return JSON.stringify(value);
}

/** A TSDoc comment body must not close the comment early. */
export function docText(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}
