/**
 * The pipeline, one direction: config -> load+lint -> emit -> format ->
 * compile -> write (or compare, for --check). Heavy modules (ts-morph,
 * prettier, handlebars) are imported only after the fast up-to-date check.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { loadConfig, type Config } from "./config.ts";
import { SpecError, type Diagnostic } from "./load/diagnostics.ts";
import { listSpecFiles, loadSpecs, specIdOf, type LoadResult } from "./load/load-specs.ts";
import type { Spec } from "./model/types.ts";
import type { GeneratedFile } from "./emit/generated-file.ts";
import { readManifest, sha256, toolchainFingerprint, type Manifest } from "./write/manifest.ts";
import { acquireLock, removeStaleLock } from "./write/lock.ts";
import { apply, plan, problemsOf, scanOutDir, type Change, type Problem } from "./write/write.ts";
import { startFormatter, type Formatter } from "./format/formatter.ts";
import { checkReport, generateReport } from "./report.ts";
import { versionRecord, versionWarnings } from "./write/versions.ts";
import { specInputsHash, specInputTexts } from "./write/spec-inputs.ts";

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
}

export interface GenerateResult {
  config: Config;
  /** Spec ids of this run. */
  packages: string[];
  /** Every generated file: emitted now, or reused from disk where the manifest proves it current (empty when the whole out dir is current). */
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
  /** Spec warnings (lint's), when this run read the specs; the unchanged fast path reads none. */
  specWarnings?: SpecWarnings;
  /** A human-readable summary. */
  report: string;
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
  const loaded = loadSpecs({ root: config.root, specDir: config.specDir, only });
  const errors = strict ? [...loaded.diagnostics, ...loaded.warnings] : loaded.diagnostics;
  if (errors.length) throw new SpecError(errors, loaded.sources);
  return loaded;
}

function configFingerprint(config: Config): string {
  const rel = (p: string) => relative(config.root, p).split("\\").join("/");
  return JSON.stringify({ specDir: rel(config.specDir), outDir: rel(config.outDir), scope: config.scope, enumStyle: config.enumStyle, publish: config.publish });
}

/**
 * Whether the manifest proves the out dir current: same inputs, same files on disk,
 * and nothing else in the package folders (no stray, leftover or linked file).
 */
function upToDate(config: Config, manifest: Manifest | null, toolchain: string): boolean {
  if (!manifest || manifest.toolchain !== toolchain) return false;
  const specs = listSpecFiles(config.specDir);
  if (specs.length === 0 || specs.length !== Object.keys(manifest.packages).length) return false;
  if (!specs.every((path) => reusableFiles(config, manifest, toolchain, specIdOf(path), specInputsHash(specInputTexts(config.specDir, path))) !== null)) return false;
  const scan = scanOutDir(config.outDir);
  const listed = new Set(Object.values(manifest.packages).flatMap((r) => Object.keys(r.files)));
  return scan.symlinks.length === 0 && scan.leftovers.length === 0 && scan.files.every((f) => !f.includes("/") || listed.has(f));
}

/**
 * A package's files as on disk, when the manifest proves them what generating it
 * now would produce (same toolchain, same spec, files untouched); else null.
 * Output is deterministic, so reusing them is the same as regenerating them.
 */
function reusableFiles(config: Config, manifest: Manifest | null, toolchain: string, id: string, specHash: string): GeneratedFile[] | null {
  const record = manifest?.packages[id];
  if (!manifest || manifest.toolchain !== toolchain || !record || record.spec !== specHash) return null;
  const files: GeneratedFile[] = [];
  for (const [path, hash] of Object.entries(record.files)) {
    let content: string;
    try {
      content = readFileSync(`${config.outDir}/${path}`, "utf8");
    } catch {
      return null;
    }
    if (sha256(content) !== hash) return null;
    files.push({ path, content });
  }
  return files;
}

export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const config = loadConfig(options.config, options.cwd ?? process.cwd());
  const only = options.only ?? [];
  const toolchain = toolchainFingerprint(configFingerprint(config));
  const previous = readManifest(config.outDir);
  // Same inputs and untouched outputs: nothing to generate, write or report.
  // --strict reads the specs, for their warnings; the fast path reads none.
  if (!options.force && !options.strict && only.length === 0 && upToDate(config, previous, toolchain)) {
    // A lock left by a run killed after its last write would stay: no writer comes to take it over.
    if (!options.check) removeStaleLock(config.outDir);
    const packages = Object.keys(previous!.packages).sort();
    const changes = Object.values(previous!.packages)
      .flatMap((r) => Object.keys(r.files))
      .sort()
      .map((path): Change => ({ path, kind: "unchanged" }));
    const result = { config, packages, files: [], changes, problems: [], leftovers: [], unexpected: [], warnings: [] };
    return { ...result, report: options.check ? checkReport(result) : generateReport(result) };
  }

  // Start the formatter now: it warms up (importing prettier) while specs load and emit.
  const formatter = startFormatter();
  try {
    return await run(config, options, only, toolchain, previous, formatter);
  } finally {
    await formatter.close();
  }
}

