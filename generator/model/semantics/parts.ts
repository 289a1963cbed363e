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

/** What reading the notation needs of a part: its domain (the values "every service" stands for), if any. */
export interface NotationPart extends PartShape {
  readonly domain?: readonly string[] | string | null;
}

/**
 * The codes a provider's notation stands for: `403xx11` is 403, every value of the
 * domain part (written as x's, one per character), 11. `domainValues` gives those values
 * where the parts do not carry them. Null for text that is not the notation (a plain
 * code, a wrong length, no x's where the domain part sits).
 */
export function expandNotation(parts: readonly NotationPart[], text: string, domainValues?: readonly string[]): string[] | null {
  if (text.length !== codeLength(parts)) return null;
  const spans = partSpans(parts);
  const at = parts.findIndex((p) => p.domain);
  if (at < 0) return null;
  const span = spans[at]!;
  if (!/^[xX]+$/.test(text.slice(span.start, span.end))) return null;
  const domain = domainValues ?? (Array.isArray(parts[at]!.domain) ? (parts[at]!.domain as readonly string[]) : []);
  return domain.map((v) => text.slice(0, span.start) + v + text.slice(span.end));
}

/** A code written in the notation of its parts: `403xx11` for 403, any service, 11 (the domain part as x's). */
export function notationOf(parts: readonly NotationPart[], code: string): string | null {
  const at = parts.findIndex((p) => p.domain);
  if (at < 0 || code.length !== codeLength(parts)) return null;
  const span = partSpans(parts)[at]!;
  return code.slice(0, span.start) + "x".repeat(span.end - span.start) + code.slice(span.end);
}
