/**
 * Compares two sets of checked specs, table by table (matched by id): every
 * change with its level, and the version each table should have.
 */
import { tableContent } from "../model/content.ts";
import type { Spec } from "../model/types.ts";
import { compareApi } from "./api-changes.ts";
import { highestLevel, type TableDiff } from "./change.ts";
import { LEVELS, type Change } from "./levels.ts";
import { compareCodes, compareRules } from "./code-changes.ts";
import { judge } from "./levels.ts";
import { bumpCovers, suggestVersion } from "./semver.ts";
import { compareText } from "./text-changes.ts";

/** Every change between two versions of one table, breaking first. */
export function compareSpecs(a: Spec, b: Spec): Change[] {
  const api = compareApi(a, b);
  const changes = [...compareRules(a, b), ...api.changes, ...compareCodes(a, b, api.services), ...compareText(a, b)];
  // Whatever the comparisons above do not itemise (say, rows in another order) is still a change
  // to the table's content: never report "no changes" for a table whose package would change.
  if (changes.length === 0 && tableContent(a) !== tableContent(b))
    changes.push(judge("fix", { kind: "text-changed", what: "the table changed in a way codebook does not itemise (row order, say)" }));
  return changes.map((c, i) => ({ c, i })).sort((x, y) => LEVELS.indexOf(x.c.level) - LEVELS.indexOf(y.c.level) || x.i - y.i).map((x) => x.c);
}

export function diffTables(before: readonly Spec[], after: readonly Spec[]): TableDiff[] {
  const ids = [...new Set([...before, ...after].map((s) => s.id))].sort();
  return ids.map((id): TableDiff => {
    const a = before.find((s) => s.id === id);
    const b = after.find((s) => s.id === id);
    if (!a)
      return { id, from: null, to: b!.version, suggestedVersion: b!.version, changes: [judge("feature", { kind: "table-added", after: b!.version, what: `${id} added` })] };
    if (!b) return { id, from: a.version, to: null, suggestedVersion: null, changes: [judge("breaking", { kind: "table-removed", before: a.version, what: `${id} removed` })] };
    const changes = compareSpecs(a, b);
    return { id, from: a.version, to: b.version, suggestedVersion: suggestVersion(a.version, b.version, highestLevel(changes)), changes };
  });
}

/**
 * Whether a table's changes come without the bump they need: a breaking change
 * without a major bump (a removed table always, since no version can say so).
 */
export function unbumpedBreaking(t: TableDiff): boolean {
  if (!t.changes.some((c) => c.level === "breaking")) return false;
  if (t.from === null || t.to === null) return true;
  return !bumpCovers(t.from, t.to, "breaking");
}
