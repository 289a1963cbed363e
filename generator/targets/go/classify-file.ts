/**
 * classify.go: Result, Classify, ClassifyValue, Describe and IsCode, rendered from
 * the policy in model/semantics/unlisted.ts (the rules for unlisted codes, in order,
 * with their outcomes and reasons; the outcome of a malformed value). Nothing here
 * decides an outcome: it writes the policy's data as Go.
 */
import { malformedPolicy, unlistedPolicyGroups, type CodeTest, type UnlistedPolicy, type UnlistedRule } from "../../model/semantics/unlisted.ts";
import type { Spec } from "../../model/types.ts";
import { outcomeConst } from "./codes-file.ts";
import { exported, goNames } from "./names.ts";
import { asciiOnly, goPattern, SURROGATE_RUNE_BASE, type GoPattern } from "./patterns.ts";
import { comment, docComment, goString, indent } from "./syntax.ts";

/** What a file's declarations need besides themselves. */
export interface Decls {
  imports: string[];
  decls: string[];
  /** Runtime files (templates/go/) the declarations call into. */
  runtime: string[];
}

/** The code-unit view of a string as a Go literal: astral runes as their two mapped surrogates (see jsUnits). */
function unitString(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0xffff) out += ch;
    else {
      const hi = Math.floor((cp - 0x10000) / 0x400) + 0xd800;
      const lo = ((cp - 0x10000) % 0x400) + 0xdc00;
      out += String.fromCodePoint(SURROGATE_RUNE_BASE + hi, SURROGATE_RUNE_BASE + lo);
    }
  }
  return goString(out).replace(/[\u{10d800}-\u{10dfff}]/gu, (c) => `\\U${c.codePointAt(0)!.toString(16).padStart(8, "0")}`);
}

/** The Go pieces one spec's classifier is made of: patterns, and whether codes are read by bytes or by code units. */
interface Plan {
  spec: Spec;
  /** Every code of the pattern is ASCII: parts are byte slices. Otherwise they are slices of the code-unit view. */
  ascii: boolean;
  patterns: GoPattern[];
  code: GoPattern;
  parts: Map<string, GoPattern>;
  categories: Map<string, GoPattern>;
}

function plan(spec: Spec): Plan {
  const code = goPattern(spec.pattern, "matchesCodePattern", "the code pattern");
  const parts = new Map<string, GoPattern>();
  for (const p of spec.composite?.parts ?? []) if (p.pattern) parts.set(p.name, goPattern(p.pattern, `matches${exported(p.name)}Part`, `the ${p.name} part's pattern`));
  const categories = new Map<string, GoPattern>();
  for (const c of spec.categories) if (c.match && "pattern" in c.match) categories.set(c.id, goPattern(c.match.pattern, `matches${exported(c.id)}Category`, `category ${c.id}'s pattern`));
  return { spec, ascii: asciiOnly(spec.pattern), patterns: [code, ...parts.values(), ...categories.values()], code, parts, categories };
}

/** The Go condition of a code test; `parts` holds whether the code has the parts' shape. */
function testCondition(p: Plan, t: CodeTest): string {
  const at = (start: number, value: string) =>
    p.ascii ? (start === 0 ? `strings.HasPrefix(code, ${goString(value)})` : `strings.HasPrefix(code[${start}:], ${goString(value)})`) : `strings.HasPrefix(string(units[${start}:]), ${unitString(value)})`;
  switch (t.kind) {
    case "part-values":
      return `parts && ${t.values.length > 1 ? `(${t.values.map((v) => at(t.start, v)).join(" || ")})` : at(t.start, t.values[0]!)}`;
    case "part-prefix":
      return `parts && ${at(t.start, t.prefix)}`;
    case "prefixes":
      return t.prefixes.map((v) => `strings.HasPrefix(code, ${goString(v)})`).join(" || ");
    case "pattern":
      throw new Error("codebook: a pattern test is written by its category");
  }
}

/** Statements that set `parts` (whether the code has the composite parts' shape) and `units` where codes are read by code units. */
function shapeStatements(p: Plan, policy: UnlistedPolicy): string[] {
  const shape = policy.shape!;
  const checks: string[] = [];
  if (p.ascii) {
    checks.push(`len(code) == ${shape.length}`);
    for (const part of shape.parts) if (part.pattern) checks.push(p.parts.get(part.name)!.call(`code[${part.start}:${part.end}]`));
    return [`parts := ${checks.join(" && ")}`];
  }
  checks.push(`len(units) == ${shape.length}`);
  for (const part of shape.parts) {
    if (!part.pattern) continue;
    const pattern = p.parts.get(part.name)!;
    const slice = `string(units[${part.start}:${part.end}])`;
    checks.push(pattern.regexp ? `${pattern.call("").replace(/^jsMatch\((\w+), \)$/, "$1")}.MatchString(${slice})` : pattern.call(slice));
  }
  return ["units := []rune(jsUnits(code))", `parts := ${checks.join(" && ")}`];
}

