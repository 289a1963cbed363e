/**
 * Private helpers several API emitters' generated code shares; emitted once
 * per module so each emitter's output stays independent of the others' order.
 */
import type { Statement } from "../ts-module.ts";
import { docComment } from "./tsdoc.ts";

export function emitRuntime(): Statement[] {
  return [
    `${docComment(["The JSON kind of a value, for messages: null and arrays are not \"object\"."])}\nfunction kindOf(value: unknown): string {\nreturn value === null ? "null" : Array.isArray(value) ? "array" : typeof value;\n}`,
  ];
}
