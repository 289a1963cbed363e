/**
 * dist/*.d.ts.map: where each declaration came from in src/, so an editor's "go to
 * definition" lands in the readable source the package ships rather than in the
 * declarations. oxc writes the map with the declarations; the compile step then
 * changes their text in two ways the map must follow: `reindent` widens the leading
 * whitespace of some lines (columns move), and the header goes on top (lines move).
 * Both are applied here to the decoded mappings, which are then encoded again.
 */
import { jsonWithHeader } from "../../model/generated-file.ts";
import type { Spec } from "../../model/types.ts";
import { reindent } from "./reindent.ts";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** One line's segments, each [generated column, source, source line, source column(, name)], absolute values. */
type Line = number[][];

/** Source map v3 mappings -> lines of absolute segments. */
export function decodeMappings(mappings: string): Line[] {
  const lines: Line[] = [];
  const state = [0, 0, 0, 0, 0];
  for (const text of mappings.split(";")) {
    const line: Line = [];
    state[0] = 0; // The generated column restarts on every line; the other fields run on.
    for (const segment of text ? text.split(",") : []) {
      const fields = vlqDecode(segment);
      const absolute = fields.map((delta, i) => (state[i]! += delta));
      line.push(absolute);
    }
    lines.push(line);
  }
  return lines;
}

/** Lines of absolute segments -> source map v3 mappings. */
export function encodeMappings(lines: readonly Line[]): string {
  const state = [0, 0, 0, 0, 0];
  const text: string[] = [];
  for (const line of lines) {
    state[0] = 0;
    const segments: string[] = [];
    for (const segment of line) {
      let out = "";
      segment.forEach((value, i) => {
        out += vlqEncode(value - state[i]!);
        state[i] = value;
      });
      segments.push(out);
    }
    text.push(segments.join(","));
  }
  return text.join(";");
}

function vlqDecode(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`not a source map digit: ${JSON.stringify(c)}`);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function vlqEncode(delta: number): string {
  let value = delta < 0 ? (-delta << 1) | 1 : delta << 1;
  let out = "";
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value > 0) digit |= 32;
    out += BASE64[digit];
  } while (value > 0);
  return out;
}

/**
 * The map of the final declarations `after`, from oxc's `map` of `before` (its output as oxc wrote it): each line's
 * columns move by what reindent added to its leading whitespace, and the lines by what the header added on top (found
 * as the first mapped line's place in `after`). `dts` is the declaration file's name, `source` the module's path
 * from dist/.
 */
export function declarationMap(spec: Pick<Spec, "specFile">, map: { mappings: string }, before: string, after: string, dts: string, source: string): string {
  const lines = decodeMappings(map.mappings);
  const [old, now] = [before.split("\n"), after.split("\n")];
  const first = lines.findIndex((line) => line.length > 0);
  const reindented = (i: number) => reindent(old[i] ?? "");
  const shift = first < 0 ? 0 : now.indexOf(reindented(first)) - first;
  if (shift < 0) throw new Error(`codebook: ${dts}: the declarations' first mapped line is not in the output (a generator bug)`);
  const lead = (text: string) => text.length - text.trimStart().length;
  const moved = lines.map((line, i) => {
    const [from, to] = [lead(old[i] ?? ""), lead(reindented(i))];
    return line.map(([column, ...rest]) => [column! >= from ? column! + to - from : column!, ...rest]);
  });
  const mappings = encodeMappings([...Array.from({ length: shift }, (): Line => []), ...moved]);
  return jsonWithHeader(spec, { version: 3, file: dts, sources: [source], names: [], mappings });
}
