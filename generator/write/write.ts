/**
 * The write stage, the only one that touches disk. It compares the generated
 * files with the out dir, then either reports (check) or writes only the files
 * whose bytes changed and removes files it generated earlier that are no longer
 * produced (never anything the manifest does not list).
 *
 * Kill-safety: every file is written to a temporary name and renamed over the
 * old one, so a SIGKILL leaves each file its old bytes or its new bytes. Before
 * the first new path is created, an interim manifest claims old and new paths
 * alike, so whatever an interrupted run leaves behind is codebook's to repair or
 * remove. The final manifest is written last. Temporary files left by a killed
 * run are removed by the next one (and reported by --check).
 *
 * The out dir is the only place codebook touches: paths come from the generator
 * or from a validated manifest (see manifest.ts), and nothing is written or
 * removed while a symbolic link exists below the out dir.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { ConfigError } from "../config.ts";
import type { GeneratedFile } from "../emit/generated-file.ts";
import { MANIFEST_FILE, manifestText, type Manifest } from "./manifest.ts";
import { diffLines, renderDiff } from "./text-diff.ts";

export type ChangeKind = "created" | "updated" | "removed" | "unchanged";

export interface Change {
  path: string;
  kind: ChangeKind;
}

export interface Problem {
  /** Relative to the out dir. */
  path: string;
  /**
   * stale: bytes differ; missing: not on disk; orphaned: written for a spec that is gone;
   * unexpected: in a package folder, not written by codebook; leftover: a temporary file of
   * an interrupted run; symlink: a symbolic link below the out dir (generate refuses to run).
   */
  kind: "stale" | "missing" | "orphaned" | "unexpected" | "leftover" | "symlink";
  /** Every changed region, for stale files. */
  diff: string | null;
  /** 1-based line of the first changed region, for stale files. */
  line: number | null;
}

/** What is in the out dir, found without following links. */
export interface OutDirScan {
  /** Regular files, relative to the out dir, forward slashes. */
  files: string[];
  /** Symbolic links (never followed). */
  symlinks: string[];
  /** Temporary files of an interrupted run. */
  leftovers: string[];
}

export interface Plan {
  changes: Change[];
  /** Files to write (created or updated). */
  writes: GeneratedFile[];
  /** Files to remove: listed in the old manifest, not produced now. */
  removals: string[];
  manifest: string;
  /** Written before any file when new paths appear: claims every old and new path. */
  interim: string | null;
  /** Files in package folders that neither manifest lists: reported, never touched. */
  unexpected: string[];
  leftovers: string[];
  symlinks: string[];
}

/** A symlink or similar under the out dir: codebook refuses to write (exit code 2). */
export class OutDirError extends ConfigError {}

/** Directories below the out dir that belong to other tools: never scanned, never reported. */
const FOREIGN_DIRS = new Set(["node_modules", ".turbo", ".git"]);
const TEMP_SUFFIX = ".codebook-tmp-";
const LEFTOVER = /\.codebook-tmp-\d+$|^\.codebook-lock\.stale-/;

export function scanOutDir(outDir: string): OutDirScan {
  const scan: OutDirScan = { files: [], symlinks: [], leftovers: [] };
  if (!existsSync(outDir)) return scan;
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) scan.symlinks.push(path);
      else if (e.isDirectory()) {
        if (!FOREIGN_DIRS.has(e.name)) walk(join(dir, e.name), path);
      } else if (LEFTOVER.test(e.name)) scan.leftovers.push(path);
      else if (e.isFile()) scan.files.push(path);
    }
  };
  walk(outDir, "");
  for (const list of Object.values(scan)) list.sort();
  return scan;
}

/**
 * What writing `files` and recording `next` means for `outDir`. A file is removed
 * when the previous manifest lists it and no record of `next` does: codebook only
 * ever removes files it wrote itself.
 */
