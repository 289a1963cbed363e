/** The pattern every code matches. */
import type { RawSpec } from "../spec-schema.types.ts";
import { compileRegex } from "./compile-regex.ts";
import type { Lint } from "./lint-context.ts";

export interface CodePattern {
  /** As the spec writes it (messages quote it so). */
  source: string;
  /** Null where it is invalid or refused (reported), so rows skip the check. */
  regex: RegExp | null;
}

export function codePattern(raw: RawSpec, lint: Lint): CodePattern {
  return { source: raw.code.pattern, regex: compileRegex(raw.code.pattern, ["code", "pattern"], lint) };
}
