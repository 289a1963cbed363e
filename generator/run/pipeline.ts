/**
 * The pipeline, one direction, and only the order of its stages:
 * config -> cache (what is current in each target's out dir, what to redo) ->
 * load+lint (the specs some target cannot reuse, all before any write) -> per
 * package and target: emit -> finish -> write (or compare, for --check) ->
 * aggregates -> manifests. Each target has its own out dir, manifest, lock and
 * fingerprint. Heavy modules (a target's emitters and tools) are imported only
 * after the fast up-to-date check.
 */
import { loadConfig, type Config, type ConfiguredTarget } from "../config/config.ts";
import { SpecError, type Diagnostic } from "../load/diagnostics.ts";
import { loadSpecs, type LoadResult } from "../load/load-specs.ts";
import type { Spec } from "../model/types.ts";
import type { Target } from "../targets/target.ts";
import { cachePlan, configFingerprint, upToDate, type CachePlan, type SpecEntry } from "../cache/cache.ts";
import { readManifest, recordedPaths, toolchainFingerprint, type Manifest } from "../write/manifest.ts";
import { acquireLock, removeStaleLock, type Lock } from "../write/lock.ts";
import type { Change } from "../write/write.ts";
import { loadTarget } from "./produce.ts";
import type { NamingTarget } from "../load/target-names.ts";
import { writeTargets, type TargetResult, type TargetWork } from "./write-targets.ts";

export type { TargetResult } from "./write-targets.ts";

export interface RunOptions {
  /** Config file path (default: codebook.config.yaml in cwd). */
  config?: string;
  cwd?: string;
  /** Only these spec ids. */
  only?: readonly string[];
  /** Spec warnings are errors (`--strict`). */
  strict?: boolean;
  /** Targets beside the shipped ones that a config's `targets:` may name (see targets/target.ts). */
  targets?: readonly Target<any>[];
}

export interface GenerateOptions extends RunOptions {
  /** Compare with disk and write nothing. */
  check?: boolean;
  /** Emit every package even when the manifest proves its files current. */
  force?: boolean;
  /** How long to wait for another run writing the same out dir (ms, default 60 000). */
  lockWaitMs?: number;
  /** Called once if another run holds the out dir, with a description of it. */
  onLockWait?: (holder: string) => void;
  /**
   * Keep every file's content in the result's `files` (default true). The CLI passes
   * false: a run then holds one package's output at a time, whatever the spec count.
   */
  keepFiles?: boolean;
}

/**
 * What a run did: data; the command and the programmatic API render it (cli/report.ts).
 * The top-level fields are the first target's, as in a config with one target; `targets`
 * has every target's, in the config's order.
 */
export interface GenerateResult extends Omit<TargetResult, "target" | "outDir"> {
  config: Config;
  targets: TargetResult[];
  /** Spec warnings (lint's) of the specs this run linted; the cache skips linting specs it reuses. */
  specWarnings?: SpecWarnings;
}

/** Spec problems that do not fail a run (without `strict`), and the spec texts for their code frames. */
export interface SpecWarnings {
  diagnostics: Diagnostic[];
  sources: ReadonlyMap<string, string>;
}

/** Loads and lints the specs; throws SpecError with every diagnostic (warnings too, with `strict`). */
export async function lint(options: RunOptions = {}): Promise<Spec[]> {
  return (await lintWithWarnings(options)).specs;
}

/** `lint`, and the warnings it found. */
export async function lintWithWarnings(options: RunOptions = {}): Promise<{ specs: Spec[]; warnings: SpecWarnings }> {
  const config = loadConfig(options.config, options.cwd ?? process.cwd(), options.targets);
  const loaded = loadChecked(config, options.only ?? [], options.strict === true);
  return { specs: loaded.specs, warnings: { diagnostics: loaded.warnings, sources: loaded.sources } };
}

/** The checked specs and their texts (by spec path); throws SpecError with every diagnostic. */
function loadChecked(config: Config, only: readonly string[], strict = false): LoadResult {
  return checked(loadSpecs({ root: config.root, specDir: config.specDir, only, targets: namingTargets(config) }), strict);
}

