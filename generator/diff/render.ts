/**
 * The diff report in three formats: text for a terminal (coloured when asked),
 * Markdown for a pull-request comment, and JSON for tools. The JSON shape is a
 * contract: keys in a fixed order, optional keys only where they mean something.
 */
import type { TableDiff } from "./change.ts";
import { LEVELS, type Change, type Level } from "./levels.ts";

export type Format = "text" | "markdown" | "json";
export const FORMATS: readonly Format[] = ["text", "markdown", "json"];

/** The one-line message tools read: what changed, then why it has its level. */
export function message(c: Change): string {
  return `${c.what} — ${c.why}`;
}

export function renderJson(tables: readonly TableDiff[]): string {
  const value = {
    tables: tables.map((t) => ({
      id: t.id,
      from: t.from,
      to: t.to,
      suggestedVersion: t.suggestedVersion,
      changes: t.changes.map((c) => {
        const out: Record<string, string> = { level: c.level, kind: c.kind };
        for (const key of ["code", "endpoint", "field", "context", "before", "after"] as const) if (c[key] !== undefined) out[key] = c[key];
        out.message = message(c);
        return out;
      }),
    })),
  };
  return JSON.stringify(value, null, 2) + "\n";
}

function counts(changes: readonly Change[]): string {
  return LEVELS.map((l) => [l, changes.filter((c) => c.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${n} ${l}`)
    .join(", ");
}

function versions(t: TableDiff): string {
  return `${t.from ?? "(new)"} → ${t.to ?? "(removed)"}`;
}

/** The last line of every report: how many tables changed and how. */
export function summary(tables: readonly TableDiff[]): string {
  const changed = tables.filter((t) => t.changes.length);
  if (changed.length === 0) return `No changes in ${tables.length} table${tables.length === 1 ? "" : "s"}.`;
  const all = changed.flatMap((t) => t.changes);
  const same = tables.length - changed.length;
  return `${changed.length} table${changed.length === 1 ? "" : "s"} changed (${counts(all)})${same ? `, ${same} unchanged` : ""}.`;
}

const ANSI = { breaking: "\x1b[31m", feature: "\x1b[33m", fix: "\x1b[36m", bold: "\x1b[1m", dim: "\x1b[2m", reset: "\x1b[0m" } as const;

export function renderText(tables: readonly TableDiff[], color: boolean): string {
  const paint = (code: keyof typeof ANSI, s: string) => (color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const width = Math.max(...LEVELS.map((l) => l.length));
  const lines: string[] = [];
  for (const t of tables) {
    if (!t.changes.length) continue;
    const suggestion = t.suggestedVersion === null ? "" : `; suggested version ${paint("bold", t.suggestedVersion)}`;
    lines.push(`${paint("bold", t.id)} ${versions(t)}: ${counts(t.changes)}${suggestion}`);
    // A run of changes of one kind and level shares its reason, printed once after the run.
    t.changes.forEach((c, i) => {
      lines.push(`  ${paint(c.level, c.level.padEnd(width))}  ${c.what}`);
      const next = t.changes[i + 1];
      if (!next || next.kind !== c.kind || next.level !== c.level || next.why !== c.why) lines.push(`  ${" ".repeat(width)}  ${paint("dim", `${c.kind}: ${c.why}`)}`);
    });
    lines.push("");
  }
  lines.push(summary(tables));
  return lines.join("\n") + "\n";
}

/** A Markdown table cell: no pipes, line breaks or HTML leak into the table. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, " ");
}

const MARK: Record<Level, string> = { breaking: "**breaking**", feature: "feature", fix: "fix" };

export function renderMarkdown(tables: readonly TableDiff[]): string {
  const out: string[] = ["### codebook diff", "", summary(tables)];
  for (const t of tables) {
    if (!t.changes.length) continue;
    const suggestion = t.suggestedVersion === null ? "" : ` · suggested version **${t.suggestedVersion}**`;
    out.push("", `#### \`${t.id}\` ${cell(versions(t))}${suggestion}`, "", "| Level | Change | Why |", "| --- | --- | --- |");
    for (const c of t.changes) out.push(`| ${MARK[c.level]} | \`${c.kind}\` ${cell(c.what)} | ${cell(c.why)} |`);
  }
  return out.join("\n") + "\n";
}
