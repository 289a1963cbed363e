/**
 * Handlebars templates from templates/, rendered with view models the emitters
 * prepare (Markdown cells already escaped). Compiled templates are cached by
 * their text, so a long-lived process (`generate --watch`) sees template edits.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { templatesDir } from "../common/codebook-paths.ts";

const cache = new Map<string, Handlebars.TemplateDelegate>();

function instance(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("json", (value: unknown) => JSON.stringify(value));
  return hb;
}
const hb = instance();

export function render(name: string, view: object): string {
  const text = readFileSync(join(templatesDir, name), "utf8");
  let template = cache.get(text);
  if (!template) {
    template = hb.compile(text, { noEscape: false, strict: true });
    cache.set(text, template);
  }
  return template(view);
}

/** A Markdown table cell: no pipes or line breaks leak into the table. */
export function cell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === "") return "—";
  return escapeMarkdown(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** Escapes the characters that would turn source text into Markdown or HTML markup (an entity-like `&…;` too). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#]|&(?=#?[A-Za-z0-9]+;)/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`));
}

/** Text on one line (a heading, a list item, a sentence): escaped, line breaks as spaces. */
export function inline(text: string): string {
  return escapeMarkdown(text).replace(/\s*\r?\n\s*/g, " ");
}

/**
 * A code (or any verbatim string) in a table cell, shown as code. The usual case is a
 * plain code span; text a code span cannot hold in a table (a backtick, a pipe, a
 * backslash or a line break) becomes a `<code>` element with escaped content, so no
 * character of it can end the span or split the table.
 */
export function codeCell(text: string): string {
  if (/^[^`|\\\r\n]+$/.test(text)) return `\`${text}\``;
  return `<code>${escapeMarkdown(text).replace(/\|/g, "&#124;").replace(/\r?\n/g, "<br>")}</code>`;
}
