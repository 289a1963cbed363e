/**
 * The cache stage: every rule that lets a run skip work, in one place.
 *
 * A package is reused (neither linted, emitted, formatted nor compiled again)
 * when the manifest proves that generating it now would give the files already
 * on disk: the same toolchain (generator, templates, schema, dependencies,
 * config), the same input hash, and every file it lists untouched. Output is
 * deterministic, so reusing is the same as regenerating. A manifest record
 * exists only after a clean run, so a reused spec's lint result is "clean":
 * an edit re-lints only the specs whose inputs changed.
 *
 * Nothing here imports oxc, oxfmt or handlebars: an unchanged run ends
 * in this stage.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { Config, ConfiguredTarget } from "../config/config.ts";
import type { GeneratedFile } from "../model/generated-file.ts";
import { readInputFile } from "../common/input-file.ts";
import { SPEC_LIMITS } from "../load/hostile-text.ts";
import { listSpecFiles, specIdOf } from "../load/load-specs.ts";
import { shippedSpec } from "../load/shipped-specs.ts";
import { recordedPaths, sha256, type Manifest, type PackageRecord } from "../write/manifest.ts";
import type { Aggregate } from "../targets/target.ts";
import { OUTPUT_FILE_MAX_BYTES, scanOutDir } from "../write/write.ts";

/** What in the config shapes one target's output; part of that target's toolchain fingerprint. */
export function configFingerprint(config: Config, target: ConfiguredTarget): string {
  const rel = (p: string) => relative(config.root, p).split("\\").join("/");
  return JSON.stringify({ specDir: rel(config.specDir), outDir: rel(target.outDir), target: target.target.name, options: target.options });
}

/**
 * What a target's aggregate reads, as one hash: every package's catalog hash as the
 * manifest records it, in id order. An aggregate is current when this is what it was
 * made from: a package's catalog changes only when its package does.
 */
export function aggregateInputs(packages: Manifest["packages"], aggregate: Aggregate<unknown>): string {
  const ids = Object.keys(packages).sort();
  return sha256(ids.map((id) => `${id} ${packages[id]!.files[aggregate.catalogPath(id)] ?? ""}`).join("\n"));
}

