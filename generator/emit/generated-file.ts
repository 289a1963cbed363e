/**
 * The unit every emitter produces: a path inside the out dir and its text.
 * Emitters do no I/O; the write stage is the only one that touches disk.
 */
import type { Spec } from "../model/types.ts";
import { headerText } from "../model/generated-file.ts";

export { headerText, type GeneratedFile } from "../model/generated-file.ts";

export function lineHeader(spec: Pick<Spec, "specFile">): string {
  return `// ${headerText(spec)}\n`;
}

export function htmlHeader(spec: Pick<Spec, "specFile">): string {
  return `<!-- ${headerText(spec)} -->\n`;
}

/** JSON has no comments: the header is the first property, under `key`. */
export function jsonWithHeader(spec: Pick<Spec, "specFile">, value: object, key = "$comment"): string {
  return JSON.stringify({ [key]: headerText(spec), ...value }, null, 2) + "\n";
}
