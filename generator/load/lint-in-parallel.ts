/**
 * Linting on two threads. Parsing YAML with source ranges is most of loading,
 * and before it can emit anything this thread must also
 * load the emitters (oxc's and oxfmt's native bindings and Handlebars). A worker
 * thread lints the first specs, in file order, while this thread loads the
 * emitters (`meanwhile`) and then lints the rest; the split is by bytes, so that
 * both finish about together. On the shipped specs the worker lints them
 * all within the emitters' load. Run from source (tests), where a worker cannot
 * load .ts, everything is linted here, and so is a worker's share if it fails.
 */
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ConfigError } from "../config/config.ts";
import { loadSpecs, type LoadOptions, type LoadResult } from "./load-specs.ts";
import { SHIPPED_TARGETS } from "../targets/registry.ts";

/** What the worker is sent: the load options, each target by its name (a target is code, not data). */
export type WorkerOptions = Omit<LoadOptions, "targets"> & { targets: { name: string; options: unknown }[] };

/**
 * YAML this thread would lint in the time it loads the emitters: its head start goes to the worker. It is the
 * emitters' load (oxc's and oxfmt's bindings, Handlebars, the stages chunk: about 50 ms since they no longer load
 * the TypeScript compiler) over the warm lint rate (about 0.6 ms per KB); re-derive it when either changes.
 */
const EMITTER_LOAD_BYTES = 80_000;

export interface SpecFile {
  id: string;
  path: string;
}

/** `loadSpecs` of `files` (sorted by path), on a worker and this thread; `meanwhile` runs here first, when a worker lints. */
export async function lintInParallel(options: Omit<LoadOptions, "only">, files: readonly SpecFile[], meanwhile: () => Promise<unknown>): Promise<LoadResult> {
  // One share per id: the loader reports a second file of an id (x.yaml beside x.yml) itself.
  const ids = new Set<string>();
  const specs = files.filter((f) => !ids.has(f.id) && ids.add(f.id));
  const workerFile = fileURLToPath(new URL("./lint-worker.js", import.meta.url));
  // The worker finds targets by name among the shipped ones: a target the API added checks its names here.
  const shippedOnly = (options.targets ?? []).every((t) => SHIPPED_TARGETS.includes(t.target));
  if (!import.meta.url.endsWith(".js") || !existsSync(workerFile) || specs.length === 0 || !shippedOnly) return loadSpecs({ ...options, only: specs.map((s) => s.id) });
  // A file gone since the cache stage read it counts as empty here; the loader reports it.
  const shares = splitShares(specs, specs.map((s) => statSync(s.path, { throwIfNoEntry: false })?.size ?? 0));
  if (shares === null) return loadSpecs({ ...options, only: specs.map((s) => s.id) });
  const { theirs, ours } = shares;
  const worker = lintOnWorker(workerFile, { ...options, only: theirs.map((s) => s.id) });
  try {
    await meanwhile();
    const here = ours.length ? loadSpecs({ ...options, only: ours.map((s) => s.id) }) : null;
    const there = await worker.done;
    return here ? merge(there, here) : there;
  } finally {
    worker.stop();
  }
}

/**
 * The worker's share (the first specs) and this thread's, or null when the worker's would be
 * empty (every file empty or gone at the stat, as while an editor rewrites one): a worker told
 * `only: []` lints every spec, and a spec this thread also lints came back twice, written twice
 * at once by one run. Then this thread lints them all.
 */
export function splitShares<T>(specs: readonly T[], sizes: readonly number[]): { theirs: T[]; ours: T[] } | null {
  const at = workerShare(sizes);
  return at === 0 ? null : { theirs: specs.slice(0, at), ours: specs.slice(at) };
}

/**
 * How many specs, from the first, the worker lints; this thread lints the rest. Split by
 * bytes, this thread's share shortened by its head start (loading the emitters).
 */
export function workerShare(sizes: readonly number[]): number {
  const total = sizes.reduce((a, b) => a + b, 0);
  const workerBytes = total - Math.max(0, (total - EMITTER_LOAD_BYTES) / 2);
  let at = 0;
  for (let bytes = 0; at < sizes.length && bytes < workerBytes; at++) bytes += sizes[at]!;
  return at;
}

/**
 * A bounded heap: the worker's garbage would otherwise grow with its share before V8
 * collects it. A share too large for it (or a worker that fails to start) is linted here.
 */
function lintOnWorker(file: string, options: LoadOptions): { done: Promise<LoadResult>; stop: () => void } {
  const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
  const done = new Promise<LoadResult>((resolve, reject) => {
    worker.once("message", (m: { result?: LoadResult; error?: { message: string; config: boolean } }) => {
      if (m.error) reject(m.error.config ? new ConfigError(m.error.message) : new Error(m.error.message));
      else resolve(m.result!);
    });
    worker.once("error", () => {
      try {
        resolve(loadSpecs(options));
      } catch (err) {
        reject(err);
      }
    });
  });
  done.catch(() => {}); // awaited by the caller, unless this thread failed first
  const { targets, ...rest } = options;
  const message: WorkerOptions = { ...rest, targets: (targets ?? []).map((t) => ({ name: t.target.name, options: t.options })) };
  worker.postMessage(message);
  return { done, stop: () => void worker.terminate() };
}

function merge(a: LoadResult, b: LoadResult): LoadResult {
  return {
    specs: [...a.specs, ...b.specs],
    diagnostics: [...a.diagnostics, ...b.diagnostics],
    warnings: [...a.warnings, ...b.warnings],
    sources: new Map([...a.sources, ...b.sources]),
    inputs: new Map([...a.inputs, ...b.inputs]),
    inputHashes: new Map([...a.inputHashes, ...b.inputHashes]),
  };
}
