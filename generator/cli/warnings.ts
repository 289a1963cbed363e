/**
 * Spec warnings (problems that do not fail a run unless `--strict`): printed
 * like diagnostics, `spec/FILE.yaml:LINE:COL: warning: message` with a code
 * frame, and in the `--json` report as problems with `severity: "warning"`.
 */
import { formatDiagnostics } from "../load/diagnostics.ts";
import type { SpecWarnings } from "../pipeline.ts";
import type { Style } from "../text-style.ts";
import type { JsonProblem } from "./json.ts";

export function formatWarnings(w: SpecWarnings, style: Style): string {
  const n = w.diagnostics.length;
  const labelled = w.diagnostics.map((d) => ({ ...d, message: `${style.yellow("warning")}: ${d.message}` }));
  return `${formatDiagnostics(labelled, w.sources, style)}\n\n${n} warning${n === 1 ? "" : "s"} (\`--strict\` makes ${n === 1 ? "it an error" : "them errors"}).`;
}

export function warningProblems(w: SpecWarnings | undefined): JsonProblem[] {
  return (w?.diagnostics ?? []).map((d) => ({ severity: "warning", kind: "spec", file: d.file, line: d.line, column: d.col, message: d.message }));
}
