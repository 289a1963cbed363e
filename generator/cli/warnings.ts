/**
 * Spec warnings (problems that do not fail a run unless `--strict`): printed
 * like diagnostics, `spec/FILE.yaml:LINE:COL: warning: message` with a code
 * frame (json-report.ts puts them in the `--json` report).
 */
import { formatDiagnostics } from "../load/diagnostics.ts";
import type { SpecWarnings } from "../run/pipeline.ts";
import type { Style } from "../common/text-style.ts";

export function formatWarnings(w: SpecWarnings, style: Style): string {
  const n = w.diagnostics.length;
  const labelled = w.diagnostics.map((d) => ({ ...d, message: `${style.yellow("warning")}: ${d.message}` }));
  return `${formatDiagnostics(labelled, w.sources, style)}\n\n${n} warning${n === 1 ? "" : "s"} (\`--strict\` makes ${n === 1 ? "it an error" : "them errors"}).`;
}
