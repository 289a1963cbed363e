/**
 * Emits the TypeScript module for a response-code table: the code constant
 * and its union type, outcome / category / scope unions, the entry lookup,
 * the guard, `describe…` and `classify…`, transport rules and actions.
 * Everything provider-specific comes from the Spec; this file names none.
 */
import type { EnumStyle } from "./options.ts";
import { typeNames } from "./names.ts";
import { isSingleAnswer, malformedPolicy, unlistedOutcomes, unlistedPolicy, unlistedPolicyGroups, type CodeTest, type UnlistedPolicy, type UnlistedRule } from "../../model/semantics/unlisted.ts";
import type { Code, OutcomeContext, OutcomeOrUnknown, Scope, Spec } from "../../model/types.ts";
import { OUTCOMES } from "../../model/types.ts";
import { DEEP_FREEZE, frozen, frozenConst, pure, usesDeepFreeze } from "./frozen.ts";
import { partsImplied, patternShape, shapeCheckBody } from "./pattern-shape.ts";
import { docText, lit, type Statement } from "./ts-module.ts";
import { hasNotes, noteDocLines, notesField, notesLiteral, notesOf, notesTable } from "./tsdoc-notes.ts";

export interface CodeTableNames {
  prefix: string;
  code: string;
  entry: string;
  result: string;
  outcome: string;
  context: string;
  category: string;
  isCode: string;
  describe: string;
  classify: string;
}

