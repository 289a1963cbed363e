/**
 * Parses one spec file with `yaml`, keeping source ranges, and maps a path
 * inside the parsed value back to a line and column. This is the only module
 * that sees YAML nodes; everything downstream reads plain values.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type Pair } from "yaml";
import type { Diagnostic } from "./diagnostics.ts";
import { checkStrings, SPEC_LIMITS } from "./hostile-text.ts";
import { yamlProblems } from "./yaml-errors.ts";
import type { Path } from "./value-path.ts";

export type { Path } from "./value-path.ts";

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
  const position = (offset: number): { line: number; col: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const problem = (offset: number, length: number, message: string): Diagnostic => ({ file, ...position(offset), length, message });
  let doc: Document;
  try {
    doc = withPlainEnv(() => parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true }));
  } catch (err) {
    // The parser recurses per nesting level; it catches most overflows itself (yaml-errors.ts).
    if (!(err instanceof RangeError)) throw err;
    return brokenSource(file, text, [{ file, line: 1, col: 1, length: 1, message: `YAML nesting is too deep: a spec nests at most ${SPEC_LIMITS.maxDepth} levels` }]);
  }
  const syntaxErrors: Diagnostic[] = yamlProblems(doc.errors, text).map((p) => problem(p.offset, p.length, p.message));
  // Warnings are problems too: an unknown tag (`!js/function`) would otherwise be read as a plain string.
  if (!syntaxErrors.length) syntaxErrors.push(...doc.warnings.map((w) => problem(w.pos[0], Math.max(1, w.pos[1] - w.pos[0]), warningMessage(w.code, w.message))));
  if (!syntaxErrors.length) syntaxErrors.push(...tooDeep(doc).map((n) => problem(n.range![0], 1, `nesting deeper than ${SPEC_LIMITS.maxDepth} levels: a spec nests about ten; flatten this value`)));
  // An alias needs an anchor (`&name`), and one that names no anchor is a syntax error above:
  // without a "&" there is nothing to look for, and the walk is most of a table's lint time after parsing.
  if (!syntaxErrors.length && text.includes("&")) {
    const cycle = cyclicAlias(doc);
    if (cycle) syntaxErrors.push(problem(cycle.range![0], Math.max(1, cycle.range![1] - cycle.range![0]), `YAML alias ${String(cycle)} refers to a value that contains it (a cycle); a spec is a tree: write the value out`));
  }
  let value: unknown;
  if (!syntaxErrors.length) {
    try {
      value = doc.toJS({ maxAliasCount: SPEC_LIMITS.maxAliasCount });
    } catch (err) {
      if (!(err instanceof ReferenceError || err instanceof RangeError)) throw err;
      // An alias with no anchor before it (yaml reports it only when reading the value), or
      // an alias bomb: each alias copies its anchor's whole value, exponentially.
      const unresolved = firstAlias(doc, (a) => a.resolve(doc) === undefined);
      const alias = unresolved ?? firstAlias(doc);
      syntaxErrors.push(
        unresolved
          ? problem(unresolved.range![0], Math.max(1, unresolved.range![1] - unresolved.range![0]), `YAML alias ${String(unresolved)} names no anchor before it: put &${unresolved.source} on the value it repeats, above this line, or write the value out (quote it if it is text)`)
          : problem(alias?.range?.[0] ?? 0, 1, `YAML aliases expand into more than ${SPEC_LIMITS.maxAliasCount} copies (an alias bomb?); write the values out instead of aliasing them`),
      );
    }
  }

  const locate = (path: Path, key: boolean): [number, number] => {
    const { node, pair } = walk(doc, path);
    const target = key && pair?.key && isNode(pair.key) ? pair.key : node;
    const range = target?.range ?? doc.contents?.range ?? [0, 0];
    return [range[0], Math.max(range[0] + 1, range[1])];
  };

  const source: YamlSource = {
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
  // Characters written as escapes, which the text check (hostile-text.ts) cannot see.
  if (!syntaxErrors.length) {
    for (const s of checkStrings(value)) syntaxErrors.push(source.at(s.path, s.message, { key: s.key }));
    if (syntaxErrors.length) source.value = undefined;
  }
  return source;
}

/**
 * yaml's parser reads `process.env.LOG_TOKENS` (a debugging switch) once per token, and
 * Node's process.env is a native interceptor: those reads were about a quarter of the
 * parse (1,000 synthetic tables: 1.9 s of parsing, 0.45 s less with a plain object).
 * The parse is synchronous, so for its length process.env is a plain copy: no other
 * code of this thread runs meanwhile, and the environment itself (getenv, child
 * processes) is untouched. The property is put back as it was, also when the parse throws.
 */
export function withPlainEnv<T>(parse: () => T): T {
  const env = Object.getOwnPropertyDescriptor(process, "env");
  if (!env?.configurable || !("value" in env)) return parse();
  Object.defineProperty(process, "env", { ...env, value: { ...env.value } });
  try {
    return parse();
  } finally {
    Object.defineProperty(process, "env", env);
  }
}

/** A source whose text never became a document: positions only from the diagnostics given. */
function brokenSource(file: string, text: string, syntaxErrors: Diagnostic[]): YamlSource {
  const first = syntaxErrors[0]!;
  return { file, text, value: undefined, syntaxErrors, at: (_path, message) => ({ ...first, message }), lineOf: () => first.line, rawScalar: () => null };
}

/** Collections nested deeper than the limit (the first one on each too-deep branch), found without recursion. */
function tooDeep(doc: Document): Node[] {
  const found: Node[] = [];
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length && !found.length) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > SPEC_LIMITS.maxDepth) {
      found.push(node);
      continue;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return found;
}

/** An alias inside the very node its anchor names: reading it would build a cyclic value. */
function cyclicAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      const target = node.resolve(doc);
      if (target?.range && node.range && target.range[0] <= node.range[0] && node.range[1] <= target.range[1]) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstAlias(doc: Document, which: (alias: Alias) => boolean = () => true): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (!which(node)) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

function warningMessage(code: string, message: string): string {
  const tag = /^Unresolved tag: (\S+)/.exec(message);
  if (code === "TAG_RESOLVE_FAILED" && tag)
    return `unknown YAML tag "${tag[1]}": a spec is plain data; remove the tag (and quote the value if it is text)`;
  return `YAML: ${message.split("\n")[0]}`;
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
