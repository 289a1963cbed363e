/**
 * codes.go: the code table as Go data. `type Code string` with one constant per
 * listed code (its doc: message, outcome per context, source row, errata), the
 * Outcome, Kind and Context enums, categories, scopes and actions as typed
 * constants, and the entries, one struct literal per row.
 */
import type { Code, Spec } from "../../model/types.ts";
import { exported, goNames } from "./names.ts";
import { comment, commentText, docComment, goString } from "./syntax.ts";

/** The Outcome constants in declaration order: the zero value is unknown. */
export const OUTCOME_CONSTS = { unknown: "OutcomeUnknown", success: "OutcomeSuccess", pending: "OutcomePending", failed: "OutcomeFailed" } as const;

export function outcomeConst(o: keyof typeof OUTCOME_CONSTS): string {
  return OUTCOME_CONSTS[o];
}

/** A Go string switch: `case "a", "b":` lines returning values, then the fallback. */
function stringSwitch(subject: string, cases: readonly [string, string][], fallback: string): string {
  const body = cases.map(([k, v]) => `\tcase ${k}:\n\t\treturn ${v}`).join("\n");
  return cases.length ? `\tswitch ${subject} {\n${body}\n\t}\n\treturn ${fallback}` : `\treturn ${fallback}`;
}

function codeDoc(spec: Spec, c: Code): string {
  const name = goNames.code(c);
  const lines = [`${name} is ${goString(c.code)}: ${commentText(c.message)}.`];
  if (c.description) lines.push("", commentText(c.description));
  lines.push("");
  const outcomes = spec.contexts.length > 1 ? spec.contexts.map((x) => `${x.id} ${c.outcomes[x.id]}`).join(", ") : `${c.outcomes[spec.contexts[0]!.id]}`;
  lines.push(`- Outcome: ${outcomes}${c.status !== null ? ` (status ${commentText(JSON.stringify(c.status))})` : ""}`);
  if (c.category) lines.push(`- Category: ${commentText(spec.categories.find((x) => x.id === c.category)!.label)}`);
  for (const col of spec.columns) lines.push(`- ${commentText(col.title)}: ${commentText(c.columns[col.key]!.text ?? "(none)")}`);
  if (c.parts) lines.push(`- Parts: ${spec.composite!.parts.map((p) => `${p.name} ${c.parts![p.name]}`).join(", ")}`);
  for (const o of c.overrides) lines.push(`- ${o.outcome} when ${o.part} is ${o.values.join(" or ")}: ${commentText(o.reason)}`);
  const table = spec.tables.find((t) => t.id === c.table)!;
  if (table.scope) lines.push(`- Applies only in: ${commentText(table.scope.title)}`);
  for (const ctx of spec.contexts) {
    const note = ctx.notes?.[c.code];
    if (note !== undefined) lines.push(`- Note${spec.contexts.length > 1 ? ` (${ctx.id})` : ""}: ${commentText(note)}`);
  }
  if (c.errata.length) lines.push(`- Errata: ${c.errata.join(", ")} (see the README)`);
  lines.push(`- Source: ${commentText(spec.source.document)}, table ${commentText(JSON.stringify(table.title))}, row ${c.row} (${spec.specFile})`);
  return comment(lines, "\t");
}

function codeDecls(spec: Spec): string[] {
  const title = commentText(spec.title);
  const consts = spec.codes.map((c) => `${codeDoc(spec, c)}\n\t${goNames.code(c)} Code = ${goString(c.code)}`).join("\n");
  return [
    `${docComment([`Code is a response code of ${title}. The type is open: any string converts to it, and Classify says whether the table lists it.`])}\ntype Code string`,
    `// Every response code the table lists, by name, in the source's order.\nconst (\n${consts}\n)`,
    `${docComment(["Codes returns every code the table lists, in the source's order."])}\nfunc Codes() []Code {\n\tcodes := make([]Code, len(entries))\n\tfor i := range entries {\n\t\tcodes[i] = entries[i].Code\n\t}\n\treturn codes\n}`,
  ];
}

