/**
 * `codebook generate --watch`: generate, then again whenever an input changes —
 * a spec, a template, or the config — debounced, one line per run.
 *
 * Inputs are the files directly in a few directories: the specs (`*.yaml` and
 * `*.yml` at the top of the spec directory, by definition), the source document
 * each names as its `seed`, the config file and the templates. Plain,
 * non-recursive fs.watch on each directory is enough: it is inotify on Linux, sees
 * editors' write-to-temp-and-rename saves (the directory entry changes), and needs
 * no dependency. Only those names count, so an editor's swap, backup and lock files
 * and anything else beside them start no run. The directories and the seeds are
 * read again after every run, in case the config or a spec moved them (a spec is
 * parsed again only when it changed).
 *
 * A broken spec prints its diagnostics and writes nothing, so the last good
 * output stays; the fix is picked up by the next change. SIGINT and SIGTERM stop
 * the watcher after the run in progress (never in the middle of a write), exit 0.
 */
import { existsSync, readdirSync, statSync, watch as watchDir, type FSWatcher } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { parse } from "yaml";
import { readInputFile } from "../common/input-file.ts";
import { SPEC_LIMITS } from "../load/hostile-text.ts";
import { isSpecFileName } from "../load/load-specs.ts";
import { CodebookError, findConfigFile, loadConfig } from "../config/config.ts";
import { formatDiagnostics, SpecError } from "../load/diagnostics.ts";
import { templatesDir } from "../common/codebook-paths.ts";
import { generate, type GenerateResult, type RunOptions } from "../run/pipeline.ts";
import { counts, plural, runWarnings, unexpectedWarnings } from "./report.ts";
import type { Style } from "../common/text-style.ts";

export interface WatchOptions extends RunOptions {
  cwd: string;
  lockWaitMs?: number | undefined;
  quiet: boolean;
  /** Style of stderr (diagnostics, warnings); the run lines on stdout are plain. */
  errStyle: Style;
  /** Quiet period after the last change before a run starts (ms). */
  debounceMs?: number;
}

interface Watched {
  dir: string;
  /** The file names in `dir` that are inputs, when they are known (what the "watching" line lists). */
  names: Set<string> | null;
  /** Whether a changed name in `dir` is an input. */
  accepts: (name: string) => boolean;
}

/** Editors' and codebook's own temporary files: vim's swap files, Emacs's locks and autosaves, backups, sed -i's. */
const TEMPORARY = /\.codebook-tmp-\d+$|~$|\.sw[a-px]$|^\.#|^#.*#$|\.tmp$|___jb_(?:tmp|old)___$|^sed[A-Za-z0-9]{6}$/;

