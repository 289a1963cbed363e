/** The merged actions keep the codes the profile keeps; an action left with none goes. */
import type { RawSpec, RawSpecAction } from "../spec-schema.types.ts";
import type { BaseCodes } from "./base-codes.ts";
import type { Origins } from "./origins.ts";

export function mergeActions(b: RawSpec, codes: BaseCodes, origins: Origins): RawSpecAction[] {
  return (b.actions ?? []).map((a, i) => origins.mark({ ...a, codes: a.codes.filter((c) => !codes.leftOut(c)) }, origins.inBase(["actions", i]))).filter((a) => a.codes.length);
}
