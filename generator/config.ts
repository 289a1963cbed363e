/**
 * codebook.config.yaml: where specs are read and packages written, and the
 * few choices that shape generated code. Relative paths resolve against the
 * config file's directory, so output does not depend on the working directory.
 *
 * Every mistake here is a ConfigError: one clear line and exit code 2, never a
 * stack trace, and never a run that writes somewhere it should not.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, parse as parsePath, relative, resolve, sep } from "node:path";
import { parse } from "yaml";
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
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8")) ?? {};
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
 * removes files from the out dir, so it must never be the project itself (".", ".."),
 * the filesystem root, or the specs' directory or one above it.
 */
function checkDirs(config: Config): Config {
  const where = config.file ?? "codebook";
  const show = (p: string) => relative(config.root, p) || ".";
  if (!existsSync(config.specDir)) throw new ConfigError(`${where}: spec directory ${show(config.specDir)} does not exist (specDir)`);
  if (!statSync(config.specDir).isDirectory()) throw new ConfigError(`${where}: specDir ${show(config.specDir)} is not a directory`);
  const out = config.outDir;
  const refuse = (why: string) => new ConfigError(`${where}: outDir ${JSON.stringify(show(out))} ${why}; codebook writes and removes files there, so give it a directory of its own, such as "generated"`);
  if (parsePath(out).root === out) throw refuse("is the filesystem root");
  if (isWithin(out, config.root)) throw refuse(out === config.root ? "is the config file's own directory" : "holds the config file's directory");
  if (isWithin(out, config.specDir)) throw refuse(out === config.specDir ? "is the spec directory" : "holds the spec directory");
  if (existsSync(out) && !statSync(out).isDirectory()) throw refuse("is not a directory");
  return config;
}
