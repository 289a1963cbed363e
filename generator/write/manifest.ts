/**
 * The manifest (<outDir>/.codebook-manifest.json) records which files codebook
 * wrote, per package, with their hashes and the hashes of the inputs they came
 * from. It is how `generate` knows which files are its own to remove, and how
 * an unchanged `--check` answers without loading an emitter, oxc or oxfmt.
 */
import { createHash } from "node:crypto";
import { closeSync, constants, existsSync, lstatSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { CodebookError } from "../common/errors.ts";
import { readInputFile } from "../common/input-file.ts";
import { SPEC_ID } from "../model/identifiers.ts";
import { packageRoot, packageVersion, specSchemaPath, templatesDir } from "../common/codebook-paths.ts";
import { generatorSourceHashes, type GeneratorSourceHashes } from "./source-hash.js";
import type { Target } from "../targets/target.ts";

export const MANIFEST_FILE = ".codebook-manifest.json";
/** About 1–2 KB per package: 64 MiB is tens of thousands of packages. A larger file is not a manifest codebook wrote. */
export const MANIFEST_MAX_BYTES = 64 * 1024 * 1024;

export interface PackageRecord {
  /** sha256 of the spec text. */
  spec: string;
  /** The spec's version and a sha256 of the table's content (see versions.ts); absent in older manifests. */
  version?: string;
  table?: string;
  /**
   * A profile's base: its id, its version and its file, as the loader named it (a path from the
   * repository's root, or `codebook/spec/<id>.yaml` for a spec the installed codebook ships: no
   * absolute path). A codebook upgrade that changes a shipped base changes the input hash, so the
   * profile regenerates, and this record says which base it was made from.
   */
  base?: { id: string; version: string; path: string };
  /** Path (relative to the out dir) -> sha256 of its content. */
  files: Record<string, string>;
}

/** The files of a target's aggregate (output over every package), and the hash of what it read. */
export interface AggregateRecord {
  /** sha256 over every package's catalog hash, in id order (see cache/cache.ts aggregateInputs). */
  inputs: string;
  files: Record<string, string>;
}

export interface Manifest {
  /** sha256 of everything but the specs that shapes output: generator, templates, schema, config, tool versions. */
  toolchain: string;
  packages: Record<string, PackageRecord>;
  /** A target with an aggregate: its files, which lie outside every package folder. */
  aggregate?: AggregateRecord;
}

/** Every path a manifest records: the packages' files and the aggregate's. */
export function recordedPaths(m: Manifest | null): string[] {
  if (!m) return [];
  return [...Object.values(m.packages).flatMap((r) => Object.keys(r.files)), ...Object.keys(m.aggregate?.files ?? {})];
}

/**
 * The path of an aggregate's file: sane segments (as a package file's), and a first
 * segment that cannot be a spec id (a file such as `index.html`, a folder such as
 * `_index/`), so it never lies in a package folder, now or after a spec is added.
 */
export function isAggregateFilePath(path: string): boolean {
  const segments = path.split("/");
  return !SPEC_ID.test(segments[0]!) && !segments[0]!.startsWith(".") && segments.every((s) => s !== "" && s !== "." && s !== ".." && !/[\\:\0]/.test(s));
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A manifest that names a path outside its package: codebook stops rather than touch it. */
export class ManifestError extends CodebookError {}

/**
 * The path of a package's file, relative to the out dir, when it is plainly inside
 * that package's folder: forward slashes, no empty, "." or ".." segment, no
 * backslash, colon or NUL (no Windows drive or absolute path either).
 */
export function isPackageFilePath(id: string, path: string): boolean {
  const segments = path.split("/");
  return segments.length >= 2 && segments[0] === id && segments.every((s) => s !== "" && s !== "." && s !== ".." && !/[\\:\0]/.test(s));
}

/**
 * The manifest of the last run, or null when there is none or it is not one (then
 * codebook removes nothing). It is committed, so a pull request can change it: every
 * path it lists must lie inside its package's folder, or the run stops.
 *
 * When a claims journal lies beside it (CLAIMS_FILE: a run was interrupted, see
 * appendClaims), the answer is that run's interim manifest: every path of the manifest
 * and of the journal, with no input hashes, so the next run regenerates everything and
 * removes what the interrupted run created and no longer produces.
 */
export function readManifest(outDir: string): Manifest | null {
  const path = join(outDir, MANIFEST_FILE);
  const read = readInputFile(path, { maxBytes: MANIFEST_MAX_BYTES, noFollow: true });
  // Not a file codebook wrote, and one it cannot replace (a directory) or must not write through (a link).
  if (!read.ok && read.reason !== "missing") throw new ManifestError(`${path} ${read.problem}, where codebook keeps its manifest; move it out of the out dir, or delete it, and run again`);
  const manifest = read.ok ? parseManifest(path, read.bytes.toString("utf8")) : null;
  const claims = readClaims(outDir);
  if (claims === null) return manifest;
  const packages: Manifest["packages"] = {};
  for (const [id, record] of Object.entries(manifest?.packages ?? {})) packages[id] = { spec: "", files: { ...record.files } };
  const aggregate: AggregateRecord = { inputs: "", files: { ...manifest?.aggregate?.files } };
  for (const file of claims) {
    if (isAggregateFilePath(file)) {
      aggregate.files[file] ??= "";
      continue;
    }
    const id = file.slice(0, file.indexOf("/"));
    packages[id] ??= { spec: "", files: {} };
    packages[id].files[file] ??= "";
  }
  return { toolchain: INTERRUPTED, packages, ...(Object.keys(aggregate.files).length ? { aggregate } : {}) };
}

/** The toolchain of an interrupted run's manifest: matches no real one, so nothing is reused from it. */
const INTERRUPTED = "interrupted";

function parseManifest(path: string, text: string): Manifest | null {
  let raw: Partial<Manifest>;
  try {
    raw = JSON.parse(text) as Partial<Manifest>;
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null || typeof raw.toolchain !== "string" || typeof raw.packages !== "object" || raw.packages === null) return null;
  for (const [id, record] of Object.entries(raw.packages)) {
    const files = (record as Partial<PackageRecord> | null)?.files;
    if (!SPEC_ID.test(id) || typeof files !== "object" || files === null)
      throw new ManifestError(`${path}: package ${JSON.stringify(id)} is not a package codebook writes; restore the manifest from version control or delete it`);
    for (const file of Object.keys(files)) if (!isPackageFilePath(id, file)) throw outsidePackage(path, file, id);
  }
  const aggregate = raw.aggregate;
  if (aggregate === undefined) return { toolchain: raw.toolchain, packages: raw.packages };
  if (typeof aggregate !== "object" || aggregate === null || typeof aggregate.inputs !== "string" || typeof aggregate.files !== "object" || aggregate.files === null)
    throw new ManifestError(`${path}: "aggregate" is not a record codebook writes; restore the manifest from version control or delete it`);
  for (const file of Object.keys(aggregate.files)) if (!isAggregateFilePath(file)) throw outsidePackage(path, file, "(aggregate)");
  return { toolchain: raw.toolchain, packages: raw.packages, aggregate };
}

function outsidePackage(path: string, file: string, id: string): ManifestError {
  return new ManifestError(
    `${path}: ${JSON.stringify(file)} is outside package ${id}'s folder; codebook only ever touches files inside the out dir. Restore the manifest from version control, or delete it (codebook then removes nothing it did not just generate)`,
  );
}

/**
 * The claims journal (<outDir>/.codebook-manifest.claims): while a run writes, the paths it
 * creates that the manifest on disk does not list, one JSON array per write batch, appended
 * before the batch's first file is created. It is removed once the final manifest is written,
 * so a journal on disk means a run was interrupted. It replaces an interim manifest rewritten
 * whole for each batch: that listed every path of the run so far, and its cost grew with the run.
 */
export const CLAIMS_FILE = ".codebook-manifest.claims";

/** Every path the journal claims, or null when there is none. A last line without its newline (a run killed mid-append) claimed nothing yet. */
function readClaims(outDir: string): string[] | null {
  const path = join(outDir, CLAIMS_FILE);
  const read = readInputFile(path, { maxBytes: MANIFEST_MAX_BYTES, noFollow: true });
  if (!read.ok && read.reason === "missing") return null;
  if (!read.ok) throw new ManifestError(`${path} ${read.problem}, where codebook keeps the claims of a run in progress; move it out of the out dir, or delete it, and run again`);
  const text = read.bytes.toString("utf8");
  const files: string[] = [];
  for (const line of text.slice(0, text.lastIndexOf("\n") + 1).split("\n")) {
    if (line === "") continue;
    let batch: unknown;
    try {
      batch = JSON.parse(line);
    } catch {
      batch = null;
    }
    if (!Array.isArray(batch) || !batch.every((f) => typeof f === "string"))
      throw new ManifestError(`${path}: not a claims journal codebook wrote; delete it (codebook then removes nothing it did not just generate), and run again`);
    // Committed or edited, the journal is as untrusted as the manifest: every path inside its package's folder.
    for (const file of batch as string[]) {
      const id = file.slice(0, Math.max(0, file.indexOf("/")));
      if (!isAggregateFilePath(file) && (!SPEC_ID.test(id) || !isPackageFilePath(id, file))) throw outsidePackage(path, file, id || file);
      files.push(file);
    }
  }
  return files;
}

/** Claims `files` in the journal: one appended line, written before any of them is created. */
export function appendClaims(outDir: string, files: readonly string[]): void {
  const fd = openSync(join(outDir, CLAIMS_FILE), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0));
  try {
    writeSync(fd, `${JSON.stringify(files)}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Once the final manifest is written: the journal's claims are its now (or were removed). */
export function removeClaims(outDir: string): boolean {
  const path = join(outDir, CLAIMS_FILE);
  if (!lstatSync(path, { throwIfNoEntry: false })) return false;
  rmSync(path, { force: true });
  return true;
}

export function manifestText(m: Manifest): string {
  const packages: Record<string, PackageRecord> = {};
  for (const id of Object.keys(m.packages).sort()) {
    const files: Record<string, string> = {};
    for (const f of Object.keys(m.packages[id]!.files).sort()) files[f] = m.packages[id]!.files[f]!;
    const { spec, version, table, base } = m.packages[id]!;
    packages[id] = { spec, ...(version === undefined ? {} : { version }), ...(table === undefined ? {} : { table }), ...(base === undefined ? {} : { base }), files };
  }
  const sorted = (files: Record<string, string>) => Object.fromEntries(Object.keys(files).sort().map((f) => [f, files[f]!]));
  const value = {
    $comment: "Code generated by codebook. DO NOT EDIT. The files codebook wrote, so it only ever removes its own.",
    toolchain: m.toolchain,
    packages,
    ...(m.aggregate ? { aggregate: { inputs: m.aggregate.inputs, files: sorted(m.aggregate.files) } } : {}),
  };
  return JSON.stringify(value, null, 2) + "\n";
}

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function toolVersion(name: string): string {
  try {
    const require = createRequire(join(packageRoot, "package.json"));
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

/**
 * The generator's own hashes: baked into dist/source-hash.json by the build (the
 * package ships no generator/ sources), computed from generator/ when codebook
 * runs from source. Both hash the same files the same way, so they agree.
 */
function generatorHashes(): GeneratorSourceHashes {
  const baked = new URL("./source-hash.json", import.meta.url);
  if (import.meta.url.endsWith(".js") && existsSync(baked)) return JSON.parse(readFileSync(baked, "utf8")) as GeneratorSourceHashes;
  return (sourceHashes ??= generatorSourceHashes(join(packageRoot, "generator")));
}
let sourceHashes: GeneratorSourceHashes | undefined;

/** The dependencies every target's output depends on (the loader's). */
const CORE_DEPENDENCIES = ["yaml"];

/**
 * Fingerprint of one target's toolchain: codebook's version, the shared generator and
 * the target's own folder, the dependencies that shape its output, its templates and the
 * spec schema (read now: they are shipped files, and a template edited in this repository
 * must show at once), and the config as it concerns this target. Editing one target's
 * code or templates leaves every other target's fingerprint as it was.
 */
export function toolchainFingerprint(target: Pick<Target<unknown>, "name" | "fingerprint">, configText: string): string {
  const hashes = generatorHashes();
  const h = createHash("sha256");
  h.update(`codebook ${packageVersion} ${hashes.core}\n`);
  for (const folder of target.fingerprint.sources) h.update(`${folder} ${hashes.targets[folder.replace(/^targets\//, "")] ?? ""}\n`);
  for (const dep of [...target.fingerprint.dependencies, ...CORE_DEPENDENCIES]) h.update(`${dep} ${toolVersion(dep)}\n`);
  h.update(configText);
  const templates = target.fingerprint.templates.flatMap((folder) => filesUnder(join(templatesDir, folder), /./));
  for (const f of [...templates, specSchemaPath])
    h.update(f.slice(packageRoot.length).split("\\").join("/")).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex");
}
