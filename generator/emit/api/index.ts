// TEMPORARY placeholder until the API emitters land (helper-4 replaces this file).
import type { Spec } from "../../model/types.ts";
import type { GeneratedFile } from "../generated-file.ts";
import type { Statement } from "../ts-module.ts";
export function emitApi(_spec: Spec): Statement[] {
  return [];
}
export function emitJsonSchemas(_spec: Spec): GeneratedFile[] {
  return [];
}
export function apiMarkdown(_spec: Spec): string {
  return "";
}