/** A lint's result, or SpecError with every diagnostic (warnings too, with `strict`). */
function checked(loaded: LoadResult, strict: boolean): LoadResult {
  const errors = strict ? [...loaded.diagnostics, ...loaded.warnings] : loaded.diagnostics;
  if (errors.length) throw new SpecError(errors, loaded.sources);
  return loaded;
}

/** A configured target as one run sees it: its fingerprint and the manifest read first. */
interface TargetState {
  entry: ConfiguredTarget;
  toolchain: string;
  seen: Manifest | null;
}

export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const config = loadConfig(options.config, options.cwd ?? process.cwd(), options.targets);
  const only = options.only ?? [];
  const states: TargetState[] = config.targets.map((entry) => ({
    entry,
    toolchain: toolchainFingerprint(entry.target, configFingerprint(config, entry)),
    seen: readManifest(entry.outDir),
  }));
  // Same inputs and untouched outputs in every out dir: nothing to generate, write or report.
  // --strict reads every spec, for its warnings; the fast path reads none.
  if (!options.force && !options.strict && only.length === 0 && states.every((s) => upToDate(config, s.entry, s.seen, s.toolchain))) {
    // A lock left by a run killed after its last write would stay: no writer comes to take it over.
    if (!options.check) for (const s of states) removeStaleLock(s.entry.outDir);
    return combine(config, states.map((s) => currentResult(s.entry, s.seen!)));
  }
  return run(config, options, only, states);
}

/** A target whose out dir the manifest proves current: every file it lists, unchanged. */
function currentResult(entry: ConfiguredTarget, manifest: Manifest): TargetResult {
  const changes = recordedPaths(manifest)
    .sort()
    .map((path): Change => ({ path, kind: "unchanged" }));
  return { target: entry.target.name, outDir: entry.outDir, packages: Object.keys(manifest.packages).sort(), files: [], changes, problems: [], leftovers: [], unexpected: [], warnings: [] };
}

function combine(config: Config, targets: TargetResult[], specWarnings?: SpecWarnings): GenerateResult {
  const { target: _target, outDir: _outDir, ...first } = targets[0]!;
  return { config, ...first, targets, ...(specWarnings ? { specWarnings } : {}) };
}

async function run(config: Config, options: GenerateOptions, only: readonly string[], states: TargetState[]): Promise<GenerateResult> {
  const force = options.force ?? false;
  const keepFiles = options.keepFiles ?? true;
  const strict = options.strict === true;
  // Every spec some target cannot reuse is linted before the locks and before anything is
  // written: a broken spec leaves every out dir untouched (not even created).
  const before = states.map((s) => cachePlan(config, s.entry.outDir, s.seen, s.toolchain, { only, force, keepFiles }));
  const linted = lintStale(config, only, unionPlan(before), strict);
  // One writer per out dir at a time, taken in one order so that two runs never wait on each other.
  const locks: Lock[] = [];
  let settle: (() => Promise<void>) | null = null;
  try {
    if (!options.check)
      for (const s of [...states].sort((a, b) => (a.entry.outDir < b.entry.outDir ? -1 : 1)))
        locks.push(await acquireLock(s.entry.outDir, { waitMs: options.lockWaitMs ?? 60_000, onWait: options.onLockWait }));
    // Under the locks, the manifests and the specs are read again: another run may have written an
    // out dir meanwhile, and a spec may have been edited since it was hashed and linted. A spec
    // linted before the locks is emitted only if its text is still what that lint read; one
    // edited since, or one another run left stale, is linted here (rare). Unchanged, the
    // manifest read is the one seen, so the cache's verdicts on its packages stand.
    const work: TargetWork[] = states.map((s) => {
      const last = readManifest(s.entry.outDir);
      const cache = cachePlan(config, s.entry.outDir, JSON.stringify(last) === JSON.stringify(s.seen) ? s.seen : last, s.toolchain, { only, force, keepFiles, fresh: true });
      return { entry: s.entry, toolchain: s.toolchain, last, cache, stages: null };
    });
    const union = unionPlan(work.map((w) => w.cache));
    const onDisk = new Map(union.entries.map((e) => [e.id, e.hash]));
    const staleIds = new Set(union.stale.map((e) => e.id));
    const current = linted.specs.filter((s) => staleIds.has(s.id) && onDisk.get(s.id) === linted.hashes.get(s.id));
    const done = new Set(current.map((s) => s.id));
    const again = lintStale(config, [], { entries: union.entries, stale: union.stale.filter((e) => !done.has(e.id)) }, false);
    const specs = [...current, ...again.specs];
    // From here the IR is held only by `specs`, which the writing empties as it goes, so a
    // package's spec is collected once it is written: V8 sizes the heap from what stays live.
    linted.specs = [];
    for (const w of work) if (w.cache.stale.length) w.stages = await loadTarget(w.entry.target);
    const writing = writeTargets(config, work, specs, {
      // Each package records the input hash of the bytes its spec was linted from (not of another read).
      hashOf: new Map([...linted.hashes, ...again.hashes]),
      check: options.check ?? false,
      force,
      keepFiles,
    });
    settle = writing.settled;
    return combine(config, await writing.done, linted.warnings);
  } finally {
    // A run that fails while a batch is being written releases the out dirs only once those writes are done.
    await settle?.();
    for (const lock of locks) lock.release();
  }
}