function result(outcome: string, category: string, reason: string): string {
  return `Result{Kind: KindUnlisted, Code: Code(code), Outcome: ${outcome}${category === "" ? "" : `, Category: ${category}`}, Reason: ${reason}}`;
}

/** The body of one policy's function. */
function policyBody(p: Plan, policy: UnlistedPolicy): string {
  const lines: string[] = [];
  const readsParts = policy.shape !== null;
  if (readsParts) lines.push(...shapeStatements(p, policy));
  const claims = policy.claims;
  if (claims.length) {
    lines.push("var category Category", "switch {");
    for (const c of claims) {
      const cond = c.test.kind === "pattern" ? p.categories.get(c.category.id)!.call("code") : testCondition(p, c.test);
      lines.push(`case ${cond}:`, `\tcategory = ${goNames.category(c.category.id)}`);
    }
    lines.push("}");
  }
  const category = claims.length ? "category" : "";
  for (const r of policy.rules) lines.push(...ruleStatements(p, r, category));
  return indent(lines.join("\n"));
}

function ruleStatements(p: Plan, r: UnlistedRule, category: string): string[] {
  const ret = `return ${result(outcomeConst(r.outcome), category, goString(r.reason))}`;
  switch (r.kind) {
    case "part":
    case "prefix":
      return [`if ${testCondition(p, r.test)} {`, `\t${ret}`, "}"];
    case "category":
      return [`if category == ${goNames.category(r.category.id)} {`, `\t${ret}`, "}"];
    default:
      return [ret];
  }
}

function unlistedDecls(p: Plan): string[] {
  const spec = p.spec;
  const groups = unlistedPolicyGroups(spec);
  const why = "a well-formed code the table does not list, classified by the source's rules in order (from its parts, then its category, then the rule for unlisted codes); never success";
  if (groups.length === 1) return [`${comment([`classifyUnlisted classifies ${why}.`])}\nfunc classifyUnlisted(code string, ctx Context) Result {\n${policyBody(p, groups[0]!.policy)}\n}`];
  const out: string[] = [];
  const cases: string[] = [];
  for (const g of groups) {
    const only = g.policy.rules.length === 1 && g.policy.claims.length === 0 && g.policy.shape === null;
    const ctxs = g.contexts.map(goNames.context).join(", ");
    if (only) {
      const r = g.policy.rules[0]!;
      cases.push(`\tcase ${ctxs}:\n\t\treturn ${result(outcomeConst(r.outcome), "", goString(r.reason))}`);
    } else {
      const name = `unlistedIn${exported(g.contexts[0]!)}`;
      cases.push(`\tcase ${ctxs}:\n\t\treturn ${name}(code)`);
      out.push(`${comment([`${name} classifies an unlisted code in ${g.contexts.join(", ")}.`])}\nfunc ${name}(code string) Result {\n${policyBody(p, g.policy)}\n}`);
    }
  }
  const last = cases.pop()!.replace(/^\tcase [^\n]*\n\t\t/, "\t");
  return [`${comment([`classifyUnlisted classifies ${why}, per context.`])}\nfunc classifyUnlisted(code string, ctx Context) Result {\n\tswitch ctx {\n${cases.join("\n")}\n\t}\n${last}\n}`, ...out];
}

function malformedDecls(spec: Spec): string[] {
  const byOutcome = new Map<string, string[]>();
  for (const c of spec.contexts) {
    const o = outcomeConst(malformedPolicy(spec, c).outcome);
    byOutcome.set(o, [...(byOutcome.get(o) ?? []), goNames.context(c.id)]);
  }
  const groups = [...byOutcome];
  const body =
    groups.length === 1
      ? `\treturn ${groups[0]![0]}`
      : `\tswitch ctx {\n${groups
          .slice(0, -1)
          .map(([o, ids]) => `\tcase ${ids.join(", ")}:\n\t\treturn ${o}`)
          .join("\n")}\n\t}\n\treturn ${groups[groups.length - 1]![0]}`;
  const described = malformedPolicy(spec, spec.contexts[0]!).described;
  return [
    `${comment(["malformedOutcome is the outcome of a value that is not a code: what the source's rule gives a code whose parts say nothing, never success."])}\nfunc malformedOutcome(${groups.length === 1 ? "Context" : "ctx Context"}) Outcome {\n${body}\n}`,
    `// The reasons of a malformed value: a string that does not match, and a value that is not a string.\nconst (\n\tnoMatch     = ${goString(` does not match ${described}`)}\n\tnotAString  = ${goString(`expected a string matching ${spec.pattern}, got `)}\n\tcontextList = ${goString(spec.contexts.map((c) => c.id).join(", "))}\n)`,
  ];
}

