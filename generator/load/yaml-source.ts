/**
 * Parses one spec file with `yaml`, keeping source ranges, and maps a path
 * inside the parsed value back to a line and column. This is the only module
 * that sees YAML nodes; everything downstream reads plain values.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import type { Diagnostic } from "./diagnostics.ts";

export type Path = readonly (string | number)[];

export interface YamlSource {
  file: string;
  text: string;
  /** The parsed value; undefined when the YAML itself is broken. */
  value: unknown;
  /** Syntax errors, already as diagnostics. */
  syntaxErrors: Diagnostic[];
  /** Diagnostic at the node a path points to (or its nearest existing ancestor). */
  at(path: Path, message: string, options?: { key?: boolean }): Diagnostic;
  /** 1-based line of the node a path points to. */
  lineOf(path: Path): number;
  /** Whether the scalar at path was written as a number in the source (e.g. `code: 00`). */
  rawScalar(path: Path): { source: string; isNumber: boolean } | null;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const position = (offset: number): { line: number; col: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const syntaxErrors: Diagnostic[] = [...doc.errors].map((e) => {
    const { line, col } = position(e.pos[0]);
    return { file, line, col, length: Math.max(1, e.pos[1] - e.pos[0]), message: yamlMessage(e.message) };
  });
  const value = syntaxErrors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;

  const locate = (path: Path, key: boolean): [number, number] => {
    const { node, pair } = walk(doc, path);
    const target = key && pair?.key && isNode(pair.key) ? pair.key : node;
    const range = target?.range ?? doc.contents?.range ?? [0, 0];
    return [range[0], Math.max(range[0] + 1, range[1])];
  };

  return {
    file,
    text,
    value,
    syntaxErrors,
    at(path, message, options) {
      const [start, end] = locate(path, options?.key ?? false);
      const { line, col } = position(start);
      const lineEnd = text.indexOf("\n", start);
      const length = Math.max(1, Math.min(end, lineEnd === -1 ? text.length : lineEnd) - start);
      return { file, line, col, message, length };
    },
    lineOf(path) {
      return position(locate(path, false)[0]).line;
    },
    rawScalar(path) {
      const { node } = walk(doc, path);
      if (!node || !isScalar(node) || !node.range) return null;
      return { source: text.slice(node.range[0], node.range[1]), isNumber: typeof node.value === "number" };
    },
  };
}

function isNode(x: unknown): x is Node {
  return typeof x === "object" && x !== null && "range" in x;
}

/** Walks as far down `path` as the document goes. */
function walk(doc: Document, path: Path): { node: Node | undefined; pair: Pair | undefined } {
  let node = doc.contents as Node | undefined;
  let pair: Pair | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const found = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!found) return { node, pair: undefined };
      pair = found;
      node = (found.value as Node | null) ?? (found.key as Node);
    } else if (isSeq(node) && typeof step === "number") {
      const item = node.items[step] as Node | undefined;
      if (!item) return { node, pair: undefined };
      pair = undefined;
      node = item;
    } else {
      return { node, pair: undefined };
    }
  }
  return { node, pair };
}

function yamlMessage(message: string): string {
  // yaml appends " at line L, column C" and a frame; our headline already has both.
  return `YAML syntax error: ${message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
}