function outcomeDecls(): string[] {
  return [
    `${docComment(["Outcome is what a response code means for the transaction. The zero value is OutcomeUnknown: no listed code has it, and codebook gives it where the source says nothing."])}\ntype Outcome uint8`,
    `// The outcomes.\nconst (\n` +
      `\t// OutcomeUnknown means the source gives no outcome: treat it as not final and escalate.\n\tOutcomeUnknown Outcome = iota\n` +
      `\t// OutcomeSuccess means done: deliver, record the provider's reference.\n\tOutcomeSuccess\n` +
      `\t// OutcomePending means not final: do not retry or refund yet; check the status later.\n\tOutcomePending\n` +
      `\t// OutcomeFailed means a final failure: safe to release funds or retry with a new reference.\n\tOutcomeFailed\n)`,
    `${docComment(['String returns "success", "pending", "failed" or "unknown".'])}\nfunc (o Outcome) String() string {\n\tswitch o {\n\tcase OutcomeSuccess:\n\t\treturn "success"\n\tcase OutcomePending:\n\t\treturn "pending"\n\tcase OutcomeFailed:\n\t\treturn "failed"\n\t}\n\treturn "unknown"\n}`,
    `${docComment(["Kind says whether a value is a code the table lists. The zero value is KindMalformed."])}\ntype Kind uint8`,
    `// The kinds of value Classify tells apart.\nconst (\n` +
      `\t// KindMalformed is a value that is not a string of the code pattern (a number included: 200 is not "200").\n\tKindMalformed Kind = iota\n` +
      `\t// KindUnlisted is a well-formed code the table does not list: never confirmed success.\n\tKindUnlisted\n` +
      `\t// KindKnown is a code the table lists.\n\tKindKnown\n)`,
    `${docComment(['String returns "known", "unlisted" or "malformed".'])}\nfunc (k Kind) String() string {\n\tswitch k {\n\tcase KindKnown:\n\t\treturn "known"\n\tcase KindUnlisted:\n\t\treturn "unlisted"\n\t}\n\treturn "malformed"\n}`,
  ];
}

function contextDecls(spec: Spec): string[] {
  const first = spec.contexts[0]!;
  const consts = spec.contexts
    .map((c, i) => `\t// ${goNames.context(c.id)} is ${goString(c.id)}: ${commentText(c.title)}${i === 0 ? " (the default)" : ""}.\n\t${goNames.context(c.id)}${i === 0 ? " Context = iota" : ""}`)
    .join("\n");
  const ids = spec.contexts.map((c) => [goNames.context(c.id), goString(c.id)] as [string, string]);
  const titles = spec.contexts.map((c) => [goNames.context(c.id), goString(c.title)] as [string, string]);
  const sources = spec.contexts.filter((c) => c.source !== null).map((c) => [goNames.context(c.id), goString(c.source!)] as [string, string]);
  const parse = spec.contexts.map((c) => [goString(c.id), `${goNames.context(c.id)}, true`] as [string, string]);
  return [
    `${docComment([`Context is a context whose outcomes can differ. The zero Context is ${goNames.context(first.id)}, the default.`])}\ntype Context uint8`,
    `// The contexts, in the source's order.\nconst (\n${consts}\n)`,
    `${docComment(["Contexts returns every context, in the source's order."])}\nfunc Contexts() []Context {\n\treturn []Context{${spec.contexts.map((c) => goNames.context(c.id)).join(", ")}}\n}`,
    `${docComment(['String returns the context\'s id, or "Context(n)" for a value that is not a context.'])}\nfunc (c Context) String() string {\n${stringSwitch("c", ids, `"Context(" + strconv.Itoa(int(c)) + ")"`)}\n}`,
    `${docComment(["Title returns what the context is, as the source names it."])}\nfunc (c Context) Title() string {\n${stringSwitch("c", titles, '""')}\n}`,
    `${docComment(["Source returns the source's words where it states the context's rule, or an empty string."])}\nfunc (c Context) Source() string {\n${stringSwitch("c", sources, '""')}\n}`,
    `${docComment(["ParseContext returns the context with the given id."])}\nfunc ParseContext(id string) (Context, bool) {\n${stringSwitch("id", parse, "0, false")}\n}`,
  ];
}

function categoryDecls(spec: Spec): string[] {
  const consts = spec.categories
    .map((c) => `\t// ${goNames.category(c.id)} is ${commentText(c.label)}${c.description ? `: ${commentText(c.description)}` : ""}.\n\t${goNames.category(c.id)} Category = ${goString(c.id)}`)
    .join("\n");
  const labels = spec.categories.map((c) => [goNames.category(c.id), goString(c.label)] as [string, string]);
  const descriptions = spec.categories.filter((c) => c.description).map((c) => [goNames.category(c.id), goString(c.description!)] as [string, string]);
  const out = [`${docComment(["Category is one of the source's code categories, by id. The zero Category is none."])}\ntype Category string`];
  if (spec.categories.length) {
    out.push(`// The source's categories.\nconst (\n${consts}\n)`);
    out.push(`${docComment(["Categories returns every category, in the source's order."])}\nfunc Categories() []Category {\n\treturn []Category{${spec.categories.map((c) => goNames.category(c.id)).join(", ")}}\n}`);
  }
  out.push(
    `${docComment(["Label returns the category as the source names it."])}\nfunc (c Category) Label() string {\n${stringSwitch("c", labels, '""')}\n}`,
    `${docComment(["Description returns the source's description of the category, or an empty string."])}\nfunc (c Category) Description() string {\n${stringSwitch("c", descriptions, '""')}\n}`,
  );
  return out;
}

