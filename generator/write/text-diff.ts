/**
 * Line diffs for `--check`: every changed region of a file, each as a hunk with
 * a little context, so a second edit far down a file is never hidden behind the
 * first. Myers' O(ND) algorithm on the lines between the common prefix and
 * suffix; past MAX_EDITS edits (a file rewritten wholesale) the middle is shown
 * as one replaced region rather than spending seconds on an exact diff.
 */

export interface Hunk {
  /** 1-based line of the old text where the region starts (its first context line). */
  line: number;
  /** The region in unified-diff form: " " context, "-" removed, "+" added. */
  lines: { sign: " " | "-" | "+"; text: string }[];
}

const MAX_EDITS = 2000;

type Op = { kind: "same" | "del" | "ins"; a: number; b: number };

/** The edit script from a to b, as one op per line (Myers, with a linear-space trace of V). */
function myers(a: readonly string[], b: readonly string[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m, d);
    }
    v = next;
  }
  return null;
}

function backtrack(trace: Int32Array[], offset: number, n: number, m: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: "same", a: --x, b: --y });
    if (x === prevX) ops.push({ kind: "ins", a: x, b: --y });
    else ops.push({ kind: "del", a: --x, b: y });
  }
  while (x > 0 && y > 0) ops.push({ kind: "same", a: --x, b: --y });
  return ops.reverse();
}

/** Every changed region of `before` -> `after`, in order. */
export function diffLines(before: string, after: string, context = 2): Hunk[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === endA && start === endB) return [];
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops = myers(midA, midB) ?? [
    ...midA.map((_, i): Op => ({ kind: "del", a: i, b: 0 })),
    ...midB.map((_, i): Op => ({ kind: "ins", a: midA.length, b: i })),
  ];
  // Whole file as one op list: the common prefix and suffix are "same" lines too.
  const all: Op[] = [];
  for (let i = 0; i < start; i++) all.push({ kind: "same", a: i, b: i });
  for (const op of ops) all.push({ kind: op.kind, a: start + op.a, b: start + op.b });
  for (let i = 0; i < a.length - endA; i++) all.push({ kind: "same", a: endA + i, b: endB + i });

  const hunks: Hunk[] = [];
  let i = 0;
  while (i < all.length) {
    if (all[i]!.kind === "same") {
      i++;
      continue;
    }
    // A region: from `context` lines before the first change to `context` lines after the
    // last one, merging changes closer together than two context windows.
    let end = i;
    for (let j = i; j < all.length; j++) {
      if (all[j]!.kind !== "same") end = j;
      else if (j - end > context * 2) break;
    }
    const from = Math.max(0, i - context);
    const to = Math.min(all.length, end + context + 1);
    const lines = all.slice(from, to).map((op) =>
      op.kind === "same" ? { sign: " " as const, text: a[op.a]! } : op.kind === "del" ? { sign: "-" as const, text: a[op.a]! } : { sign: "+" as const, text: b[op.b]! },
    );
    const first = all[from]!;
    hunks.push({ line: first.a + 1, lines });
    i = end + 1;
  }
  return hunks;
}

/** Every region as `@@ line N @@` and its lines; a long region is cut after `max` changed lines. */
export function renderDiff(hunks: readonly Hunk[], max = 16): string {
  const out: string[] = [];
  for (const h of hunks) {
    out.push(`@@ line ${h.line} @@`);
    let changed = 0;
    let hidden = 0;
    for (const l of h.lines) {
      if (l.sign !== " " && ++changed > max) hidden++;
      else if (changed <= max) out.push(`${l.sign} ${l.text}`);
    }
    if (hidden) out.push(`  … ${hidden} more changed lines in this region`);
  }
  return out.join("\n");
}
