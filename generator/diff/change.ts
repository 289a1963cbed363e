/**
 * What `codebook diff` reports: per table, a list of changes (levels.ts), the
 * versions on both sides and the version the new side should have; and how
 * levels compare.
 */
import { LEVELS, type Change, type Level } from "./levels.ts";

export interface TableDiff {
  id: string;
  /** The version on each side; null where the table does not exist. */
  from: string | null;
  to: string | null;
  /** The version the NEW side should have; null for a removed table. */
  suggestedVersion: string | null;
  changes: Change[];
}

/** The highest level among changes, or null for none. */
export function highestLevel(changes: readonly Change[]): Level | null {
  for (const level of LEVELS) if (changes.some((c) => c.level === level)) return level;
  return null;
}

/** Whether level `a` is at least as high as `b`. */
export function atLeast(a: Level, b: Level): boolean {
  return LEVELS.indexOf(a) <= LEVELS.indexOf(b);
}
