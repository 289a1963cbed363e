/**
 * The spec's text before and after YAML: bytes that are not UTF-8, control
 * characters, lone surrogates, and the limits that keep a hostile file from
 * exhausting the loader. Specs are transcriptions of documents; none of these
 * can be verbatim source text, and each would be copied raw into every
 * generated file, so each is a positioned problem, never a silent replacement.
 */
import { readInputFile } from "../common/input-file.ts";
import type { Diagnostic } from "./diagnostics.ts";
import type { Path } from "./value-path.ts";

/** The limits spec/README.md states ("Limits"). */
export const SPEC_LIMITS = {
  /** Bytes of one spec file. The largest shipped spec is 80 KB; a 5,000-code table with descriptions ~1 MB. */
  maxBytes: 4 * 1024 * 1024,
  /** Nesting of mappings and sequences. The format needs about ten (nested API fields add a few). */
  maxDepth: 64,
  /** Alias nodes the YAML reader copies: bounds an alias bomb ("billion laughs"). */
  maxAliasCount: 100,
} as const;

/**
 * Characters YAML 1.2 does not allow in a stream (outside its printable set),
 * and noncharacters: C0 controls but tab, LF and CR; DEL; C1 controls but NEL; U+FFFE, U+FFFF.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;
const CONTROL_G = new RegExp(CONTROL.source, "g");
/** A UTF-16 surrogate without its partner: only reachable through a `"\ud800"` escape. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A spec file's bytes, or the problem that keeps it from being read: its size comes from
 * fstat before a byte is read (a 1 GiB spec was read whole, 1.1 GB of memory, before the
 * size check refused it, and one over 2 GiB failed in Node with a stack), and it must be
 * a regular file (not a FIFO, which blocks, or a device, which never ends).
 */
export function readSpecFile(path: string, display: string): { bytes: Uint8Array } | { problem: Diagnostic } {
  const read = readInputFile(path, { maxBytes: SPEC_LIMITS.maxBytes });
  if (read.ok) return { bytes: read.bytes };
  const message = read.reason === "too-large" ? tooLargeMessage(read.size!) : `the spec file ${read.problem}; a spec is a regular file of YAML text`;
  return { problem: { file: display, line: 1, col: 1, length: 1, message } };
}

function tooLargeMessage(bytes: number): string {
  return `spec file is ${bytes} bytes, over the limit of ${SPEC_LIMITS.maxBytes} (4 MiB); split the provider's tables into several specs`;
}

/**
 * Decodes a spec file's bytes as UTF-8, refusing what is not: `readFileSync(…, "utf8")`
 * would turn every bad byte into U+FFFD and the package would carry it. The text
 * returned alongside a problem is the lossy decoding, for the code frame only.
 */
export function decodeSpecBytes(file: string, bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  if (bytes.length > SPEC_LIMITS.maxBytes) {
    const text = new TextDecoder("utf-8").decode(bytes.subarray(0, 4096));
    return {
      text,
      diagnostics: [{ file, line: 1, col: 1, length: 1, message: tooLargeMessage(bytes.length) }],
    };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), diagnostics: [] };
  } catch {
    const text = new TextDecoder("utf-8").decode(bytes);
    const bad = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
    const line = countNewlines(bytes, lineStart) + 1;
    const col = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad)).length + 1;
    const hex = `0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, "0")}`;
    return {
      text,
      diagnostics: [{ file, line, col, length: 1, message: `the file is not valid UTF-8: byte ${hex} at offset ${bad}; save the spec as UTF-8 (the source document's text, re-encoded)` }],
    };
  }
}

/** A spec that is already text (`diff`'s sides, an editor's buffer): the same size limit, counted in UTF-8 bytes. */
export function decodeSpecText(file: string, text: string): { text: string; diagnostics: Diagnostic[] } {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: only a long text needs counting.
  if (text.length * 3 <= SPEC_LIMITS.maxBytes) return { text, diagnostics: [] };
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= SPEC_LIMITS.maxBytes) return { text, diagnostics: [] };
  return { text: text.slice(0, 4096), diagnostics: [{ file, line: 1, col: 1, length: 1, message: tooLargeMessage(bytes) }] };
}

/** The first literal control character of a text, with how many more there are (one problem, one diagnostic). */
export function checkControlCharacters(file: string, text: string): Diagnostic[] {
  const all = [...text.matchAll(CONTROL_G)];
  if (!all.length) return [];
  const first = all[0]!;
  const offset = first.index;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const line = countNewlinesText(text, lineStart) + 1;
  const more = all.length > 1 ? ` (and ${all.length - 1} more in this file)` : "";
  return [{ file, line, col: offset - lineStart + 1, length: 1, message: `${describeChar(first[0])} is not allowed in a spec: delete it${more}` }];
}

/**
 * Strings of the parsed value (keys and values) holding what the text check
 * cannot see: characters written as escapes (`"\0"`, `"\ud800"`). Each string is
 * reported once, at its node.
 */
export function checkStrings(value: unknown): { path: Path; key: boolean; message: string }[] {
  const out: { path: Path; key: boolean; message: string }[] = [];
  const problem = (s: string): string | null => {
    const control = CONTROL.exec(s);
    if (control) return `${describeChar(control[0])} (written as an escape) is not allowed in a spec: delete it`;
    const lone = LONE_SURROGATE.exec(s);
    if (lone) return `lone surrogate ${describeChar(lone[0])} (written as an escape) is not text: write the character itself, or delete it`;
    return null;
  };
  // Depth is bounded (SPEC_LIMITS.maxDepth is checked before the value exists), so recursion is safe.
  const visit = (v: unknown, path: Path): void => {
    if (typeof v === "string") {
      const p = problem(v);
      if (p) out.push({ path, key: false, message: p });
    } else if (Array.isArray(v)) v.forEach((item, i) => visit(item, [...path, i]));
    else if (typeof v === "object" && v !== null)
      for (const [k, item] of Object.entries(v)) {
        const p = problem(k);
        if (p) out.push({ path: [...path, k], key: true, message: p });
        visit(item, [...path, k]);
      }
  };
  visit(value, []);
  return out;
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return hex;
  if (cp === 0xfffe || cp === 0xffff) return `noncharacter ${hex}`;
  const names: Record<number, string> = { 0: " (NUL)", 0x1b: " (ESC)", 0x7f: " (DEL)" };
  return `control character ${hex}${names[cp] ?? ""}`;
}

/** Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const n = utf8Run(b, i);
    if (n === 0) return i;
    i += n;
  }
  return b.length;
}

/** Length of the well-formed UTF-8 sequence starting at i (Unicode Table 3-7), 0 when there is none. */
function utf8Run(b: Uint8Array, i: number): number {
  const x = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (x < 0x80) return 1;
  if (x >= 0xc2 && x <= 0xdf) return cont(1) ? 2 : 0;
  if (x === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (x === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (x >= 0xe1 && x <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (x === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (x >= 0xf1 && x <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (x === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function countNewlines(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (b[i] === 0x0a) n++;
  return n;
}

function countNewlinesText(t: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (t.charCodeAt(i) === 10) n++;
  return n;
}
