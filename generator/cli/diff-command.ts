/**
 * `codebook diff`: parses its own arguments, reads both sides (two paths, or
 * the working tree against a git revision), compares them as IR, prints the
 * report, and returns the exit code: 0 nothing breaking (or the major version
 * was bumped), 1 a breaking change without a major bump (or what --fail-on
 * names), 2 usage errors, including a side that does not lint.
 */
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config/config.ts";
import { colourFor } from "./style.ts";
import { formatDiagnostics } from "../load/diagnostics.ts";
import { atLeast, type TableDiff } from "../diff/change.ts";
import { LEVELS, type Level } from "../diff/levels.ts";
import { diffTables, unbumpedBreaking } from "../diff/compare.ts";
import { InputError, loadSide, pathKind, specsAt, UsageError, type SpecText } from "../diff/inputs.ts";
import { FORMATS, renderJson, renderMarkdown, renderText, type Format } from "../diff/render.ts";

export const DIFF_HELP = `Usage:
  codebook diff OLD NEW [--format text|markdown|json] [--fail-on LEVEL]
  codebook diff --against REF [PATH] [--config FILE] [--format …] [--fail-on LEVEL]

Compares two versions of spec files (OLD and NEW both files, or both
directories whose tables are matched by id), or the working tree's specs with
those at git revision REF (read from git, no checkout; PATH defaults to the
config's specDir). Each change gets a semver level for the generated package
(breaking, feature or fix) and the reason; each table a suggested version.

Options:
  --format FORMAT   text (default; coloured on a terminal or with FORCE_COLOR=1,
                    never with NO_COLOR), markdown (a pull-request comment)
                    or json (for tools).
  --fail-on LEVEL   Exit 1 when any change is at LEVEL or above, whatever the
                    versions say: breaking, feature, fix, or none (never).
  --against REF     Compare with the specs at a git revision (HEAD, main, a tag).
  --config FILE     With --against: the config whose specDir is compared.

Exit codes: 0 nothing breaking, or the major version was bumped; 1 a breaking
change without a major version bump (or what --fail-on names); 2 usage errors,
including a spec that does not lint on either side.
`;

export async function diffCommand(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`codebook diff: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`codebook diff: ${err.message}\nRun \`codebook diff --help\` for usage.\n`);
      return 2;
    }
    throw err;
  }
}

async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string" },
        "fail-on": { type: "string" },
        against: { type: "string" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(DIFF_HELP);
    return 0;
  }
  const format = (values.format ?? "text") as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}"`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "none" && !LEVELS.includes(failOn as Level))
    throw new UsageError(`--fail-on must be one of ${[...LEVELS, "none"].join(", ")}, not "${failOn}"`);

  const cwd = process.cwd();
  let before: SpecText[];
  let after: SpecText[];
  if (values.against !== undefined) {
    if (positionals.length > 1) throw new UsageError("--against takes at most one PATH (a spec file or directory of the working tree)");
    const path = positionals[0] ?? (relative(cwd, loadConfig(values.config, cwd).specDir) || ".");
    const kind = pathKind(path, cwd);
    const { specsAtRevision } = await import("../diff/git.ts");
    before = await specsAtRevision(values.against, resolve(cwd, path), kind);
    after = specsAt(path, cwd);
  } else {
    if (values.config !== undefined) throw new UsageError("--config applies only with --against");
    if (positionals.length !== 2) throw new UsageError(`expected OLD and NEW (two spec files or two spec directories), got ${positionals.length} path${positionals.length === 1 ? "" : "s"}`);
    const [oldPath, newPath] = positionals as [string, string];
    const kinds = [pathKind(oldPath, cwd), pathKind(newPath, cwd)];
    if (kinds[0] !== kinds[1]) throw new UsageError(`OLD (${oldPath}) is a ${kinds[0] === "dir" ? "directory" : "file"} but NEW (${newPath}) is a ${kinds[1] === "dir" ? "directory" : "file"}: compare two files or two directories`);
    before = specsAt(oldPath, cwd);
    after = specsAt(newPath, cwd);
    if (kinds[0] === "file" && before[0]!.id !== after[0]!.id)
      throw new UsageError(`OLD is table "${before[0]!.id}" but NEW is table "${after[0]!.id}": a diff compares two versions of one table`);
  }

  const sides = [loadSide(before), loadSide(after)];
  const diagnostics = sides.flatMap((s) => s.diagnostics);
  if (diagnostics.length) {
    const sources = new Map([...sides[0]!.sources, ...sides[1]!.sources]);
    const n = diagnostics.length;
    process.stderr.write(`${formatDiagnostics(diagnostics, sources)}\n\ncodebook diff: ${n} problem${n === 1 ? "" : "s"} in the specs to compare; fix them (codebook lint) and run the diff again.\n`);
    return 2;
  }

  const tables = diffTables(sides[0]!.specs, sides[1]!.specs);
  process.stdout.write(format === "json" ? renderJson(tables) : format === "markdown" ? renderMarkdown(tables) : renderText(tables, colourFor(process.stdout)));
  return verdict(tables, failOn as Level | "none" | undefined);
}

/** The exit code, with the reason on stderr when it is 1. */
function verdict(tables: readonly TableDiff[], failOn: Level | "none" | undefined): number {
  if (failOn === "none") return 0;
  const failing =
    failOn === undefined
      ? tables.filter(unbumpedBreaking).map((t) =>
          t.to === null
            ? `${t.id}: the table was removed, which breaks its package's consumers (acknowledge with --fail-on none)`
            : `${t.id}: breaking changes without a major version bump (${t.from} → ${t.to}); set version: ${t.suggestedVersion}`,
        )
      : tables
          .filter((t) => t.changes.some((c) => atLeast(c.level, failOn)))
          .map((t) => `${t.id}: changes at level ${failOn} or above (--fail-on ${failOn})`);
  if (failing.length === 0) return 0;
  process.stderr.write(failing.map((l) => `codebook diff: ${l}\n`).join(""));
  return 1;
}

