/**
 * example_test.go: runnable examples that `go doc` shows and `go test` checks.
 * Their expected output is computed here from the model's semantics (a listed
 * code's row, the policy's verdict on an unlisted code, a malformed value's
 * outcome), so `go test` in every generated module holds the Go code to them.
 */
import { parsePattern, samplePattern } from "../../model/semantics/pattern.ts";
import { decideUnlisted, malformedPolicy, unlistedPolicy } from "../../model/semantics/unlisted.ts";
import type { Spec } from "../../model/types.ts";
import { goNames } from "./names.ts";
import { exampleCode } from "./readme.ts";
import { comment, docComment, goHeader, goString } from "./syntax.ts";

/** A well-formed code the table does not list, printable ASCII, or null where sampling finds none. */
export function unlistedExample(spec: Spec): string | null {
  const parsed = parsePattern(spec.pattern);
  if (!parsed.ok) return null;
  const re = new RegExp(spec.pattern);
  const listed = new Set(spec.codes.map((c) => c.code));
  return samplePattern(parsed.tree, 200, 19).find((s) => /^[\x21-\x7e]+$/.test(s) && re.test(s) && !listed.has(s)) ?? null;
}

/** A string that is not of the pattern. */
function malformedExample(spec: Spec): string {
  const re = new RegExp(spec.pattern);
  return ["", "?", "x", "0", "-1", " "].find((s) => !re.test(s)) ?? "\u0000";
}

export function examplesFile(spec: Spec, pkg: string, module: string) {
  const ctx = spec.contexts[0]!;
  const ctxName = `${pkg}.${goNames.context(ctx.id)}`;
  const listed = exampleCode(spec);
  const unlisted = unlistedExample(spec);
  const malformed = malformedExample(spec);
  const rows: [string, string, string, string][] = [[listed.code, "known", listed.outcomes[ctx.id]!, ""]];
  if (unlisted !== null) {
    const v = decideUnlisted(unlistedPolicy(spec, ctx), unlisted);
    rows.push([unlisted, "unlisted", v.outcome, v.reason]);
  }
  const m = malformedPolicy(spec, ctx);
  rows.push([malformed, "malformed", m.outcome, `${JSON.stringify(malformed)} does not match ${m.described}`]);
  const codes = rows.map((r) => goString(r[0])).join(", ");
  const output = rows.flatMap(([code, kind, outcome, reason]) => [`${goQuoted(code)}: ${kind} ${outcome}`, ...(reason ? [goQuoted(reason)] : [])]);
  const number = `expected a string matching ${spec.pattern}, got the number 200, not the string "200"`;
  const decls = [
    `${docComment(["A listed code, a well-formed code the table does not list, and a value that is not a code."])}\nfunc ExampleClassify() {\n\tfor _, code := range []string{${codes}} {\n\t\tr := ${pkg}.Classify(code, ${ctxName})\n\t\tfmt.Printf("%q: %s %s\\n", code, r.Kind, r.Outcome)\n\t\tif r.Reason != "" {\n\t\t\tfmt.Printf("%q\\n", r.Reason)\n\t\t}\n\t}\n${comment(["Output:", ...output], "\t")}\n}`,
    `${docComment(["A number is not a code, even where its digits would be one."])}\nfunc ExampleClassifyValue() {\n\tr := ${pkg}.ClassifyValue(200.0, ${ctxName})\n\tfmt.Println(r.Kind, r.Outcome)\n\tfmt.Println(r.Reason)\n${comment(["Output:", `malformed ${malformedPolicy(spec, ctx).outcome}`, number], "\t")}\n}`,
  ];
  const content = `${goHeader(spec)}\n\npackage ${pkg}_test\n\nimport (\n\t"fmt"\n\n\t${pkg} ${goString(module)}\n)\n\n${decls.join("\n\n")}\n`;
  return { path: `${spec.id}/example_test.go`, content, role: "source" as const };
}

/** What Go's %q prints for a string (strconv.Quote): printable runes as they are, the others escaped. */
export function goQuoted(s: string): string {
  const named: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v" };
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (named[ch]) out += named[ch];
    else if (ch === " " || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  return out + '"';
}
