/**
 * Where the build's sections report. Each section is a function of the raw spec
 * and of the sections built before it; the one thing they share is this sink,
 * which turns a path into a positioned diagnostic and keeps them in the order found.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { Path, YamlSource } from "../yaml-source.ts";

export interface Lint {
  /** A problem at the node `path` points to (`key`: at its key rather than its value). */
  report(path: Path, message: string, options?: { key?: boolean }): void;
  /** 1-based line of the node `path` points to ("first at line N"). */
  lineOf(path: Path): number;
}

export class LintSink implements Lint {
  readonly diagnostics: Diagnostic[] = [];
  readonly #source: YamlSource;

  constructor(source: YamlSource) {
    this.#source = source;
  }

  report(path: Path, message: string, options?: { key?: boolean }): void {
    this.diagnostics.push(this.#source.at(path, message, options));
  }

  lineOf(path: Path): number {
    return this.#source.lineOf(path);
  }

  /** One diagnostic per place and message: a row expanded over a domain (one code per service) is checked once per code. */
  unique(): Diagnostic[] {
    const seen = new Set<string>();
    return this.diagnostics.filter((d) => {
      const key = `${d.line}:${d.col}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