export function plan(outDir: string, files: GeneratedFile[], next: Manifest, previous: Manifest | null): Plan {
  const scan = scanOutDir(outDir);
  const onDisk = new Set(scan.files);
  const changes: Change[] = [];
  const writes: GeneratedFile[] = [];
  for (const f of files) {
    const old = onDisk.has(f.path) ? readFileSync(join(outDir, f.path), "utf8") : null;
    const kind: ChangeKind = old === null ? "created" : old === f.content ? "unchanged" : "updated";
    changes.push({ path: f.path, kind });
    if (kind !== "unchanged") writes.push(f);
  }
  const claimed = new Set(Object.values(next.packages).flatMap((r) => Object.keys(r.files)));
  const listed = new Set(Object.values(previous?.packages ?? {}).flatMap((r) => Object.keys(r.files)));
  const removals = [...listed].filter((path) => !claimed.has(path) && onDisk.has(path)).sort();
  for (const path of removals) changes.push({ path, kind: "removed" });
  changes.sort((a, b) => compare(a.path, b.path));
  // Package folders are the out dir's subdirectories; its own top-level files are the manifest and lock.
  const unexpected = scan.files.filter((path) => path.includes("/") && !claimed.has(path) && !listed.has(path));
  const fresh = writes.some((f) => !listed.has(f.path));
  return {
    changes,
    writes,
    removals,
    manifest: manifestText(next),
    interim: fresh ? manifestText(interimManifest(next, previous)) : null,
    unexpected,
    leftovers: scan.leftovers,
    symlinks: scan.symlinks,
  };
}

/** Every path either manifest claims, with no input hashes: a run that starts from it regenerates everything. */
function interimManifest(next: Manifest, previous: Manifest | null): Manifest {
  const packages: Manifest["packages"] = {};
  for (const m of [previous, next])
    for (const [id, record] of Object.entries(m?.packages ?? {})) packages[id] = { spec: "", files: { ...packages[id]?.files, ...record.files } };
  return { toolchain: "interrupted", packages };
}

/** Problems `--check` reports: every stale, missing, orphaned, unexpected or leftover file, and symlinks. */
export function problemsOf(outDir: string, p: Plan, files: GeneratedFile[]): Problem[] {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const problems: Problem[] = [];
  const add = (path: string, kind: Problem["kind"]) => problems.push({ path, kind, diff: null, line: null });
  for (const c of p.changes) {
    if (c.kind === "created") add(c.path, "missing");
    else if (c.kind === "removed") add(c.path, "orphaned");
    else if (c.kind === "updated") problems.push(staleProblem(c.path, readFileSync(join(outDir, c.path), "utf8"), byPath.get(c.path)!));
  }
  const manifestPath = join(outDir, MANIFEST_FILE);
  const onDisk = existsSync(manifestPath) ? readFileSync(manifestPath, "utf8") : null;
  if (onDisk === null) add(MANIFEST_FILE, "missing");
  else if (onDisk !== p.manifest) problems.push(staleProblem(MANIFEST_FILE, onDisk, p.manifest));
  for (const path of p.unexpected) add(path, "unexpected");
  for (const path of p.leftovers) add(path, "leftover");
  for (const path of p.symlinks) add(path, "symlink");
  return problems;
}

function staleProblem(path: string, before: string, after: string): Problem {
  const hunks = diffLines(before, after);
  return { path, kind: "stale", diff: renderDiff(hunks), line: hunks[0]?.line ?? 1 };
}

export function apply(outDir: string, p: Plan): void {
  if (p.symlinks.length)
    throw new OutDirError(
      `${join(outDir, p.symlinks[0]!)} is a symbolic link${p.symlinks.length > 1 ? ` (and ${p.symlinks.length - 1} more)` : ""}; codebook never writes or deletes through a link below the out dir. Replace it with a real directory or file, or remove it, and run again`,
    );
  for (const path of p.leftovers) rmSync(join(outDir, path), { force: true });
  const manifestPath = join(outDir, MANIFEST_FILE);
  if (p.interim !== null) writeAtomic(manifestPath, p.interim);
  for (const f of p.writes) writeAtomic(join(outDir, f.path), f.content);
  for (const path of p.removals) {
    rmSync(join(outDir, path), { force: true });
    removeEmptyParents(outDir, dirname(join(outDir, path)));
  }
  if (!existsSync(manifestPath) || readFileSync(manifestPath, "utf8") !== p.manifest) writeAtomic(manifestPath, p.manifest);
}

/** Writes to a temporary file beside `path`, then renames it over `path`: readers see old bytes or new, never a mix. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}${TEMP_SUFFIX}${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

function removeEmptyParents(root: string, dir: string): void {
  while (dir.startsWith(root + sep) && !lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) {
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch (err) {
      // Gone or refilled meanwhile: nothing left to tidy here.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTEMPTY") return;
      throw err;
    }
    dir = dirname(dir);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function displayPath(root: string, outDir: string, path: string): string {
  return relative(root, join(outDir, path)).split(sep).join("/");
}

