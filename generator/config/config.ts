/**
 * codebook.config.yaml: where specs are read and packages written, and the
 * few choices that shape generated code. Relative paths resolve against the
 * config file's directory, so output does not depend on the working directory.
 *
 * Every mistake here is a ConfigError: one clear line and exit code 2, never a
 * stack trace, and never a run that writes somewhere it should not.
 */
import { existsSync, lstatSync, realpathSync, statSync, type Stats } from "node:fs";
import { dirname, join, parse as parsePath, relative, resolve, sep } from "node:path";
import { parse } from "yaml";
import { SHIPPED_TARGETS } from "../targets/registry.ts";
import type { Target } from "../targets/target.ts";
import { typescriptTarget } from "../targets/typescript/target.ts";
import { TYPESCRIPT_DEFAULTS, type EnumStyle, type TypeScriptOptions } from "../targets/typescript/options.ts";
import type { Publish } from "../targets/typescript/publish.ts";
import { ConfigError } from "../common/errors.ts";
import { fileKind, readInputFile } from "../common/input-file.ts";
import { readTargets, SINGLE_TARGET_KEYS, type TargetSetting } from "./targets-config.ts";

export type { EnumStyle } from "../targets/typescript/options.ts";

/** A target of the run: what it is, where it writes (absolute), its checked options. */
export interface ConfiguredTarget extends TargetSetting {
  outDir: string;
}

export interface Config {
  /** Directory the config file is in; the root for every relative path. */
  root: string;
  /** The config file, or null when none exists and the defaults apply. */
  file: string | null;
  specDir: string;
  /** What the run emits, in the config's order; each target has an out dir of its own. */
  targets: ConfiguredTarget[];
  /**
   * The first TypeScript target's out dir and options (what `codebook mock` serves),
   * else the TypeScript defaults: kept for callers of the single-target config.
   */
  outDir: string;
  /** npm scope of generated packages, e.g. "@codebook". */
  scope: string;
  /** "const": `as const` objects plus union types (erasable syntax). "enum": TypeScript enums. */
  enumStyle: EnumStyle;
  /** Publishing options; null: generated packages are private. */
  publish: Publish | null;
}

export const CONFIG_FILE = "codebook.config.yaml";
const CONFIG_FILES = [CONFIG_FILE, "codebook.config.yml"];
/** A config is a few lines; a larger file is not one (README, "Limits and hostile input"). */
export const CONFIG_MAX_BYTES = 1024 * 1024;

const TOP_LEVEL_KEYS = ["specDir", "targets", ...SINGLE_TARGET_KEYS];

export { CodebookError, ConfigError } from "../common/errors.ts";

/**
 * Config forms codebook does not read. Found on the way up (beside a YAML config too), they are an error that names
 * the file: passing one by silently, for a YAML config or for the defaults, would run without the options it holds.
 */
const FOREIGN_CONFIGS = ["codebook.config.json", "codebook.config.js", "codebook.config.mjs", "codebook.config.cjs", "codebook.config.ts"];

/**
 * The config file `codebook` uses from `cwd`: `--config`, else the nearest CONFIG_FILES in `cwd` or a directory above
 * it, as ESLint and Prettier look, stopping at the repository root (a directory with `.git`) or the filesystem root;
 * else null (the defaults, rooted at `cwd`).
 */
export function findConfigFile(configPath: string | undefined, cwd: string): string | null {
  if (configPath !== undefined) {
    const path = resolve(cwd, configPath);
    if (!existsSync(path)) throw new ConfigError(`${configPath}: config file not found`);
    return path;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    refuseForeignConfig(dir);
    for (const name of CONFIG_FILES) if (existsSync(join(dir, name))) return join(dir, name);
    if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return null;
  }
}

/** A config codebook would otherwise ignore: one line naming it and saying what to do, exit 2. */
function refuseForeignConfig(dir: string): void {
  for (const name of FOREIGN_CONFIGS) {
    const path = join(dir, name);
    if (existsSync(path))
      throw new ConfigError(`${path}: codebook reads its config from ${CONFIG_FILE} only; move these options there (YAML accepts JSON as it is)`);
  }
  const pkg = join(dir, "package.json");
  if (!existsSync(pkg)) return;
  const read = readInputFile(pkg, { maxBytes: CONFIG_MAX_BYTES });
  if (!read.ok) return;
  let json: unknown;
  try {
    json = JSON.parse(read.bytes.toString("utf8"));
  } catch {
    return; // Not codebook's file to judge.
  }
  if (typeof json === "object" && json !== null && Object.hasOwn(json, "codebook"))
    throw new ConfigError(`${pkg}: codebook does not read a "codebook" key in package.json; move its options to ${join(dir, CONFIG_FILE)}`);
}

/** The config `codebook` runs with; `targets` adds targets beside the shipped ones (the programmatic API's). */
export function loadConfig(configPath: string | undefined, cwd: string, targets: readonly Target<any>[] = []): Config {
  const path = findConfigFile(configPath, cwd);
  const config = readConfig(path, cwd, targets);
  // Without a config file, a missing spec/ almost always means the wrong directory.
  if (path === null && !existsSync(config.specDir))
    throw new ConfigError(`no ${CONFIG_FILE} in ${cwd} or above it, and no spec/ directory here: run \`codebook init\`, or pass --config FILE`);
  return checkDirs(config);
}

