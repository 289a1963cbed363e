/**
 * TSDoc for generated API declarations: a field's row of the source table
 * (description, presence, length, format, allowed values) in a fixed order.
 */
import type { Field } from "../../../model/types.ts";
import { docText } from "../ts-module.ts";
import { stringFormat } from "../../../model/semantics/formats.ts";
import { presenceIn, type Shape } from "./api-model.ts";

/** A `/** … *\/` block from lines; every line is escaped so source text cannot close it. */
export function docComment(lines: string[]): string {
  const body = lines.flatMap((l) => l.split(/\r?\n/));
  while (body.length && body[body.length - 1] === "") body.pop();
  if (body.length === 1) return `/** ${docText(body[0]!)} */`;
  return `/**\n${body.map((l) => ` * ${docText(l)}`.trimEnd()).join("\n")}\n */`;
}

/** What the source's Mandatory column means for this field in this shape. */
export function presenceText(f: Field, shape: Shape): string {
  if (f.presence === "M") return "M — mandatory";
  if (f.presence === "O") return "O — optional";
  const when = f.condition?.text ? `: “${f.condition.text}”` : "";
  const reading =
    presenceIn(f, shape) === "conditional"
      ? "required in this (successful) response"
      : f.condition?.when === "success"
        ? "optional here (the condition is about a successful response)"
        : "optional: the condition cannot be checked from the body";
  return `C — conditional${when}; ${reading}`;
}

/** The field's documentation lines, as in the source table, plus how codebook reads it. */
export function fieldDocLines(f: Field, shape: Shape): string[] {
  const lines: string[] = [];
  lines.push(f.description ?? `${f.name} (the source gives no description)`);
  lines.push("");
  lines.push(`- Mandatory: ${presenceText(f, shape)}`);
  if (f.length !== null) lines.push(`- Length: ${f.length}${f.maxLength !== null ? ` (at most ${f.maxLength} characters)` : ""}`);
  const fmt = stringFormat(f);
  if (fmt) lines.push(`- Format: ${fmt.text}`);
  if (f.pattern !== null) lines.push(`- Pattern: \`${f.pattern}\``);
  if (f.values.length) lines.push(`- Allowed values: ${f.values.map((v) => `\`${v.value}\` ${v.meaning}`).join(", ")}`);
  if (f.nullable) lines.push("- May be null");
  if (f.dataType !== null) lines.push(`- Data type in the source: ${f.dataType}`);
  if (f.name !== f.key) lines.push(`- The source names it "${f.name}"; the JSON key is "${f.key}"`);
  if (f.errata.length) lines.push(`- Errata: ${f.errata.join(", ")} (see the package README)`);
  return lines;
}