function scopeDecls(spec: Spec): string[] {
  const scopes = spec.tables.filter((t) => t.scope).map((t) => t.scope!);
  if (!scopes.length) return [];
  const consts = scopes.map((s) => `\t// ${goNames.scope(s.id)}: the codes apply only in ${commentText(s.title)}.\n\t${goNames.scope(s.id)} Scope = ${goString(s.id)}`).join("\n");
  const titles = scopes.map((s) => [goNames.scope(s.id), goString(s.title)] as [string, string]);
  return [
    `${docComment(["Scope is a sub-table whose codes apply in one context only. The zero Scope is none: the code applies everywhere."])}\ntype Scope string`,
    `// The scopes.\nconst (\n${consts}\n)`,
    `${docComment(["Title returns where the scope's codes apply, as the source says."])}\nfunc (s Scope) Title() string {\n${stringSwitch("s", titles, '""')}\n}`,
  ];
}

function actionDecls(spec: Spec): string[] {
  if (!spec.actions.length) return [];
  const consts = spec.actions.map((a) => `\t// ${goNames.action(a.id)}: ${commentText(a.title)}: ${commentText(JSON.stringify(a.source))}.\n\t${goNames.action(a.id)} Action = ${goString(a.id)}`).join("\n");
  const field = (f: "title" | "source") => spec.actions.map((a) => [goNames.action(a.id), goString(a[f])] as [string, string]);
  const codes = spec.actions.map((a) => [goNames.action(a.id), `[]Code{${a.codes.map(goString).join(", ")}}`] as [string, string]);
  return [
    `${docComment(["Action is something the source tells the integrator to do on some codes."])}\ntype Action string`,
    `// The actions the source prescribes.\nconst (\n${consts}\n)`,
    `${docComment(["Title returns what to do."])}\nfunc (a Action) Title() string {\n${stringSwitch("a", field("title"), '""')}\n}`,
    `${docComment(["Source returns the source's words."])}\nfunc (a Action) Source() string {\n${stringSwitch("a", field("source"), '""')}\n}`,
    `${docComment(["Codes returns the codes the action applies to."])}\nfunc (a Action) Codes() []Code {\n${stringSwitch("a", codes, "nil")}\n}`,
    `${docComment(["ActionsFor returns the actions the source prescribes for a code (none for a code without any)."])}\nfunc ActionsFor(code Code) []Action {\n\tif e := lookup(string(code)); e != nil {\n\t\treturn append([]Action(nil), e.Actions...)\n\t}\n\treturn nil\n}`,
  ];
}

/** The Entry struct's fields: [doc, declaration]. */
function entryFields(spec: Spec): [string, string][] {
  const multi = spec.contexts.length > 1;
  const fields: [string, string][] = [
    ["Code is the response code.", "Code Code"],
    ["Name is the code's name (its constant without the Code prefix).", "Name string"],
    ["Message is the message, verbatim from the source.", "Message string"],
    ["Status is the status as the source states it; empty where it has none.", "Status string"],
    [`Outcome is the outcome${multi ? ` in the default context (${spec.contexts[0]!.id}); OutcomeIn gives the others` : ""}.`, "Outcome Outcome"],
    ["Category is the code's category; the zero Category where it has none.", "Category Category"],
    ["Description is the source's solution or description text, verbatim; empty where it has none.", "Description string"],
  ];
  for (const col of spec.columns)
    fields.push([`${exported(col.key)} is the ${commentText(col.title)} column${col.description ? ` (${commentText(col.description)})` : ""}; empty where the source leaves it empty.`, `${exported(col.key)} ${col.type === "set" ? "[]string" : "string"}`]);
  if (spec.composite) fields.push(["Parts are the code's parts.", "Parts Parts"]);
  if (spec.tables.some((t) => t.scope)) fields.push(["Scope is the only context the code applies in; the zero Scope where it applies everywhere.", "Scope Scope"]);
  if (spec.actions.length) fields.push(["Actions are what the source prescribes for the code.", "Actions []Action"]);
  if (spec.contexts.some((c) => c.notes)) fields.push(["Notes are what the contexts note about the code, by context.", "Notes map[Context]string"]);
  fields.push(["Table is the id of the source table the code is listed in.", "Table string"], ["Row is the code's 1-based row in that table.", "Row int"]);
  return fields;
}

