/**
 * The write stage, the only one that touches disk. It compares the generated
 * files with the out dir, then either reports (check) or writes only the files
 * whose bytes changed and removes files it generated earlier that are no longer
 * produced (never anything the manifest does not list).
 *
 * Kill-safety: every file is written to a temporary name and renamed over the
 * old one, so a SIGKILL leaves each file its old bytes or its new bytes. Before
 * a path the manifest does not list is created, a line of the claims journal
 * beside the manifest claims it (see manifest.ts: read back, manifest and journal
 * are the interrupted run's interim manifest), so whatever an interrupted run
 * leaves behind is codebook's to repair or remove. The final manifest is written
 * last, then the journal removed. Temporary files left by a killed run are
 * removed by the next one (and reported by --check).
 *
 * The out dir is the only place codebook touches: paths come from the generator
 * or from a validated manifest (see manifest.ts), and nothing is written or
 * removed while a symbolic link exists below the out dir.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { CodebookError } from "../common/errors.ts";
import type { GeneratedFile } from "../model/generated-file.ts";
import { readInputFile } from "../common/input-file.ts";
import { appendClaims, CLAIMS_FILE, MANIFEST_FILE, manifestText, recordedPaths, removeClaims, sha256, type Manifest, type PackageRecord } from "./manifest.ts";
import { diffLines, renderDiff } from "./text-diff.ts";
import { stepOnDisk } from "./kill-point.ts";

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
  /** Directories (but the foreign ones), so that one where a file goes is found before writing. */
  dirs: string[];
  /** FIFOs, sockets, devices: never read (a FIFO blocks, a device never ends); reported like files codebook did not write. */
  others: string[];
}

/** A symlink or similar under the out dir: codebook refuses to write (exit code 2). */
export class OutDirError extends CodebookError {}

/** Directories below the out dir that belong to other tools: never scanned, never reported. */
const FOREIGN_DIRS = new Set(["node_modules", ".turbo", ".git"]);
const TEMP_SUFFIX = ".codebook-tmp-";
/** Changed text that waits to be written: a few packages' worth (see OutDirWriter). */
const WRITE_BATCH_CHARS = 2_000_000;
const LEFTOVER = /\.codebook-tmp-\d+$|^\.codebook-lock\.stale-/;

/**
 * The largest file in the out dir codebook reads back (to compare it, or to prove a package
 * current). A package of the largest spec (4 MiB) is a few tens of MB; a bigger file is not
 * one codebook wrote, and is replaced without being read.
 */
export const OUTPUT_FILE_MAX_BYTES = 256 * 1024 * 1024;

export function scanOutDir(outDir: string): OutDirScan {
  const scan: OutDirScan = { files: [], symlinks: [], leftovers: [], dirs: [], others: [] };
  if (!existsSync(outDir)) return scan;
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) scan.symlinks.push(path);
      else if (e.isDirectory()) {
        if (FOREIGN_DIRS.has(e.name)) continue;
        scan.dirs.push(path);
        walk(join(dir, e.name), path);
      } else if (LEFTOVER.test(e.name)) scan.leftovers.push(path);
      else if (e.isFile()) scan.files.push(path);
      else scan.others.push(path);
    }
  };
  walk(outDir, "");
  for (const list of Object.values(scan)) list.sort();
  return scan;
}

/** What a run did (or, with check, would do) to the out dir. */
export interface WriteOutcome {
  changes: Change[];
  /** With check: every stale, missing, orphaned, unexpected or leftover file, and symlinks. */
  problems: Problem[];
  /** Temporary files of an interrupted run that this run removed. */
  leftovers: string[];
  /** Files in package folders that neither manifest lists: reported, never touched. */
  unexpected: string[];
}

/**
 * One run's write, package by package, so a run holds a few packages' output at a
 * time. With `check` it only compares. A package's files are compared with the
 * out dir and only changed bytes are written (atomically); before a path that
 * neither the manifest on disk nor the claims journal lists is created, one line
 * appended to the journal claims the batch's new paths: its cost is the batch's,
 * not the run's so far (an interim manifest of every path so far, rewritten per
 * batch: on the manifest of a cold run of 1,000 tables, its 143 batches took 1.35 s
 * where the journal's lines take 6 ms). Writes wait in a batch
 * of about WRITE_BATCH_CHARS. A batch is written on libuv's thread
 * pool while the next one fills (on 1,000 tables the writes were about a quarter
 * of this thread's time); the next batch waits for it, so at most two are held.
 * `finish` writes what waits, removes files the old manifest lists and the new
 * one does not (never anything else), writes the new manifest, then removes the journal.
 */
