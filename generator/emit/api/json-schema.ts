import type { Spec } from "../../model/types.ts";
import type { GeneratedFile } from "../generated-file.ts";
export function emitJsonSchemas(_spec: Spec): GeneratedFile[] {
  return [];
}
