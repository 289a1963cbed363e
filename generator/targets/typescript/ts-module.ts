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
  let text = "";
  for (const statement of statements) {
    text += separator(text);
    text += statement.includes("\r") ? statement.replace(/\r?\n/g, "\n") : statement;
  }
  return header + "\n" + (atStart(text) || lastIsBreak(text) ? text : text + "\n");
}

/**
 * What goes before the next statement: a blank line after a closing brace, else a line
 * break, none at the very start. The tests below are the ones ts-morph's printer makes
 * (code-block-writer's: a lone CR counts as a break at the end, not in a blank line).
 */
function separator(text: string): string {
  if (lastNonSpaceIsBrace(text)) return lastIsBlankLine(text) ? "" : lastIsBreak(text) ? "\n" : "\n\n";
  return atStart(text) || lastIsBreak(text) ? "" : "\n";
}

const lastIsBreak = (text: string) => text.endsWith("\n") || text.endsWith("\r");
/** Still on the first line, nothing on it but line-ending CRs. */
const atStart = (text: string) => !text.includes("\n") && (text === "" || text.endsWith("\r"));

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
