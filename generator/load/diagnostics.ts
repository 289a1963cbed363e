/**
 * Diagnostics: every problem found in a spec, reported as
 * `spec/FILE.yaml:LINE:COL: message` followed by a short code frame.
 */
import { plain, type Style } from "../common/text-style.ts";

export interface Diagnostic {
  /** Spec path relative to the repository root, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  message: string;
  /** Length of the span to underline (at least 1). */
  length: number;
}

export class SpecError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
  constructor(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>) {
    super(`${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"} in spec`);
    this.name = "SpecError";
    this.diagnostics = diagnostics;
    this.sources = sources;
  }
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => compare(a.file, b.file) || a.line - b.line || a.col - b.col || compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first line of a diagnostic: `file:line:col: message`. */
export function diagnosticHeadline(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

/** Headline plus a code frame of the offending line and the one before it; `lines` is the file's text, split once. */
function formatDiagnostic(d: Diagnostic, lines: readonly string[] | undefined, style: Style): string {
  const out = [style.bold(diagnosticHeadline(d))];
  if (lines === undefined) return out[0]!;
  const first = Math.max(1, d.line - 1);
  const width = String(d.line).length;
  const window = frameWindow(lines[d.line - 1] ?? "", d.col);
  for (let n = first; n <= d.line && n <= lines.length; n++) {
    const marker = n === d.line ? ">" : " ";
    out.push(`${marker} ${String(n).padStart(width)} | ${window.show(lines[n - 1]!)}`);
  }
  if (d.line <= lines.length) {
    const lineText = lines[d.line - 1]!;
    const span = Math.max(1, Math.min(d.length, lineText.length - d.col + 1, window.end - d.col + 1));
    out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, d.col - 1 - window.start + window.lead))}${style.red("^".repeat(span))}`);
  }
  return out.join("\n");
}

/**
 * Every diagnostic with its frame, sorted. Each file's text is split into lines once, however
 * many diagnostics it has: split per diagnostic, 16,000 problems in a 1.8 MB spec took minutes.
 */
export function formatDiagnostics(list: readonly Diagnostic[], sources: ReadonlyMap<string, string>, style: Style = plain): string {
  const split = new Map<string, readonly string[] | undefined>();
  const linesOf = (file: string) => {
    if (!split.has(file)) split.set(file, sources.get(file)?.split(/\r?\n/));
    return split.get(file);
  };
  return sortDiagnostics(list)
    .map((d) => formatDiagnostic(d, linesOf(d.file), style))
    .join("\n\n");
}

/** Frame lines are cut to this many characters around the column, so a 200 KB line prints as one short line. */
const FRAME_WIDTH = 120;

/** The slice of frame lines shown: [start, end) of the diagnostic's line, `…` marking what is cut. */
function frameWindow(line: string, col: number): { start: number; end: number; lead: number; show: (text: string) => string } {
  if (line.length <= FRAME_WIDTH) return { start: 0, end: Infinity, lead: 0, show: (text) => (text.length <= FRAME_WIDTH ? text : `${text.slice(0, FRAME_WIDTH)}…`) };
  const start = Math.max(0, Math.min(col - 1 - FRAME_WIDTH / 3, line.length - FRAME_WIDTH));
  const end = start + FRAME_WIDTH;
  const lead = start > 0 ? 1 : 0;
  return { start, end, lead, show: (text) => `${start > 0 ? "…" : ""}${text.slice(start, end)}${text.length > end ? "…" : ""}` };
}