/** A top-level `extends: <id>` line: read before any YAML is parsed (see specInputs). */
const EXTENDS_LINE = /^extends:[ \t]*(["']?)([a-z][a-z0-9-]*)\1[ \t]*(?:#.*)?$/m;

/** A spec's inputs: the files its package depends on, and the hash the manifest records for them. */
export interface SpecInputs {
  paths: string[];
  /**
   * The input hash (`spec` in the manifest): the spec text's sha256 for a
   * self-contained spec (what every earlier manifest holds), else a hash over
   * every input's hash, in order.
   */
  hash: string;
}

/**
 * The files whose bytes a spec's package depends on: the spec, then for a profile
 * (`extends`) its bases', so editing a base regenerates every profile of it; each
 * read once, for its hash and its `extends:` line. This runs before any YAML is
 * parsed, so it finds the bases by that line; where that reading and the loader's
 * disagree (an unusual spelling), the hashes differ from the last run's and the
 * package is regenerated: never reused stale.
 */
export function specInputs(specDir: string, specPath: string): SpecInputs {
  const paths: string[] = [];
  const hashes: string[] = [];
  for (let file: string | null = specPath; file !== null && !paths.includes(file); ) {
    // Bounded, as the loader reads it: a spec it refuses (too large, not a regular file) is never reused.
    const read = readInputFile(file, { maxBytes: SPEC_LIMITS.maxBytes });
    paths.push(file);
    if (!read.ok) {
      hashes.push(`unreadable: ${read.reason}`); // no sha256 is this: matches no record
      break;
    }
    const bytes = read.bytes;
    hashes.push(sha256(bytes));
    const base: string | undefined = EXTENDS_LINE.exec(bytes.toString("utf8"))?.[2];
    // A base the spec directory lacks is the installed codebook's (load/shipped-specs.ts): upgrading codebook changes its bytes, and so this hash.
    file = base === undefined ? null : ([`${base}.yaml`, `${base}.yml`].map((name) => join(specDir, name)).find((p) => existsSync(p)) ?? shippedSpec(base)?.path ?? null);
  }
  return { paths, hash: hashes.length === 1 ? hashes[0]! : sha256(hashes.join("\n")) };
}

/** One spec file of this run: its id, path and input hash. */
export interface SpecEntry {
  id: string;
  path: string;
  hash: string;
}

/** The spec files of the spec dir (only `only`, when given), hashed; `fresh` reads them again (another process may have edited them). */
export function specEntries(config: Config, only: readonly string[], fresh = false): SpecEntry[] {
  let all = fresh ? undefined : entriesRead.get(config);
  if (!all) {
    all = listSpecFiles(config.specDir).map((path) => ({ id: specIdOf(path), path, hash: specInputs(config.specDir, path).hash }));
    entriesRead.set(config, all);
  }
  return all.filter((e) => only.length === 0 || only.includes(e.id));
}

/**
 * What this run has read, so that the up-to-date check and the cache plan after it
 * (which ask the same questions when one spec was edited) read each spec and each
 * package's files once. Keyed by the run's config and the manifest read: a new run,
 * or a manifest another run wrote meanwhile, reads again. Verdicts only, no file
 * contents: a run that keeps no files holds none of a reused package's.
 */
const entriesRead = new WeakMap<Config, SpecEntry[]>();
const verdicts = new WeakMap<Manifest, Map<string, boolean>>();

/**
 * A package's files as on disk, when the manifest proves them what generating it
 * now would produce (same toolchain, same inputs, files untouched); else null.
 * Without `keep`, an empty list stands for them: a verdict this run already reached
 * answers without reading, and what is read is not decoded.
 */
export function reusableFiles(outDir: string, manifest: Manifest | null, toolchain: string, id: string, inputs: string, keep = true): GeneratedFile[] | null {
  const record = manifest?.packages[id];
  if (!manifest || manifest.toolchain !== toolchain || !record || record.spec !== inputs) return null;
  const key = verdictKey(outDir, toolchain, id, inputs);
  const known = verdictsOf(manifest).get(key);
  if (known === false) return null;
  if (known && !keep) return [];
  const files = filesAsRecorded(outDir, record.files, keep);
  verdictsOf(manifest).set(key, files !== null);
  return files;
}

/** Whether `reusableFiles` would return the package's files. */
export function packageCurrent(outDir: string, manifest: Manifest | null, toolchain: string, id: string, inputs: string): boolean {
  return reusableFiles(outDir, manifest, toolchain, id, inputs, false) !== null;
}

function verdictKey(outDir: string, toolchain: string, id: string, inputs: string): string {
  return [outDir, toolchain, id, inputs].join("\0");
}

function verdictsOf(manifest: Manifest): Map<string, boolean> {
  let known = verdicts.get(manifest);
  if (!known) verdicts.set(manifest, (known = new Map()));
  return known;
}

/**
 * The files a record lists, read from disk, if every one has its recorded hash; else null.
 * Hashed as bytes (what the record hashes: the UTF-8 of the text) and decoded only when
 * kept: an edit with 100 specs present verifies the 99 others' files, and decoding each
 * only to hash it again made that edit about 10% slower (paired runs).
 */
export function filesAsRecorded(outDir: string, recorded: Readonly<Record<string, string>>, keep: boolean): GeneratedFile[] | null {
  const files: GeneratedFile[] = [];
  for (const [path, hash] of Object.entries(recorded)) {
    // Not through a link, not from a FIFO or device, not past the limit: anything else is not current.
    const read = readInputFile(`${outDir}/${path}`, { maxBytes: OUTPUT_FILE_MAX_BYTES, noFollow: true });
    if (!read.ok) return null;
    const bytes = read.bytes;
    if (sha256(bytes) !== hash) return null;
    if (keep) files.push({ path, content: bytes.toString("utf8") });
  }
  return files;
}

/**
 * Whether the manifest proves a target's out dir current: same inputs, same files on
 * disk, the aggregate made from the packages as they are, and nothing else in the
 * package folders (no stray, leftover or linked file).
 */
export function upToDate(config: Config, target: ConfiguredTarget, manifest: Manifest | null, toolchain: string): boolean {
  if (!manifest || manifest.toolchain !== toolchain) return false;
  const entries = specEntries(config, []);
  if (entries.length === 0 || entries.length !== Object.keys(manifest.packages).length) return false;
  if (!entries.every((e) => packageCurrent(target.outDir, manifest, toolchain, e.id, e.hash))) return false;
  if (!aggregateCurrent(target, manifest)) return false;
  const scan = scanOutDir(target.outDir);
  const listed = new Set(recordedPaths(manifest));
  return scan.symlinks.length === 0 && scan.leftovers.length === 0 && [...scan.files, ...scan.others].every((f) => !f.includes("/") || listed.has(f));
}

/** What a run must do: the specs to lint and emit, and the packages it reuses as they are. */
export interface CachePlan {
  /** Every spec of the run, in spec-dir order. */
  entries: SpecEntry[];
  /** Specs to lint and emit: inputs changed, files touched, no record, or forced. */
  stale: SpecEntry[];
  /** Reused packages: their manifest record, and their files as on disk when asked to keep them. */
  reused: Map<string, { record: PackageRecord; files: GeneratedFile[] }>;
}

/**
 * Splits a run's specs into reused packages and stale specs. Two files with one
 * id (`x.yaml` and `x.yml`) are never reused: linting them reports the clash.
 */
export function cachePlan(
  config: Config,
  outDir: string,
  manifest: Manifest | null,
  toolchain: string,
  options: { only: readonly string[]; force: boolean; keepFiles: boolean; fresh?: boolean },
): CachePlan {
  const { only, force, keepFiles } = options;
  const entries = specEntries(config, only, options.fresh);
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.id, (count.get(e.id) ?? 0) + 1);
  const reused: CachePlan["reused"] = new Map();
  const stale: SpecEntry[] = [];
  for (const e of entries) {
    // Kept, the files are read once (for their hashes and their contents); not kept, a reused package costs
    // no memory beyond its record: the run is bounded by the packages it emits.
    const files = !force && count.get(e.id)! === 1 ? reusableFiles(outDir, manifest, toolchain, e.id, e.hash, keepFiles) : null;
    if (files) reused.set(e.id, { record: manifest!.packages[e.id]!, files });
    else stale.push(e);
  }
  return { entries, stale, reused };
}

/** A package not regenerated this run (--only) keeps its record while its spec exists. */
export function carryOverRecords(config: Config, last: Manifest | null, next: Manifest): void {
  const existing = new Set(listSpecFiles(config.specDir).map(specIdOf));
  for (const [id, record] of Object.entries(last?.packages ?? {})) if (!next.packages[id] && existing.has(id)) next.packages[id] = record;
}

/**
 * Whether a target's aggregate is what its packages make now: recorded from the same
 * catalogs, its files untouched (a target without one: always).
 */
export function aggregateCurrent(target: ConfiguredTarget, manifest: Manifest): boolean {
  const aggregate = target.target.aggregate;
  if (!aggregate) return manifest.aggregate === undefined;
  const record = manifest.aggregate;
  return record !== undefined && record.inputs === aggregateInputs(manifest.packages, aggregate) && filesAsRecorded(target.outDir, record.files, false) !== null;
}
