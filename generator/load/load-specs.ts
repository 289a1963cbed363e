/**
 * The load + lint stages for a whole spec directory: read every `*.yaml`,
 * parse with positions, enforce the schema, check semantics, build the IR.
 * All problems of all files are collected; nothing is thrown for bad input.
 * The checks that need the filesystem (the seed) live here; build-spec.ts is pure.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, posix, relative, resolve, win32 } from "node:path";
import { ConfigError } from "../config/config.ts";
import type { Spec } from "../model/types.ts";
import { buildSpec } from "./build-spec.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { isProfile, mergeProfile } from "./profile/merge-profile.ts";
import { didYouMean } from "./suggest.ts";
import { checkControlCharacters, decodeSpecBytes, decodeSpecText, readSpecFile } from "./hostile-text.ts";
import { semanticsBesideSchema } from "./beside-schema.ts";
import { contextWarnings } from "./context-warnings.ts";
import { fieldLengthWarnings } from "./field-warnings.ts";
import { sampleDiagnostics } from "./sample-warnings.ts";
import { checkSchemaAt } from "./schema-check.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";
import { idProblems, targetNameDiagnostics, type NamingTarget } from "./target-names.ts";
import { typescriptTarget } from "../targets/typescript/target.ts";
import { TYPESCRIPT_DEFAULTS } from "../targets/typescript/options.ts";
import { shippedSpec, shippedSpecIds, SHIPPED_SPEC_DIR } from "./shipped-specs.ts";

export interface LoadResult {
  specs: Spec[];
  diagnostics: Diagnostic[];
  /** Problems that do not stop a run (`--strict` makes them errors), positioned like diagnostics. */
  warnings: Diagnostic[];
  /** Spec text by display path, for code frames. */
  sources: Map<string, string>;
  /** Per spec id, the display paths its package is made from: its file, then its bases' (`extends`). */
  inputs: Map<string, string[]>;
  /**
   * Per spec id of a clean spec, the input hash of the bytes this lint read (the manifest's `spec`,
   * as cache/cache.ts's specInputs computes it from the files): a run records the hash of what it
   * linted and emitted, never of an earlier or later read of a file another process is editing.
   */
  inputHashes: Map<string, string>;
}

export interface LoadOptions {
  /** Repository root: spec paths in diagnostics and output are relative to it. */
  root: string;
  specDir: string;
  /** Only these spec ids (all when empty). */
  only?: readonly string[];
  /** The targets whose naming rules a spec must satisfy (none: the format's own checks only). */
  targets?: readonly NamingTarget[];
}

/** A spec is a `.yaml` or `.yml` file directly in the spec directory; its id is its name without the extension. */
const SPEC_FILE = /\.ya?ml$/;

/** Whether a file name in the spec directory names a spec (a regular file of that name is one). */
export function isSpecFileName(name: string): boolean {
  return SPEC_FILE.test(name);
}

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
  const files = listSpecFiles(options.specDir);
  const displayOf = (path: string) => relative(options.root, path).split("\\").join("/") || ".";
  if (files.length === 0)
    throw new ConfigError(`${displayOf(options.specDir)}/ holds no specs (*.yaml or *.yml files); scaffold one with \`codebook init <id>\``);
  const ids = files.map(specIdOf);
  const unknown = (options.only ?? []).filter((id) => !ids.includes(id));
  if (unknown.length) throw new ConfigError(`--only: no spec named ${unknown.map((id) => `"${id}"`).join(", ")} (specs: ${[...new Set(ids)].join(", ")})`);
  // Every spec is readable by id (a profile's base is found even outside --only); a twin is reported, not read.
  const texts: SpecText[] = [];
  const twins: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const [i, path] of files.entries()) {
    const id = ids[i]!;
    const display = displayOf(path);
    const twin = seen.get(id);
    if (twin !== undefined) {
      if (!options.only?.length || options.only.includes(id))
        twins.push({ file: display, line: 1, col: 1, length: 1, message: `spec id "${id}" is already ${twin}; keep one file per id` });
      continue;
    }
    seen.set(id, display);
    // Bytes, not "utf8": a lossy decode would carry U+FFFD into every output.
    texts.push({ id, display, read: () => readSpecFile(path, display), dir: dirname(path) });
  }
  const result = loadTexts(texts, options.only ?? [], options.root, options.targets ?? []);
  for (const d of twins) {
    const twin = readSpecFile(join(options.specDir, basename(d.file)), d.file);
    if ("bytes" in twin) result.sources.set(d.file, new TextDecoder().decode(twin.bytes));
    result.diagnostics.push(d);
  }
  return result;
}

