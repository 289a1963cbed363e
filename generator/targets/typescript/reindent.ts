/**
 * oxc indents with tabs and prints a doc comment's continuation lines as
 * `<tabs>* text`; this makes each leading tab two spaces and puts the stars under
 * the opening `/**`, as in src/. It changes only whitespace at the start of a
 * line, which is never inside a string: the emitters write every text from a
 * spec through `lit()` (JSON.stringify, no raw line breaks) and no template
 * literal of theirs spans lines (test/targets/typescript/compile.test.ts holds them to it).
 */
export function reindent(text: string): string {
  // Only lines that start with a tab or a star change: matching those alone skips the callback on every other line.
  return text.replace(/^\t*\*|^\t+/gm, (lead: string) => (lead.endsWith("*") ? "  ".repeat(lead.length - 1) + " *" : "  ".repeat(lead.length)));
}
