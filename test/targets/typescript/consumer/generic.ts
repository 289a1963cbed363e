/**
 * Consumer files written by the test for ANY generated package, from its catalog.json
 * and its exports, so a package whose spec someone adds is consumed like the shipped
 * ones without anyone writing a consumer for it:
 *
 * - `<id>.ts`: type-level facts, checked by `tsc --strict` (each `@ts-expect-error`
 *   must be needed, or tsc reports TS2578 and the test fails);
 * - a runtime check (the same JavaScript for ESM and CommonJS) that compares what the
 *   package returns with what its catalog says, code by code, and lists every mismatch.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../../../helpers.ts";

export interface CatalogCode {
  code: string;
  name: string;
  message: string;
  outcome: "success" | "pending" | "failed";
  category: string | null;
  description: string | null;
  status: string | null;
  table: string;
  row: number;
  /** Per context, where the table has several. */
  outcomes?: Record<string, string>;
}

export interface Catalog {
  id: string;
  contexts: { id: string }[];
  codes: CatalogCode[];
}

/** What a consumer needs to know about one package: the names its exports use and its catalog. */
export interface PackageApi {
  id: string;
  prefix: string;
  names: { code: string; isCode: string; describe: string; classify: string };
  catalog: Catalog;
  /** Values that are not codes of this table. */
  nonCodes: string[];
}

/**
 * Reads the package's catalog and finds its type prefix from its exports: the one
 * `is<Prefix>Code` guard, whose siblings `<Prefix>Code`, `describe<Prefix>Code` and
 * `classify<Prefix>Code` every code-table package exports (README: "What a code-table
 * package exports").
 */
export async function packageApi(id: string): Promise<PackageApi> {
  const dir = join(repoRoot, "generated", id);
  const catalog = JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8")) as Catalog;
  const exports = Object.keys((await import(pathToFileURL(join(dir, "dist", "index.js")).href)) as object);
  const guards = exports.map((name) => /^is([A-Z]\w*)Code$/.exec(name)?.[1]).filter((p): p is string => p !== undefined);
  if (guards.length !== 1) throw new Error(`${id}: expected one is<Prefix>Code export, found ${guards.length}: ${exports.join(", ")}`);
  const prefix = guards[0]!;
  const names = { code: `${prefix}Code`, isCode: `is${prefix}Code`, describe: `describe${prefix}Code`, classify: `classify${prefix}Code` };
  for (const name of Object.values(names)) if (!exports.includes(name)) throw new Error(`${id}: no export ${name}`);
  const listed = new Set(catalog.codes.map((c) => c.code));
  let word = "not a code";
  while (listed.has(word)) word += "!";
  // A listed code with a space: the guard compares exactly, it does not trim.
  const nonCodes = [word, "", `${catalog.codes[0]!.code} `].filter((c) => !listed.has(c));
  return { id, prefix, names, catalog, nonCodes };
}

const OUTCOMES = ["success", "pending", "failed"] as const;
const Outcome = { success: "Success", pending: "Pending", failed: "Failed" } as const;

/** `<id>.ts`: what the package's types promise about its own codes. */
export function typedConsumer(api: PackageApi, scope: string): string {
  const { names, prefix: P, catalog } = api;
  const v = P.charAt(0).toLowerCase() + P.slice(1);
  const member = (c: CatalogCode) => `${names.code}.${c.name}`;
  const list = (codes: CatalogCode[]) => `[\n${codes.map((c) => `  ${member(c)},`).join("\n")}\n] as const`;
  const byOutcome = OUTCOMES.map((o) => ({ o, type: `${P}${Outcome[o]}Code`, codes: catalog.codes.filter((c) => c.outcome === o) })).filter((x) => x.codes.length);
  const types = [`${P}Entry`, `${P}Result`, ...byOutcome.map((x) => x.type)];
  const out = [
    `// Written by test/targets/typescript/consumer/consumer.test.ts from ${scope}/${api.id}'s catalog.json; not committed.`,
    `import { ${names.code}, ${names.classify}, ${names.describe}, ${names.isCode}, ${types.map((t) => `type ${t}`).join(", ")} } from "${scope}/${api.id}";`,
    `import { ${v}CodesByOutcome, ${v}CodeCases } from "${scope}/${api.id}/fixtures";`,
    "",
    "/** true only when A and B are the same type (not merely assignable). */",
    "type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;",
    "",
    `/** Every code the catalog lists, through the constant; the code type is exactly these. */`,
    `export const all = ${list(catalog.codes)};`,
    `export const allExactly: Equals<${names.code}, (typeof all)[number]> = true;`,
  ];
  for (const { o, type, codes } of byOutcome) {
    out.push(
      `/** The catalog's ${o} codes are exactly what ${type} admits, and a known ${o} result narrows to them. */`,
      `export const ${o}Codes = ${list(codes)};`,
      `export const ${o}Exactly: Equals<${type}, (typeof ${o}Codes)[number]> = true;`,
      `export function ${o}Of(r: ${P}Result): ${type} | undefined {\n  return r.known && r.outcome === ${JSON.stringify(o)} ? r.code : undefined;\n}`,
    );
  }
  out.push(
    `// @ts-expect-error a string the table does not list is not a code\nexport const notACode: ${names.code} = ${JSON.stringify(api.nonCodes[0])};`,
    `export function guard(value: unknown): ${names.code} | undefined {\n  return ${names.isCode}(value) ? value : undefined;\n}`,
    `/** A listed code always has an entry; any string may not. */`,
    `export const entry: ${P}Entry = ${names.describe}(${member(catalog.codes[0]!)});`,
    `export const maybe: ${P}Entry | undefined = ${names.describe}(${JSON.stringify(api.nonCodes[0])} as string);`,
    `export const outcome: ${P}Result["outcome"] = ${names.classify}(${JSON.stringify(catalog.codes[0]!.code)}).outcome;`,
    `/** The number 0 would lose "00"'s leading zero: the classifier takes any value and calls it malformed. */\nexport const number: ${P}Result = ${names.classify}(0);`,
    `export function codeOf(r: ${P}Result): string {\n  // @ts-expect-error a malformed result carries no code (null): the arm must be handled\n  return r.code;\n}`,
    `/** The fixtures subpath resolves, and its grouped codes are the package's codes and outcomes. */`,
    `export const fixtureCodes: readonly ${names.code}[] = [...${v}CodesByOutcome.success, ...${v}CodesByOutcome.pending, ...${v}CodesByOutcome.failed];`,
    `export const fixtureOutcome: ${P}Result["outcome"] = ${v}CodeCases[0]!.outcome;`,
    "",
  );
  return out.join("\n");
}

