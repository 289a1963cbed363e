/**
 * Private helpers several API emitters' generated code shares; emitted once
 * per module so each emitter's output stays independent of the others' order.
 */
import type { Statement } from "../ts-module.ts";
import { docComment } from "./tsdoc.ts";

export function emitRuntime(): Statement[] {
  return [
    `${docComment([
      "The JSON kind of a value, for messages: null and arrays are not \"object\". Never throws: `Array.isArray` throws on a",
      "revoked proxy, which is an object all the same.",
    ])}\nfunction kindOf(value: unknown): string {\nif (typeof value !== "object") return typeof value;\nif (value === null) return "null";\ntry {\nreturn Array.isArray(value) ? "array" : "object";\n} catch {\nreturn "object";\n}\n}`,
  ];
}
