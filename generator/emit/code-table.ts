/**
 * Emits the TypeScript module for a response-code table: the code constant
 * and its union type, outcome / category / scope unions, the entry lookup,
 * the guard, `describe…` and `classify…`, transport rules and actions.
 * Everything provider-specific comes from the Spec; this file names none.
 */
import type { EnumStyle } from "../config.ts";
import { typeNames } from "../model/identifiers.ts";
import type { Code, OutcomeContext, OutcomeOrUnknown, Spec } from "../model/types.ts";
import { OUTCOMES } from "../model/types.ts";
import { docText, lit, type Statement } from "./ts-module.ts";

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
    out.push(`/** ${docText(what)} */\nexport enum ${n.code} {\n${members}\n}`);
  } else {
    out.push(`/** ${docText(what)} */\nexport const ${n.code} = {\n${members}\n} as const;`);
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
    out.push(`/** Each category as the source names and describes it. */\nexport const ${P}Categories = {\n${info}\n} as const;`);
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
    out.push(`/** What each context means, with the source's words where it states a rule. */\nexport const ${P}Contexts = {\n${info}\n} as const;`);
  }

  // ---- actions
  const actionType = `${P}Action`;
  if (spec.actions.length) {
    out.push(`/** What the source tells the integrator to do on some codes. */\nexport type ${actionType} = ${spec.actions.map((a) => lit(a.id)).join(" | ")};`);
    const info = spec.actions
      .map((a) => `/** ${docText(a.title)}: "${docText(a.source)}" */\n${a.id}: { title: ${lit(a.title)}, source: ${lit(a.source)}, codes: [${a.codes.map(lit).join(", ")}] },`)
      .join("\n");
    out.push(`/** The actions the source prescribes, with the codes they apply to. */\nexport const ${P}Actions = {\n${info}\n} as const;`);
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
    const where = multiContext ? ` in context "${ctx.id}"` : "";
    out.push(
      `/**\n * The classification of a code${where}: a union discriminated on \`outcome\`; \`known: false\` for codes the table does not list.\n */\nexport type ${name} =\n${ctxArms.map((a) => `| ${a}`).join("\n")};`,
    );
  }
  if (multiContext) out.push(`/** A classification in any context. */\nexport type ${P}AnyResult = ${resultTypes.map((r) => r.name).join(" | ")};`);

  // ---- the lookup table
  if (expanded) out.push(...expandedEntries(spec, n, multiContext));
  else {
    const entries = spec.codes.map((c) => `[${lit(c.code)}, ${entryLiteral(spec, c, codeType(c), multiContext)}],`).join("\n");
    out.push(`const ENTRIES: ReadonlyMap<string, ${n.entry}> = new Map<string, ${n.entry}>([\n${entries}\n]);`);
  }

  // The guard reads a set of its own, not ENTRIES: a bundle that imports only the guard
  // keeps the code strings and drops the descriptive table (bundlers drop an unused `new Map`).
  out.push(
    `/** Every code the table lists. */\nconst LISTED: ReadonlySet<string> = new Set<string>([${spec.codes.map((c) => lit(c.code)).join(", ")}]);`,
    `/** Whether \`value\` is a code the table lists (a string: "00" is not 0). */\nexport function ${n.isCode}(value: unknown): value is ${n.code} {\n  return typeof value === "string" && LISTED.has(value);\n}`,
  );
  out.push(
    `/** The source row for a code, or undefined for a code the table does not list. */\nexport function ${n.describe}(code: ${n.code}): ${n.entry};\nexport function ${n.describe}(code: unknown): ${n.entry} | undefined;\nexport function ${n.describe}(code: unknown): ${n.entry} | undefined {\n  return typeof code === "string" ? ENTRIES.get(code) : undefined;\n}`,
  );

  // ---- unlisted codes: rules from the parts, then the category, then the source's rule
  out.push(unlistedFunction(spec, categoryType));

  // ---- classify
  const defaultResult = resultTypes[0]!.name;
  if (!multiContext) {
    out.push(
      `/**\n * Classifies a response code: its outcome, and its row when the table lists it.\n * A code the table does not list is never silently success or failed: see \`reason\`.\n */\nexport function ${n.classify}(code: string): ${defaultResult} {\n  const entry = ENTRIES.get(code);\n  if (entry !== undefined) return { known: true, outcome: entry.outcome, code: entry.code, entry } as ${defaultResult};\n  return classifyUnlisted(String(code)) as ${defaultResult};\n}`,
    );
  } else {
    const overloads = [
      `export function ${n.classify}(code: string): ${defaultResult};`,
      ...resultTypes.map((r) => `export function ${n.classify}(code: string, context: ${lit(r.ctx.id)}): ${r.name};`),
      `export function ${n.classify}(code: string, context: ${n.context}): ${P}AnyResult;`,
    ];
    // Contexts that name their only success codes decide an unlisted code by themselves.
    // Contexts that state the same rule share one case.
    const byRule = new Map<string, string[]>();
    for (const c of contexts) {
      if (c.kind !== "successCodes") continue;
      const reason = c.source ?? `Only ${c.successCodes.join(", ")} succeed in ${c.title}; every other code is ${c.otherwise}.`;
      const ret = `return { known: false, outcome: ${lit(unlistedOutcome(c.otherwise))}, code: String(code), category: null, reason: ${lit(reason)} };`;
      byRule.set(ret, [...(byRule.get(ret) ?? []), c.id]);
    }
    const cases = [...byRule].map(([ret, ids]) => `${ids.map((id) => `    case ${lit(id)}:`).join("\n")}\n      ${ret}`);
    const switchOnContext = cases.length ? `  switch (context) {\n${cases.join("\n")}\n  }\n` : "";
    out.push(
      `/**\n * Classifies a response code in a context (default "${defaultContext.id}"): its outcome, and its row when the table lists it.\n * A code the table does not list is never silently success or failed: see \`reason\`.\n */\n${overloads.join("\n")}\nexport function ${n.classify}(code: string, context: ${n.context} = ${lit(defaultContext.id)}): ${P}AnyResult {\n  if (!Object.hasOwn(${P}Contexts, context)) throw new RangeError(\`unknown context "\${String(context)}"; expected one of ${contexts.map((c) => c.id).join(", ")}\`);\n  const entry = ENTRIES.get(code);\n  if (entry !== undefined) return { known: true, outcome: entry.outcomes[context], code: entry.code, entry } as ${P}AnyResult;\n${switchOnContext}  return classifyUnlisted(String(code)) as ${P}AnyResult;\n}`,
    );
  }

  // ---- transport rules
  if (spec.transport) out.push(...transportStatements(spec, n, defaultResult));

  // ---- actions helper
  if (spec.actions.length)
    out.push(
      `/** The actions the source prescribes for a code (empty for codes without any). */\nexport function ${lowerFirst(P)}ActionsFor(code: string): readonly ${actionType}[] {\n  return ENTRIES.get(code)?.actions ?? [];\n}`,
    );
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
  if (c.errata.length) lines.push(`- Errata: ${c.errata.join(", ")} (see the package README)`);
  lines.push(`- Source: ${spec.source.document}, table "${table.title}", row ${c.row} (${spec.specFile})`);
  return `/**\n${lines.map((l) => ` * ${docText(l)}`.trimEnd()).join("\n")}\n */`;
}

