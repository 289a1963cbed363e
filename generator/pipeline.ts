/**
 * The pipeline, one direction: config -> load+lint -> emit -> format ->
 * compile -> write (or compare, for --check). Heavy modules (ts-morph,
 * prettier, handlebars) are imported only after the fast up-to-date check.
 */
import { readFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { loadConfig, type Config } from "./config.ts";
import { SpecError } from "./load/diagnostics.ts";
import { listSpecFiles, loadSpecs } from "./load/load-specs.ts";
import type { Spec } from "./model/types.ts";
import { specSchemaPath } from "./paths.ts";
import type { GeneratedFile } from "./emit/generated-file.ts";
import { readManifest, sha256, toolchainFingerprint, type Manifest } from "./write/manifest.ts";
import { MANIFEST_FILE } from "./write/manifest.ts";
import type { Change, Problem } from "./write/write.ts";

export interface RunOptions {
  /** Config file path (default: codebook.config.yaml in cwd). */
  config?: string;
  cwd?: string;
  /** Only these spec ids. */
  only?: readonly string[];
}

export interface GenerateOptions extends RunOptions {
  /** Compare with disk and write nothing. */
  check?: boolean;
  /** Emit everything even when the manifest proves the out dir current (so `files` is complete). */
  force?: boolean;
}

export interface GenerateResult {
  config: Config;
  /** Every generated file (empty when the fast check answered without generating). */
  files: GeneratedFile[];
  /** What changed (or would change, with check). */
  changes: Change[];
  /** With check: every stale, missing or orphaned file. */
  problems: Problem[];
  /** A human-readable summary. */
  report: string;
}

/** Loads and lints the specs; throws SpecError with every diagnostic. */
export async function lint(options: RunOptions = {}): Promise<Spec[]> {
  const config = loadConfig(options.config, options.cwd ?? process.cwd());
  return loadChecked(config, options.only ?? []);
}

function loadChecked(config: Config, only: readonly string[]): Spec[] {
  const loaded = loadSpecs({ root: config.root, specDir: config.specDir, schemaPath: specSchemaPath, only });
  if (loaded.diagnostics.length) throw new SpecError(loaded.diagnostics, loaded.sources);
  return loaded.specs;
}

function configFingerprint(config: Config): string {
  const rel = (p: string) => relative(config.root, p).split("\\").join("/");
  return JSON.stringify({ specDir: rel(config.specDir), outDir: rel(config.outDir), scope: config.scope, enumStyle: config.enumStyle });
}

/** Whether the manifest proves the out dir current: same inputs, same files on disk. */
function upToDate(config: Config, manifest: Manifest | null, toolchain: string): boolean {
  if (!manifest || manifest.toolchain !== toolchain) return false;
  const specs = listSpecFiles(config.specDir);
  const ids = specs.map((p) => basename(p, ".yaml"));
  if (ids.length !== Object.keys(manifest.packages).length) return false;
  for (const [i, path] of specs.entries()) {
    const record = manifest.packages[ids[i]!];
    if (!record || record.spec !== sha256(readFileSync(path))) return false;
    for (const [file, hash] of Object.entries(record.files)) {
      let text: Buffer;
      try {
        text = readFileSync(`${config.outDir}/${file}`);
      } catch {
        return false;
      }
      if (sha256(text) !== hash) return false;
    }
  }
  return true;
}

export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const config = loadConfig(options.config, options.cwd ?? process.cwd());
  const only = options.only ?? [];
  const toolchain = toolchainFingerprint(configFingerprint(config));
  const previous = readManifest(config.outDir);
  // Same inputs and untouched outputs: nothing to generate, write or report.
  if (!options.force && only.length === 0 && upToDate(config, previous, toolchain))
    return { config, files: [], changes: [], problems: [], report: "codebook: generated files are up to date" };

  const specs = loadChecked(config, only);
  const files = await emitAll(specs, config);

  const { plan, problemsOf, apply, displayPath } = await import("./write/write.ts");
  const next: Manifest = { toolchain, packages: {} };
  for (const spec of specs) {
    const record = { spec: sha256(readFileSync(`${config.root}/${spec.specFile}`)), files: {} as Record<string, string> };
    for (const f of files) if (f.path.startsWith(`${spec.id}/`)) record.files[f.path] = sha256(f.content);
    next.packages[spec.id] = record;
  }
  const existing = new Set(listSpecFiles(config.specDir).map((p) => basename(p, ".yaml")));
  const p = plan(config.outDir, files, next, previous, existing);
  const show = (path: string) => displayPath(config.root, config.outDir, path);

  if (options.check) {
    const problems = problemsOf(config.outDir, p, files);
    const report = problems.length
      ? [
          `codebook: ${problems.length} generated file${problems.length === 1 ? " is" : "s are"} out of date; run \`codebook generate\`:`,
          ...problems.map((x) => `  ${x.kind.padEnd(8)} ${show(x.path)}${x.diff ? `\n${x.diff.replace(/^/gm, "      ")}` : ""}`),
        ].join("\n")
      : "codebook: generated files are up to date";
    return { config, files, changes: p.changes, problems, report };
  }

  apply(config.outDir, p);
  const changed = p.changes.filter((c) => c.kind !== "unchanged");
  const counts = (k: string) => changed.filter((c) => c.kind === k).length;
  const report = [
    `codebook: ${specs.length} package${specs.length === 1 ? "" : "s"}, ${files.length} files: ${counts("created")} created, ${counts("updated")} updated, ${counts("removed")} removed, ${p.changes.length - changed.length} unchanged`,
    ...changed.map((c) => `  ${c.kind.padEnd(8)} ${show(c.path)}`),
  ].join("\n");
  return { config, files, changes: p.changes, problems: [], report };
}

/** Emit, format, compile and format again: the whole in-memory output of a run. */
async function emitAll(specs: Spec[], config: Config): Promise<GeneratedFile[]> {
  const [{ emitPackage }, { formatFiles }, { compileModule }, { lineHeader }] = await Promise.all([
    import("./emit/package.ts"),
    import("./format/format.ts"),
    import("./compile/compile.ts"),
    import("./emit/generated-file.ts"),
  ]);
  const api = specs.some((s) => s.api) ? await import("./emit/api/index.ts") : null;
  const out: GeneratedFile[] = [];
  for (const spec of specs) {
    const { modules, files } = emitPackage(spec, config, api);
    // Prettier formats what people read and edit-review: sources, Markdown, templated JSON.
    // dist/ is the TypeScript printer's output of formatted sources, and JSON.stringify output
    // is already canonical; formatting those again costs seconds on large tables for no change in meaning.
    const formatted = await formatFiles(modules);
    const compiled = formatted.flatMap((m) => compileModule(m, lineHeader(spec)));
    const [templated, data] = [files.filter((f) => !isStringifiedJson(f)), files.filter(isStringifiedJson)];
    out.push(...formatted, ...compiled, ...(await formatFiles(templated)), ...data);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** JSON we produce with JSON.stringify (catalogs, schemas): already in canonical form. */
function isStringifiedJson(f: GeneratedFile): boolean {
  return f.path.endsWith(".json") && !f.path.endsWith("/package.json");
}

export { MANIFEST_FILE };
