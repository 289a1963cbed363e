// The package under test, built in memory the way the pipeline builds it:
// load the spec, print src/codes.ts (code-table emitter) and src/api.ts (API
// emitters), compile each with ts.transpileModule (and check that
// ts.transpileDeclaration accepts it, as the pipeline requires), import the JS.
//
// Set CODEBOOK_API_PACKAGE=generated to test the committed package instead:
// generated/snap-qr-cpm/dist/index.js and generated/snap-qr-cpm/schemas/.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "ts-morph";
import { emitCodeTable } from "../../../../generator/targets/typescript/codes-module.ts";
import { emitApi, emitJsonSchemas, apiMarkdown } from "../../../../generator/targets/typescript/api/api-module.ts";
import { lineHeader } from "../../../../generator/model/generated-file.ts";
import { printModule } from "../../../../generator/targets/typescript/ts-module.ts";
import { loadSpecText } from "../../../../generator/load/load-specs.ts";
import type { Spec } from "../../../../generator/model/types.ts";
import { repoRoot } from "../../../helpers.ts";

export const SPEC_ID = "snap-qr-cpm";

/** The generated module, loosely typed: tests reach its exports by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Pkg = Record<string, any>;

export interface Harness {
  spec: Spec;
  pkg: Pkg;
  /** Schema file name ("payment-request.schema.json") -> parsed schema. */
  schemas: Map<string, Record<string, unknown>>;
  /** TypeScript sources by file name (harness mode only). */
  sources: Map<string, string>;
  /** The README section (harness mode only). */
  markdown: string;
}

/** Third-party bodies, kept verbatim (see test/fixtures/conformance/README.md). */
export const conformanceDir: string = join(repoRoot, "test", "fixtures", "conformance", SPEC_ID);

export function loadSpec(): Spec {
  const file = `spec/${SPEC_ID}.yaml`;
  const { spec, diagnostics } = loadSpecText(file, readFileSync(join(repoRoot, file), "utf8"), SPEC_ID);
  if (!spec) throw new Error(`${file} does not load:\n${diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join("\n")}`);
  return spec;
}

let cached: Promise<Harness> | undefined;

export function harness(): Promise<Harness> {
  cached ??= process.env.CODEBOOK_API_PACKAGE === "generated" ? fromGenerated() : build();
  return cached;
}

async function build(): Promise<Harness> {
  const spec = loadSpec();
  const header = lineHeader(spec);
  const sources = new Map<string, string>([
    ["codes.ts", printModule(header, emitCodeTable(spec, "const"))],
    ["api.ts", printModule(header, emitApi(spec))],
    ["index.ts", `${header}\nexport * from "./codes.js";\nexport * from "./api.js";\n`],
  ]);
  const dir = mkdtempSync(join(tmpdir(), "codebook-api-"));
  const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, newLine: ts.NewLineKind.LineFeed };
  for (const [name, text] of sources) {
    const js = ts.transpileModule(text, { compilerOptions: options, fileName: name, reportDiagnostics: true });
    const dts = ts.transpileDeclaration(text, { compilerOptions: { ...options, declaration: true, isolatedDeclarations: true }, fileName: name, reportDiagnostics: true });
    const problems = [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])];
    if (problems.length) throw new Error(`${name} does not compile in isolation:\n${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n")}`);
    writeFileSync(join(dir, name.replace(/\.ts$/, ".js")), js.outputText);
    writeFileSync(join(dir, name.replace(/\.ts$/, ".d.ts")), dts.outputText);
    writeFileSync(join(dir, name), text);
  }
  const schemas = new Map<string, Record<string, unknown>>();
  mkdirSync(join(dir, "schemas"));
  for (const f of emitJsonSchemas(spec)) {
    const name = f.path.slice(f.path.lastIndexOf("/") + 1);
    schemas.set(name, JSON.parse(f.content) as Record<string, unknown>);
    writeFileSync(join(dir, "schemas", name), f.content);
  }
  const pkg = (await import(/* @vite-ignore */ pathToFileURL(join(dir, "index.js")).href)) as Pkg;
  return { spec, pkg, schemas, sources, markdown: apiMarkdown(spec) };
}

async function fromGenerated(): Promise<Harness> {
  const spec = loadSpec();
  const root = resolve(repoRoot, "generated", SPEC_ID);
  const pkg = (await import(/* @vite-ignore */ pathToFileURL(join(root, "dist", "index.js")).href)) as Pkg;
  const schemas = new Map<string, Record<string, unknown>>();
  for (const name of readdirSync(join(root, "schemas")).sort())
    schemas.set(name, JSON.parse(readFileSync(join(root, "schemas", name), "utf8")) as Record<string, unknown>);
  return { spec, pkg, schemas, sources: new Map(), markdown: "" };
}

/** A conformance body and its metadata, as the third party wrote it. */
export interface ConformanceCase {
  file: string;
  endpoint: string;
  service_code: string;
  kind: "request" | "response";
  http_status?: number;
  note?: string;
  body: unknown;
}

export function conformanceCases(): ConformanceCase[] {
  return readdirSync(conformanceDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(conformanceDir, file), "utf8")) as Omit<ConformanceCase, "file">) }));
}

/** validate<Prefix><Key><Request|Response>, by endpoint key. */
export function validator(h: Harness, key: string, kind: "request" | "response"): (input: unknown, options?: { strict?: boolean }) => ValidationResult {
  const name = `validate${h.spec.typePrefix}${key}${kind === "request" ? "Request" : "Response"}`;
  const fn = h.pkg[name];
  if (typeof fn !== "function") throw new Error(`the package exports no ${name}`);
  return fn;
}

export type ValidationResult = { ok: true; value: unknown } | { ok: false; errors: { path: string; rule: string; message: string; field: string | null }[] };

/** [path, rule] pairs of a result, sorted: the shape tests assert. */
export function errorPairs(r: ValidationResult): [string, string][] {
  return r.ok ? [] : r.errors.map((e) => [e.path, e.rule] as [string, string]).sort();
}
