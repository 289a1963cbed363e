/**
 * `codebook init`: sets a repository up for codebook, and scaffolds new specs.
 *
 * Without an id it writes what a repository needs once: codebook.config.yaml,
 * the spec directory, a .gitattributes line that marks the out dir as generated
 * (collapsed in reviews), and a .prettierignore line for it: generated files are
 * formatted with codebook's own settings, and a repository-wide `prettier
 * --write` with other settings would rewrite them and make `--check` fail.
 * Existing files are kept; lines are added only where missing.
 *
 * With an id it also scaffolds spec/<id>.yaml from templates/init/: the schema
 * line, every required key, one example row, and comments on what to fill in.
 * The scaffold lints clean and generates as it is.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { CONFIG_FILE, ConfigError, findConfigFile, readConfig, type Config } from "../config/config.ts";
import { render } from "../artifacts/templates.ts";
import { deriveName, SPEC_ID } from "../model/identifiers.ts";
import { packageRoot } from "../common/codebook-paths.ts";

export interface InitOptions {
  /** Config file to create or use (default: ./codebook.config.yaml). */
  config?: string;
  cwd: string;
  /** A spec to scaffold. */
  id?: string;
  /** "code-table" (default) or "api". */
  kind?: string;
}

const KINDS = ["code-table", "api"];

/** Sets up the project (idempotent) and scaffolds the spec; returns what it did, one line each. */
export function init(options: InitOptions): string[] {
  if (options.kind !== undefined && options.id === undefined) throw new ConfigError("--kind applies to `codebook init ID`, which scaffolds a spec");
  const kind = options.kind ?? "code-table";
  if (!KINDS.includes(kind)) throw new ConfigError(`--kind must be ${KINDS.join(" or ")}, got ${JSON.stringify(kind)}`);
  if (options.id !== undefined && !SPEC_ID.test(options.id))
    throw new ConfigError(`spec id ${JSON.stringify(options.id)} must be kebab-case, starting with a letter (like acme-gateway)`);

  const done: string[] = [];
  const existing = findConfigFile(undefined, options.cwd);
  const configPath = options.config !== undefined ? resolve(options.cwd, options.config) : (existing ?? join(options.cwd, CONFIG_FILE));
  const show = (path: string) => relative(options.cwd, path).split(sep).join("/") || ".";
  if (!existsSync(configPath)) {
    mkdirSync(dirname(configPath), { recursive: true });
    const schema = installedRef(dirname(configPath), "schema/config.schema.json");
    writeFileSync(configPath, render("init/codebook.config.yaml.hbs", { schema, specDir: "spec", outDir: "generated" }));
    done.push(`created ${show(configPath)}`);
  }
  const config = readConfig(configPath, options.cwd);
  if (!existsSync(config.specDir)) {
    mkdirSync(config.specDir, { recursive: true });
    done.push(`created ${show(config.specDir)}/`);
  }
  const outDir = relative(config.root, config.outDir).split(sep).join("/");
  if (addLine(join(config.root, ".gitattributes"), `/${outDir}/** linguist-generated=true`)) done.push(`marked ${show(config.outDir)}/ as generated in ${show(join(config.root, ".gitattributes"))}`);
  // prettier reads .prettierignore where it runs: the repository's top, which may be above the config.
  const top = repositoryTop(config.root);
  const fromTop = relative(top, config.outDir).split(sep).join("/");
  if (addLine(join(top, ".prettierignore"), `/${fromTop}/`)) done.push(`added ${show(config.outDir)}/ to ${show(join(top, ".prettierignore"))}`);

  if (options.id !== undefined) done.push(scaffold(config, options.id, kind, show));
  else done.push("next: `codebook init <id>` scaffolds a spec (--kind code-table or api)");
  return done.map((line) => `codebook: ${line}`);
}

function scaffold(config: Config, id: string, kind: string, show: (path: string) => string): string {
  const taken = [".yaml", ".yml"].map((ext) => join(config.specDir, id + ext)).find((p) => existsSync(p));
  if (taken) throw new ConfigError(`${show(taken)} already exists; codebook init never overwrites a spec`);
  const path = join(config.specDir, `${id}.yaml`);
  const typePrefix = deriveName(id)!;
  const view = {
    id,
    typePrefix,
    title: id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" "),
    schema: installedRef(config.specDir, "schema/spec.schema.json"),
    formatDoc: installedRef(config.specDir, "spec/README.md"),
  };
  writeFileSync(path, render(`init/${kind}.yaml.hbs`, view));
  return `created ${show(path)} (${kind}): fill in the TODOs, then \`npx codebook lint\` and \`npx codebook generate\``;
}

/**
 * A reference from a file in `dir` to one of codebook's shipped files (a schema, the
 * format's docs): through node_modules/codebook when codebook is installed there
 * (stable across upgrades and pnpm's store paths), else to this codebook's own copy.
 */
function installedRef(dir: string, file: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const installed = join(d, "node_modules", "codebook", file);
    if (existsSync(installed)) return posixRelative(dir, installed);
    if (dirname(d) === d) break;
  }
  return posixRelative(dir, join(packageRoot, file));
}

function posixRelative(from: string, to: string): string {
  const rel = relative(from, to).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** The nearest directory at or above `dir` with a .git, else `dir`. */
function repositoryTop(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return dir;
  }
}

/** Appends `line` to the file unless a line equal to it is there; true when added. */
function addLine(path: string, line: string): boolean {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (text.split(/\r?\n/).some((l) => l.trim() === line)) return false;
  appendFileSync(path, `${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`);
  return true;
}
