/**
 * A composite code's parts: where each part sits in the code, how a code splits
 * into its parts and how parts join into a code. Every stage that reads a code's
 * parts (the build's row expansion, profile merging, the classifiers, diff)
 * asks here, so the split is written once.
 *
 * It works on any `{ name, length }` list, the IR's `CompositePart` as well as the
 * raw spec's part declarations, so the load stage can use it before the IR exists.
 */

/** What splitting needs of a part. */
export interface PartShape {
  readonly name: string;
  readonly length: number;
}

/** Each part with the span it covers in the code: `[start, end)`. */
export interface PartSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** The parts' spans, in order. */
export function partSpans(parts: readonly PartShape[]): PartSpan[] {
  const spans: PartSpan[] = [];
  let at = 0;
  for (const p of parts) {
    spans.push({ name: p.name, start: at, end: at + p.length });
    at += p.length;
  }
  return spans;
}

/** The length of every code with these parts. */
export function codeLength(parts: readonly PartShape[]): number {
  return parts.reduce((n, p) => n + p.length, 0);
}

/**
 * Where part `name` starts in the code. A name no part has is a caller's bug (the
 * loader has already reported unknown part names), so it throws.
 */
export function partOffset(parts: readonly PartShape[], name: string): number {
  const span = partSpans(parts).find((s) => s.name === name);
  if (!span) throw new Error(`codebook: no part named ${JSON.stringify(name)}`);
  return span.start;
}

/**
 * A code's parts by name, when the code has the parts' total length; else null.
 * Only the shape: whether each part matches its pattern is the caller's question.
 */
export function splitCode(parts: readonly PartShape[], code: string): Record<string, string> | null {
  if (code.length !== codeLength(parts)) return null;
  const values: Record<string, string> = {};
  for (const s of partSpans(parts)) values[s.name] = code.slice(s.start, s.end);
  return values;
}

/** The code made of these parts' values, in part order. */
export function joinParts(parts: readonly PartShape[], values: Readonly<Record<string, string>>): string {
  return parts.map((p) => values[p.name] ?? "").join("");
}

/**
 * Every combination of the values each part may take, in part order then value
 * order: a row whose part is "any" stands for one code per value of its domain.
 */
export function expandParts<P extends PartShape>(parts: readonly P[], valuesOf: (part: P) => readonly string[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const p of parts) out = out.flatMap((o) => valuesOf(p).map((v) => ({ ...o, [p.name]: v })));
  return out;
}
