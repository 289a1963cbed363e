/**
 * The pipeline, one direction, and only the order of its stages:
 * config -> cache (what is current, what to redo) -> load+lint (the specs the
 * cache cannot reuse, all before any write) -> per package: emit -> format ->
 * compile -> write (or compare, for --check) -> manifest. Heavy modules
 * (ts-morph, oxfmt, handlebars) are imported only after the fast up-to-date check.
 */
import { loadConfig, type Config } from "../config/config.ts";
import { SpecError, type Diagnostic } from "../load/diagnostics.ts";
import { loadSpecs, type LoadResult } from "../load/load-specs.ts";
import type { Spec } from "../model/types.ts";
import type { GeneratedFile } from "../model/generated-file.ts";
import { cachePlan, carryOverRecords, configFingerprint, upToDate, type CachePlan } from "../cache/cache.ts";
import { readManifest, toolchainFingerprint, type Manifest } from "../write/manifest.ts";
import { acquireLock, removeStaleLock } from "../write/lock.ts";
import { OutDirWriter, type Change, type Problem } from "../write/write.ts";
import { loadTarget, producePackages, type ProductionLine } from "./produce.ts";
import { typescriptTarget } from "../targets/typescript/target.ts";
import { lintInParallel } from "../load/lint-in-parallel.ts";
import type { NamingTarget } from "../load/target-names.ts";
import { versionRecord, versionWarnings } from "../write/versions.ts";

export interface RunOptions {
  /** Config file path (default: codebook.config.yaml in cwd). */
  config?: string;
  cwd?: string;
  /** Only these spec ids. */
  only?: readonly string[];
  /** Spec warnings are errors (`--strict`). */
  strict?: boolean;
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

/** What a run did: data; the command and the programmatic API render it (cli/report.ts). */
export interface GenerateResult {
  config: Config;
  /** Spec ids of this run. */
  packages: string[];
  /** Every generated file: emitted now, or reused from disk where the manifest proves it current (empty when the whole out dir is current, or with keepFiles false). */
  files: GeneratedFile[];
  /** What changed (or would change, with check); every file "unchanged" when the out dir is current. */
  changes: Change[];
  /** With check: every stale, missing, orphaned, unexpected or leftover file, and symlinks. */
  problems: Problem[];
  /** Temporary files of an interrupted run that this run removed. */
  leftovers: string[];
  /** Files in package folders that codebook did not write (left in place; --check fails on them). */
  unexpected: string[];
  /** Tables changed under an unchanged version, and the like (see write/versions.ts). */
  warnings: string[];
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
  const config = loadConfig(options.config, options.cwd ?? process.cwd());
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

export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const config = loadConfig(options.config, options.cwd ?? process.cwd());
  const only = options.only ?? [];
  const toolchain = toolchainFingerprint(configFingerprint(config));
  const previous = readManifest(config.outDir);
  // Same inputs and untouched outputs: nothing to generate, write or report.
  // --strict reads every spec, for its warnings; the fast path reads none.
  if (!options.force && !options.strict && only.length === 0 && upToDate(config, previous, toolchain)) {
    // A lock left by a run killed after its last write would stay: no writer comes to take it over.
    if (!options.check) removeStaleLock(config.outDir);
    const packages = Object.keys(previous!.packages).sort();
    const changes = Object.values(previous!.packages)
      .flatMap((r) => Object.keys(r.files))
      .sort()
      .map((path): Change => ({ path, kind: "unchanged" }));
    return { config, packages, files: [], changes, problems: [], leftovers: [], unexpected: [], warnings: [] };
  }

