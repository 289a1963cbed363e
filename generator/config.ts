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
import { fileKind, readInputFile } from "./input-file.ts";
import { readPublish, type Publish } from "./publish.ts";

export type EnumStyle = "const" | "enum";

export interface Config {
  /** Directory the config file is in; the root for every relative path. */
  root: string;
  /** The config file, or null when none exists and the defaults apply. */
  file: string | null;
  specDir: string;
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
const SCOPE_MAX_LENGTH = 100;

const DEFAULTS = { specDir: "spec", outDir: "generated", scope: "@codebook", enumStyle: "const" as EnumStyle, publish: null as Publish | null };

/** A bad config file, command-line argument or out dir: codebook refuses to run (exit code 2), as opposed to a bad spec. */
export class ConfigError extends Error {}

/** The config file `codebook` uses from `cwd`: `--config`, else the first of CONFIG_FILES there, else null. */
export function findConfigFile(configPath: string | undefined, cwd: string): string | null {
  if (configPath !== undefined) {
    const path = resolve(cwd, configPath);
    if (!existsSync(path)) throw new ConfigError(`${configPath}: config file not found`);
    return path;
  }
  for (const name of CONFIG_FILES) if (existsSync(resolve(cwd, name))) return resolve(cwd, name);
  return null;
}

export function loadConfig(configPath: string | undefined, cwd: string): Config {
  const path = findConfigFile(configPath, cwd);
  const config = readConfig(path, cwd);
  // Without a config file, a missing spec/ almost always means the wrong directory.
  if (path === null && !existsSync(config.specDir))
    throw new ConfigError(`no ${CONFIG_FILE} in ${cwd} and no spec/ directory: run \`codebook init\` here, or pass --config FILE`);
  return checkDirs(config);
}

/** The config at `path` (null: the defaults, rooted at `cwd`), checked as options but not against the disk. */
export function readConfig(path: string | null, cwd: string): Config {
  if (path === null) return resolveConfig(cwd, null, {});
  const read = readInputFile(path, { maxBytes: CONFIG_MAX_BYTES });
  if (!read.ok) throw new ConfigError(`${path} ${read.problem}`);
  let raw: unknown;
  try {
    raw = parse(read.bytes.toString("utf8")) ?? {};
  } catch (err) {
    throw new ConfigError(`${path}: ${(err as Error).message.split("\n")[0]}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError(`${path}: expected a mapping`);
  const known = new Set(Object.keys(DEFAULTS));
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new ConfigError(`${path}: unknown option "${key}" (known: ${[...known].join(", ")})`);
  const r = raw as Record<string, unknown>;
  for (const key of ["specDir", "outDir", "scope"]) if (r[key] !== undefined && typeof r[key] !== "string") throw new ConfigError(`${path}: "${key}" must be a string`);
  if (r.enumStyle !== undefined && r.enumStyle !== "const" && r.enumStyle !== "enum") throw new ConfigError(`${path}: "enumStyle" must be "const" or "enum"`);
  if (r.scope !== undefined && !/^@[a-z0-9][a-z0-9._-]*$/.test(r.scope as string)) throw new ConfigError(`${path}: "scope" must look like @name`);
  // npm caps a package name (`@scope/id`) at 214 characters; ids are at most 100 (SPEC_ID_MAX_LENGTH).
  if (r.scope !== undefined && (r.scope as string).length > SCOPE_MAX_LENGTH) throw new ConfigError(`${path}: "scope" is ${(r.scope as string).length} characters, over the limit of ${SCOPE_MAX_LENGTH}`);
  for (const key of ["specDir", "outDir"]) if (r[key] === "") throw new ConfigError(`${path}: "${key}" must not be empty`);
  try {
    r.publish = readPublish(r.publish);
  } catch (err) {
    throw new ConfigError(`${path}: ${(err as Error).message}`);
  }
  return resolveConfig(dirname(path), path, r as Partial<Omit<Config, "root" | "file">>);
}

function resolveConfig(root: string, file: string | null, raw: Partial<Omit<Config, "root" | "file">>): Config {
  const merged = { ...DEFAULTS, ...raw };
  return { root, file, specDir: resolve(root, merged.specDir), outDir: resolve(root, merged.outDir), scope: merged.scope, enumStyle: merged.enumStyle, publish: merged.publish };
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
  const out = config.outDir;
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
  return config;
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
