/**
 * A thin layer over ts-morph: its structure printer turns statement structures
 * into module text. Printing alone: no source file is created, so nothing is
 * parsed (creating one parsed every module, about 0.4 s of the shipped specs'
 * cold run, only to read its text back).
 */
import type { StatementStructures, WriterFunction } from "ts-morph";
import { tsMorph } from "./ts-morph.ts";

const { StructureKind, printStructure } = tsMorph;

export type Statement = string | WriterFunction | StatementStructures;

/** Prints statements as a module, header first. */
export function printModule(header: string, statements: Statement[]): string {
  const text = printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2, newLine: "\n" });
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
