import type { Spec } from "../../model/types.ts";
export function apiMarkdown(_spec: Spec): string {
  return "";
}
