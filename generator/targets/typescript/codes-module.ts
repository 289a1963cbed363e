/**
 * Emits the TypeScript module for a response-code table: the code constant
 * and its union type, outcome / category / scope unions, the entry lookup,
 * the guard, `describe…` and `classify…`, transport rules and actions.
 * Everything provider-specific comes from the Spec; this file names none.
 */
import type { EnumStyle } from "./options.ts";
import { typeNames } from "./names.ts";
import type { Category, Code, OutcomeContext, OutcomeOrUnknown, Spec } from "../../model/types.ts";
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
 * codebook never confirms success for a code the table does not list: where the
 * source's rules would make an unlisted code a success (e.g. any HTTP-200 code), it is
 * pending instead — the caller checks the status rather than delivering on a guess.
 */
export function unlistedOutcome<O extends OutcomeOrUnknown>(o: O): Exclude<O, "success"> | "pending" {
  return o === "success" ? "pending" : (o as Exclude<O, "success">);
}
const NOT_CONFIRMED = " The table does not list this code, so codebook does not confirm success: pending.";

/** Which outcomes a code the table does not list can get, per context. */
function unlistedOutcomes(spec: Spec, context: OutcomeContext): OutcomeOrUnknown[] {
  if (context.kind === "successCodes") return [unlistedOutcome(context.otherwise)];
  const set = new Set<OutcomeOrUnknown>();
  for (const r of spec.composite?.rules ?? []) set.add(unlistedOutcome(r.outcome));
  for (const c of spec.categories) if (c.match && c.outcome) set.add(unlistedOutcome(c.outcome));
  set.add(unlistedOutcome(spec.unknown.outcome));
  return [...OUTCOMES, "unknown" as const].filter((o) => set.has(o));
}

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
 * context: what the source's rule gives a code it does not list and whose parts say
 * nothing — the context's `otherwise` where it names its only success codes, else
 * `outcome.unknown` — never success. Such a value is no evidence of success or
 * failure, exactly like an unlisted code; diff/unlisted.ts reads it the same way.
 */
export function malformedOutcome(spec: Spec, context: OutcomeContext): OutcomeOrUnknown {
  return unlistedOutcome(context.kind === "successCodes" ? context.otherwise : spec.unknown.outcome);
}

