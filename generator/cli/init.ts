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
import { closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { CONFIG_FILE, ConfigError, findConfigFile, readConfig, type Config } from "../config/config.ts";
import { render } from "../artifacts/templates.ts";
import { fileKind, readInputFile } from "../common/input-file.ts";
import { deriveName, SPEC_ID, SPEC_ID_MAX_LENGTH } from "../model/identifiers.ts";
import { packageRoot } from "../common/codebook-paths.ts";
import { shippedCopies, shippedSpecNote } from "./init-from.ts";

export interface InitOptions {
  /** Config file to create or use (default: the nearest codebook.config.yaml from cwd up, else ./codebook.config.yaml). */
  config?: string;
  cwd: string;
  /** A spec to scaffold. */
  id?: string;
  /** "code-table" (default) or "api". */
  kind?: string;
  /** A shipped spec to copy into the spec directory (init-from.ts), instead of a scaffold. */
  from?: string;
}

const KINDS = ["code-table", "api"];
/** .gitattributes and .prettierignore are read to look for a line: a few KB, at most this. */
const IGNORE_FILE_MAX_BYTES = 1024 * 1024;

/** What init will write, checked whole before the first byte: a refusal leaves nothing half done. */
type Step =
  | { kind: "create"; path: string; text: string | Uint8Array; line: string }
  | { kind: "mkdir"; path: string; line: string }
  | { kind: "append"; path: string; text: string; line: string };

/** Sets up the project (idempotent) and scaffolds the spec; returns what it did, one line each. */
export function init(options: InitOptions): string[] {
  if (options.from !== undefined) {
    if (options.kind !== undefined) throw new ConfigError("--kind and --from exclude each other: --from copies a shipped spec as it is");
    if (options.id !== undefined && options.id !== options.from)
      throw new ConfigError(`--from copies the shipped spec under its own id; run \`codebook init --from ${options.from}\` (got the id ${JSON.stringify(options.id)})`);
  }
  const from = options.from;
  if (options.id !== undefined && from === undefined) {
    const note = shippedSpecNote(options.id);
    if (note !== null) throw new ConfigError(note);
  }
  if (from !== undefined) options = { ...options, id: from };
  if (options.kind !== undefined && options.id === undefined) throw new ConfigError("--kind applies to `codebook init ID`, which scaffolds a spec");
  const kind = options.kind ?? "code-table";
  if (!KINDS.includes(kind)) throw new ConfigError(`--kind must be ${KINDS.join(" or ")}, got ${JSON.stringify(kind)}`);
  if (options.id !== undefined && !SPEC_ID.test(options.id))
    throw new ConfigError(`spec id ${JSON.stringify(options.id.length > 80 ? `${options.id.slice(0, 80)}…` : options.id)} must be kebab-case, starting with a letter (like acme-gateway)`);
  if (options.id !== undefined && options.id.length > SPEC_ID_MAX_LENGTH)
    throw new ConfigError(`spec id ${JSON.stringify(`${options.id.slice(0, 40)}…`)} is ${options.id.length} characters, over the limit of ${SPEC_ID_MAX_LENGTH} (it names the package, its folder and its spec file); choose a shorter id`);

  const steps: Step[] = [];
  const existing = findConfigFile(undefined, options.cwd);
  const configPath = options.config !== undefined ? resolve(options.cwd, options.config) : (existing ?? join(options.cwd, CONFIG_FILE));
  const show = (path: string) => relative(options.cwd, path).split(sep).join("/") || ".";
  // Every path init writes is checked for links below the directory it starts from (see refuseLinks).
  refuseLinks(options.cwd, configPath, show);
  let config: Config;
  if (!lstatSync(configPath, { throwIfNoEntry: false })) {
    const schema = installedRef(dirname(configPath), "schema/config.schema.json");
    steps.push({ kind: "create", path: configPath, text: render("init/codebook.config.yaml.hbs", { schema, specDir: "spec", outDir: "generated" }), line: `created ${show(configPath)}` });
    // The template's paths are the defaults: the config as it will read, before it is written.
    config = { ...readConfig(null, dirname(configPath)), file: configPath };
  } else config = readConfig(configPath, options.cwd);
  refuseLinks(config.root, config.specDir, show);
  const specDir = lstatSync(config.specDir, { throwIfNoEntry: false });
  if (specDir && !specDir.isDirectory()) throw new ConfigError(`${show(config.specDir)} is ${fileKind(specDir)}, not a directory; codebook init puts specs there (specDir)`);
  if (!specDir) {
    steps.push({ kind: "mkdir", path: config.specDir, line: `created ${show(config.specDir)}/` });
  }
  const outDir = relative(config.root, config.outDir).split(sep).join("/");
  const attributes = join(config.root, ".gitattributes");
  refuseLinks(config.root, attributes, show);
  const addAttributes = lineToAdd(attributes, `/${outDir}/** linguist-generated=true`, show);
  if (addAttributes !== null) steps.push({ kind: "append", path: attributes, text: addAttributes, line: `marked ${show(config.outDir)}/ as generated in ${show(attributes)}` });
  // prettier reads .prettierignore where it runs: the repository's top, which may be above the config.
  const top = repositoryTop(config.root);
  const ignore = join(top, ".prettierignore");
  refuseLinks(top, ignore, show);
  const fromTop = relative(top, config.outDir).split(sep).join("/");
  const addIgnore = lineToAdd(ignore, `/${fromTop}/`, show);
  if (addIgnore !== null) steps.push({ kind: "append", path: ignore, text: addIgnore, line: `added ${show(config.outDir)}/ to ${show(ignore)}` });

  if (from !== undefined) steps.push(...copySteps(config, from, show));
  else if (options.id !== undefined) steps.push(scaffold(config, options.id, kind, show));
  for (const step of steps) write(step, show);
  const done = steps.map((s) => s.line);
  if (options.id === undefined) done.push("next: `codebook init <id>` scaffolds a spec (--kind code-table or api)");
  return done.map((line) => `codebook: ${line}`);
}

/** `--from`: the shipped spec and its source document, each created only where nothing is. */
function copySteps(config: Config, id: string, show: (path: string) => string): Step[] {
  return shippedCopies(id, config.specDir, installedRef(config.specDir, "schema/spec.schema.json")).map((copy, i) => {
    refuseLinks(config.root, copy.path, show);
    const taken = (i === 0 ? [".yaml", ".yml"].map((ext) => join(config.specDir, id + ext)) : [copy.path]).find((p) => lstatSync(p, { throwIfNoEntry: false }));
    if (taken) throw new ConfigError(`${show(taken)} already exists; codebook init never overwrites a spec or a source document`);
    const line = i === 0 ? `created ${show(copy.path)}, ${copy.what}: lint it, generate, and edit it as your own` : `created ${show(copy.path)}, ${copy.what}`;
    return { kind: "create", path: copy.path, text: copy.bytes, line };
  });
}

function scaffold(config: Config, id: string, kind: string, show: (path: string) => string): Step {
  const path = join(config.specDir, `${id}.yaml`);
  refuseLinks(config.root, path, show);
  const taken = [".yaml", ".yml"].map((ext) => join(config.specDir, id + ext)).find((p) => lstatSync(p, { throwIfNoEntry: false }));
  if (taken) throw new ConfigError(`${show(taken)} already exists; codebook init never overwrites a spec`);
  const typePrefix = deriveName(id)!;
  const view = {
    id,
    typePrefix,
    title: id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" "),
    schema: installedRef(config.specDir, "schema/spec.schema.json"),
    formatDoc: installedRef(config.specDir, "spec/README.md"),
  };
  return { kind: "create", path, text: render(`init/${kind}.yaml.hbs`, view), line: `created ${show(path)} (${kind}): fill in the TODOs, then \`npx codebook lint\` and \`npx codebook generate\`` };
}

