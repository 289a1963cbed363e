/**
 * codebook.config.yaml: where specs are read and packages written, and the
 * few choices that shape generated code. Relative paths resolve against the
 * config file's directory, so output does not depend on the working directory.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { readPublish, type Publish } from "./publish.ts";

export type EnumStyle = "const" | "enum";

export interface Config {
  /** Directory the config file is in; the root for every relative path. */
  root: string;
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

const DEFAULTS = { specDir: "spec", outDir: "generated", scope: "@codebook", enumStyle: "const" as EnumStyle, publish: null as Publish | null };

/** A bad config file or command-line argument (exit code 2), as opposed to a bad spec. */
export class ConfigError extends Error {}

export function loadConfig(configPath: string | undefined, cwd: string): Config {
  const path = resolve(cwd, configPath ?? CONFIG_FILE);
  if (!existsSync(path)) {
    if (configPath) throw new ConfigError(`${configPath}: config file not found`);
    return resolveConfig(cwd, {});
  }
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
  try {
    r.publish = readPublish(r.publish);
  } catch (err) {
    throw new ConfigError(`${path}: ${(err as Error).message}`);
  }
  return resolveConfig(dirname(path), r as Partial<Omit<Config, "root">>);
}

function resolveConfig(root: string, raw: Partial<Omit<Config, "root">>): Config {
  const merged = { ...DEFAULTS, ...raw };
  return { root, specDir: resolve(root, merged.specDir), outDir: resolve(root, merged.outDir), scope: merged.scope, enumStyle: merged.enumStyle, publish: merged.publish };
}