export function emitCodeTable(spec: Spec, enumStyle: EnumStyle): Statement[] {
  const n = codeTableNames(spec);
  const P = n.prefix;
  const contexts = spec.contexts;
  const defaultContext = contexts[0]!;
  const multiContext = contexts.length > 1;
  const hasCategories = spec.categories.length > 0;
  const scopes = spec.tables.filter((t) => t.scope).map((t) => t.scope!);
  const codeType = (c: Code) => (enumStyle === "enum" ? `${n.code}.${c.name}` : lit(c.code));
  const union = (codes: Code[]) => (codes.length ? codes.map(codeType).join(" | ") : "never");
  const categoryType = hasCategories ? `${n.category} | null` : "null";
  const out: Statement[] = [];

  // ---- the codes
  // Rows expanded over a part's domain (one row, many services) get one-line docs:
  // the row's full text is in the entry, and repeating it per expansion only bloats.
  const expanded = spec.composite?.parts.some((p) => p.domain) ?? false;
  const doc = (c: Code) => (expanded ? shortMemberDoc(spec, c) : memberDoc(spec, c));
  const members = spec.codes.map((c) => `${doc(c)}\n${c.name}${enumStyle === "enum" ? " = " : ": "}${lit(c.code)},`).join("\n");
  const what = `Every response code in ${spec.title}, by name.`;
  if (enumStyle === "enum") {
    // An enum is a statement, not an expression: it is frozen by a statement of its own, which a bundler keeps.
    out.push(`/** ${docText(what)} */\nexport enum ${n.code} {\n${members}\n}\nObject.freeze(${n.code});`);
  } else if (inferredLength(spec) > INFERRED_TYPE_BUDGET) {
    // TypeScript refuses to serialize an inferred type this long into the .d.ts; state it (docs on the type's members).
    const typeMembers = spec.codes.map((c) => `${doc(c)}\nreadonly ${c.name}: ${lit(c.code)};`).join("\n");
    const values = spec.codes.map((c) => `${c.name}: ${lit(c.code)},`).join("\n");
    out.push(`/** ${docText(what)} */\nexport const ${n.code}: {\n${typeMembers}\n} = ${frozen(`{\n${values}\n}`)};`);
  } else {
    out.push(frozenConst(`/** ${docText(what)} */`, n.code, "CODES_BY_NAME", `{\n${members}\n}`));
    out.push(`/** A response code listed in ${docText(spec.title)}. */\nexport type ${n.code} = (typeof ${n.code})[keyof typeof ${n.code}];`);
  }

  out.push(`/** The canonical outcome of a response code. */\nexport type ${n.outcome} = "success" | "pending" | "failed";`);

  // ---- outcome unions, per context (the default context's are unprefixed)
  for (const ctx of contexts) {
    const id = ctx === defaultContext ? null : ctx.id;
    for (const o of OUTCOMES) {
      const codes = spec.codes.filter((c) => c.outcomes[ctx.id] === o);
      const where = multiContext ? ` in context "${ctx.id}" (${ctx.title})` : "";
      out.push(`/** Codes whose outcome is ${o}${docText(where)}. */\nexport type ${typeNames.outcomeCodes(P, id, o)} = ${union(codes)};`);
    }
  }

  // ---- categories
  if (hasCategories) {
    out.push(`/** The source's code categories. */\nexport type ${n.category} = ${spec.categories.map((c) => lit(c.id)).join(" | ")};`);
    for (const cat of spec.categories) {
      const codes = spec.codes.filter((c) => c.category === cat.id);
      out.push(`/** Codes in category ${docText(cat.label)}${cat.description ? `: ${docText(cat.description)}` : ""}. */\nexport type ${typeNames.categoryCodes(P, cat.id)} = ${union(codes)};`);
    }
    const info = spec.categories
      .map((c) => `${c.id}: { label: ${lit(c.label)}, description: ${c.description === null ? "null" : lit(c.description)} },`)
      .join("\n");
    out.push(frozenConst(`/** Each category as the source names and describes it. */`, `${P}Categories`, "CATEGORIES", `{\n${info}\n}`));
  }

  // ---- scopes (sub-tables that apply in one context only)
  for (const s of scopes) {
    const codes = spec.codes.filter((c) => spec.tables.find((t) => t.id === c.table)?.scope?.id === s.id);
    out.push(`/** Codes that apply only in ${docText(s.title)}${s.source ? `: "${docText(s.source)}"` : ""} */\nexport type ${typeNames.scopeCodes(P, s.id)} = ${union(codes)};`);
  }

  // ---- contexts
  if (multiContext) {
    out.push(`/** Contexts whose outcomes differ; "${defaultContext.id}" is the default. */\nexport type ${n.context} = ${contexts.map((c) => lit(c.id)).join(" | ")};`);
    const info = contexts.map((c) => `${c.id}: { title: ${lit(c.title)}, source: ${c.source === null ? "null" : lit(c.source)} },`).join("\n");
    out.push(frozenConst(`/** What each context means, with the source's words where it states a rule. */`, `${P}Contexts`, "CONTEXTS", `{\n${info}\n}`));
  }

  // ---- actions
  const actionType = `${P}Action`;
  if (spec.actions.length) {
    out.push(`/** What the source tells the integrator to do on some codes. */\nexport type ${actionType} = ${spec.actions.map((a) => lit(a.id)).join(" | ")};`);
    const info = spec.actions
      .map((a) => `/** ${docText(a.title)}: "${docText(a.source)}" */\n${a.id}: { title: ${lit(a.title)}, source: ${lit(a.source)}, codes: [${a.codes.map(lit).join(", ")}] },`)
      .join("\n");
    out.push(frozenConst(`/** The actions the source prescribes, with the codes they apply to. */`, `${P}Actions`, "ACTIONS", `{\n${info}\n}`));
  }

  // ---- the entry type
  const fields: string[] = [
    `/** The response code. */\nreadonly code: ${n.code};`,
    `/** Its member name in {@link ${n.code}}. */\nreadonly name: string;`,
    `/** The message, verbatim from the source. */\nreadonly message: string;`,
    `/** The status as the source states it, or null where it has none. */\nreadonly status: string | null;`,
    `/** The outcome${multiContext ? ` in the default context ("${defaultContext.id}")` : ""}. */\nreadonly outcome: ${n.outcome};`,
  ];
  if (multiContext) fields.push(`/** The outcome in each context. */\nreadonly outcomes: { readonly [K in ${n.context}]: ${n.outcome} };`);
  fields.push(`/** The category id, or null. */\nreadonly category: ${hasCategories ? `${n.category} | null` : "null"};`);
  fields.push(`/** Solution or description text, verbatim; null where the source has none. */\nreadonly description: string | null;`);
  for (const col of spec.columns) {
    const valueType =
      col.type === "text" ? "string" : col.type === "enum" ? col.values.map(lit).join(" | ") : `readonly (${col.values.map(lit).join(" | ")})[]`;
    fields.push(`/** ${docText(col.title)}${col.description ? `: ${docText(col.description)}` : ""} (null where the source leaves it empty). */\nreadonly ${col.key}: ${valueType} | null;`);
  }
  if (spec.composite) {
    const parts = spec.composite.parts.map((p) => `readonly ${p.name}: string`).join("; ");
    fields.push(`/** The code's parts. */\nreadonly parts: { ${parts} };`);
  }
  if (scopes.length) fields.push(`/** The only context the code applies in, or null. */\nreadonly scope: ${scopes.map((s) => lit(s.id)).join(" | ")} | null;`);
  if (spec.actions.length) fields.push(`/** Actions the source prescribes for this code. */\nreadonly actions: readonly ${actionType}[];`);
  if (hasNotes(spec)) fields.push(notesField(spec));
  fields.push(`/** The source table it is listed in, and its 1-based row there. */\nreadonly table: ${spec.tables.map((t) => lit(t.id)).join(" | ")};\nreadonly row: number;`);
  out.push(`/** One row of the source table. */\nexport interface ${n.entry} {\n${fields.join("\n")}\n}`);

  // ---- results
  const resultTypes: { ctx: OutcomeContext; name: string }[] = [];
  for (const ctx of contexts) {
    const id = ctx === defaultContext ? null : ctx.id;
    const name = typeNames.result(P, id);
    resultTypes.push({ ctx, name });
    const ctxArms = OUTCOMES.filter((o) => spec.codes.some((c) => c.outcomes[ctx.id] === o)).map(
      (o) => `{ readonly known: true; readonly outcome: ${lit(o)}; readonly code: ${typeNames.outcomeCodes(P, id, o)}; readonly entry: ${n.entry} }`,
    );
    for (const o of unlistedOutcomes(spec, ctx))
      ctxArms.push(`{ readonly known: false; readonly outcome: ${lit(o)}; readonly code: string; readonly category: ${categoryType}; readonly reason: string }`);
    ctxArms.push(`{ readonly known: false; readonly malformed: true; readonly outcome: ${lit(malformedOutcome(spec, ctx))}; readonly code: null; readonly input: unknown; readonly category: null; readonly reason: string }`);
    const where = multiContext ? ` in context "${ctx.id}"` : "";
    out.push(
      `/**\n * The classification of a code${where}: a union discriminated on \`outcome\`; \`known: false\` for codes the table does not list,\n * and \`malformed: true\` (with \`code: null\` and the \`input\` as given) for a value that is not a string of the code pattern.\n */\nexport type ${name} =\n${ctxArms.map((a) => `| ${a}`).join("\n")};`,
    );
  }
  if (multiContext) out.push(`/** A classification in any context. */\nexport type ${P}AnyResult = ${resultTypes.map((r) => r.name).join(" | ")};`);

  // ---- the lookup table
  if (expanded) out.push(...expandedEntries(spec, n, multiContext));
  else {
    const entries = spec.codes.map((c) => `[${lit(c.code)}, ${entryLiteral(spec, c, codeType(c), multiContext)}],`).join("\n");
    out.push(`const ENTRIES: ReadonlyMap<string, ${n.entry}> = ${pure(`new Map<string, ${n.entry}>(${frozen(`[\n${entries}\n]`)})`)};`);
  }

  // The guard reads a set of its own, not ENTRIES: a bundle that imports only the guard
  // keeps the code strings and drops the descriptive table (bundlers drop an unused `new Map`).
  out.push(
    `/** Every code the table lists. */\nconst LISTED: ReadonlySet<string> = ${pure(`new Set<string>([${spec.codes.map((c) => lit(c.code)).join(", ")}])`)};`,
    `/** Whether \`value\` is a code the table lists (a string: "00" is not 0). */\nexport function ${n.isCode}(value: unknown): value is ${n.code} {\n  return typeof value === "string" && LISTED.has(value);\n}`,
  );
  out.push(
    `/** The source row for a code, or undefined for a code the table does not list. */\nexport function ${n.describe}(code: ${n.code}): ${n.entry};\nexport function ${n.describe}(code: unknown): ${n.entry} | undefined;\nexport function ${n.describe}(code: unknown): ${n.entry} | undefined {\n  return typeof code === "string" ? ENTRIES.get(code) : undefined;\n}`,
  );

  // ---- unlisted codes: rules from the parts, then the category, then the source's rule
  out.push(unlistedFunction(spec, categoryType));

  // ---- malformed values: not a string, or not of the code pattern
  out.push(...malformedStatements(spec));

  // ---- classify
  const defaultResult = resultTypes[0]!.name;
  // A listed code's answer depends on the code (and the context) alone: built once, frozen like
  // its row, and handed out as is, so classifying a listed code allocates nothing.
  const knownResult = (ctx: OutcomeContext, r: string) => `{ known: true, outcome: entry.${multiContext ? `outcomes.${ctx.id}` : "outcome"}, code, entry } as ${r}`;
  const knownType = multiContext ? `{ readonly [K in ${n.context}]: ${P}AnyResult }` : defaultResult;
  const knownValue = multiContext ? `{ ${resultTypes.map((r) => `${r.ctx.id}: ${knownResult(r.ctx, r.name)}`).join(", ")} }` : knownResult(defaultContext, defaultResult);
  out.push(
    `/** The answer for each listed code${multiContext ? ", in each context" : ""}. */\nconst KNOWN: ReadonlyMap<string, ${knownType}> = ${pure(`new Map<string, ${knownType}>(${pure(`Array.from(ENTRIES, ([code, entry]): [string, ${knownType}] => [code, deepFreeze(${knownValue})])`)})`)};`,
  );
  if (!multiContext) {
    const malformed = `{ known: false, malformed: true, outcome: ${lit(malformedOutcome(spec, defaultContext))}, code: null, input: code, category: null, reason: malformedReason(code) }`;
    out.push(
      `/**\n * Classifies a response code: its outcome, and its row when the table lists it.\n * A code the table does not list is never silently success or failed: see \`reason\`. A value that is not a string\n * of the code pattern (a number included: 200 is not "200") is \`malformed\`. Never throws.\n */\nexport function ${n.classify}(code: unknown): ${defaultResult} {\n  if (typeof code === "string") {\n    const known = KNOWN.get(code);\n    if (known !== undefined) return known;\n    if (${codeTest(spec, "code")}) return classifyUnlisted(code) as ${defaultResult};\n  }\n  return ${malformed};\n}`,
    );
  } else {
    const overloads = [
      `export function ${n.classify}(code: unknown): ${defaultResult};`,
      ...resultTypes.map((r) => `export function ${n.classify}(code: unknown, context: ${lit(r.ctx.id)}): ${r.name};`),
      `export function ${n.classify}(code: unknown, context: ${n.context}): ${P}AnyResult;`,
    ];
    // Contexts that name their only success codes decide an unlisted code by themselves.
    // Contexts that state the same rule share one case.
    const byRule = new Map<string, string[]>();
    for (const c of contexts) {
      if (c.kind !== "successCodes") continue;
      const reason = c.source ?? `Only ${c.successCodes.join(", ")} succeed in ${c.title}; every other code is ${c.otherwise}.`;
      const ret = `return { known: false, outcome: ${lit(unlistedOutcome(c.otherwise))}, code, category: null, reason: ${lit(reason)} };`;
      byRule.set(ret, [...(byRule.get(ret) ?? []), c.id]);
    }
    const cases = [...byRule].map(([ret, ids]) => `${ids.map((id) => `    case ${lit(id)}:`).join("\n")}\n      ${ret}`);
    const switchOnContext = cases.length ? `  switch (context) {\n${cases.join("\n")}\n  }\n` : "";
    // A malformed value's outcome per context; contexts with the same one share a test.
    const byOutcome = new Map<string, string[]>();
    for (const c of contexts) byOutcome.set(malformedOutcome(spec, c), [...(byOutcome.get(malformedOutcome(spec, c)) ?? []), c.id]);
    const groups = [...byOutcome];
    const malformedExpr = groups
      .slice(0, -1)
      .map(([o, ids]) => `${ids.map((id) => `context === ${lit(id)}`).join(" || ")} ? ${lit(o)} : `)
      .join("") + lit(groups[groups.length - 1]![0]);
    out.push(
      `/**\n * Classifies a response code in a context (default "${defaultContext.id}"): its outcome, and its row when the table lists it.\n * A code the table does not list is never silently success or failed: see \`reason\`. A value that is not a string\n * of the code pattern (a number included: 200 is not "200") is \`malformed\`. Never throws on the code; an unknown\n * context is a programming error (a RangeError), not input.\n */\n${overloads.join("\n")}\nexport function ${n.classify}(code: unknown, context: ${n.context} = ${lit(defaultContext.id)}): ${P}AnyResult {\n  if (${contexts.map((c) => `context !== ${lit(c.id)}`).join(" && ")}) throw new RangeError(\`unknown context "\${typeof context === "string" ? context : typeof context}"; expected one of ${contexts.map((c) => c.id).join(", ")}\`);\n  const known = typeof code === "string" ? KNOWN.get(code) : undefined;\n  if (known !== undefined) return known[context];\n  if (typeof code !== "string" || !${codeTest(spec, "code")})\n    return { known: false, malformed: true, outcome: ${malformedExpr}, code: null, input: code, category: null, reason: malformedReason(code) } as ${P}AnyResult;\n${switchOnContext}  return classifyUnlisted(code) as ${P}AnyResult;\n}`,
    );
  }

  // ---- transport rules
  if (spec.transport) out.push(...transportStatements(spec, n, defaultResult));

  // ---- actions helper
  if (spec.actions.length)
    out.push(
      `/** The actions the source prescribes for a code (empty for codes without any). */\nexport function ${lowerFirst(P)}ActionsFor(code: string): readonly ${actionType}[] {\n  return ENTRIES.get(code)?.actions ?? [];\n}`,
    );
  if (usesDeepFreeze(out)) out.push(DEEP_FREEZE);
  return out;
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
    `const ENTRIES: ReadonlyMap<string, ${n.entry}> = ${pure(`new Map<string, ${n.entry}>(\n  ${frozen(pure(`CODES.map(([${names.join(", ")}]) => [code, { ...ROWS[row]!, code: code as ${n.code}, name, ${outcomeProps}, parts: { ${parts.map((p) => `${p.name}: ${p.name}Part`).join(", ")} }${hasNotes(spec) ? ", notes: NOTES.get(code) ?? {}" : ""} }])`))},\n)`)};`,
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

/** The condition under which a category claims an unlisted code (`guard`: "parts && " where the code's shape is tested, else ""). */
function categoryCondition(spec: Spec, c: Category, constName: (c: Category) => string, guard: string): string {
  const m = c.match!;
  if ("part" in m) {
    const offset = partOffset(spec, m.part);
    const values = m.values.map((x) => `code.startsWith(${lit(x)}, ${offset})`).join(" || ");
    return guard ? `${guard}(${values})` : values;
  }
  if ("prefixes" in m) return m.prefixes.map((x) => `code.startsWith(${lit(x)})`).join(" || ");
  return `${constName(c)}.test(code)`;
}

function partOffset(spec: Spec, part: string): number {
  let at = 0;
  for (const p of spec.composite!.parts) {
    if (p.name === part) return at;
    at += p.length;
  }
  throw new Error(`unknown part ${part}`);
}

function unlistedFunction(spec: Spec, categoryType: string): string {
  const unknownReason = spec.unknown.reason ?? spec.unknown.source ?? "The source gives no outcome for codes it does not list.";
  const body: string[] = [];
  const consts: string[] = [];
  const composite = spec.composite;
  const matching = spec.categories.filter((c) => c.match);
  const byPart = matching.some((c) => "part" in c.match!);
  const category = matching.length ? "category" : "category: null";
  // Rules and part categories read the code's parts: only where it has their shape
  // (the parts' total length, each part's pattern). Parts are compared in place.
  // classifyUnlisted is called only with a code of the code pattern: where that pattern
  // implies the parts' shape (decided here, pattern-shape.ts), the shape is not tested again.
  let guard = "";
  if (composite && (composite.rules.length || byPart) && !partsImplied(spec.pattern, composite.parts)) {
    guard = "parts && ";
    const total = composite.parts.reduce((s, p) => s + p.length, 0);
    const checks = [`code.length === ${total}`];
    let at = 0;
    for (const p of composite.parts) {
      if (p.pattern) {
        const name = `${p.name.toUpperCase()}_PART`;
        consts.push(`const ${name}: RegExp = ${pure(`new RegExp(${lit(p.pattern)})`)};`);
        checks.push(`${name}.test(code.slice(${at}, ${at + p.length}))`);
      }
      at += p.length;
    }
    body.push(`const parts = ${checks.join(" && ")};`);
  }
  // The category: the first whose match claims the code, in the spec's order.
  if (matching.length) {
    const constName = (c: Category) => `${c.id.replace(/[A-Z]/g, (x) => `_${x}`).toUpperCase()}_CATEGORY`;
    for (const c of matching) if ("pattern" in c.match!) consts.push(`const ${constName(c)}: RegExp = ${pure(`new RegExp(${lit(c.match.pattern)})`)};`);
    const expr = matching.map((c) => `${categoryCondition(spec, c, constName, guard)} ? ${lit(c.id)} : `).join("");
    body.push(`const category: ${categoryType} = ${expr}null;`);
  }
  for (const r of composite?.rules ?? []) {
    const offset = partOffset(spec, r.part);
    const cond = r.values ? r.values.map((x) => `code.startsWith(${lit(x)}, ${offset})`).join(" || ") : `code.startsWith(${lit(r.prefix!)}, ${offset})`;
    const reason = r.reason ?? r.source ?? `Its ${r.part} part is ${r.values ? r.values.join(" or ") : `${r.prefix}…`}.`;
    body.push(`if (${guard ? `${guard}(${cond})` : cond}) return { known: false, outcome: ${lit(unlistedOutcome(r.outcome))}, code, ${category}, reason: ${lit(reason + (r.outcome === "success" ? NOT_CONFIRMED : ""))} };`);
  }
  for (const c of matching) {
    if (!c.outcome) continue;
    const reason = `Category ${c.label}${c.description ? ` (${c.description})` : ""}${c.reason ? `: ${c.reason}` : ""}`;
    body.push(`if (category === ${lit(c.id)}) return { known: false, outcome: ${lit(unlistedOutcome(c.outcome))}, code, category, reason: ${lit(reason + (c.outcome === "success" ? NOT_CONFIRMED : ""))} };`);
  }
  // A category without an outcome still names the code's category; the outcome is the source's rule.
  body.push(`return { known: false, outcome: ${lit(unlistedOutcome(spec.unknown.outcome))}, code, ${category}, reason: ${lit(unknownReason + (spec.unknown.outcome === "success" ? NOT_CONFIRMED : ""))} };`);
  return `${consts.map((c) => c + "\n").join("")}/** A code the table does not list: classified from its parts where the source says how, else by its category, else by the source's rule for unlisted codes. */\nfunction classifyUnlisted(code: string): { readonly known: false; readonly outcome: ${unlistedUnion(spec)}; readonly code: string; readonly category: ${categoryType}; readonly reason: string } {\n${body.join("\n")}\n}`;
}

function unlistedUnion(spec: Spec): string {
  const set = new Set<string>();
  for (const ctx of spec.contexts) if (ctx.kind === "column") for (const o of unlistedOutcomes(spec, ctx)) set.add(o);
  if (set.size === 0) for (const o of unlistedOutcomes(spec, spec.contexts[0]!)) set.add(o);
  return [...set].map(lit).join(" | ");
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

