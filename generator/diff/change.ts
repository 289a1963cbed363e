/**
 * What `codebook diff` reports: per table, a list of changes, each with the
 * semver level it asks of the generated package and one line of why.
 */
import type { ChangeKind } from "./levels.ts";

/** Highest first: a table's suggested bump is its highest level. */
export type Level = "breaking" | "feature" | "fix";
export const LEVELS: readonly Level[] = ["breaking", "feature", "fix"];

export interface Change {
  level: Level;
  kind: ChangeKind;
  /** The response code the change is about. */
  code?: string;
  /** The endpoint key (APIs). */
  endpoint?: string;
  /** The API field ("request.amount.value"), column key, header or spec part the change is about. */
  field?: string;
  /** The outcome context. */
  context?: string;
  /** The value before and after, as text, where there is one to show. */
  before?: string;
  after?: string;
  /** What changed, in one line. */
  what: string;
  /** Why the change has its level, in one line. */
  why: string;
}

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
