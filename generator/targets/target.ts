/**
 * The target contract: what a language (or any other output) must give codebook
 * to be generated. A target is a value, registered by one line in registry.ts;
 * nothing outside its folder branches on its name.
 *
 * A target owns:
 * - its options (a JSON Schema that codebook.config.yaml's schema is assembled
 *   from, and the check that reads them) and its default out dir;
 * - its name checks: the identifiers it derives from a spec under its own naming
 *   rules (reserved words, collisions after its case conventions), reported at lint
 *   time at the spec's text;
 * - `emit(spec) → files`, pure: no I/O, the same files for the same spec;
 * - `finish(files)`: compiling and formatting, off the main thread where its tools allow;
 * - what enters its fingerprint: its own source folder and the dependencies that shape
 *   its output, so that editing one target regenerates only that target's out dir;
 * - optionally, an aggregate over every package (an index of all specs, say).
 *
 * Heavy modules (emitters, compilers, formatters) load in `load()`, after the
 * up-to-date check: an unchanged run loads none.
 */
import type { GeneratedFile } from "../model/generated-file.ts";
import type { Spec } from "../model/types.ts";

/** The subset of JSON Schema a target's options are described with (editors complete them). */
export type OptionsSchema = {
  type: "object";
  description?: string;
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties: false;
};

/** A problem with a target's options: one line, the config file names its place. */
export class OptionsError extends Error {}

/** Where a name a target derives comes from in a spec; the loader turns it into file:line:col. */
export type NameSite =
  | { kind: "spec"; key: "id" | "typePrefix" | "pattern" }
  | { kind: "code"; code: string }
  | { kind: "context"; id: string }
  | { kind: "category"; id: string }
  | { kind: "scope"; id: string }
  | { kind: "action"; id: string }
  | { kind: "endpoint"; key: string }
  /** A body field, by its endpoint, body and JSON keys from the body down; `key` names one of its keys. */
  | { kind: "field"; endpoint: string; body: "request" | "response"; keys: string[]; key: "pattern" };

/** A name a target cannot use as it is, and what to do about it. */
export interface NameProblem {
  at: NameSite;
  message: string;
}

/** What a target's emit and finish see of the run, besides the spec. */
export interface TargetRun<O> {
  options: O;
  /** The config's directory, for paths a package states relative to the repository. */
  root: string;
  /** The out dir, relative to `root`, forward slashes. */
  outDir: string;
}

/** The heavy half of a target, loaded once per run that emits (see `Target.load`). */
export interface TargetStages<O> {
  /** One package's files, unformatted; paths are relative to the out dir and start with the spec's id. */
  emit(spec: Spec, run: TargetRun<O>): GeneratedFile[];
  /**
   * The package's final files: sources formatted, build output added (or whatever the
   * target's tools do). It may run its work on the thread pool; the pipeline emits the
   * next package meanwhile.
   */
  finish(files: GeneratedFile[], spec: Spec, run: TargetRun<O>): Promise<GeneratedFile[]>;
}

/** What an aggregate reads of one package: its spec id and its catalog (catalog.json, parsed). */
export interface AggregateInput {
  id: string;
  catalog: unknown;
}

/**
 * Output over every package of a target's out dir. It reads each package's catalog,
 * emitted this run or reused (the manifest proves a reused one current), and writes
 * files whose first path segment cannot be a spec id (a file such as `index.html`, or a
 * folder such as `_index/`), recorded in the manifest apart from the packages.
 */
export interface Aggregate<O> {
  /** The catalog's path inside a package, e.g. `<id>/catalog.json`. */
  catalogPath(id: string): string;
  emit(inputs: readonly AggregateInput[], run: TargetRun<O>): GeneratedFile[];
}

export interface Target<O = unknown> {
  /** The name `targets:` entries use: lower case, e.g. "typescript". */
  readonly name: string;
  /** One line for the help and the config schema. */
  readonly description: string;
  /** The out dir when an entry gives none, relative to the config's directory. */
  readonly defaultOutDir: string;
  /** The entry's `options`, for editors (schema/config.schema.json is assembled from these). */
  readonly optionsSchema: OptionsSchema;
  /** The entry's options checked and with their defaults; throws OptionsError. */
  readOptions(raw: Readonly<Record<string, unknown>>): O;
  /** The names this target derives from a spec that it cannot use: lint errors at their place. */
  checkNames(spec: Spec, options: O): NameProblem[];
  /**
   * Names that collide between specs under this target's rules, from their ids alone
   * (two ids that give one package name, say): a lint error at each spec involved.
   * The loader asks once per run with every spec id, before it lints. Optional.
   */
  checkIds?(ids: readonly string[], options: O): { id: string; problem: NameProblem }[];
  /**
   * What shapes this target's output besides the spec and the shared generator:
   * its source folders (relative to generator/), its template folders (relative to
   * templates/), and the npm packages whose versions change its output.
   */
  readonly fingerprint: { readonly sources: readonly string[]; readonly templates: readonly string[]; readonly dependencies: readonly string[] };
  /** Loads the emitters and tools; called once, after the up-to-date check found work to do. */
  load(): Promise<TargetStages<O>>;
  readonly aggregate?: Aggregate<O>;
  /**
   * Whether these options publish the packages under their versions (a registry must never
   * see two packages under one version): files that change under an unchanged version are
   * then a warning. Absent: never published.
   */
  publishes?(options: O): boolean;
}
