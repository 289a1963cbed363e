/**
 * The two sides of a diff as spec texts, and their loading through the real
 * loader (the same checks as `codebook lint`), so both are compared as IR.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { parse } from "yaml";
import { fileKind, readInputFile } from "../common/input-file.ts";
import type { Diagnostic } from "../load/diagnostics.ts";
import { SPEC_LIMITS } from "../load/hostile-text.ts";
import { listSpecFiles, loadTexts, specIdOf } from "../load/load-specs.ts";
import type { Spec } from "../model/types.ts";

import { CodebookError, UsageError } from "../common/errors.ts";

/** A usage error: bad arguments, a missing path, a bad revision (exit code 2, with the usage hint). */
export { UsageError };

/** An input that cannot be a spec (a device, a FIFO, a file over the limit): exit 2, one line, no usage hint. */
export class InputError extends CodebookError {}

export interface SpecText {
  /** How diagnostics name the file: a path, or `REF:path` for a revision. */
  display: string;
  text: string;
  /** The id the loader checks the spec's `id` against. */
  id: string;
  /** Read only as a profile's base (`extends`), not compared. */
  baseOnly?: boolean;
}

/**
 * Whether `path` is a spec file or a directory of specs; a usage error when it is neither.
 * `/dev/zero` read until memory ran out, and a FIFO blocked the command: a spec is a regular file.
 */
export function pathKind(path: string, cwd: string): "file" | "dir" {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new UsageError(`${path}: no such file or directory`);
  const stat = statSync(abs);
  if (stat.isDirectory()) return "dir";
  if (!stat.isFile()) throw new InputError(`${path} is ${fileKind(stat)}, not a spec file or directory; diff compares spec files (regular files) or directories of them`);
  return "file";
}

/** A spec file's text, read as the loader reads a spec: a regular file of at most SPEC_LIMITS.maxBytes (4 MiB), its size checked before it is read. */
function readSpec(path: string, shown: string): string {
  const read = readInputFile(path, { maxBytes: SPEC_LIMITS.maxBytes });
  if (!read.ok) throw new InputError(`${shown} ${read.problem}${read.reason === "too-large" ? "; a spec is at most that" : ""}`);
  return read.bytes.toString("utf8");
}

/**
 * The spec texts at `path`. A directory's specs are named by their file names
 * (as `lint` requires); a single file is named by its own `id`, so two versions
 * of a table can be compared from any two file names.
 */
export function specsAt(path: string, cwd: string): SpecText[] {
  const abs = resolve(cwd, path);
  const display = (p: string) => (relative(cwd, p) || p).split("\\").join("/");
  if (pathKind(path, cwd) === "dir")
    return listSpecFiles(abs).map((p) => ({ display: display(p), text: readSpec(p, display(p)), id: basename(p, ".yaml") }));
  const text = readSpec(abs, path);
  const id = declaredId(text) ?? basename(abs).replace(/\.ya?ml$/, "");
  // A profile resolves against the specs beside it, as `lint` resolves it in its spec directory.
  const bases = /^extends:/m.test(text)
    ? listSpecFiles(dirname(abs))
        .filter((p) => p !== abs && specIdOf(p) !== id)
        .map((p) => ({ display: display(p), text: readSpec(p, display(p)), id: specIdOf(p), baseOnly: true }))
    : [];
  return [{ display: display(abs), text, id }, ...bases];
}

function declaredId(text: string): string | null {
  try {
    const value = parse(text) as { id?: unknown } | null;
    return typeof value?.id === "string" ? value.id : null;
  } catch {
    return null;
  }
}

export interface LoadedSide {
  specs: Spec[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
}

export function loadSide(texts: readonly SpecText[]): LoadedSide {
  // One set, so that a profile (`extends`) resolves against its base on the same side.
  const loaded = loadTexts(
    texts.map((t) => ({ id: t.id, display: t.display, read: () => t.text, dir: null })),
    texts.filter((t) => !t.baseOnly).map((t) => t.id),
    null,
  );
  const side: LoadedSide = { specs: loaded.specs, diagnostics: loaded.diagnostics, sources: new Map() };
  for (const t of texts) side.sources.set(t.display, t.text);
  return side;
}
