/**
 * `codebook diff`: reads both sides (two paths, or the working tree against a
 * git revision), compares them as IR, prints the report, and returns the exit
 * code: 0 nothing breaking (or the major version was bumped), 1 a breaking
 * change without a major bump (or what --fail-on names). Its options are parsed
 * by args.ts from the command table; a usage error is a UsageError, an input
 * that cannot be a spec an InputError, both exit 2 (main.ts prints them), and so
 * is a side that does not lint (printed here, with every diagnostic).
 */
import { relative, resolve } from "node:path";
import { loadConfig } from "../config/config.ts";
import { colourFor } from "./style.ts";
import type { OptionValue } from "./args.ts";
import type { CliIo } from "./cli-io.ts";
import { formatDiagnostics } from "../load/diagnostics.ts";
import { atLeast, type TableDiff } from "../diff/change.ts";
import { type Level } from "../diff/levels.ts";
import { diffTables, unbumpedBreaking } from "../diff/compare.ts";
import { loadSide, pathKind, specsAt, UsageError, type SpecText } from "../diff/inputs.ts";
import { renderJson, renderMarkdown, renderText, type Format } from "../diff/render.ts";

/** `values` and `positionals` as args.ts parsed them (the choices of --format and --fail-on already checked). */
export async function diffCommand(values: Record<string, OptionValue | undefined>, positionals: readonly string[], io: CliIo, colour?: boolean): Promise<number> {
  const format = (values.format ?? "text") as Format;
  const failOn = values["fail-on"] as Level | "none" | undefined;
  const against = values.against as string | undefined;
  const config = values.config as string | undefined;

  const cwd = io.cwd;
  let before: SpecText[];
  let after: SpecText[];
  if (against !== undefined) {
    if (positionals.length > 1) throw new UsageError("--against takes at most one PATH (a spec file or directory of the working tree)");
    const path = positionals[0] ?? (relative(cwd, loadConfig(config, cwd).specDir) || ".");
    const kind = pathKind(path, cwd);
    const { specsAtRevision } = await import("../diff/git.ts");
    before = await specsAtRevision(against, resolve(cwd, path), kind);
    after = specsAt(path, cwd);
  } else {
    if (config !== undefined) throw new UsageError("--config applies only with --against");
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
    io.stderr.write(`${formatDiagnostics(diagnostics, sources)}\n\ncodebook diff: ${n} problem${n === 1 ? "" : "s"} in the specs to compare; fix them (codebook lint) and run the diff again.\n`);
    return 2;
  }

  const tables = diffTables(sides[0]!.specs, sides[1]!.specs);
  io.stdout.write(format === "json" ? renderJson(tables) : format === "markdown" ? renderMarkdown(tables) : renderText(tables, colourFor(io.stdout, io.env, colour)));
  return verdict(tables, failOn, io);
}

/** The exit code, with the reason on stderr when it is 1. */
function verdict(tables: readonly TableDiff[], failOn: Level | "none" | undefined, io: CliIo): number {
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
  io.stderr.write(failing.map((l) => `codebook diff: ${l}\n`).join(""));
  return 1;
}