export async function watch(options: WatchOptions): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  const show = (path: string) => relative(options.cwd, path).split(sep).join("/") || ".";
  const debounceMs = options.debounceMs ?? 100;

  let watchers: FSWatcher[] = [];
  /** Each spec's seed as last read, by file: a spec is parsed again only when its size or mtime changed. */
  const seeds = new Map<string, { size: number; mtimeMs: number; seed: string | null }>();
  let watchedKey = "";
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopping = false;
  let stop: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => (stop = resolve));

  /** The directories to watch now: from the config as it is, so an edit that moves specDir is followed. */
  const targets = (): Watched[] => {
    const configFile = findConfigFile(options.config, options.cwd);
    // Template folders: one per target; fs.watch is not recursive on every platform.
    const list: Watched[] = [{ dir: join(templatesDir, "typescript"), names: null, accepts: (name) => !TEMPORARY.test(name) }];
    if (configFile) list.push(only(dirname(configFile), new Set([basename(configFile)])));
    try {
      const specDir = loadConfig(options.config, options.cwd).specDir;
      list.push({ dir: specDir, names: null, accepts: (name) => isSpecFileName(name) && !TEMPORARY.test(name) }, ...seedDirs(specDir, seeds));
    } catch {
      /* a broken config: reported by the run; the config file is still watched */
    }
    return list;
  };

  const rewatch = (all: Watched[] = targets()) => {
    const list = all.filter((t) => existsSync(t.dir));
    const key = JSON.stringify(list.map((t) => [t.dir, t.names && [...t.names]]));
    if (key === watchedKey) return;
    for (const w of watchers) w.close();
    watchedKey = key;
    watchers = list.map((t) =>
      watchDir(t.dir, (_event, name) => {
        if (name === null || !t.accepts(String(name))) return;
        changed.add(show(`${t.dir}${sep}${name}`));
        schedule();
      }),
    );
  };

  const schedule = () => {
    if (stopping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (running) again = true;
      else running = runOnce();
    }, debounceMs);
  };

  const runOnce = async (): Promise<void> => {
    const what = changed.size ? `${[...changed].sort().join(", ")} changed` : "initial run";
    changed.clear();
    const started = performance.now();
    const took = () => `${((performance.now() - started) / 1000).toFixed(2)} s`;
    try {
      const result = await generate(options);
      if (!options.quiet) out(`codebook: ${what}: ${summary(result)} in ${took()}`);
      for (const warning of [...unexpectedWarnings(result, options.errStyle), ...runWarnings(result)]) err(warning);
      if (result.specWarnings?.diagnostics.length) err((await import("./warnings.ts")).formatWarnings(result.specWarnings, options.errStyle));
    } catch (e) {
      if (e instanceof SpecError) {
        err(formatDiagnostics(e.diagnostics, e.sources, options.errStyle));
        err(`codebook: ${what}: ${plural(e.diagnostics.length, "problem")}; nothing was written, the last good output stays (${took()})`);
      } else if (e instanceof CodebookError) err(`codebook: ${what}: ${e.message}; nothing was written`);
      else err(`codebook: ${what}: internal error (a bug in codebook): ${(e as Error).stack ?? String(e)}`);
    }
    rewatch();
    running = null;
    if (stopping) stop(0);
    else if (again) {
      again = false;
      running = runOnce();
    }
  };

  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
    if (!running) stop(0);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  // The first run fails like a plain `generate` on a broken config (exit 2): there is nothing to watch yet.
  loadConfig(options.config, options.cwd);
  const watched = targets();
  rewatch(watched);
  if (!options.quiet) out(`codebook: watching ${watched.flatMap((t) => (t.names ? [...t.names].sort().map((name) => show(`${t.dir}${sep}${name}`)) : [show(t.dir)])).join(", ")} (Ctrl-C stops)`);
  running = runOnce();
  const code = await stopped;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  return code;
}

/** A folder of which only `names` are inputs. */
function only(dir: string, names: Set<string>): Watched {
  return { dir, names, accepts: (name) => names.has(name) };
}

/**
 * The folders of the source documents the specs name as `source.seed` (relative to the spec directory), each with
 * just those names. A spec that cannot be read or parsed names none: the run reports it.
 */
function seedDirs(specDir: string, seeds: Map<string, { size: number; mtimeMs: number; seed: string | null }>): Watched[] {
  const byDir = new Map<string, Set<string>>();
  let files: string[] = [];
  try {
    files = readdirSync(specDir).filter(isSpecFileName);
  } catch {
    return [];
  }
  for (const file of files) {
    const path = join(specDir, file);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    let known = seeds.get(path);
    if (!known || known.size !== stat.size || known.mtimeMs !== stat.mtimeMs) seeds.set(path, (known = { size: stat.size, mtimeMs: stat.mtimeMs, seed: seedOf(path) }));
    if (known.seed === null) continue;
    const seed = resolve(specDir, known.seed);
    const names = byDir.get(dirname(seed)) ?? new Set<string>();
    byDir.set(dirname(seed), names.add(basename(seed)));
  }
  return [...byDir].map(([dir, names]) => only(dir, names));
}

/** A spec's `source.seed`, or null when it names none or cannot be read or parsed. */
function seedOf(path: string): string | null {
  const read = readInputFile(path, { maxBytes: SPEC_LIMITS.maxBytes });
  if (!read.ok) return null;
  try {
    // Bounded as the loader bounds a spec: its size above, and the aliases YAML may copy (an alias bomb).
    const seed = (parse(read.bytes.toString("utf8"), { maxAliasCount: SPEC_LIMITS.maxAliasCount }) as { source?: { seed?: unknown } } | null)?.source?.seed;
    return typeof seed === "string" && seed !== "" ? seed : null;
  } catch {
    return null;
  }
}

function summary(r: GenerateResult): string {
  const n = counts(r.targets.flatMap((t) => t.changes));
  return `${n.created + n.updated} written, ${n.removed} removed, ${n.unchanged} unchanged (${plural(r.packages.length, "package")})`;
}