/**
 * init never writes through a link it did not make: a dangling `spec/acme.yaml` link would put
 * the scaffold wherever it points, and a linked `.gitattributes` would be appended to outside
 * the repository. Each existing segment of `path` below `from` (the directory init starts from
 * for that file: the working directory, the config's, the repository's top) is looked at
 * without following links; the directories above `from` are the user's business, and so are
 * those of a path outside it (a specDir of ../specs, an absolute --config), of which only the
 * last segment, what init writes, is looked at.
 */
function refuseLinks(from: string, path: string, show: (path: string) => string): void {
  const rel = relative(from, path);
  const outside = rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  const segments = outside ? [path] : rel.split(sep).filter(Boolean).map((_, i, all) => join(from, ...all.slice(0, i + 1)));
  for (const at of segments) {
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isSymbolicLink())
      throw new ConfigError(`${show(at)} is a symbolic link; codebook init never writes through a link it did not make. Replace it with the file or directory itself, or remove it, and run again`);
  }
}

/** The text to append so that `path` has `line` (null when it has it); a file that is not a regular file is refused. */
function lineToAdd(path: string, line: string, show: (path: string) => string): string | null {
  const read = readInputFile(path, { maxBytes: IGNORE_FILE_MAX_BYTES, noFollow: true });
  if (!read.ok && read.reason !== "missing") throw new ConfigError(`${show(path)} ${read.problem}; codebook init adds a line to it, so it must be a regular file`);
  const text = read.ok ? read.bytes.toString("utf8") : "";
  if (text.split(/\r?\n/).some((l) => l.trim() === line)) return null;
  return `${text === "" || text.endsWith("\n") ? "" : "\n"}${line}\n`;
}

/**
 * One planned write. A file is created with O_EXCL and appended to with O_NOFOLLOW, so a link
 * or file put there since the checks is refused rather than written through.
 */
function write(step: Step, show: (path: string) => string): void {
  try {
    if (step.kind === "mkdir") mkdirSync(step.path, { recursive: true });
    else if (step.kind === "create") {
      mkdirSync(dirname(step.path), { recursive: true });
      writeFileSync(step.path, step.text, { flag: "wx" });
    } else {
      const fd = openSync(step.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0));
      try {
        writeSync(fd, step.text);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ELOOP") throw new ConfigError(`${show(step.path)} appeared or became a symbolic link while codebook init ran; nothing was written through it. Run again`);
    throw new ConfigError(`cannot write ${show(step.path)} (${code ?? (err as Error).message})`);
  }
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