function entryDecls(spec: Spec): string[] {
  const fields = entryFields(spec)
    .map(([doc, decl]) => `\t// ${doc}\n\t${decl}`)
    .join("\n");
  const out = [`${docComment(["Entry is one row of the source table."])}\ntype Entry struct {\n${fields}\n\t// outcomes is the outcome in each context, by Context.\n\toutcomes [${spec.contexts.length}]Outcome\n}`];
  if (spec.composite) {
    const parts = spec.composite.parts.map((p) => `\t// ${exported(p.name)} is the ${commentText(p.description ?? p.name)} part.\n\t${exported(p.name)} string`).join("\n");
    out.push(`${docComment(["Parts are a code's parts, in the order they are written."])}\ntype Parts struct {\n${parts}\n}`);
  }
  out.push(
    `${docComment(["OutcomeIn returns the code's outcome in a context (OutcomeUnknown for a value that is not a context)."])}\nfunc (e *Entry) OutcomeIn(ctx Context) Outcome {\n\tif int(ctx) >= len(e.outcomes) {\n\t\treturn OutcomeUnknown\n\t}\n\treturn e.outcomes[ctx]\n}`,
  );
  return out;
}

function entryLiteral(spec: Spec, c: Code): string {
  const props: string[] = [`Code: ${goNames.code(c)}`, `Name: ${goString(c.name)}`, `Message: ${goString(c.message)}`];
  if (c.status !== null) props.push(`Status: ${goString(c.status)}`);
  props.push(`Outcome: ${outcomeConst(c.outcomes[spec.contexts[0]!.id]!)}`);
  if (c.category) props.push(`Category: ${goNames.category(c.category)}`);
  if (c.description !== null) props.push(`Description: ${goString(c.description)}`);
  for (const col of spec.columns) {
    const v = c.columns[col.key]!.value;
    if (v === null) continue;
    props.push(`${exported(col.key)}: ${Array.isArray(v) ? `[]string{${v.map(goString).join(", ")}}` : goString(v)}`);
  }
  if (spec.composite && c.parts) props.push(`Parts: Parts{${spec.composite.parts.map((p) => `${exported(p.name)}: ${goString(c.parts![p.name]!)}`).join(", ")}}`);
  const scope = spec.tables.find((t) => t.id === c.table)!.scope;
  if (scope) props.push(`Scope: ${goNames.scope(scope.id)}`);
  const actions = spec.actions.filter((a) => a.codes.includes(c.code));
  if (actions.length) props.push(`Actions: []Action{${actions.map((a) => goNames.action(a.id)).join(", ")}}`);
  const notes = spec.contexts.filter((x) => x.notes?.[c.code] !== undefined);
  if (notes.length) props.push(`Notes: map[Context]string{${notes.map((x) => `${goNames.context(x.id)}: ${goString(x.notes![c.code]!)}`).join(", ")}}`);
  props.push(`Table: ${goString(c.table)}`, `Row: ${c.row}`, `outcomes: [${spec.contexts.length}]Outcome{${spec.contexts.map((x) => outcomeConst(c.outcomes[x.id]!)).join(", ")}}`);
  return `\t{${props.join(", ")}},`;
}

function tableDecls(spec: Spec): string[] {
  return [
    `// entries are the table's rows, in the source's order.\nvar entries = [...]Entry{\n${spec.codes.map((c) => entryLiteral(spec, c)).join("\n")}\n}`,
    `// byCode finds a row by its code.\nvar byCode = func() map[string]*Entry {\n\tm := make(map[string]*Entry, len(entries))\n\tfor i := range entries {\n\t\tm[string(entries[i].Code)] = &entries[i]\n\t}\n\treturn m\n}()`,
    `// lookup returns the row of a listed code, or nil.\nfunc lookup(code string) *Entry {\n\treturn byCode[code]\n}`,
  ];
}

/** The declarations of codes.go and the imports they need. */
export function codesFile(spec: Spec): { imports: string[]; decls: string[] } {
  return {
    imports: ["strconv"],
    decls: [...codeDecls(spec), ...outcomeDecls(), ...contextDecls(spec), ...categoryDecls(spec), ...scopeDecls(spec), ...actionDecls(spec), ...entryDecls(spec), ...tableDecls(spec)],
  };
}
