/**
 * The load + lint stages for a whole spec directory: read every `*.yaml`,
 * parse with positions, enforce the schema, check semantics, build the IR.
 * All problems of all files are collected; nothing is thrown for bad input.
 * The checks that need the filesystem (the seed) live here; build-spec.ts is pure.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, posix, relative, resolve, win32 } from "node:path";
import { ConfigError } from "../config.ts";
import type { Spec } from "../model/types.ts";
import { buildSpec } from "./build-spec.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { checkControlCharacters, decodeSpecBytes } from "./hostile-text.ts";
import { semanticsBesideSchema } from "./beside-schema.ts";
import { checkSchemaAt } from "./schema-check.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";

export interface LoadResult {
  specs: Spec[];
  diagnostics: Diagnostic[];
  /** Spec text by display path, for code frames. */
  sources: Map<string, string>;
}

export interface LoadOptions {
  /** Repository root: spec paths in diagnostics and output are relative to it. */
  root: string;
  specDir: string;
  /** Only these spec ids (all when empty). */
  only?: readonly string[];
}

/** A spec is a `.yaml` or `.yml` file directly in the spec directory; its id is its name without the extension. */
const SPEC_FILE = /\.ya?ml$/;

export function specIdOf(path: string): string {
  return basename(path).replace(SPEC_FILE, "");
}

/** The spec files of a directory, sorted so every run sees them in one order. */
export function listSpecFiles(specDir: string): string[] {
  return readdirSync(specDir, { withFileTypes: true })
    .filter((e) => e.isFile() && SPEC_FILE.test(e.name))
    .map((e) => join(specDir, e.name))
    .sort();
}

export function loadSpecs(options: LoadOptions): LoadResult {
  const result: LoadResult = { specs: [], diagnostics: [], sources: new Map() };
  const files = listSpecFiles(options.specDir);
  const displayOf = (path: string) => relative(options.root, path).split("\\").join("/") || ".";
  if (files.length === 0)
    throw new ConfigError(`${displayOf(options.specDir)}/ holds no specs (*.yaml or *.yml files); scaffold one with \`codebook init <id>\``);
  const ids = files.map(specIdOf);
  const unknown = (options.only ?? []).filter((id) => !ids.includes(id));
  if (unknown.length) throw new ConfigError(`--only: no spec named ${unknown.map((id) => `"${id}"`).join(", ")} (specs: ${[...new Set(ids)].join(", ")})`);
  const seen = new Map<string, string>();
  for (const [i, path] of files.entries()) {
    const id = ids[i]!;
    if (options.only?.length && !options.only.includes(id)) continue;
    const display = displayOf(path);
    // Bytes, not "utf8": a lossy decode would carry U+FFFD into every output.
    const { text, diagnostics: encoding } = decodeSpecBytes(display, readFileSync(path));
    result.sources.set(display, text);
    if (encoding.length) {
      result.diagnostics.push(...encoding);
      continue;
    }
    const twin = seen.get(id);
    if (twin !== undefined) {
      result.diagnostics.push({ file: display, line: 1, col: 1, length: 1, message: `spec id "${id}" is already ${twin}; keep one file per id` });
      continue;
    }
    seen.set(id, display);
    const { source, spec, diagnostics } = lintSpecText(display, text, id);
    const seedProblems = source ? checkSeed(source, dirname(path), options.root) : [];
    result.diagnostics.push(...diagnostics, ...seedProblems);
    if (spec && !seedProblems.length) result.specs.push(spec);
  }
  return result;
}

/**
 * Lints one spec text; exported for tests and editors. It has no file, so it
 * skips the checks that need one (the seed): loadSpecs runs those.
 */
export function loadSpecText(display: string, text: string, id: string): { spec?: Spec; diagnostics: Diagnostic[] } {
  const { spec, diagnostics } = lintSpecText(display, text, id);
  return spec ? { spec, diagnostics } : { diagnostics };
}

/** The parsed source comes back once it has the schema's shape, for the checks that need the filesystem. */
function lintSpecText(display: string, text: string, id: string): { source?: YamlSource; spec?: Spec; diagnostics: Diagnostic[] } {
  const control = checkControlCharacters(display, text);
  if (control.length) return { diagnostics: control };
  const source = parseYamlSource(display, text);
  if (source.syntaxErrors.length) return { diagnostics: source.syntaxErrors };
  if (typeof source.value !== "object" || source.value === null || Array.isArray(source.value))
    return { diagnostics: [source.at([], "a spec must be a YAML mapping")] };
  const schema = checkSchemaAt(source);
  // Semantic checks assume the schema's shapes: beside schema problems, only those the broken parts cannot mislead.
  if (schema.diagnostics.length)
    return { diagnostics: [...schema.diagnostics, ...semanticsBesideSchema(source, display, id, schema.paths, schema.diagnostics)] };
  return { source, ...buildSpec(source, display, id) };
}

/**
 * `source.seed` names the copy of the source document, relative to the spec
 * file's directory (`sources/iak-prepaid.txt`), so that every clone of the
 * project has the document its spec cites and the fidelity tests can read it.
 * An absolute path is refused on every platform alike: it names a file on one
 * machine only.
 */
function checkSeed(source: YamlSource, specFileDir: string, root: string): Diagnostic[] {
  const seed = (source.value as { source: { seed?: string } }).source.seed;
  if (seed === undefined) return [];
  const at = (message: string): Diagnostic[] => [source.at(["source", "seed"], message)];
  if (posix.isAbsolute(seed) || win32.isAbsolute(seed))
    return at(`seed "${seed}" is an absolute path; give the document's path relative to the spec file's directory (e.g. sources/<id>.txt)`);
  const file = resolve(specFileDir, seed);
  if (!isFile(file)) {
    const shown = relative(root, file).split("\\").join("/");
    return at(`seed "${seed}" names no file (looked for ${shown}); a seed is relative to the spec file's directory (e.g. sources/<id>.txt)`);
  }
  return [];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