/** One spec's text, read on demand (a base outside --only is read only when a profile needs it). */
export interface SpecText {
  id: string;
  display: string;
  /** Bytes from a file (decoded strictly here), a text that is already a string, or why the file could not be read. */
  read: () => { bytes: Uint8Array } | { problem: Diagnostic } | string;
  /** The spec file's directory, for the checks that need the filesystem (the seed); null for texts without a file. */
  dir: string | null;
}

interface Linted {
  source?: YamlSource;
  spec?: Spec;
  diagnostics: Diagnostic[];
  warnings: Diagnostic[];
  /** The display paths this spec is made from: its own, then its bases'. */
  chain: string[];
  /** The sha256 of each of those files' bytes, as read for this lint. */
  hashes: string[];
}

/**
 * Lints a set of spec texts that may extend each other: `only` picks which are
 * checked and returned (all when empty); the others are read only as bases.
 */
export function loadTexts(texts: readonly SpecText[], only: readonly string[], root: string | null, targets: readonly NamingTarget[] = []): LoadResult {
  const result: LoadResult = { specs: [], diagnostics: [], warnings: [], sources: new Map(), inputs: new Map(), inputHashes: new Map() };
  const byId = new Map(texts.map((t) => [t.id, t]));
  /** A spec by id: the set's own, else the one codebook ships (a profile's base the user's directory lacks). */
  const shippedTexts = new Map<string, SpecText>();
  const find = (id: string): SpecText | undefined => {
    const own = byId.get(id) ?? shippedTexts.get(id);
    if (own) return own;
    const shipped = shippedSpec(id);
    if (!shipped) return undefined;
    const text: SpecText = { id, display: shipped.display, read: () => readSpecFile(shipped.path, shipped.display), dir: SHIPPED_SPEC_DIR };
    shippedTexts.set(id, text);
    return text;
  };
  const parsed = new Map<string, { source?: YamlSource; diagnostics: Diagnostic[]; hash: string }>();
  const linted = new Map<string, Linted>();
  /** Specs a profile extends: their parsed documents are kept for the next profile. */
  const bases = new Set<string>();
  const wanted = texts.filter((t) => !only.length || only.includes(t.id));
  // Collisions between specs (two ids, one Go package) need every id, not every spec: asked once, reported at each spec.
  const between = idProblems(texts.map((t) => t.id), targets);

  /** Parse and schema check, once per spec. */
  const parse = (t: SpecText) => {
    let p = parsed.get(t.id);
    if (!p) {
      const raw = t.read();
      if (typeof raw !== "string" && "problem" in raw) p = { diagnostics: [raw.problem], hash: "" };
      else {
        const hash = createHash("sha256").update(typeof raw === "string" ? raw : raw.bytes).digest("hex");
        const { text, diagnostics: encoding } = typeof raw === "string" ? decodeSpecText(t.display, raw) : decodeSpecBytes(t.display, raw.bytes);
        result.sources.set(t.display, text);
        p = { ...(encoding.length ? { diagnostics: encoding } : checkShape(t.display, text, t.id)), hash };
      }
      parsed.set(t.id, p);
    }
    return p;
  };

  const lint = (t: SpecText): Linted => {
    const done = linted.get(t.id);
    if (done) return done;
    const { source, diagnostics, hash } = parse(t);
    let out: Linted = { diagnostics, warnings: [], chain: [t.display], hashes: [hash] };
    if (source) {
      if (isProfile(source.value)) out = lintProfile(t, source, hash);
      else out = { source, ...buildSpec(source, t.display, t.id), warnings: [], chain: [t.display], hashes: [hash] };
      if (out.spec && out.source) {
        const names = targetNameDiagnostics(out.spec, out.source, targets, between.get(t.id));
        const samples = names.length ? null : sampleDiagnostics(out.spec, out.source);
        if (names.length || samples!.errors.length) {
          out.diagnostics.push(...names, ...(samples?.errors ?? []));
          delete out.spec;
        } else out.warnings = [...contextWarnings(out.spec, out.source), ...fieldLengthWarnings(out.source), ...samples!.warnings];
      }
      const seedProblems = t.dir !== null && root !== null ? checkSeed(source, t.dir, root) : [];
      if (seedProblems.length) {
        out.diagnostics.push(...seedProblems);
        delete out.spec;
      }
    }
    linted.set(t.id, out);
    return out;
  };

  const lintProfile = (t: SpecText, source: YamlSource, hash: string): Linted => {
    const baseId = String((source.value as { extends: unknown }).extends);
    const fail = (message: string): Linted => ({ diagnostics: [source.at(["extends"], message)], warnings: [], chain: [t.display], hashes: [hash] });
    // Follow the chain of bases by name first, so a cycle is reported as one, at each member.
    const chain = [t.id];
    for (let id: string | null = baseId; id !== null; ) {
      if (chain.includes(id)) return fail(`extends forms a cycle: ${[...chain.slice(chain.indexOf(id)), id].join(" → ")}`);
      const next = find(id);
      if (!next) {
        const shipped = shippedSpecIds();
        if (id === baseId)
          return fail(
            `no spec "${baseId}" to extend in the spec directory or among codebook's shipped specs${didYouMean(baseId, new Set([...byId.keys(), ...shipped]))} (specs: ${[...byId.keys()].join(", ")}; shipped: ${shipped.join(", ") || "none"})`,
          );
        break;
      }
      chain.push(id);
      const value = parse(next).source?.value;
      id = isProfile(value) ? String((value as { extends: unknown }).extends) : null;
    }
    const baseText = find(baseId)!;
    bases.add(baseId);
    const base = lint(baseText);
    if (!base.spec || !base.source) {
      // A base outside --only is not reported on its own: its problems come with the profile's.
      if (only.length && !only.includes(baseId)) result.diagnostics.push(...base.diagnostics.filter((d) => !result.diagnostics.includes(d)));
      return fail(`the base spec "${baseId}" (${baseText.display}) has problems; fix them first`);
    }
    const merged = mergeProfile(source, { source: base.source, spec: base.spec });
    const chainFiles = [t.display, ...base.chain];
    // The base as this profile merged it: the bytes read by the lint whose result it used.
    const hashes = [hash, ...base.hashes];
    if (!merged.source) return { diagnostics: merged.diagnostics, warnings: [], chain: chainFiles, hashes };
    return { source: merged.source, ...buildSpec(merged.source, t.display, t.id, merged.plan), warnings: [], chain: chainFiles, hashes };
  };

  for (const t of wanted) {
    const out = lint(t);
    result.diagnostics.push(...out.diagnostics);
    result.warnings.push(...out.warnings);
    result.inputs.set(t.id, out.chain);
    if (out.spec) {
      result.specs.push(out.spec);
      result.inputHashes.set(t.id, out.hashes.length === 1 ? out.hashes[0]! : createHash("sha256").update(out.hashes.join("\n")).digest("hex"));
    }
    // A parsed document (with its ranges) is several times its spec's IR: keeping every one
    // until the end held about 2 MB per SNAP-sized spec. A clean spec that no profile has
    // extended yet is dropped; a profile met later parses it again, once.
    if (out.spec && !bases.has(t.id)) {
      parsed.delete(t.id);
      linted.delete(t.id);
    }
  }
  return result;
}

