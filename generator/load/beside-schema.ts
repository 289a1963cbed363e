/**
 * Semantic checks on a spec the schema refused, so that one run reports both
 * kinds of problem. The semantic checks (build-spec.ts) assume the schema's
 * shapes, so they run only where the broken parts cannot mislead them:
 *
 * - every schema problem lies in a table row, or in text nothing else reads
 *   (title, version, source, a table's or erratum's or action's wording);
 *   a problem anywhere else (a context, column, category, the code pattern …)
 *   still stops the semantic checks, since every row depends on those;
 * - the semantic checks see the spec without its broken rows (whatever they
 *   would say about one follows from its breakage); the checks that read every
 *   row (a code an action or context names, a service's success code) are
 *   dropped while a row is broken;
 * - a semantic problem at the very place of a schema problem is dropped: one
 *   cause, one diagnostic.
 *
 * Should the checks throw on a shape the schema refused, the schema problems are
 * reported alone, as before.
 */
import type { Spec } from "../model/types.ts";
import { buildSpec } from "./build-spec.ts";
import type { Diagnostic } from "./diagnostics.ts";
import type { Path, YamlSource } from "./yaml-source.ts";

type Step = string | number;

/** Keys whose value is wording only: nothing else in a spec reads them. */
const TEXT_ONLY: ((p: readonly Step[]) => boolean)[] = [
  (p) => p[0] === "title" || p[0] === "version" || p[0] === "source",
  (p) => p[0] === "tables" && typeof p[1] === "number" && ["title", "intro", "headers"].includes(String(p[2])),
  (p) => p[0] === "errata" && typeof p[1] === "number" && ["at", "source", "codebook", "reason"].includes(String(p[2])),
  (p) => p[0] === "actions" && typeof p[1] === "number" && ["title", "source"].includes(String(p[2])),
  (p) => p[0] === "transport" && (p[1] === "title" || p[1] === "headers"),
];

const isRow = (p: readonly Step[]): boolean => p[0] === "tables" && typeof p[1] === "number" && p[2] === "rows" && typeof p[3] === "number";

/** Checks that read every row: their findings are unreliable while a row is broken. */
const READS_EVERY_ROW: ((p: readonly Step[]) => boolean)[] = [
  (p) => p[0] === "actions" && p[2] === "codes",
  (p) => p[0] === "outcome" && p[1] === "contexts" && p[3] === "successCodes",
  (p) => p[0] === "api" && p[1] === "endpoints" && p[3] === "serviceCode",
];

/** The build reads a context's notes only on a spec with no other problem, which a spec the schema refused is not. */
const isNote = (p: readonly Step[]): boolean => p[0] === "outcome" && p[1] === "contexts" && p[3] === "notes";

export function semanticsBesideSchema(source: YamlSource, display: string, id: string, schemaPaths: readonly Path[], schemaDiagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (!schemaPaths.every((p) => isRow(p) || TEXT_ONLY.some((t) => t(p)))) return [];
  // The semantic checks see the spec without its broken rows; their paths are mapped back to the file's rows.
  const broken = new Set(schemaPaths.filter(isRow).map((p) => `${p[1]}/${p[3]}`));
  const kept = new Map<number, number[]>();
  const raw = source.value as { tables: { rows: unknown[] }[] };
  const value = {
    ...raw,
    tables: raw.tables.map((t, ti) => {
      const rows = t.rows.map((_, ri) => ri).filter((ri) => !broken.has(`${ti}/${ri}`));
      kept.set(ti, rows);
      return { ...t, rows: rows.map((ri) => t.rows[ri]) };
    }),
  };
  const original = (path: Path): Path =>
    isRow(path) ? [path[0]!, path[1]!, path[2]!, kept.get(path[1] as number)![path[3] as number]!, ...path.slice(4)] : path;
  const pathOf = new Map<Diagnostic, Path>();
  const pruned: YamlSource = {
    ...source,
    value,
    at(path, message, options) {
      const d = source.at(original(path), message, options);
      pathOf.set(d, original(path));
      return d;
    },
    lineOf: (path) => source.lineOf(original(path)),
    rawScalar: (path) => source.rawScalar(original(path)),
  };
  let built: { spec?: Spec; diagnostics: Diagnostic[] };
  try {
    built = buildSpec(pruned, display, id);
  } catch {
    return [];
  }
  const taken = new Set(schemaDiagnostics.map((d) => `${d.line}:${d.col}`));
  return built.diagnostics.filter((d) => {
    const path = pathOf.get(d) ?? [];
    if (taken.has(`${d.line}:${d.col}`) || isNote(path)) return false;
    // A code a broken row would have listed may be what an action or context names.
    if (broken.size && READS_EVERY_ROW.some((r) => r(path))) return false;
    return true;
  });
}