/** The plan of every target at once: a spec is stale when some target cannot reuse its package. */
function unionPlan(plans: readonly Pick<CachePlan, "entries" | "stale">[]): { entries: SpecEntry[]; stale: SpecEntry[] } {
  const stale = new Set(plans.flatMap((p) => p.stale.map((e) => e.id)));
  const entries = plans[0]!.entries;
  return { entries, stale: entries.filter((e) => stale.has(e.id)) };
}

/**
 * Lints the specs the cache could not reuse (a reused spec was linted without errors by
 * the run that recorded it, with the same toolchain); APIs first, so formatting starts
 * on the largest packages. Throws SpecError with every diagnostic. With `strict` every
 * spec of the run is linted, since a reused spec's warnings are errors now.
 */
function lintStale(
  config: Config,
  only: readonly string[],
  cache: Pick<CachePlan, "entries" | "stale">,
  strict: boolean,
): { specs: Spec[]; warnings: SpecWarnings; hashes: ReadonlyMap<string, string> } {
  // No specs, or an --only naming none: the loader says so (a ConfigError).
  if (cache.entries.length === 0 || only.some((id) => !cache.entries.some((e) => e.id === id))) loadChecked(config, only);
  const staleIds = new Set(cache.stale.map((e) => e.id));
  if (staleIds.size === 0 && !strict) return { specs: [], warnings: { diagnostics: [], sources: new Map() }, hashes: new Map() };
  // One lint, on this thread: of every spec of the run with strict, else of the stale ones only.
  // (A worker thread linting while this one loaded the emitters was measured and removed:
  // bench/lint-worker.md.)
  const lintable = strict ? cache.entries : cache.stale;
  const loaded = checked(loadSpecs({ root: config.root, specDir: config.specDir, targets: namingTargets(config), only: lintable.map((e) => e.id) }), strict);
  const stale = loaded.specs.filter((s) => staleIds.has(s.id));
  const specs = [...stale.filter((s) => s.api), ...stale.filter((s) => !s.api)];
  // The texts only of files with warnings, for their code frames: a run keeps no spec text it does not show.
  const shown = new Set(loaded.warnings.map((w) => w.file));
  return { specs, warnings: { diagnostics: loaded.warnings, sources: new Map([...loaded.sources].filter(([file]) => shown.has(file))) }, hashes: loaded.inputHashes };
}

/** The run's targets, whose naming rules every spec must satisfy at lint time. */
function namingTargets(config: Config): NamingTarget[] {
  return config.targets.map((t) => ({ target: t.target, options: t.options }));
}