export function codeTableNames(spec: Spec): CodeTableNames {
  const P = spec.typePrefix;
  return {
    prefix: P,
    code: `${P}Code`,
    entry: `${P}Entry`,
    result: `${P}Result`,
    outcome: `${P}Outcome`,
    context: `${P}Context`,
    category: `${P}Category`,
    isCode: `is${P}Code`,
    describe: `describe${P}Code`,
    classify: `classify${P}Code`,
  };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * TypeScript stops serializing an inferred type at about 1,000,000 characters
 * ("The inferred type of this node exceeds the maximum length the compiler will
 * serialize"); a table whose name map comes near gets an explicit type instead.
 */
const INFERRED_TYPE_BUDGET = 400_000;

/** About the length TypeScript gives the inferred type of the codes constant: each `readonly Name: "code";`. */
function inferredLength(spec: Spec): number {
  return spec.codes.reduce((n, c) => n + c.name.length + c.code.length + 16, 0);
}

/**
 * The outcome of a malformed value (not a string, or not of the code pattern) in a
 * context, as the policy (model/semantics/unlisted.ts) decides it: never success.
 */
export function malformedOutcome(spec: Spec, context: OutcomeContext): OutcomeOrUnknown {
  return malformedPolicy(spec, context).outcome;
}

/** What every section of the codes module reads: the names, the contexts and how a code is typed. */
interface Module {
  spec: Spec;
  n: CodeTableNames;
  P: string;
  enumStyle: EnumStyle;
  contexts: readonly OutcomeContext[];
  defaultContext: OutcomeContext;
  multiContext: boolean;
  hasCategories: boolean;
  categoryType: string;
  scopes: Scope[];
  /** Rows expanded over a part's domain (one row, many services). */
  expanded: boolean;
  actionType: string;
  codeType(c: Code): string;
  union(codes: Code[]): string;
}

function moduleOf(spec: Spec, enumStyle: EnumStyle): Module {
  const n = codeTableNames(spec);
  const codeType = (c: Code) => (enumStyle === "enum" ? `${n.code}.${c.name}` : lit(c.code));
  const hasCategories = spec.categories.length > 0;
  return {
    spec,
    n,
    P: n.prefix,
    enumStyle,
    contexts: spec.contexts,
    defaultContext: spec.contexts[0]!,
    multiContext: spec.contexts.length > 1,
    hasCategories,
    categoryType: hasCategories ? `${n.category} | null` : "null",
    scopes: spec.tables.filter((t) => t.scope).map((t) => t.scope!),
    expanded: spec.composite?.parts.some((p) => p.domain) ?? false,
    actionType: `${n.prefix}Action`,
    codeType,
    union: (codes) => (codes.length ? codes.map(codeType).join(" | ") : "never"),
  };
}

export function emitCodeTable(spec: Spec, enumStyle: EnumStyle): Statement[] {
  const m = moduleOf(spec, enumStyle);
  const unlisted = unlistedRendering(m);
  const out: Statement[] = [
    ...codesStatements(m),
    `/** The canonical outcome of a response code. */\nexport type ${m.n.outcome} = "success" | "pending" | "failed";`,
    ...outcomeUnions(m),
    ...categoryStatements(m),
    ...scopeStatements(m),
    ...contextStatements(m),
    ...actionStatements(m),
    entryInterface(m),
    ...resultStatements(m),
    ...lookupStatements(m),
    // ---- unlisted codes, rendered from the policy; malformed values: not a string, or not of the code pattern
    ...unlisted.functions,
    ...malformedStatements(spec),
    ...classifyStatements(m, unlisted),
  ];
  if (spec.transport) out.push(...transportStatements(spec, m.n, typeNames.result(m.P, null)));
  if (spec.actions.length)
    out.push(
      `/** The actions the source prescribes for a code (empty for codes without any). */\nexport function ${lowerFirst(m.P)}ActionsFor(code: string): readonly ${m.actionType}[] {\n  return ENTRIES.get(code)?.actions ?? [];\n}`,
    );
  if (usesDeepFreeze(out)) out.push(DEEP_FREEZE);
  return out;
}

/** The codes constant (or enum) and its union type. */
function codesStatements(m: Module): Statement[] {
  const { spec, n } = m;
  // Rows expanded over a part's domain get one-line docs: the row's full text is in the entry, and repeating it per expansion only bloats.
  const doc = (c: Code) => (m.expanded ? shortMemberDoc(spec, c) : memberDoc(spec, c));
  const members = spec.codes.map((c) => `${doc(c)}\n${c.name}${m.enumStyle === "enum" ? " = " : ": "}${lit(c.code)},`).join("\n");
  const what = `Every response code in ${spec.title}, by name.`;
  // An enum is a statement, not an expression: it is frozen by a statement of its own, which a bundler keeps.
  if (m.enumStyle === "enum") return [`/** ${docText(what)} */\nexport enum ${n.code} {\n${members}\n}\nObject.freeze(${n.code});`];
  if (inferredLength(spec) > INFERRED_TYPE_BUDGET) {
    // TypeScript refuses to serialize an inferred type this long into the .d.ts; state it (docs on the type's members).
    const typeMembers = spec.codes.map((c) => `${doc(c)}\nreadonly ${c.name}: ${lit(c.code)};`).join("\n");
    const values = spec.codes.map((c) => `${c.name}: ${lit(c.code)},`).join("\n");
    return [`/** ${docText(what)} */\nexport const ${n.code}: {\n${typeMembers}\n} = ${frozen(`{\n${values}\n}`)};`];
  }
  return [
    frozenConst(`/** ${docText(what)} */`, n.code, "CODES_BY_NAME", `{\n${members}\n}`),
    `/** A response code listed in ${docText(spec.title)}. */\nexport type ${n.code} = (typeof ${n.code})[keyof typeof ${n.code}];`,
  ];
}

/** The outcome unions, per context (the default context's are unprefixed). */
function outcomeUnions(m: Module): Statement[] {
  const out: Statement[] = [];
  for (const ctx of m.contexts) {
    const id = ctx === m.defaultContext ? null : ctx.id;
    for (const o of OUTCOMES) {
      const codes = m.spec.codes.filter((c) => c.outcomes[ctx.id] === o);
      const where = m.multiContext ? ` in context "${ctx.id}" (${ctx.title})` : "";
      out.push(`/** Codes whose outcome is ${o}${docText(where)}. */\nexport type ${typeNames.outcomeCodes(m.P, id, o)} = ${m.union(codes)};`);
    }
  }
  return out;
}

function categoryStatements(m: Module): Statement[] {
  const { spec, n, P } = m;
  if (!m.hasCategories) return [];
  const out: Statement[] = [`/** The source's code categories. */\nexport type ${n.category} = ${spec.categories.map((c) => lit(c.id)).join(" | ")};`];
  for (const cat of spec.categories) {
    const codes = spec.codes.filter((c) => c.category === cat.id);
    out.push(`/** Codes in category ${docText(cat.label)}${cat.description ? `: ${docText(cat.description)}` : ""}. */\nexport type ${typeNames.categoryCodes(P, cat.id)} = ${m.union(codes)};`);
  }
  const info = spec.categories.map((c) => `${c.id}: { label: ${lit(c.label)}, description: ${c.description === null ? "null" : lit(c.description)} },`).join("\n");
  out.push(frozenConst(`/** Each category as the source names and describes it. */`, `${P}Categories`, "CATEGORIES", `{\n${info}\n}`));
  return out;
}

/** Scopes: sub-tables that apply in one context only. */
function scopeStatements(m: Module): Statement[] {
  return m.scopes.map((s) => {
    const codes = m.spec.codes.filter((c) => m.spec.tables.find((t) => t.id === c.table)?.scope?.id === s.id);
    return `/** Codes that apply only in ${docText(s.title)}${s.source ? `: "${docText(s.source)}"` : ""} */\nexport type ${typeNames.scopeCodes(m.P, s.id)} = ${m.union(codes)};`;
  });
}

function contextStatements(m: Module): Statement[] {
  if (!m.multiContext) return [];
  const info = m.contexts.map((c) => `${c.id}: { title: ${lit(c.title)}, source: ${c.source === null ? "null" : lit(c.source)} },`).join("\n");
  return [
    `/** Contexts whose outcomes differ; "${m.defaultContext.id}" is the default. */\nexport type ${m.n.context} = ${m.contexts.map((c) => lit(c.id)).join(" | ")};`,
    frozenConst(`/** What each context means, with the source's words where it states a rule. */`, `${m.P}Contexts`, "CONTEXTS", `{\n${info}\n}`),
  ];
}

function actionStatements(m: Module): Statement[] {
  const { spec } = m;
  if (!spec.actions.length) return [];
  const info = spec.actions
    .map((a) => `/** ${docText(a.title)}: "${docText(a.source)}" */\n${a.id}: { title: ${lit(a.title)}, source: ${lit(a.source)}, codes: [${a.codes.map(lit).join(", ")}] },`)
    .join("\n");
  return [
    `/** What the source tells the integrator to do on some codes. */\nexport type ${m.actionType} = ${spec.actions.map((a) => lit(a.id)).join(" | ")};`,
    frozenConst(`/** The actions the source prescribes, with the codes they apply to. */`, `${m.P}Actions`, "ACTIONS", `{\n${info}\n}`),
  ];
}

function entryInterface(m: Module): Statement {
  const { spec, n } = m;
  const fields: string[] = [
    `/** The response code. */\nreadonly code: ${n.code};`,
    `/** Its member name in {@link ${n.code}}. */\nreadonly name: string;`,
    `/** The message, verbatim from the source. */\nreadonly message: string;`,
    `/** The status as the source states it, or null where it has none. */\nreadonly status: string | null;`,
    `/** The outcome${m.multiContext ? ` in the default context ("${m.defaultContext.id}")` : ""}. */\nreadonly outcome: ${n.outcome};`,
  ];
  if (m.multiContext) fields.push(`/** The outcome in each context. */\nreadonly outcomes: { readonly [K in ${n.context}]: ${n.outcome} };`);
  fields.push(`/** The category id, or null. */\nreadonly category: ${m.categoryType};`);
  fields.push(`/** Solution or description text, verbatim; null where the source has none. */\nreadonly description: string | null;`);
  for (const col of spec.columns) {
    const valueType = col.type === "text" ? "string" : col.type === "enum" ? col.values.map(lit).join(" | ") : `readonly (${col.values.map(lit).join(" | ")})[]`;
    fields.push(`/** ${docText(col.title)}${col.description ? `: ${docText(col.description)}` : ""} (null where the source leaves it empty). */\nreadonly ${col.key}: ${valueType} | null;`);
  }
  if (spec.composite) fields.push(`/** The code's parts. */\nreadonly parts: { ${spec.composite.parts.map((p) => `readonly ${p.name}: string`).join("; ")} };`);
  if (m.scopes.length) fields.push(`/** The only context the code applies in, or null. */\nreadonly scope: ${m.scopes.map((s) => lit(s.id)).join(" | ")} | null;`);
  if (spec.actions.length) fields.push(`/** Actions the source prescribes for this code. */\nreadonly actions: readonly ${m.actionType}[];`);
  if (hasNotes(spec)) fields.push(notesField(spec));
  fields.push(`/** The source table it is listed in, and its 1-based row there. */\nreadonly table: ${spec.tables.map((t) => lit(t.id)).join(" | ")};\nreadonly row: number;`);
  return `/** One row of the source table. */\nexport interface ${n.entry} {\n${fields.join("\n")}\n}`;
}

/** The result type of each context: its listed outcomes, the outcomes its policy gives unlisted codes, and the malformed arm. */
function resultStatements(m: Module): Statement[] {
  const { spec, n, P } = m;
  const out: Statement[] = [];
  for (const ctx of m.contexts) {
    const id = ctx === m.defaultContext ? null : ctx.id;
    const arms = OUTCOMES.filter((o) => spec.codes.some((c) => c.outcomes[ctx.id] === o)).map(
      (o) => `{ readonly known: true; readonly outcome: ${lit(o)}; readonly code: ${typeNames.outcomeCodes(P, id, o)}; readonly entry: ${n.entry} }`,
    );
    for (const o of unlistedOutcomes(unlistedPolicy(spec, ctx)))
      arms.push(`{ readonly known: false; readonly outcome: ${lit(o)}; readonly code: string; readonly category: ${m.categoryType}; readonly reason: string }`);
    arms.push(`{ readonly known: false; readonly malformed: true; readonly outcome: ${lit(malformedOutcome(spec, ctx))}; readonly code: null; readonly input: unknown; readonly category: null; readonly reason: string }`);
    const where = m.multiContext ? ` in context "${ctx.id}"` : "";
    out.push(
      `/**\n * The classification of a code${where}: a union discriminated on \`outcome\`; \`known: false\` for codes the table does not list,\n * and \`malformed: true\` (with \`code: null\` and the \`input\` as given) for a value that is not a string of the code pattern.\n */\nexport type ${typeNames.result(P, id)} =\n${arms.map((a) => `| ${a}`).join("\n")};`,
    );
  }
  if (m.multiContext) out.push(`/** A classification in any context. */\nexport type ${P}AnyResult = ${m.contexts.map((c) => typeNames.result(P, c === m.defaultContext ? null : c.id)).join(" | ")};`);
  return out;
}

/** The lookup table, the guard and `describe…`. */
function lookupStatements(m: Module): Statement[] {
  const { spec, n } = m;
  const out: Statement[] = [];
  if (m.expanded) out.push(...expandedEntries(spec, n, m.multiContext));
  else {
    const entries = spec.codes.map((c) => `[${lit(c.code)}, ${entryLiteral(spec, c, m.codeType(c), m.multiContext)}],`).join("\n");
    out.push(`const ENTRIES: ReadonlyMap<string, ${n.entry}> = ${pure(`new Map<string, ${n.entry}>(${frozen(`[\n${entries}\n]`)})`)};`);
  }
  // The guard reads a set of its own, not ENTRIES: a bundle that imports only the guard
  // keeps the code strings and drops the descriptive table (bundlers drop an unused `new Map`).
  out.push(
    `/** Every code the table lists. */\nconst LISTED: ReadonlySet<string> = ${pure(`new Set<string>([${spec.codes.map((c) => lit(c.code)).join(", ")}])`)};`,
    `/** Whether \`value\` is a code the table lists (a string: "00" is not 0). */\nexport function ${n.isCode}(value: unknown): value is ${n.code} {\n  return typeof value === "string" && LISTED.has(value);\n}`,
    `/** The source row for a code, or undefined for a code the table does not list. */\nexport function ${n.describe}(code: ${n.code}): ${n.entry};\nexport function ${n.describe}(code: unknown): ${n.entry} | undefined;\nexport function ${n.describe}(code: unknown): ${n.entry} | undefined {\n  return typeof code === "string" ? ENTRIES.get(code) : undefined;\n}`,
  );
  return out;
}

/** `classify…` and the table of listed answers. */
function classifyStatements(m: Module, unlisted: UnlistedRendering): Statement[] {
  const { spec, n, P, contexts, multiContext, defaultContext } = m;
  const resultName = (ctx: OutcomeContext) => typeNames.result(P, ctx === defaultContext ? null : ctx.id);
  const defaultResult = resultName(defaultContext);
  // A listed code's answer depends on the code (and the context) alone: built once, frozen like
  // its row, and handed out as is, so classifying a listed code allocates nothing.
  const knownResult = (ctx: OutcomeContext) => `{ known: true, outcome: entry.${multiContext ? `outcomes.${ctx.id}` : "outcome"}, code, entry } as ${resultName(ctx)}`;
  const knownType = multiContext ? `{ readonly [K in ${n.context}]: ${P}AnyResult }` : defaultResult;
  const knownValue = multiContext ? `{ ${contexts.map((c) => `${c.id}: ${knownResult(c)}`).join(", ")} }` : knownResult(defaultContext);
  const known = `/** The answer for each listed code${multiContext ? ", in each context" : ""}. */\nconst KNOWN: ReadonlyMap<string, ${knownType}> = ${pure(`new Map<string, ${knownType}>(${pure(`Array.from(ENTRIES, ([code, entry]): [string, ${knownType}] => [code, deepFreeze(${knownValue})])`)})`)};`;
  if (!multiContext) {
    const malformed = `{ known: false, malformed: true, outcome: ${lit(malformedOutcome(spec, defaultContext))}, code: null, input: code, category: null, reason: malformedReason(code) }`;
    return [
      known,
      `/**\n * Classifies a response code: its outcome, and its row when the table lists it.\n * A code the table does not list is never silently success or failed: see \`reason\`. A value that is not a string\n * of the code pattern (a number included: 200 is not "200") is \`malformed\`. Never throws.\n */\nexport function ${n.classify}(code: unknown): ${defaultResult} {\n  if (typeof code === "string") {\n    const known = KNOWN.get(code);\n    if (known !== undefined) return known;\n    if (${codeTest(spec, "code")}) return ${unlisted.tail} as ${defaultResult};\n  }\n  return ${malformed};\n}`,
    ];
  }
  const overloads = [
    `export function ${n.classify}(code: unknown): ${defaultResult};`,
    ...contexts.map((c) => `export function ${n.classify}(code: unknown, context: ${lit(c.id)}): ${resultName(c)};`),
    `export function ${n.classify}(code: unknown, context: ${n.context}): ${P}AnyResult;`,
  ];
  const cases = unlisted.cases.map(({ ret, ids }) => `${ids.map((id) => `    case ${lit(id)}:`).join("\n")}\n      ${ret}`);
  const switchOnContext = cases.length ? `  switch (context) {\n${cases.join("\n")}\n  }\n` : "";
  // A malformed value's outcome per context; contexts with the same one share a test.
  const byOutcome = new Map<string, string[]>();
  for (const c of contexts) byOutcome.set(malformedOutcome(spec, c), [...(byOutcome.get(malformedOutcome(spec, c)) ?? []), c.id]);
  const groups = [...byOutcome];
  const malformedExpr =
    groups
      .slice(0, -1)
      .map(([o, ids]) => `${ids.map((id) => `context === ${lit(id)}`).join(" || ")} ? ${lit(o)} : `)
      .join("") + lit(groups[groups.length - 1]![0]);
  return [
    known,
    `/**\n * Classifies a response code in a context (default "${defaultContext.id}"): its outcome, and its row when the table lists it.\n * A code the table does not list is never silently success or failed: see \`reason\`. A value that is not a string\n * of the code pattern (a number included: 200 is not "200") is \`malformed\`. Never throws on the code; an unknown\n * context is a programming error (a RangeError), not input.\n */\n${overloads.join("\n")}\nexport function ${n.classify}(code: unknown, context: ${n.context} = ${lit(defaultContext.id)}): ${P}AnyResult {\n  if (${contexts.map((c) => `context !== ${lit(c.id)}`).join(" && ")}) throw new RangeError(\`unknown context "\${typeof context === "string" ? context : typeof context}"; expected one of ${contexts.map((c) => c.id).join(", ")}\`);\n  const known = typeof code === "string" ? KNOWN.get(code) : undefined;\n  if (known !== undefined) return known[context];\n  if (typeof code !== "string" || !${codeTest(spec, "code")})\n    return { known: false, malformed: true, outcome: ${malformedExpr}, code: null, input: code, category: null, reason: malformedReason(code) } as ${P}AnyResult;\n${switchOnContext}  return ${unlisted.tail} as ${P}AnyResult;\n}`,
  ];
}

function memberDoc(spec: Spec, c: Code): string {
  const lines = [`\`${c.code}\` — ${c.message}`];
  if (c.description) lines.push("", c.description);
  lines.push("");
  const outcomes = spec.contexts.length > 1 ? spec.contexts.map((x) => `${x.id}: ${c.outcomes[x.id]}`).join(", ") : `${c.outcomes[spec.contexts[0]!.id]}`;
  lines.push(`- Outcome: ${outcomes}${c.status !== null ? ` (status "${c.status}")` : ""}`);
  if (c.category) lines.push(`- Category: ${spec.categories.find((x) => x.id === c.category)!.label}`);
  for (const col of spec.columns) {
    const v = c.columns[col.key]!;
    lines.push(`- ${col.title}: ${v.text ?? "(none)"}`);
  }
  for (const o of c.overrides) lines.push(`- ${o.outcome} when ${o.part} is ${o.values.join(" or ")}: ${o.reason}`);
  const table = spec.tables.find((t) => t.id === c.table)!;
  if (table.scope) lines.push(`- Applies only in: ${table.scope.title}`);
  lines.push(...noteDocLines(spec, c));
  if (c.errata.length) lines.push(`- Errata: ${c.errata.join(", ")} (see the package README)`);
  lines.push(`- Source: ${spec.source.document}, table "${table.title}", row ${c.row} (${spec.specFile})`);
  return `/**\n${lines.map((l) => ` * ${docText(l)}`.trimEnd()).join("\n")}\n */`;
}

function shortMemberDoc(spec: Spec, c: Code): string {
  const parts = spec.composite!.parts.map((p) => `${p.name} ${c.parts![p.name]}`).join(", ");
  const outcomes = spec.contexts.map((x) => c.outcomes[x.id]).join(" / ");
  const notes = notesOf(spec, c.code).map(([ctx, text]) => ` Note${spec.contexts.length > 1 ? ` (${ctx})` : ""}: ${docText(text)}`).join("");
  return `/** \`${c.code}\` — ${docText(c.message)} (${parts}): ${outcomes}. Source row ${c.row} of "${docText(spec.tables.find((t) => t.id === c.table)!.title)}".${notes} */`;
}

/**
 * The lookup table for codes expanded from shared rows: each source row once,
 * then one compact tuple per code (code, name, row, outcomes..., parts...).
 */
function expandedEntries(spec: Spec, n: CodeTableNames, multiContext: boolean): Statement[] {
  const rowKey = (c: Code) => `${c.table}#${c.row}`;
  const rows = new Map<string, Code>();
  for (const c of spec.codes) if (!rows.has(rowKey(c))) rows.set(rowKey(c), c);
  const rowIndex = new Map([...rows.keys()].map((k, i) => [k, i]));
  const shared = [...rows.values()].map((c) => {
    const props = [`message: ${lit(c.message)}`, `status: ${c.status === null ? "null" : lit(c.status)}`, `category: ${c.category === null ? "null" : lit(c.category)}`, `description: ${c.description === null ? "null" : lit(c.description)}`];
    for (const col of spec.columns) {
      const v = c.columns[col.key]!.value;
      props.push(`${col.key}: ${v === null ? "null" : Array.isArray(v) ? `[${v.map(lit).join(", ")}]` : lit(v)}`);
    }
    props.push(`table: ${lit(c.table)}`, `row: ${c.row}`);
    return `{ ${props.join(", ")} },`;
  });
  const parts = spec.composite!.parts;
  const ctxIds = spec.contexts.map((c) => c.id);
  const tuples = spec.codes.map(
    (c) => `[${[lit(c.code), lit(c.name), String(rowIndex.get(rowKey(c))), ...ctxIds.map((id) => lit(c.outcomes[id]!)), ...parts.map((p) => lit(c.parts![p.name]!))].join(", ")}],`,
  );
  const tupleType = `readonly [string, string, number, ${ctxIds.map(() => n.outcome).join(", ")}, ${parts.map(() => "string").join(", ")}]`;
  const names = ["code", "name", "row", ...ctxIds.map((id) => `${id}Outcome`), ...parts.map((p) => `${p.name}Part`)];
  const outcomeProps = multiContext ? `outcome: ${ctxIds[0]}Outcome, outcomes: { ${ctxIds.map((id) => `${id}: ${id}Outcome`).join(", ")} }` : `outcome: ${ctxIds[0]}Outcome`;
  return [
    `/** The source rows the codes expand from. */\nconst ROWS: readonly Pick<${n.entry}, "message" | "status" | "category" | "description" | "table" | "row"${spec.columns.map((c) => ` | ${lit(c.key)}`).join("")}>[] = [\n${shared.join("\n")}\n];`,
    `/** Every code: its name, its source row (index into ROWS), its outcome${multiContext ? "s" : ""} and its parts. */\nconst CODES: readonly (${tupleType})[] = [\n${tuples.join("\n")}\n];`,
    ...(hasNotes(spec) ? [notesTable(spec, n.entry)] : []),
    // The actions of the codes that have any (an expanded code's entry lists them like any other's).
    ...(spec.actions.length
      ? [`/** The actions of each code that has any. */\nconst CODE_ACTIONS: ReadonlyMap<string, readonly ${n.prefix}Action[]> = ${pure(`new Map<string, readonly ${n.prefix}Action[]>([${spec.codes.filter((c) => spec.actions.some((a) => a.codes.includes(c.code))).map((c) => `[${lit(c.code)}, [${spec.actions.filter((a) => a.codes.includes(c.code)).map((a) => lit(a.id)).join(", ")}]]`).join(", ")}])`)};`]
      : []),
    `const ENTRIES: ReadonlyMap<string, ${n.entry}> = ${pure(`new Map<string, ${n.entry}>(\n  ${frozen(pure(`CODES.map(([${names.join(", ")}]) => [code, { ...ROWS[row]!, code: code as ${n.code}, name, ${outcomeProps}, parts: { ${parts.map((p) => `${p.name}: ${p.name}Part`).join(", ")} }${spec.actions.length ? ", actions: CODE_ACTIONS.get(code) ?? []" : ""}${hasNotes(spec) ? ", notes: NOTES.get(code) ?? {}" : ""} }])`))},\n)`)};`,
  ];
}

function entryLiteral(spec: Spec, c: Code, codeExpr: string, multiContext: boolean): string {
  const props: string[] = [
    `code: ${codeExpr}`,
    `name: ${lit(c.name)}`,
    `message: ${lit(c.message)}`,
    `status: ${c.status === null ? "null" : lit(c.status)}`,
    `outcome: ${lit(c.outcomes[spec.contexts[0]!.id]!)}`,
  ];
  if (multiContext) props.push(`outcomes: { ${spec.contexts.map((x) => `${x.id}: ${lit(c.outcomes[x.id]!)}`).join(", ")} }`);
  props.push(`category: ${c.category === null ? "null" : lit(c.category)}`);
  props.push(`description: ${c.description === null ? "null" : lit(c.description)}`);
  for (const col of spec.columns) {
    const v = c.columns[col.key]!.value;
    props.push(`${col.key}: ${v === null ? "null" : Array.isArray(v) ? `[${v.map(lit).join(", ")}]` : lit(v)}`);
  }
  if (spec.composite && c.parts) props.push(`parts: { ${spec.composite.parts.map((p) => `${p.name}: ${lit(c.parts![p.name]!)}`).join(", ")} }`);
  if (spec.tables.some((t) => t.scope)) {
    const scope = spec.tables.find((t) => t.id === c.table)!.scope;
    props.push(`scope: ${scope ? lit(scope.id) : "null"}`);
  }
  if (spec.actions.length) props.push(`actions: [${spec.actions.filter((a) => a.codes.includes(c.code)).map((a) => lit(a.id)).join(", ")}]`);
  if (hasNotes(spec)) props.push(`notes: ${notesLiteral(spec, c.code)}`);
  props.push(`table: ${lit(c.table)}`, `row: ${c.row}`);
  return `{ ${props.join(", ")} }`;
}

/** Whether the string `expr` is of the code pattern: by character codes where the pattern is read exactly (pattern-shape.ts), else by the RegExp. */
function codeTest(spec: Spec, expr: string): string {
  return codeCheckBody(spec) === null ? `CODE_PATTERN.test(${expr})` : `isCodeShaped(${expr})`;
}

function codeCheckBody(spec: Spec): string | null {
  const shape = patternShape(spec.pattern);
  return shape === null ? null : shapeCheckBody(shape);
}

/**
 * The pattern every code matches, and the reason a value is malformed. The reason
 * reads nothing from an object (no getter, `toString` or proxy trap runs), so
 * neither it nor a classifier ever throws, whatever the value.
 */
function malformedStatements(spec: Spec): Statement[] {
  const expected = `expected a string matching ${spec.pattern}, got `;
  const described = `${spec.pattern}${spec.patternDescription ? ` (${spec.patternDescription})` : ""}`;
  return [
    codeCheckBody(spec) === null
      ? `/** The pattern every code of the table matches. */\nconst CODE_PATTERN: RegExp = ${pure(`new RegExp(${lit(spec.pattern)})`)};`
      : `/** Whether \`s\` matches ${docText(spec.pattern)}, the pattern every code of the table matches, by character codes (a RegExp call costs more than the whole check). */\nfunction isCodeShaped(s: string): boolean {\n${codeCheckBody(spec)}\n}`,
    `/** Why a value is not a code: what it is instead (a string quoted, at most 32 characters of it). Never throws. */\nfunction malformedReason(value: unknown): string {\n` +
      `  switch (typeof value) {\n` +
      `    case "string":\n      return JSON.stringify(value.length > 32 ? value.slice(0, 32) + "…" : value) + ${lit(` does not match ${described}`)};\n` +
      `    case "number":\n      return ${lit(expected + "the number ")} + String(value) + (Number.isFinite(value) ? ", not the string " + JSON.stringify(String(value)) : "");\n` +
      `    case "bigint":\n      return ${lit(expected + "the bigint ")} + String(value) + "n, not the string " + JSON.stringify(String(value));\n` +
      `    case "object": {\n      if (value === null) return ${lit(expected + "null")};\n      let array = false;\n      try {\n        array = Array.isArray(value);\n      } catch {\n        // A revoked proxy: an object all the same.\n      }\n      return ${lit(expected)} + (array ? "an array" : "an object");\n    }\n` +
      `    case "undefined":\n      return ${lit(expected + "undefined")};\n` +
      `    default:\n      return ${lit(expected + "a ")} + typeof value;\n  }\n}`,
  ];
}

/**
 * How the classifier answers an unlisted code, rendered from the policy groups
 * (model/semantics/unlisted.ts): one function per group that reads the code (the last
 * group with a context that reads a column or the parts is `classifyUnlisted`, the call
 * `classify…` ends with), and a `case` per group whose one rule answers every code.
 */
interface UnlistedRendering {
  functions: Statement[];
  /** The switch cases of `classify…` (multi-context): a return statement and its contexts. */
  cases: { ret: string; ids: string[] }[];
  /** The call `classify…` ends with. */
  tail: string;
}

function unlistedRendering(m: Module): UnlistedRendering {
  const groups = unlistedPolicyGroups(m.spec);
  const tailAt = (() => {
    for (let i = groups.length - 1; i >= 0; i--) if (groups[i]!.contexts.some((id) => m.contexts.find((c) => c.id === id)!.kind === "column")) return i;
    return groups.length - 1;
  })();
  const functions: Statement[] = [];
  const consts = new Set<string>();
  const byRet = new Map<string, string[]>();
  groups.forEach((g, i) => {
    const name = i === tailAt ? "classifyUnlisted" : `classifyUnlistedIn${g.contexts[0]!.charAt(0).toUpperCase()}${g.contexts[0]!.slice(1)}`;
    if (i !== tailAt && isSingleAnswer(g.policy)) {
      const ret = `return ${answer(g.policy.rules[0]!, "category: null")};`;
      byRet.set(ret, [...(byRet.get(ret) ?? []), ...g.contexts]);
      return;
    }
    if (i !== tailAt) byRet.set(`return ${name}(code) as ${m.P}AnyResult;`, g.contexts);
    functions.push(unlistedFunction(m, g.policy, name, groups.length > 1 && i !== tailAt ? g.contexts : null, consts));
  });
  return { functions, cases: [...byRet].map(([ret, ids]) => ({ ret, ids })), tail: "classifyUnlisted(code)" };
}

/** The answer a rule gives, as an object literal. */
function answer(r: UnlistedRule, category: string): string {
  return `{ known: false, outcome: ${lit(r.outcome)}, code, ${category}, reason: ${lit(r.reason)} }`;
}

/** One policy's function. `consts` holds the patterns declared so far (each is declared once in the module). */
function unlistedFunction(m: Module, policy: UnlistedPolicy, name: string, contexts: string[] | null, consts: Set<string>): string {
  const spec = m.spec;
  const body: string[] = [];
  const declared: string[] = [];
  const declare = (text: string) => {
    if (!consts.has(text)) declared.push(text);
    consts.add(text);
  };
  // Rules and part categories read the code's parts: only where it has their shape
  // (the parts' total length, each part's pattern). Parts are compared in place.
  // The function is called only with a code of the code pattern: where that pattern
  // implies the parts' shape (decided here, pattern-shape.ts), the shape is not tested again.
  let guard = "";
  if (policy.shape && !partsImplied(spec.pattern, spec.composite!.parts)) {
    guard = "parts && ";
    const checks = [`code.length === ${policy.shape.length}`];
    for (const p of policy.shape.parts) {
      if (!p.pattern) continue;
      const constName = `${p.name.toUpperCase()}_PART`;
      declare(`const ${constName}: RegExp = ${pure(`new RegExp(${lit(p.pattern)})`)};`);
      checks.push(`${constName}.test(code.slice(${p.start}, ${p.end}))`);
    }
    body.push(`const parts = ${checks.join(" && ")};`);
  }
  // The category: the first whose match claims the code, in the spec's order.
  if (policy.claims.length) {
    const expr = policy.claims
      .map((c) => {
        if (c.test.kind !== "pattern") return `${testCondition(c.test, guard)} ? ${lit(c.category.id)} : `;
        const constName = `${c.category.id.replace(/[A-Z]/g, (x) => `_${x}`).toUpperCase()}_CATEGORY`;
        declare(`const ${constName}: RegExp = ${pure(`new RegExp(${lit(c.test.pattern)})`)};`);
        return `${constName}.test(code) ? ${lit(c.category.id)} : `;
      })
      .join("");
    body.push(`const category: ${m.categoryType} = ${expr}null;`);
  }
  const category = policy.claims.length ? "category" : "category: null";
  for (const r of policy.rules) {
    if (r.kind === "part" || r.kind === "prefix") body.push(`if (${testCondition(r.test, guard)}) return ${answer(r, category)};`);
    else if (r.kind === "category") body.push(`if (category === ${lit(r.category.id)}) return ${answer(r, category)};`);
    // A category without an outcome still names the code's category; the outcome is the source's rule.
    else body.push(`return ${answer(r, category)};`);
  }
  const outcome = unlistedOutcomes(policy).map(lit).join(" | ");
  const where = contexts ? ` in ${contexts.map((c) => `"${c}"`).join(", ")}` : "";
  return `${declared.map((c) => c + "\n").join("")}/** A code the table does not list${where}: classified from its parts where the source says how, else by its category, else by the source's rule for unlisted codes. */\nfunction ${name}(code: string): { readonly known: false; readonly outcome: ${outcome}; readonly code: string; readonly category: ${m.categoryType}; readonly reason: string } {\n${body.join("\n")}\n}`;
}

/** The condition of a code test (not a pattern: a pattern is a constant of its category); `guard`: "parts && " where the code's shape is tested. */
function testCondition(t: Exclude<CodeTest, { kind: "pattern" }>, guard: string): string {
  switch (t.kind) {
    case "part-values": {
      const values = t.values.map((x) => `code.startsWith(${lit(x)}, ${t.start})`).join(" || ");
      return guard ? `${guard}(${values})` : values;
    }
    case "part-prefix": {
      const cond = `code.startsWith(${lit(t.prefix)}, ${t.start})`;
      return guard ? `${guard}(${cond})` : cond;
    }
    case "prefixes":
      return t.prefixes.map((x) => `code.startsWith(${lit(x)})`).join(" || ");
  }
}

function transportStatements(spec: Spec, n: CodeTableNames, resultType: string): Statement[] {
  const P = n.prefix;
  const t = spec.transport!;
  const rules = t.rules
    .map(
      (r) =>
        `{ http: ${typeof r.http === "number" ? r.http : lit(r.http)}, label: ${nullable(r.label)}, description: ${nullable(r.description)}, status: ${nullable(r.status)}, solution: ${nullable(r.solution)}, outcome: ${lit(r.outcome)} },`,
    )
    .join("\n");
  const httpResult = `${P}HttpResult`;
  const outcomes = [...new Set(t.rules.map((r) => r.outcome).filter((o) => o !== "code"))];
  const cases = t.rules
    .filter((r) => r.http !== "other")
    .map((r) => `case ${r.http}:\n${caseBody(r)}`)
    .join("\n");
  const other = t.rules.find((r) => r.http === "other");
  function caseBody(r: (typeof t.rules)[number]): string {
    if (r.outcome === "code") return `return ${n.classify}(code);`;
    const reason = [r.label ?? `HTTP ${r.http}`, r.description, r.status ? `status ${r.status}` : null, r.solution].filter(Boolean).join(" — ");
    return `return { known: false, outcome: ${lit(r.outcome)}, httpStatus, code: text, reason: ${lit(reason)} };`;
  }
  // Only a string is a code (a number 0 is not "00"); what the HTTP status alone decides reports it, or null.
  const textDecl = t.rules.some((r) => r.outcome !== "code") ? `  // Only a string is a code: a number 0 is not "00". Anything else is reported as null.\n  const text = typeof code === "string" ? code : null;\n` : "";
  const defaultCase = other ? `default:\n${caseBody(other)}` : `default:\nreturn ${n.classify}(code);`;
  return [
    frozenConst(`/** ${docText(t.title ?? "HTTP status rules")}: how the source says to read an HTTP status before the response code. */`, `${P}HttpRules`, "HTTP_RULES", `[\n${rules}\n]`),
    `/** A response the HTTP status alone decides. */\nexport interface ${httpResult} {\n  readonly known: false;\n  readonly outcome: ${outcomes.length ? outcomes.map(lit).join(" | ") : "never"};\n  readonly httpStatus: number;\n  /** The response code the body carried, if it is a string (a number is not a code), else null. */\n  readonly code: string | null;\n  readonly reason: string;\n}`,
    `/**\n * Classifies a whole response: its HTTP status first, per {@link ${P}HttpRules}, then its response code\n * (a value that is not a string of the code pattern is \`malformed\`). Never throws.\n */\nexport function classify${P}Response(httpStatus: number, code: unknown): ${resultType} | ${httpResult} {\n${textDecl}  switch (httpStatus) {\n${cases}\n${defaultCase}\n  }\n}`,
  ];
}

function nullable(s: string | null): string {
  return s === null ? "null" : lit(s);
}