  return run(config, options, only, toolchain, previous);
}

async function run(
  config: Config,
  options: GenerateOptions,
  only: readonly string[],
  toolchain: string,
  seen: Manifest | null,
): Promise<GenerateResult> {
  const force = options.force ?? false;
  const keepFiles = options.keepFiles ?? true;
  // Every spec the cache cannot reuse is linted before the lock and before anything is
  // written: a broken spec leaves the out dir untouched (not even created).
  const before = cachePlan(config, seen, toolchain, { only, force, keepFiles });
  const strict = options.strict === true;
  const linted = await lintStale(config, only, before, strict);
  const specWarnings = linted.warnings;
  // One writer at a time; the manifest is read again under the lock, since another run may have just written it.
  const lock = options.check ? null : await acquireLock(config.outDir, { waitMs: options.lockWaitMs ?? 60_000, onWait: options.onLockWait });
  let writer: OutDirWriter | null = null;
  try {
    // Under the lock, the manifest and the specs are read again: another run may have written the
    // out dir meanwhile, and a spec may have been edited since it was hashed and linted. A spec
    // linted before the lock is emitted only if its text is still what that lint read; one
    // edited since, or one another run left stale, is linted here (rare). Unchanged, the
    // manifest read is the one seen, so the cache's verdicts on its packages stand.
    const last = readManifest(config.outDir);
    const cache = cachePlan(config, JSON.stringify(last) === JSON.stringify(seen) ? seen : last, toolchain, { only, force, keepFiles, fresh: true });
    const onDisk = new Map(cache.entries.map((e) => [e.id, e.hash]));
    const current = linted.specs.filter((s) => !cache.reused.has(s.id) && onDisk.get(s.id) === linted.hashes.get(s.id));
    const done = new Set(current.map((s) => s.id));
    const again = await lintStale(config, [], { ...cache, stale: cache.stale.filter((e) => !done.has(e.id)) }, false);
    const specs = [...current, ...again.specs];
    // Each package records the input hash of the bytes its spec was linted from (not of another read).
    const hashOf = new Map([...linted.hashes, ...again.hashes]);
    // From here the IR is held only by `specs`, which producePackages empties as it goes, so a
    // package's spec is collected once it is written: V8 sizes the heap from what stays live.
    linted.specs = [];
    const versions = specs.map((s) => ({ id: s.id, version: s.version, specFile: s.specFile }));
    writer = new OutDirWriter(config.outDir, last, options.check ?? false, cache.entries.map((e) => e.id));
    const next: Manifest = { toolchain, packages: {} };
    const files: GeneratedFile[] = [];
    for (const [id, { record, files: reused }] of cache.reused) {
      writer.reused(record);
      next.packages[id] = record;
      files.push(...reused);
    }
    const line: ProductionLine = {
      key: config.outDir,
      stages: await loadTarget(typescriptTarget),
      run: { options: { scope: config.scope, enumStyle: config.enumStyle, publish: config.publish }, root: config.root, outDir: config.outDir },
    };
    for await (const p of producePackages(specs, () => [line])) {
      next.packages[p.spec.id] = { spec: hashOf.get(p.spec.id)!, ...versionRecord(p.spec), files: await writer.emitted(p.files) };
      if (keepFiles) files.push(...p.files);
    }
    carryOverRecords(config, last, next);
    const outcome = await writer.finish(next);
    const warnings = options.check ? [] : versionWarnings(versions, last, next, config.publish !== null);
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { config, packages: cache.entries.map((e) => e.id), files, ...outcome, warnings, specWarnings };
  } finally {
    // A run that fails while a batch is being written releases the out dir only once those writes are done.
    await writer?.settled();
    lock?.release();
  }
}

/**
 * Lints the specs the cache could not reuse (a reused spec was linted without errors by
 * the run that recorded it, with the same toolchain); APIs first, so formatting starts
 * on the largest packages. Throws SpecError with every diagnostic. With `strict` every
 * spec of the run is linted, since a reused spec's warnings are errors now.
 */
async function lintStale(
  config: Config,
  only: readonly string[],
  cache: Pick<CachePlan, "entries" | "stale">,
  strict: boolean,
): Promise<{ specs: Spec[]; warnings: SpecWarnings; hashes: ReadonlyMap<string, string> }> {
  // No specs, or an --only naming none: the loader says so (a ConfigError).
  if (cache.entries.length === 0 || only.some((id) => !cache.entries.some((e) => e.id === id))) loadChecked(config, only);
  const staleIds = new Set(cache.stale.map((e) => e.id));
  if (staleIds.size === 0 && !strict) return { specs: [], warnings: { diagnostics: [], sources: new Map() }, hashes: new Map() };
  // One lint: of every spec of the run with strict, else of the stale ones only; the emitters load meanwhile.
  const lintable = strict ? cache.entries : cache.stale;
  const loaded = checked(await lintInParallel({ root: config.root, specDir: config.specDir, targets: namingTargets(config) }, lintable, () => loadTarget(typescriptTarget)), strict);
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