/**
 * Lints one spec text; exported for tests and editors. It has no file, so it
 * skips the checks that need one (the seed): loadSpecs runs those. A profile
 * (`extends`) needs its base: give the other texts in `others`. Names are checked
 * as the default config's target (TypeScript) derives them.
 */
export function loadSpecText(display: string, text: string, id: string, others: readonly { display: string; text: string; id: string }[] = []): { spec?: Spec; diagnostics: Diagnostic[]; warnings: Diagnostic[] } {
  const texts = [{ display, text, id }, ...others.filter((o) => o.id !== id)].map((t) => ({ id: t.id, display: t.display, read: () => t.text, dir: null }));
  const { specs, diagnostics, warnings } = loadTexts(texts, [id], null, [{ target: typescriptTarget, options: TYPESCRIPT_DEFAULTS }]);
  return specs[0] ? { spec: specs[0], diagnostics, warnings } : { diagnostics, warnings };
}

/**
 * Parse with positions and check the schema's shapes; the source comes back only when both pass.
 * Beside schema problems, the semantic checks the broken parts cannot mislead run too (one run shows both).
 */
function checkShape(display: string, text: string, id: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const control = checkControlCharacters(display, text);
  if (control.length) return { diagnostics: control };
  const source = parseYamlSource(display, text);
  if (source.syntaxErrors.length) return { diagnostics: source.syntaxErrors };
  if (typeof source.value !== "object" || source.value === null || Array.isArray(source.value))
    return { diagnostics: [source.at([], "a spec must be a YAML mapping")] };
  const schema = checkSchemaAt(source);
  if (schema.diagnostics.length) {
    // A profile's rows are only complete once merged with its base: its schema problems come alone.
    const beside = isProfile(source.value) ? [] : semanticsBesideSchema(source, display, id, schema.paths, schema.diagnostics);
    return { diagnostics: [...schema.diagnostics, ...beside] };
  }
  return { source, diagnostics: [] };
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
