/**
 * `codebook generate --watch`: generate, then again whenever an input changes —
 * a spec, a template, or the config — debounced, one line per run.
 *
 * Inputs are the files directly in a few directories (specs are top-level files
 * of the spec directory by definition), so plain, non-recursive fs.watch on each
 * directory is enough: it is inotify on Linux, sees editors' write-to-temp-and-
 * rename saves (the directory entry changes), and needs no dependency. The
 * directories are watched again after every run, in case the config moved them.
 *
 * A broken spec prints its diagnostics and writes nothing, so the last good
 * output stays; the fix is picked up by the next change. SIGINT and SIGTERM stop
 * the watcher after the run in progress (never in the middle of a write), exit 0.
 */
import { existsSync, watch as watchDir, type FSWatcher } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
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
  /** Only these file names in `dir` (null: every file). */
  names: Set<string> | null;
}

export async function watch(options: WatchOptions): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  const show = (path: string) => relative(options.cwd, path).split(sep).join("/") || ".";
  const debounceMs = options.debounceMs ?? 100;

  let watchers: FSWatcher[] = [];
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
    const list: Watched[] = [{ dir: join(templatesDir, "typescript"), names: null }];
    if (configFile) list.push({ dir: dirname(configFile), names: new Set([basename(configFile)]) });
    try {
      list.push({ dir: loadConfig(options.config, options.cwd).specDir, names: null });
    } catch {
      /* a broken config: reported by the run; the config file is still watched */
    }
    return list;
  };

  const rewatch = () => {
    const list = targets().filter((t) => existsSync(t.dir));
    const key = JSON.stringify(list.map((t) => [t.dir, t.names && [...t.names]]));
    if (key === watchedKey) return;
    for (const w of watchers) w.close();
    watchedKey = key;
    watchers = list.map((t) =>
      watchDir(t.dir, (_event, name) => {
        if (name === null || (t.names && !t.names.has(String(name)))) return;
        // Editors' and codebook's own temporary files are not inputs.
        if (/\.codebook-tmp-\d+$|~$|\.sw[px]$|^\.#/.test(String(name))) return;
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
  rewatch();
  if (!options.quiet) out(`codebook: watching ${targets().map((t) => show(t.names ? `${t.dir}${sep}${[...t.names][0]}` : t.dir)).join(", ")} (Ctrl-C stops)`);
  running = runOnce();
  const code = await stopped;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  return code;
}

function summary(r: GenerateResult): string {
  const n = counts(r.targets.flatMap((t) => t.changes));
  return `${n.created + n.updated} written, ${n.removed} removed, ${n.unchanged} unchanged (${plural(r.packages.length, "package")})`;
}
