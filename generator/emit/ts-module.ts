/**
 * A thin layer over ts-morph: one in-memory project per run, and a printer
 * that turns statement structures into module text in a single insertion
 * (ts-morph re-parses after every manipulation, so we never insert piecemeal).
 */
import type { Project, StatementStructures, WriterFunction } from "ts-morph";
import { tsMorph } from "../ts-morph.ts";

const { IndentationText, NewLineKind, QuoteKind } = tsMorph;

export type Statement = string | WriterFunction | StatementStructures;

let project: Project | undefined;

function sharedProject(): Project {
  project ??= new tsMorph.Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
      useTrailingCommas: true,
    },
  });
  return project;
}

/** Prints statements as a module, header first. */
export function printModule(fileName: string, header: string, statements: Statement[]): string {
  const p = sharedProject();
  const file = p.createSourceFile(`/${fileName}`, { statements }, { overwrite: true });
  const text = file.getFullText();
  p.removeSourceFile(file);
  return header + "\n" + text;
}

/** A string literal, safely escaped: every string from YAML goes through here. */
export function lit(value: string): string {
  return JSON.stringify(value);
}

/** A TSDoc comment body must not close the comment early. */
export function docText(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}