async function run(
  config: Config,
  options: GenerateOptions,
  only: readonly string[],
  toolchain: string,
  previous: Manifest | null,
  formatter: Formatter,
): Promise<GenerateResult> {
  const { specs, sources, inputs, warnings: specWarningList } = loadChecked(config, only, options.strict === true);
  const specWarnings: SpecWarnings = { diagnostics: specWarningList, sources };
  // A profile's inputs include its bases' texts (write/spec-inputs.ts).
  const specHash = new Map(specs.map((s) => [s.id, specInputsHash((inputs.get(s.id) ?? [s.specFile]).map((file) => sources.get(file)!))]));
  // Only packages whose inputs or files changed are emitted again (unless forced).
  const reused = new Map<string, GeneratedFile[]>();
  if (!options.force)
    for (const spec of specs) {
      const files = reusableFiles(config, previous, toolchain, spec.id, specHash.get(spec.id)!);
      if (files) reused.set(spec.id, files);
    }
  const emitted = await emitAll(specs.filter((s) => !reused.has(s.id)), config, formatter);
  const files = [...emitted, ...[...reused.values()].flat()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const packages = specs.map((s) => s.id);

  /** The manifest after this run; `last` is the manifest on disk now. */
  const nextManifest = (last: Manifest | null): Manifest => {
    const next: Manifest = { toolchain, packages: {} };
    for (const spec of specs) {
      const record = { spec: specHash.get(spec.id)!, ...versionRecord(spec), files: {} as Record<string, string> };
      for (const f of files) if (f.path.startsWith(`${spec.id}/`)) record.files[f.path] = sha256(f.content);
      next.packages[spec.id] = record;
    }
    // A package not regenerated this run (--only) keeps its record while its spec exists.
    const existing = new Set(listSpecFiles(config.specDir).map(specIdOf));
    for (const [id, record] of Object.entries(last?.packages ?? {})) if (!next.packages[id] && existing.has(id)) next.packages[id] = record;
    return next;
  };

  if (options.check) {
    const p = plan(config.outDir, files, nextManifest(previous), previous);
    const result = { config, packages, files, changes: p.changes, problems: problemsOf(config.outDir, p, files), leftovers: [], unexpected: p.unexpected, warnings: [], specWarnings };
    return { ...result, report: checkReport(result) };
  }

  // One writer at a time; the manifest is read again under the lock, since another run may have just written it.
  const lock = await acquireLock(config.outDir, { waitMs: options.lockWaitMs ?? 60_000, onWait: options.onLockWait });
  try {
    const last = readManifest(config.outDir);
    const next = nextManifest(last);
    const p = plan(config.outDir, files, next, last);
    apply(config.outDir, p);
    const warnings = versionWarnings(specs, last, next, config.publish !== null);
    const result = { config, packages, files, changes: p.changes, problems: [], leftovers: p.leftovers, unexpected: p.unexpected, warnings, specWarnings };
    return { ...result, report: generateReport(result) };
  } finally {
    lock.release();
  }
}

/**
 * Emit, compile and format: the whole in-memory output of a run. Formatting
 * runs on the formatter (a worker thread from the build) while this thread
 * compiles; compiling reads the unformatted sources, whose JS and .d.ts the
 * printers produce the same way every run.
 */
async function emitAll(specs: Spec[], config: Config, formatter: Formatter): Promise<GeneratedFile[]> {
  if (specs.length === 0) return [];
  const [{ emitPackage }, { compileModule }, { lineHeader }] = await Promise.all([
    import("./emit/package.ts"),
    import("./compile/compile.ts"),
    import("./emit/generated-file.ts"),
  ]);
  const api = specs.some((s) => s.api) ? await import("./emit/api/index.ts") : null;
  // Each package goes to the formatter as soon as it is emitted, largest (APIs) first, so
  // formatting starts while the rest are still being emitted and compiled.
  // Prettier formats what people read and review: sources, package.json (Markdown has its own
  // formatter). dist/ is printer output, and JSON.stringify output is already canonical.
  const ordered = [...specs.filter((s) => s.api), ...specs.filter((s) => !s.api)];
  const formatting: Promise<GeneratedFile[]>[] = [];
  const out: GeneratedFile[] = [];
  const packages = ordered.map((spec) => {
    const p = { spec, ...emitPackage(spec, config, api) };
    formatting.push(formatter.format([...p.modules, ...p.files.filter((f) => !isStringifiedJson(f))]));
    return p;
  });
  for (const p of packages) out.push(...p.modules.flatMap((m) => compileModule(m, lineHeader(p.spec))), ...p.files.filter(isStringifiedJson));
  for (const f of await Promise.all(formatting)) out.push(...f);
  return out;
}

/** JSON we produce with JSON.stringify (catalogs, schemas): already in canonical form. */
function isStringifiedJson(f: GeneratedFile): boolean {
  return f.path.endsWith(".json") && !f.path.endsWith("/package.json");
}

