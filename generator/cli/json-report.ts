/**
 * The `--json` report of `lint` and `generate`: one JSON document on stdout, for
 * CI annotations and other tools. A contract: keys are only ever added.
 *
 *   { "command": "generate", "check": false, "ok": true, "exitCode": 0,
 *     "root": "/abs/dir/of/config", "packages": ["iak-prepaid"],
 *     "written": ["generated/…"], "unchanged": [], "removed": [],
 *     "problems": [{ "severity": "error", "kind": "spec", "file": "spec/x.yaml",
 *                    "line": 3, "column": 5, "message": "…" }] }
 *
 * Paths are relative to `root` (the config file's directory, or the working directory when
 * there is no config or it could not be found), forward slashes. Problems of one kind are
 * in the text output's order (by file, line, column).
 * `line`/`column` are 1-based; null (and `file` null) where a problem has no place.
 */
import { sortDiagnostics, type Diagnostic } from "../load/diagnostics.ts";
import type { GenerateResult, TargetResult } from "../run/pipeline.ts";
import { runWarnings, WHY } from "./report.ts";
import { displayPath } from "../write/write.ts";
import type { SpecWarnings } from "../run/pipeline.ts";

export interface JsonProblem {
  severity: "error" | "warning";
  /** spec | config | usage | stale | missing | orphaned | unexpected | leftover | symlink | version; spec warnings are `spec` with severity "warning" */
  kind: string;
  file: string | null;
  line: number | null;
  column: number | null;
  message: string;
}

export interface JsonReport {
  command: "generate" | "lint";
  check: boolean;
  ok: boolean;
  exitCode: number;
  root: string | null;
  packages: string[];
  written: string[];
  unchanged: string[];
  removed: string[];
  problems: JsonProblem[];
}

export function emptyReport(command: JsonReport["command"], check: boolean): JsonReport {
  return { command, check, ok: true, exitCode: 0, root: null, packages: [], written: [], unchanged: [], removed: [], problems: [] };
}

export function withResult(report: JsonReport, result: GenerateResult): JsonReport {
  // Every target's out dir, its paths relative to the root.
  const each = <T>(pick: (t: TargetResult, show: (path: string) => string) => T[]): T[] =>
    result.targets.flatMap((t) => pick(t, (path) => displayPath(result.config.root, t.outDir, path)));
  const by = (...kinds: string[]) => each((t, show) => t.changes.filter((c) => kinds.includes(c.kind)).map((c) => show(c.path)));
  const problems: JsonProblem[] = each((t, show) =>
    t.problems.map((p) => ({
      severity: "error",
      kind: p.kind,
      file: show(p.path),
      line: p.line ?? 1,
      column: 1,
      message: `${p.kind}: ${show(p.path)}${WHY[p.kind]}`,
    })),
  );
  // Without --check, files codebook did not write are warnings: it leaves them alone.
  if (!report.check)
    problems.push(
      ...each((t, show) =>
        t.unexpected.map((path): JsonProblem => ({ severity: "warning", kind: "unexpected", file: show(path), line: null, column: null, message: `${show(path)} is not written by codebook; --check fails until it is removed` })),
      ),
    );
  problems.push(...warningProblems(result.specWarnings));
  for (const warning of runWarnings(result))
    problems.push({ severity: "warning", kind: "version", file: null, line: null, column: null, message: warning.replace(/^codebook: warning: /, "") });
  return {
    ...report,
    root: result.config.root,
    packages: result.packages,
    written: report.check ? [] : by("created", "updated"),
    unchanged: by("unchanged"),
    removed: report.check ? [] : by("removed"),
    problems,
  };
}

/** Spec errors in the text output's order: by file, line and column. */
export function specProblems(diagnostics: readonly Diagnostic[]): JsonProblem[] {
  return sortDiagnostics(diagnostics).map((d) => ({ severity: "error", kind: "spec", file: d.file, line: d.line, column: d.col, message: d.message }));
}

/** Spec warnings as `--json` problems with `severity: "warning"`. */
export function warningProblems(w: SpecWarnings | undefined): JsonProblem[] {
  return sortDiagnostics(w?.diagnostics ?? []).map((d) => ({ severity: "warning", kind: "spec", file: d.file, line: d.line, column: d.col, message: d.message }));
}