export class OutDirWriter {
  private readonly scan: OutDirScan;
  private readonly onDisk: Set<string>;
  private readonly dirsOnDisk: Set<string>;
  private readonly othersOnDisk: Set<string>;
  /** Paths the manifest and the claims journal on disk claim. */
  private readonly claimedOnDisk: Set<string>;
  private readonly changes: Change[] = [];
  private readonly problems: Problem[] = [];
  /** Changed files not written yet, and their size. */
  private batch: GeneratedFile[] = [];
  private batchChars = 0;
  /** The batch being written, if any; it rejects with the first write that failed. */
  private writing: Promise<void> | null = null;
  /** Directories this run has made (or is making) sure exist. */
  private readonly dirs = new Map<string, Promise<unknown>>();

  /**
   * Refuses (OutDirError) to write when a link lies below the out dir, or when something is in
   * the way of a path the old manifest lists or of a package folder of this run (`ids`): a file
   * where a directory goes, a directory where a file goes. Both are found before anything is
   * written. Removes an interrupted run's temporary files.
   */
  constructor(
    private readonly outDir: string,
    private readonly previous: Manifest | null,
    private readonly check: boolean,
    ids: readonly string[] = [],
  ) {
    this.scan = scanOutDir(outDir);
    this.onDisk = new Set(this.scan.files);
    this.dirsOnDisk = new Set(this.scan.dirs);
    this.othersOnDisk = new Set(this.scan.others);
    this.claimedOnDisk = new Set(recordedPaths(previous));
    if (check) return;
    if (this.scan.symlinks.length)
      throw new OutDirError(
        `${join(outDir, this.scan.symlinks[0]!)} is a symbolic link${this.scan.symlinks.length > 1 ? ` (and ${this.scan.symlinks.length - 1} more)` : ""}; codebook never writes or deletes through a link below the out dir. Replace it with a real directory or file, or remove it, and run again`,
      );
    for (const id of ids) this.refuseObstruction(`${id}/`);
    for (const path of this.claimedOnDisk) this.refuseObstruction(path);
    for (const path of this.scan.leftovers) rmSync(join(outDir, path), { force: true });
  }

