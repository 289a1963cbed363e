/**
 * The write stage, the only one that touches disk. It compares the generated
 * files with the out dir, then either reports (check) or writes only the files
 * whose bytes changed, atomically, and removes files it generated earlier that
 * are no longer produced (never anything the manifest does not list).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { GeneratedFile } from "../emit/generated-file.ts";
import { MANIFEST_FILE, manifestText, type Manifest } from "./manifest.ts";

export type ChangeKind = "created" | "updated" | "removed" | "unchanged";

export interface Change {
  path: string;
  kind: ChangeKind;
}

export interface Problem {
  path: string;
  kind: "stale" | "missing" | "orphaned";
  diff: string | null;
}

export interface Plan {
  changes: Change[];
  /** Files to write (created or updated). */
  writes: GeneratedFile[];
  /** Files to remove: listed in the old manifest, not produced now. */
  removals: string[];
  manifest: string;
}

/**
 * What writing `files` and recording `next` means for `outDir`. A file is removed
 * when the previous manifest lists it and no record of `next` does: codebook only
 * ever removes files it wrote itself.
 */
export function plan(outDir: string, files: GeneratedFile[], next: Manifest, previous: Manifest | null): Plan {
  const changes: Change[] = [];
  const writes: GeneratedFile[] = [];
  for (const f of files) {
    const path = join(outDir, f.path);
    const old = existsSync(path) ? readFileSync(path, "utf8") : null;
    const kind: ChangeKind = old === null ? "created" : old === f.content ? "unchanged" : "updated";
    changes.push({ path: f.path, kind });
    if (kind !== "unchanged") writes.push(f);
  }
  const claimed = new Set(Object.values(next.packages).flatMap((r) => Object.keys(r.files)));
  const removals: string[] = [];
  for (const record of Object.values(previous?.packages ?? {}))
    for (const path of Object.keys(record.files))
      if (!claimed.has(path) && existsSync(join(outDir, path))) {
        removals.push(path);
        changes.push({ path, kind: "removed" });
      }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { changes, writes, removals: removals.sort(), manifest: manifestText(next) };
}

/** Problems `--check` reports: every stale, missing or orphaned file. */
export function problemsOf(outDir: string, p: Plan, files: GeneratedFile[]): Problem[] {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const problems: Problem[] = [];
  for (const c of p.changes) {
    if (c.kind === "created") problems.push({ path: c.path, kind: "missing", diff: null });
    else if (c.kind === "updated") problems.push({ path: c.path, kind: "stale", diff: shortDiff(readFileSync(join(outDir, c.path), "utf8"), byPath.get(c.path)!) });
    else if (c.kind === "removed") problems.push({ path: c.path, kind: "orphaned", diff: null });
  }
  const manifestPath = join(outDir, MANIFEST_FILE);
  const onDisk = existsSync(manifestPath) ? readFileSync(manifestPath, "utf8") : null;
  if (onDisk !== p.manifest) problems.push({ path: MANIFEST_FILE, kind: onDisk === null ? "missing" : "stale", diff: onDisk === null ? null : shortDiff(onDisk, p.manifest) });
  return problems;
}

export function apply(outDir: string, p: Plan): void {
  for (const f of p.writes) writeAtomic(join(outDir, f.path), f.content);
  for (const path of p.removals) {
    rmSync(join(outDir, path), { force: true });
    removeEmptyParents(outDir, dirname(join(outDir, path)));
  }
  const manifestPath = join(outDir, MANIFEST_FILE);
  if (!existsSync(manifestPath) || readFileSync(manifestPath, "utf8") !== p.manifest) writeAtomic(manifestPath, p.manifest);
}

function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.codebook-tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

function removeEmptyParents(root: string, dir: string): void {
  while (dir.startsWith(root + sep) && existsSync(dir) && readdirSync(dir).length === 0) {
    rmdirSync(dir);
    dir = dirname(dir);
  }
}

/** The first differing region of two texts, as a few -/+ lines. */
export function shortDiff(before: string, after: string, context = 2, max = 8): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const out: string[] = [`@@ line ${start + 1} @@`];
  for (let i = Math.max(0, start - context); i < start; i++) out.push(`  ${a[i]}`);
  const removed = a.slice(start, endA + 1);
  const added = b.slice(start, endB + 1);
  for (const l of removed.slice(0, max)) out.push(`- ${l}`);
  if (removed.length > max) out.push(`- … ${removed.length - max} more lines`);
  for (const l of added.slice(0, max)) out.push(`+ ${l}`);
  if (added.length > max) out.push(`+ … ${added.length - max} more lines`);
  return out.join("\n");
}

export function displayPath(root: string, outDir: string, path: string): string {
  return relative(root, join(outDir, path)).split(sep).join("/");
}
