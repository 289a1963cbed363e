/**
 * The write of one run, in every target's out dir at once: the packages each target
 * reuses are recorded as they are, each stale spec is emitted and finished for every
 * target it is stale in (one spec at a time, so its IR is collected once its packages
 * are written), then each target's aggregate, removals and manifest.
 */
import { relative, sep } from "node:path";
import type { Config, ConfiguredTarget } from "../config/config.ts";
import type { GeneratedFile } from "../model/generated-file.ts";
import type { Spec } from "../model/types.ts";
import type { TargetRun, TargetStages } from "../targets/target.ts";
import { carryOverRecords, type CachePlan } from "../cache/cache.ts";
import type { Manifest } from "../write/manifest.ts";
import { OutDirWriter, type Change, type Problem } from "../write/write.ts";
import { versionRecord, versionWarnings } from "../write/versions.ts";
import { produceAggregate } from "./aggregate.ts";
import { producePackages, type ProductionLine } from "./produce.ts";

/** What a run did in one target's out dir. Paths are relative to that out dir. */
export interface TargetResult {
  /** The target's name ("typescript") and its out dir (absolute). */
  target: string;
  outDir: string;
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
}

/** One target's share of the run: what its cache decided under the lock, and its stages once loaded. */
export interface TargetWork {
  entry: ConfiguredTarget;
  toolchain: string;
  /** The manifest on disk under the lock. */
  last: Manifest | null;
  cache: CachePlan;
  /** Loaded only when the target has a package to emit. */
  stages: TargetStages<unknown> | null;
}

export interface WriteOptions {
  /** Each spec's input hash, of the bytes it was linted from. */
  hashOf: ReadonlyMap<string, string>;
  check: boolean;
  force: boolean;
  keepFiles: boolean;
}

/** What a target's writer and its results gather while the packages stream. */
interface TargetWrite {
  work: TargetWork;
  run: TargetRun<unknown>;
  writer: OutDirWriter;
  next: Manifest;
  files: GeneratedFile[];
  /** Emitted this run: each package's catalog text, for the target's aggregate. */
  catalogs: Map<string, string>;
}

/**
 * Starts writing; `done` resolves with every target's result, and `settled` once no write
 * of this run is in flight (a failing run releases its locks only after that).
 */
export function writeTargets(config: Config, work: readonly TargetWork[], specs: Spec[], options: WriteOptions): { done: Promise<TargetResult[]>; settled: () => Promise<void> } {
  const writes: TargetWrite[] = [];
  const settled = async () => {
    for (const w of writes) await w.writer.settled();
  };
  const done = (async () => {
    for (const w of work) writes.push(startTarget(config, w, options));
    const versions = specs.map((s) => ({ id: s.id, version: s.version, specFile: s.specFile }));
    const lines = new Map<string, ProductionLine>();
    for (const w of writes) if (w.work.stages) lines.set(w.work.entry.outDir, { key: w.work.entry.outDir, stages: w.work.stages, run: w.run });
    const byKey = new Map(writes.map((w) => [w.work.entry.outDir, w]));
    // A spec is produced for the targets it is stale in; the others reuse its package.
    const linesFor = (spec: Spec) => writes.filter((w) => !w.work.cache.reused.has(spec.id) && lines.has(w.work.entry.outDir)).map((w) => lines.get(w.work.entry.outDir)!);
    for await (const p of producePackages(specs, linesFor)) {
      const w = byKey.get(p.line.key)!;
      w.next.packages[p.spec.id] = { spec: options.hashOf.get(p.spec.id)!, ...versionRecord(p.spec), files: await w.writer.emitted(p.files) };
      const catalog = w.work.entry.target.aggregate?.catalogPath(p.spec.id);
      const catalogFile = catalog === undefined ? undefined : p.files.find((f) => f.path === catalog);
      if (catalogFile) w.catalogs.set(p.spec.id, catalogFile.content);
      if (options.keepFiles) w.files.push(...p.files);
    }
    const results: TargetResult[] = [];
    for (const w of writes) results.push(await finishTarget(config, w, versions, options));
    return results;
  })();
  return { done, settled };
}

function startTarget(config: Config, work: TargetWork, options: WriteOptions): TargetWrite {
  const writer = new OutDirWriter(work.entry.outDir, work.last, options.check, work.cache.entries.map((e) => e.id));
  const next: Manifest = { toolchain: work.toolchain, packages: {} };
  const files: GeneratedFile[] = [];
  for (const [id, { record, files: reused }] of work.cache.reused) {
    writer.reused(record);
    next.packages[id] = record;
    files.push(...reused);
  }
  const run: TargetRun<unknown> = { options: work.entry.options, root: config.root, outDir: relative(config.root, work.entry.outDir).split(sep).join("/") };
  return { work, run, writer, next, files, catalogs: new Map() };
}

async function finishTarget(config: Config, w: TargetWrite, versions: readonly Pick<Spec, "id" | "version" | "specFile">[], options: WriteOptions): Promise<TargetResult> {
  const { entry, last, cache } = w.work;
  carryOverRecords(config, last, w.next);
  const aggregate = await produceAggregate(w, options);
  if (aggregate) w.files.push(...aggregate);
  const outcome = await w.writer.finish(w.next);
  const publishing = entry.target.publishes?.(entry.options) ?? false;
  const warnings = options.check ? [] : versionWarnings(versions, last, w.next, publishing);
  w.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { target: entry.target.name, outDir: entry.outDir, packages: cache.entries.map((e) => e.id), files: w.files, ...outcome, warnings };
}
