/**
 * "Did you mean": the nearest known word to a misspelled one, and identifiers
 * rewritten into the case a rule asks for. A suggestion is made only when it is
 * close (a typo, not a different word), so that it never sends someone the
 * wrong way.
 */

/** Edit distance with transpositions (optimal string alignment): "sucess"→"success" 1, "pedning"→"pending" 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `word`, when it is close enough: a difference of case
 * alone, or at most one edit per three characters (one edit for short words).
 * Ties go to the candidate listed first.
 */
export function closest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const distance = c.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word.toLowerCase(), c.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [c, distance];
  }
  const limit = Math.max(1, Math.floor(Math.min(word.length, best?.length ?? 0) / 3));
  return best !== null && bestDistance <= limit ? best : null;
}

/** `; did you mean "x"?`, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === null ? "" : `; did you mean "${c}"?`;
}

/** The words of an identifier written in any style: "User Errors", "user_errors", "userErrors", "USER-ERRORS". */
function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `userErrors` from "User Errors", "user-errors", "USER_ERRORS"; null when nothing usable is left. */
export function camelCase(s: string): string | null {
  const w = words(s).map((x) => x.toLowerCase());
  const out = w.map((x, i) => (i === 0 ? x : x[0]!.toUpperCase() + x.slice(1))).join("");
  return /^[a-z][A-Za-z0-9]*$/.test(out) ? out : null;
}

/** `UserErrors` from "user errors", "user-errors". */
export function pascalCase(s: string): string | null {
  const out = words(s)
    .map((x) => x[0]!.toUpperCase() + (x === x.toUpperCase() ? x.slice(1).toLowerCase() : x.slice(1)))
    .join("");
  return /^[A-Z][A-Za-z0-9]*$/.test(out) ? out : null;
}

/** `user-errors` from "User Errors", "userErrors". */
export function kebabCase(s: string): string | null {
  const out = words(s)
    .map((x) => x.toLowerCase())
    .join("-");
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(out) ? out : null;
}