function shortMemberDoc(spec: Spec, c: Code): string {
  const parts = spec.composite!.parts.map((p) => `${p.name} ${c.parts![p.name]}`).join(", ");
  const outcomes = spec.contexts.map((x) => c.outcomes[x.id]).join(" / ");
  return `/** \`${c.code}\` — ${docText(c.message)} (${parts}): ${outcomes}. Source row ${c.row} of "${docText(spec.tables.find((t) => t.id === c.table)!.title)}". */`;
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
    `const ENTRIES: ReadonlyMap<string, ${n.entry}> = new Map<string, ${n.entry}>(\n  CODES.map(([${names.join(", ")}]) => [code, { ...ROWS[row]!, code: code as ${n.code}, name, ${outcomeProps}, parts: { ${parts.map((p) => `${p.name}: ${p.name}Part`).join(", ")} } }]),\n);`,
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
  props.push(`table: ${lit(c.table)}`, `row: ${c.row}`);
  return `{ ${props.join(", ")} }`;
}

function unlistedFunction(spec: Spec, categoryType: string): string {
  const unknownReason = spec.unknown.reason ?? spec.unknown.source ?? "The source gives no outcome for codes it does not list.";
  const fallback = `return { known: false, outcome: ${lit(unlistedOutcome(spec.unknown.outcome))}, code, category: null, reason: ${lit(unknownReason + (spec.unknown.outcome === "success" ? NOT_CONFIRMED : ""))} };`;
  const body: string[] = [];
  const consts: string[] = [];
  const composite = spec.composite;
  const matching = spec.categories.filter((c) => c.match);
  if (composite && (composite.rules.length || matching.length)) {
    const v = (part: string) => `${part}Part`;
    const total = composite.parts.reduce((s, p) => s + p.length, 0);
    let at = 0;
    const decl: string[] = [];
    const checks: string[] = [];
    for (const p of composite.parts) {
      decl.push(`const ${v(p.name)} = code.slice(${at}, ${at + p.length});`);
      at += p.length;
      if (p.pattern) {
        const name = `${p.name.toUpperCase()}_PART`;
        consts.push(`const ${name}: RegExp = new RegExp(${lit(p.pattern)});`);
        checks.push(`${name}.test(${v(p.name)})`);
      }
    }
    const inner: string[] = [];
    if (matching.length) {
      const expr = matching.map((c) => `${c.match!.values.map((x) => `${v(c.match!.part)} === ${lit(x)}`).join(" || ")} ? ${lit(c.id)} : `).join("");
      inner.push(`const category: ${categoryType} = ${expr}null;`);
    }
    const category = matching.length ? "category" : "null";
    for (const r of composite.rules) {
      const cond = r.values ? r.values.map((x) => `${v(r.part)} === ${lit(x)}`).join(" || ") : `${v(r.part)}.startsWith(${lit(r.prefix!)})`;
      const reason = r.reason ?? r.source ?? `Its ${r.part} part is ${r.values ? r.values.join(" or ") : `${r.prefix}…`}.`;
      inner.push(`if (${cond}) return { known: false, outcome: ${lit(unlistedOutcome(r.outcome))}, code, category: ${category}, reason: ${lit(reason + (r.outcome === "success" ? NOT_CONFIRMED : ""))} };`);
    }
    for (const c of matching) {
      if (!c.outcome) continue;
      const reason = `Category ${c.label}${c.description ? ` (${c.description})` : ""}${c.reason ? `: ${c.reason}` : ""}`;
      inner.push(`if (category === ${lit(c.id)}) return { known: false, outcome: ${lit(unlistedOutcome(c.outcome))}, code, category, reason: ${lit(reason + (c.outcome === "success" ? NOT_CONFIRMED : ""))} };`);
    }
    const block = checks.length ? `if (${checks.join(" && ")}) {\n${inner.join("\n")}\n}` : inner.join("\n");
    body.push(`if (code.length === ${total}) {\n${decl.join("\n")}\n${block}\n}`);
  }
  body.push(fallback);
  return `${consts.map((c) => c + "\n").join("")}/** A code the table does not list: classified from its parts where the source says how, else by the source's rule for unlisted codes. */\nfunction classifyUnlisted(code: string): { readonly known: false; readonly outcome: ${unlistedUnion(spec)}; readonly code: string; readonly category: ${categoryType}; readonly reason: string } {\n${body.join("\n")}\n}`;
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
    if (r.outcome === "code") return `return ${n.classify}(text ?? "");`;
    const reason = [r.label ?? `HTTP ${r.http}`, r.description, r.status ? `status ${r.status}` : null, r.solution].filter(Boolean).join(" — ");
    return `return { known: false, outcome: ${lit(r.outcome)}, httpStatus, code: text, reason: ${lit(reason)} };`;
  }
  const defaultCase = other ? `default:\n${caseBody(other)}` : `default:\nreturn ${n.classify}(text ?? "");`;
  return [
    `/** ${docText(t.title ?? "HTTP status rules")}: how the source says to read an HTTP status before the response code. */\nexport const ${P}HttpRules = [\n${rules}\n] as const;`,
    `/** A response the HTTP status alone decides. */\nexport interface ${httpResult} {\n  readonly known: false;\n  readonly outcome: ${outcomes.length ? outcomes.map(lit).join(" | ") : "never"};\n  readonly httpStatus: number;\n  /** The response code the body carried, if any. */\n  readonly code: string | null;\n  readonly reason: string;\n}`,
    `/**\n * Classifies a whole response: its HTTP status first, per {@link ${P}HttpRules}, then its response code.\n */\nexport function classify${P}Response(httpStatus: number, code: unknown): ${resultType} | ${httpResult} {\n  // The code as text (a number 0 becomes "0", which is not "00"); absent is null.\n  const text = code === undefined || code === null ? null : String(code);\n  switch (httpStatus) {\n${cases}\n${defaultCase}\n  }\n}`,
  ];
}

function nullable(s: string | null): string {
  return s === null ? "null" : lit(s);
}