function classifyDecls(spec: Spec, p: Plan): string[] {
  const last = goNames.context(spec.contexts[spec.contexts.length - 1]!.id);
  const first = goNames.context(spec.contexts[0]!.id);
  return [
    `${docComment([
      "Result is the classification of a value in a context.",
      "Switch on Outcome to act; Kind says whether the table lists the code. An unlisted code is never OutcomeSuccess, and Reason says why it gets its outcome.",
    ])}\ntype Result struct {\n` +
      "\t// Kind says whether the table lists the code, or the value is not a code at all.\n\tKind Kind\n" +
      "\t// Code is the code; empty for a malformed value.\n\tCode Code\n" +
      "\t// Outcome is what to act on.\n\tOutcome Outcome\n" +
      "\t// Category is the listed row's category, or for an unlisted code the first category whose match claims it; the zero Category where none does.\n\tCategory Category\n" +
      "\t// Reason says why an unlisted code or a malformed value gets its outcome; empty for a listed code.\n\tReason string\n" +
      "\t// Entry is the row of a listed code; nil otherwise.\n\tEntry *Entry\n}",
    `${docComment([
      `Classify classifies a response code in a context (the zero Context is ${first}, the default): its outcome, and its row when the table lists it.`,
      `A code the table does not list is never success: Reason says what it gets and why. A string that does not match ${spec.pattern} is KindMalformed. A Context that is not one of the constants gets OutcomeUnknown and a Reason that says so. Classify never panics.`,
    ])}\nfunc Classify(code string, ctx Context) Result {\n` +
      `\tif ctx > ${last} {\n\t\treturn unknownContext(ctx)\n\t}\n` +
      `\tif e := lookup(code); e != nil {\n\t\treturn Result{Kind: KindKnown, Code: e.Code, Outcome: e.outcomes[ctx], Category: e.Category, Entry: e}\n\t}\n` +
      `\tif !${p.code.call("code")} {\n\t\treturn Result{Kind: KindMalformed, Outcome: malformedOutcome(ctx), Reason: jsQuote(code, 32, noMatch)}\n\t}\n` +
      `\treturn classifyUnlisted(code, ctx)\n}`,
    `${docComment([
      "ClassifyValue classifies a value as encoding/json decodes it (into an any): a string is classified as Classify does; any other value is KindMalformed, with the reason the TypeScript package gives (a number is not a code: 200 is not \"200\"). It never panics.",
    ])}\nfunc ClassifyValue(v any, ctx Context) Result {\n\tswitch s := v.(type) {\n\tcase string:\n\t\treturn Classify(s, ctx)\n\tcase Code:\n\t\treturn Classify(string(s), ctx)\n\t}\n` +
      `\tif ctx > ${last} {\n\t\treturn unknownContext(ctx)\n\t}\n\treturn Result{Kind: KindMalformed, Outcome: malformedOutcome(ctx), Reason: notAString + jsWhat(v)}\n}`,
    `${comment(["unknownContext answers a Context that is not one of the constants (a programming error) without a panic."])}\nfunc unknownContext(ctx Context) Result {\n\treturn Result{Outcome: OutcomeUnknown, Reason: "unknown context " + ctx.String() + "; expected one of " + contextList}\n}`,
    `${docComment(["Describe returns the source row of a code, or nil for a code the table does not list."])}\nfunc Describe(code Code) *Entry {\n\treturn lookup(string(code))\n}`,
    `${docComment(['IsCode reports whether s is a code the table lists ("00" is, "0" and " 00" are not).'])}\nfunc IsCode(s string) bool {\n\treturn lookup(s) != nil\n}`,
  ];
}

/** The declarations of classify.go. */
export function classifyFile(spec: Spec): Decls {
  const p = plan(spec);
  const decls = [...classifyDecls(spec, p), ...unlistedDecls(p), ...malformedDecls(spec), ...p.patterns.flatMap((x) => x.decls)];
  const text = decls.join("\n");
  const imports = [...(text.includes("strings.") ? ["strings"] : []), ...(p.patterns.some((x) => x.regexp) ? ["regexp"] : [])];
  const runtime = ["reason.go", "value.go", ...(text.includes("jsUnits(") || text.includes("jsMatch(") ? ["units.go"] : [])];
  return { imports, decls, runtime };
}