  /**
   * Throws when something on disk is in the way of `path` (a file, or a folder when it ends in
   * "/"): a file or FIFO where one of its directories goes, or a directory where the file goes.
   * Written through, the first made mkdir fail and the second rename, each with a stack (exit 3).
   */
  private refuseObstruction(path: string): void {
    const name = path.endsWith("/") ? path.slice(0, -1) : path;
    const where = (p: string) => join(this.outDir, p);
    for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
      const dir = path.slice(0, i);
      if (this.onDisk.has(dir) || this.othersOnDisk.has(dir))
        throw new OutDirError(
          `${where(dir)} is a file where codebook writes a directory${dir === name ? "" : ` (for ${where(name)})`}; move it out of the out dir, or delete it, and run again`,
        );
    }
    if (!path.endsWith("/") && this.dirsOnDisk.has(path))
      throw new OutDirError(`${where(path)} is a directory where codebook writes a file; move it out of the out dir, or delete it, and run again`);
  }

  /** A package (or aggregate) the cache proved current: its files are on disk as its record lists them. */
  reused(record: Pick<PackageRecord, "files">): void {
    for (const path of Object.keys(record.files)) this.changes.push({ path, kind: "unchanged" });
  }

  /** A package emitted now: compared with disk, and (unless checking) its changed files written. Resolves with its files' hashes. */
  async emitted(files: readonly GeneratedFile[]): Promise<Record<string, string>> {
    const hashes: Record<string, string> = {};
    const writes: GeneratedFile[] = [];
    // Before any of its files waits to be written: a path the checks at the start could not know of.
    if (!this.check) for (const f of files) this.refuseObstruction(f.path);
    for (const f of files) {
      hashes[f.path] = sha256(f.content);
      const exists = this.onDisk.has(f.path) || this.othersOnDisk.has(f.path);
      const old = this.onDisk.has(f.path) ? readOutput(join(this.outDir, f.path)) : null;
      const kind: ChangeKind = !exists ? "created" : old === f.content ? "unchanged" : "updated";
      this.changes.push({ path: f.path, kind });
      if (kind === "unchanged") continue;
      if (!this.check) writes.push(f);
      else if (kind === "created") this.problems.push({ path: f.path, kind: "missing", diff: null, line: null });
      else if (old === null) this.problems.push({ path: f.path, kind: "stale", diff: null, line: null });
      else this.problems.push(staleProblem(f.path, old, f.content));
    }
    if (this.check) return hashes;
    this.batch.push(...writes);
    this.batchChars += writes.reduce((n, f) => n + f.content.length, 0);
    if (this.batchChars >= WRITE_BATCH_CHARS) await this.writeBatch();
    return hashes;
  }

  /**
   * Starts writing the files waiting, after the batch before them is written and after the
   * journal line that claims the new ones among them is.
   */
  private async writeBatch(): Promise<void> {
    await this.writing;
    const unclaimed = this.batch.filter((f) => !this.claimedOnDisk.has(f.path)).map((f) => f.path);
    if (unclaimed.length) {
      appendClaims(this.outDir, unclaimed);
      stepOnDisk();
      for (const path of unclaimed) this.claimedOnDisk.add(path);
    }
    const batch = this.batch;
    this.batch = [];
    this.batchChars = 0;
    // Settled, every one, before a failure is reported: nothing of this run is written after it stops.
    this.writing = Promise.allSettled(batch.map((f) => this.writeFile(f))).then((results) => {
      for (const r of results) if (r.status === "rejected") throw r.reason;
    });
    this.writing.catch(() => {}); // awaited by the next batch or by finish
  }

  /** Resolves once no write of this run is in flight, whether or not they succeeded. */
  async settled(): Promise<void> {
    await this.writing?.catch(() => {});
  }

  /** One file, atomically (see writeAtomic), its directory made once per run. */
  private async writeFile(f: GeneratedFile): Promise<void> {
    const path = join(this.outDir, f.path);
    const dir = dirname(path);
    if (!this.dirs.has(dir)) this.dirs.set(dir, mkdir(dir, { recursive: true }));
    const tmp = temporaryPath(path);
    try {
      await this.dirs.get(dir);
      await writeFile(tmp, f.content);
      await rename(tmp, path);
      stepOnDisk();
    } catch (err) {
      throw obstructed(err, path);
    }
  }

  /** Removals, unexpected files and the manifest; with check, every problem. */
  async finish(next: Manifest): Promise<WriteOutcome> {
    if (!this.check) {
      await this.writeBatch();
      await this.writing;
    }
    const claimed = new Set(recordedPaths(next));
    const listed = new Set(recordedPaths(this.previous));
    const removals = [...listed].filter((path) => !claimed.has(path) && this.onDisk.has(path)).sort();
    for (const path of removals) {
      this.changes.push({ path, kind: "removed" });
      if (this.check) this.problems.push({ path, kind: "orphaned", diff: null, line: null });
      else {
        rmSync(join(this.outDir, path), { force: true });
        stepOnDisk();
        removeEmptyParents(this.outDir, dirname(join(this.outDir, path)));
      }
    }
    this.changes.sort((a, b) => compare(a.path, b.path));
    this.problems.sort((a, b) => compare(a.path, b.path));
    // Package folders are the out dir's subdirectories; its own top-level files are the manifest and lock.
    const unexpected = [...this.scan.files, ...this.scan.others].filter((path) => path.includes("/") && !claimed.has(path) && !listed.has(path)).sort();
    const manifest = manifestText(next);
    const manifestPath = join(this.outDir, MANIFEST_FILE);
    const onDisk = existsSync(manifestPath) ? readOutput(manifestPath) : null;
    const journal = this.scan.files.includes(CLAIMS_FILE);
    if (!this.check) {
      if (onDisk !== manifest) {
        writeAtomic(manifestPath, manifest);
        stepOnDisk();
      }
      // Only now: until the final manifest is on disk, the journal is what claims this run's new paths.
      const cleaned = removeClaims(this.outDir) && journal ? [CLAIMS_FILE] : [];
      stepOnDisk();
      return { changes: this.changes, problems: [], leftovers: [...cleaned, ...this.scan.leftovers], unexpected };
    }
    const add = (path: string, kind: Problem["kind"]) => this.problems.push({ path, kind, diff: null, line: null });
    if (onDisk === null) add(MANIFEST_FILE, "missing");
    else if (onDisk !== manifest) this.problems.push(staleProblem(MANIFEST_FILE, onDisk, manifest));
    for (const path of unexpected) add(path, "unexpected");
    if (journal) add(CLAIMS_FILE, "leftover");
    for (const path of this.scan.leftovers) add(path, "leftover");
    for (const path of this.scan.symlinks) add(path, "symlink");
    return { changes: this.changes, problems: this.problems, leftovers: [], unexpected };
  }
}

/** A file of the out dir as text; null when it is not one codebook could have written (too large, not a regular file). */
function readOutput(path: string): string | null {
  const read = readInputFile(path, { maxBytes: OUTPUT_FILE_MAX_BYTES, noFollow: true });
  return read.ok ? read.bytes.toString("utf8") : null;
}

/**
 * A write that failed because the out dir changed under the run (a file put where a directory
 * goes, or the reverse, after the scan): one line, exit 2, not a stack.
 */
function obstructed(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOTDIR" || code === "EISDIR" || code === "EEXIST" || code === "ENOTEMPTY")
    return new OutDirError(`cannot write ${path} (${code}): something in the out dir is in the way, put there while codebook ran; remove it and run again`);
  return err;
}

function staleProblem(path: string, before: string, after: string): Problem {
  const hunks = diffLines(before, after);
  return { path, kind: "stale", diff: renderDiff(hunks), line: hunks[0]?.line ?? 1 };
}

/** Writes to a temporary file beside `path`, then renames it over `path`: readers see old bytes or new, never a mix. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = temporaryPath(path);
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** Where a file is written before it is renamed over `path`; LEFTOVER finds those a killed run left. */
function temporaryPath(path: string): string {
  return `${path}${TEMP_SUFFIX}${process.pid}`;
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

