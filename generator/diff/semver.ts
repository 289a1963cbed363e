/**
 * Versions of generated packages (the spec's `version`, MAJOR.MINOR.PATCH as
 * the spec schema requires) and the version a table's changes call for.
 */
import type { Level } from "./levels.ts";

/** Parts as BigInt: exact at any size (the loader refuses parts past 2^53 - 1; a bump of the largest stays exact too). */
type Triple = [bigint, bigint, bigint];

function parse(version: string): Triple {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`codebook diff: "${version}" is not MAJOR.MINOR.PATCH`);
  return [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)];
}

function compare(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** `version` bumped by `level`: breaking → next major, feature → next minor, fix → next patch. */
export function bump(version: string, level: Level): string {
  const [major, minor, patch] = parse(version);
  if (level === "breaking") return `${major + 1n}.0.0`;
  if (level === "feature") return `${major}.${minor + 1n}.0`;
  return `${major}.${minor}.${patch + 1n}`;
}

/** Whether going from `from` to `to` is at least the bump `level` asks for. */
export function bumpCovers(from: string, to: string, level: Level): boolean {
  const a = parse(from);
  const b = parse(to);
  if (level === "breaking") return b[0] > a[0];
  if (level === "feature") return b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]);
  return compare(b, a) > 0;
}

/**
 * The version NEW should have: NEW's own version when it already bumps OLD's
 * enough for the highest level found (or nothing changed), else OLD's bumped.
 */
export function suggestVersion(from: string, to: string, highest: Level | null): string {
  if (highest === null || bumpCovers(from, to, highest)) return to;
  return bump(from, highest);
}
