/** The spec's regular expressions (the code pattern, part and category patterns, a set column's separator), compiled and vetted. */
import { checkRegexSafety } from "../regex-safety.ts";
import type { Path } from "../yaml-source.ts";
import type { Lint } from "./lint-context.ts";

/** The compiled expression, or null (reported) when it is invalid or refused. */
export function compileRegex(source: string, path: Path, lint: Lint, flags = ""): RegExp | null {
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (err) {
    lint.report(path, `invalid regular expression ${JSON.stringify(source)}: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "")}`);
    return null;
  }
  // Patterns run in the generated parsers on untrusted input; an unsafe one is not even run here.
  const safety = checkRegexSafety(source);
  if (!safety.safe) {
    lint.report(path, `regular expression ${JSON.stringify(source)} is refused: ${safety.reason}`);
    return null;
  }
  return regex;
}