/** The config at `path` (null: the defaults, rooted at `cwd`), checked as options but not against the disk. */
export function readConfig(path: string | null, cwd: string, extraTargets: readonly Target<any>[] = []): Config {
  const registry = [...SHIPPED_TARGETS, ...extraTargets.filter((t) => !SHIPPED_TARGETS.some((s) => s.name === t.name))];
  if (path === null) return resolveConfig(cwd, null, {}, registry);
  const read = readInputFile(path, { maxBytes: CONFIG_MAX_BYTES });
  if (!read.ok) throw new ConfigError(`${path} ${read.problem}`);
  let raw: unknown;
  try {
    raw = parse(read.bytes.toString("utf8")) ?? {};
  } catch (err) {
    throw new ConfigError(`${path}: ${(err as Error).message.split("\n")[0]}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError(`${path}: expected a mapping`);
  for (const key of Object.keys(raw)) if (!TOP_LEVEL_KEYS.includes(key)) throw new ConfigError(`${path}: unknown option "${key}" (known: ${TOP_LEVEL_KEYS.join(", ")})`);
  const r = raw as Record<string, unknown>;
  if (r.specDir !== undefined && typeof r.specDir !== "string") throw new ConfigError(`${path}: "specDir" must be a string`);
  if (r.specDir === "") throw new ConfigError(`${path}: "specDir" must not be empty`);
  try {
    return resolveConfig(dirname(path), path, r, registry);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${path}: ${(err as Error).message}`);
  }
}

function resolveConfig(root: string, file: string | null, raw: Record<string, unknown>, registry: readonly Target<any>[]): Config {
  const targets = readTargets(raw, registry).map((t) => ({ ...t, outDir: resolve(root, t.outDir) }));
  const typescript = targets.find((t) => t.target === typescriptTarget);
  const options = (typescript?.options as TypeScriptOptions | undefined) ?? TYPESCRIPT_DEFAULTS;
  return {
    root,
    file,
    specDir: resolve(root, (raw.specDir as string | undefined) ?? "spec"),
    targets,
    outDir: typescript?.outDir ?? resolve(root, typescriptTarget.defaultOutDir),
    scope: options.scope,
    enumStyle: options.enumStyle,
    publish: options.publish,
  };
}

/** `inner` is `outer` or below it. */
export function isWithin(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !parsePath(rel).root);
}

/**
 * The spec directory must exist; the out dir must be a directory of its own. codebook
 * removes files from the out dir, so it must never be the project itself or above it,
 * the filesystem root, the specs' directory, inside it, or above it. Each is judged on
 * real paths, links resolved at every level: `gen -> spec` with `outDir: gen` is the spec
 * directory. An out dir the config places inside its own directory must really be there:
 * `outDir: a/up/x` with `a/up -> ../..` would write two directories above the project.
 */
function checkDirs(config: Config): Config {
  const where = config.file ?? "codebook";
  const show = (p: string) => relative(config.root, p) || ".";
  const specStat = statSync(config.specDir, { throwIfNoEntry: false });
  if (!specStat) throw new ConfigError(`${where}: spec directory ${show(config.specDir)} does not exist (specDir)`);
  if (!specStat.isDirectory()) throw new ConfigError(`${where}: specDir ${show(config.specDir)} is not a directory`);
  const real = config.targets.map((t) => checkOutDir(config, t.outDir));
  // Each target's out dir is its own: one run's manifest must never claim another's files.
  for (const [i, a] of config.targets.entries())
    for (const [j, b] of config.targets.entries())
      if (j > i && (isWithin(real[i]!, real[j]!) || isWithin(real[j]!, real[i]!)))
        throw new ConfigError(`${where}: the ${a.target.name} and ${b.target.name} targets' out dirs ${JSON.stringify(show(a.outDir))} and ${JSON.stringify(show(b.outDir))} overlap; give each target a directory of its own`);
  return config;
}

/** Refuses an out dir that is not codebook's alone, judged on its real path; returns that path. */
function checkOutDir(config: Config, out: string): string {
  const where = config.file ?? "codebook";
  const show = (p: string) => relative(config.root, p) || ".";
  const refuse = (why: string) => new ConfigError(`${where}: outDir ${JSON.stringify(show(out))} ${why}; codebook writes and removes files there, so give it a directory of its own, such as "generated"`);
  const root = realpathSync(config.root);
  const specDir = realpathSync(config.specDir);
  const real = realPath(out, refuse);
  const through = real === out ? "" : ` (${real}, links resolved)`;
  if (parsePath(real).root === real) throw refuse(`is the filesystem root${through}`);
  if (isWithin(real, root)) throw refuse(`${real === root ? "is the config file's own directory" : "holds the config file's directory"}${through}`);
  if (isWithin(real, specDir)) throw refuse(`${real === specDir ? "is the spec directory" : "holds the spec directory"}${through}`);
  if (isWithin(specDir, real)) throw refuse(`lies inside the spec directory${through}`);
  if (isWithin(config.root, out) && !isWithin(root, real)) throw refuse(`leads out of the config file's directory through a symbolic link${through}`);
  return real;
}

/**
 * Where the file system puts `path` (absolute, normalised): each existing segment resolved
 * in turn (links followed), the segments that do not exist yet appended. A segment that is
 * not a directory, or a link that leads nowhere, is refused: nothing could be made below it.
 */
function realPath(path: string, refuse: (why: string) => ConfigError): string {
  const top = parsePath(path).root;
  let at = realpathSync(top);
  const segments = path.slice(top.length).split(sep).filter(Boolean);
  for (const [i, segment] of segments.entries()) {
    const next = join(at, segment);
    let stat: Stats | undefined;
    try {
      stat = statSync(next, { throwIfNoEntry: false });
      if (!stat && lstatSync(next, { throwIfNoEntry: false })) throw refuse(`goes through ${next}, a symbolic link that leads nowhere`);
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw refuse(`cannot be examined (${next}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (!stat) return join(next, ...segments.slice(i + 1));
    if (!stat.isDirectory()) throw refuse(`is not a directory (${next} is ${fileKind(stat)})`);
    at = realpathSync(next);
  }
  return at;
}