/**
 * What the runtime check expects of one package, all from its catalog: every code
 * classifies to its outcome (in every context), is accepted by the guard, is the value
 * of its member, and describes as its row; non-codes are refused and never succeed.
 */
export function expectations(api: PackageApi): unknown {
  const contexts = api.catalog.contexts.length > 1 ? api.catalog.contexts.map((c) => c.id) : [];
  return {
    names: api.names,
    contexts,
    nonCodes: api.nonCodes,
    codes: api.catalog.codes.map((c) => ({
      code: c.code,
      name: c.name,
      outcome: c.outcome,
      outcomes: c.outcomes ?? {},
      entry: { code: c.code, name: c.name, message: c.message, status: c.status, outcome: c.outcome, category: c.category, description: c.description, table: c.table, row: c.row },
    })),
  };
}

/**
 * The runtime check, plain JavaScript valid as ESM and as CommonJS:
 * `check(pkg, expected)` returns how many codes it checked and every mismatch.
 */
export const runtimeCheck = String.raw`
function check(pkg, x) {
  const failures = [];
  const same = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(what + ": got " + JSON.stringify(got) + ", expected " + JSON.stringify(want));
  };
  const Code = pkg[x.names.code], isCode = pkg[x.names.isCode], describe = pkg[x.names.describe], classify = pkg[x.names.classify];
  let checked = 0;
  for (const c of x.codes) {
    const r = classify(c.code);
    same(x.names.classify + "(" + JSON.stringify(c.code) + ")", [r.known, r.outcome, r.code], [true, c.outcome, c.code]);
    for (const ctx of x.contexts) {
      const rc = classify(c.code, ctx);
      same(x.names.classify + "(" + JSON.stringify(c.code) + ", " + JSON.stringify(ctx) + ")", [rc.known, rc.outcome], [true, c.outcomes[ctx]]);
    }
    same(x.names.isCode + "(" + JSON.stringify(c.code) + ")", isCode(c.code), true);
    same(x.names.code + "." + c.name, Code[c.name], c.code);
    const e = describe(c.code);
    same(x.names.describe + "(" + JSON.stringify(c.code) + ")", e && Object.fromEntries(Object.keys(c.entry).map((k) => [k, e[k]])), c.entry);
    checked++;
  }
  same(x.names.code + " values", Object.values(Code).sort(), x.codes.map((c) => c.code).sort());
  for (const n of x.nonCodes) {
    same(x.names.isCode + "(" + JSON.stringify(n) + ")", isCode(n), false);
    same(x.names.describe + "(" + JSON.stringify(n) + ")", describe(n) === undefined, true);
    // An unlisted code is never success, in any context.
    for (const ctx of x.contexts.length ? x.contexts : [undefined]) {
      const r = ctx === undefined ? classify(n) : classify(n, ctx);
      same(x.names.classify + "(" + JSON.stringify(n) + (ctx ? ", " + JSON.stringify(ctx) : "") + ")", [r.known, r.malformed ? r.input : r.code, r.outcome === "success"], [false, n, false]);
    }
  }
  // A number is no code: malformed, never success.
  for (const ctx of x.contexts.length ? x.contexts : [undefined]) {
    const r = ctx === undefined ? classify(0) : classify(0, ctx);
    same(x.names.classify + "(0" + (ctx ? ", " + JSON.stringify(ctx) : "") + ")", [r.known, r.malformed, r.code, r.input, r.outcome === "success"], [false, true, null, 0, false]);
  }
  // The guard takes a string: a code's digits as a number are no code.
  same(x.names.isCode + "(0)", isCode(0), false);
  return { checked, failures };
}
`;
