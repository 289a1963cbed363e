/**
 * What a run says: the one-line summaries of generate and --check, the files
 * that changed, and every problem --check found. Plain text by default; the CLI
 * passes a style that colours it on a terminal.
 */
import type { Config } from "../config/config.ts";
import { plain, type Style } from "../common/text-style.ts";
import { displayPath, type Change, type Problem } from "../write/write.ts";

/** What one target's out dir holds after a run (a TargetResult). */
interface TargetSummary {
  target: string;
  outDir: string;
  packages: readonly string[];
  changes: readonly Change[];
  problems: readonly Problem[];
  leftovers: readonly string[];
  unexpected: readonly string[];
  warnings: readonly string[];
}

/** A run over every target (a GenerateResult). A config with one target reads as it always has; with more, each line names its target. */
interface RunSummary {
  config: Pick<Config, "root">;
  targets: readonly TargetSummary[];
}

/** Every problem --check found, in every target's out dir. */
export function runProblems(r: RunSummary): Problem[] {
  return r.targets.flatMap((t) => t.problems);
}

/** The version warnings of every target, each once (the same table warns in every target). */
export function runWarnings(r: RunSummary): string[] {
  return [...new Set(r.targets.flatMap((t) => t.warnings))];
}

const label = (r: RunSummary, t: TargetSummary) => (r.targets.length > 1 ? `${t.target}: ` : "");

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function counts(changes: readonly Change[]): Record<Change["kind"], number> {
  const n = { created: 0, updated: 0, removed: 0, unchanged: 0 };
  for (const c of changes) n[c.kind]++;
  return n;
}

/** Files a package holds after the run (every change but removals). */
function fileCount(changes: readonly Change[]): number {
  return changes.filter((c) => c.kind !== "removed").length;
}

/** What each kind of --check problem means, after its path. */
export const WHY: Record<Problem["kind"], string> = {
  stale: "",
  missing: "",
  orphaned: " (its spec is gone)",
  unexpected: " (not written by codebook; remove it)",
  leftover: " (temporary file of an interrupted run)",
  symlink: " (a symbolic link: codebook will not write through it)",
};

export function generateReport(r: RunSummary, style: Style = plain): string {
  const lines: string[] = [];
  for (const t of r.targets) {
    const n = counts(t.changes);
    const show = (path: string) => displayPath(r.config.root, t.outDir, path);
    lines.push(
      `codebook: ${label(r, t)}${plural(t.packages.length, "package")}, ${plural(fileCount(t.changes), "file")}: ${n.created} created, ${n.updated} updated, ${n.removed} removed, ${n.unchanged} unchanged`,
    );
    for (const c of t.changes) if (c.kind !== "unchanged") lines.push(`  ${(c.kind === "removed" ? style.red : style.green)(c.kind.padEnd(8))} ${show(c.path)}`);
    for (const path of t.leftovers) lines.push(`  ${style.dim("cleaned ")} ${show(path)}${WHY.leftover}`);
  }
  return lines.join("\n");
}

/** Warnings for files in package folders that codebook did not write (it leaves them alone). */
export function unexpectedWarnings(r: RunSummary, style: Style = plain): string[] {
  return r.targets.flatMap((t) =>
    t.unexpected.map(
      (path) => `codebook: ${style.yellow("warning")}: ${displayPath(r.config.root, t.outDir, path)} is not written by codebook; left in place, and \`codebook generate --check\` fails until it is removed`,
    ),
  );
}

export function checkReport(r: RunSummary, style: Style = plain): string {
  const lines: string[] = [];
  for (const t of r.targets) {
    if (t.problems.length === 0) {
      lines.push(`codebook: ${label(r, t)}generated files are up to date (${plural(t.packages.length, "package")}, ${plural(fileCount(t.changes), "file")} checked)`);
      continue;
    }
    const show = (path: string) => displayPath(r.config.root, t.outDir, path);
    const fixable = t.problems.some((p) => p.kind === "stale" || p.kind === "missing" || p.kind === "orphaned" || p.kind === "leftover");
    const manual = t.problems.some((p) => p.kind === "unexpected" || p.kind === "symlink");
    const todo = [fixable ? "run `codebook generate`" : "", manual ? "remove what codebook did not write" : ""].filter(Boolean).join(", then ");
    lines.push(`codebook: ${label(r, t)}${plural(t.problems.length, "problem")} in ${show("") || "the out dir"}; ${todo}:`);
    for (const p of t.problems) {
      lines.push(`  ${style.red(p.kind.padEnd(10))} ${show(p.path)}${WHY[p.kind]}`);
      if (p.diff) lines.push(colourDiff(p.diff, style).replace(/^/gm, "      "));
    }
  }
  return lines.join("\n");
}

function colourDiff(diff: string, style: Style): string {
  return diff
    .split("\n")
    .map((l) => (l.startsWith("-") ? style.red(l) : l.startsWith("+") ? style.green(l) : l.startsWith("@@") ? style.dim(l) : l))
    .join("\n");
}
