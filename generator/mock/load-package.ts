/**
 * The generated package a mock serves, read from the config's out dir: its
 * fixtures index (the default export of `<package>/fixtures`), its validators
 * (the main entry) and its catalog. The mock never reads the YAML: it answers
 * exactly what the user's generated package says.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, loadConfig } from "../config/config.ts";
import { readInputFile } from "./input-file.ts";

/** Bytes of the served package's package.json (a generated one is under 1 KB). */
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Bytes of its catalog.json (the 378 codes of SNAP QR CPM take 150 KB). */
const MAX_CATALOG_BYTES = 64 * 1024 * 1024;

export type Validator = (input: unknown, options?: { strict?: boolean }) => ValidationResult;
export type ValidationResult = { ok: true; value: unknown } | { ok: false; errors: ValidationError[] };
export interface ValidationError {
  path: string;
  rule: string;
  message: string;
  field: string | null;
}

/** One endpoint's fixtures, as the generated `<P>EndpointFixtures` describes them. */
export interface EndpointFixtures {
  key: string;
  serviceCode: string;
  name: string;
  version: string;
  method: string;
  path: string;
  successCode: string;
  validateRequest: string;
  validateResponse: string;
  request: unknown;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  responses: Record<string, Record<string, unknown>>;
  echo: string[];
  callback: { endpoint: string; echo: Record<string, string> } | null;
  requestErrors: { missing: string | null; invalid: string | null; malformed: string | null };
}

export interface Fixtures {
  codeField: string;
  messageField: string | null;
  httpStatusPart: { offset: number; length: number };
  endpoints: Record<string, EndpointFixtures>;
}

export interface MockEndpoint extends EndpointFixtures {
  validate: { request: Validator; response: Validator };
}

/** What the package's `parse<P>ResponseCode` says of a code (the fields the mock and the proxy read). */
export type ParsedCode =
  | { kind: "known"; code: string; name: string; message: string; outcome: string; endpoint: string; [part: string]: unknown }
  | { kind: "unknown"; code: string; outcome: string; endpoint: string | null; reason: string; [part: string]: unknown }
  | { kind: "malformed"; input: unknown; reason: string };

/** What the package's `check<P>HttpStatus` says of an HTTP status and a body. */
export interface HttpStatusCheck {
  consistent: boolean;
  actOn: string;
  outcome: string;
  reason: string;
  code: ParsedCode;
}

/** One code of catalog.json (a stable contract): its row, and its composite parts by name. */
export interface CatalogCode {
  code: string;
  name: string;
  message: string;
  table: string;
  row: number;
  [part: string]: unknown;
}

export interface MockPackage {
  id: string;
  name: string;
  dir: string;
  fixtures: Fixtures;
  endpoints: MockEndpoint[];
  /** The HTTP status a response code carries. */
  statusOf(code: string): number;
  /** The package's own code parser: known, unknown (well-formed, not in the tables) or malformed. Never throws. */
  parseCode(code: unknown): ParsedCode;
  /** The package's own HTTP status vs body code check. Never throws. */
  checkHttpStatus(status: number, body: unknown): HttpStatusCheck;
  /** catalog.json's codes by code, the codes a profile drops from its base, its base's id, its tables and category ids. */
  catalog: { codes: Map<string, CatalogCode>; dropped: Set<string>; base: string | null; tables: string[]; categories: string[] };
  /** The spec file the package was generated from, as the config places it (it may be absent: the package is what is served). */
  specFile: string;
}

/** Loads `<outDir>/<spec>` of the config (`configPath`, else ./codebook.config.yaml from `cwd`). */
export async function loadMockPackage(spec: string, configPath: string | undefined, cwd: string): Promise<MockPackage> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(spec)) throw new ConfigError(`--spec ${JSON.stringify(spec)} is not a spec id`);
  const config = loadConfig(configPath, cwd);
  const dir = join(config.outDir, spec);
  const manifestPath = join(dir, "package.json");
  if (!existsSync(manifestPath)) throw new ConfigError(`no generated package "${spec}" in ${config.outDir}: run \`codebook generate\` first`);
  let manifest: { name: string; exports?: Record<string, unknown> };
  try {
    manifest = JSON.parse(readInputFile(manifestPath, MAX_MANIFEST_BYTES, "the package's package.json"));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${manifestPath}: not JSON (${(err as Error).message}): regenerate it (\`codebook generate\`)`);
  }
  const entry = (key: string): string | null => {
    const e = manifest.exports?.[key];
    const target = typeof e === "string" ? e : (e as { default?: string } | undefined)?.default;
    return target ? resolve(dir, target) : null;
  };
  const fixturesFile = entry("./fixtures");
  const mainFile = entry(".");
  // A module path that is not a regular file (a FIFO would block the import) counts as missing.
  const isFile = (file: string | null): file is string => file !== null && existsSync(file) && statSync(file).isFile();
  if (!isFile(fixturesFile) || !isFile(mainFile))
    throw new ConfigError(`${manifest.name} has no fixtures: regenerate it with this codebook (\`codebook generate\`)`);
  const fixturesModule = (await import(pathToFileURL(fixturesFile).href)) as { default?: Fixtures };
  const fixtures = fixturesModule.default;
  if (!fixtures || typeof fixtures !== "object" || !fixtures.endpoints)
    throw new ConfigError(`"${spec}" is a code table: codebook mock serves API specs (kind: api)`);
  const main = (await import(pathToFileURL(mainFile).href)) as Record<string, unknown>;
  const validator = (name: string): Validator => {
    const f = main[name];
    if (typeof f !== "function") throw new ConfigError(`${manifest.name} does not export ${name}: regenerate it (\`codebook generate\`)`);
    return f as Validator;
  };
  const endpoints = Object.values(fixtures.endpoints as Record<string, EndpointFixtures>).map((e) => ({
    ...e,
    validate: { request: validator(e.validateRequest), response: validator(e.validateResponse) },
  }));
  // The package's prefix, from a validator's name (`validate<P><Endpoint>Request`): its parser and status check are `parse<P>ResponseCode`, `check<P>HttpStatus`.
  const first = endpoints[0];
  const prefix = first ? first.validateRequest.slice("validate".length, first.validateRequest.length - first.key.length - "Request".length) : "";
  const parseCode = validator(`parse${prefix}ResponseCode`) as unknown as MockPackage["parseCode"];
  const checkHttpStatus = validator(`check${prefix}HttpStatus`) as unknown as MockPackage["checkHttpStatus"];
  const catalogFile = manifest.exports && Object.hasOwn(manifest.exports, "./catalog.json") ? entry("./catalog.json") : null;
  if (!isFile(catalogFile)) throw new ConfigError(`${manifest.name} has no catalog.json: regenerate it (\`codebook generate\`)`);
  const catalog = readCatalog(catalogFile);
  const { offset, length } = fixtures.httpStatusPart;
  const specFile = [".yaml", ".yml"].map((ext) => join(config.specDir, `${spec}${ext}`)).find((f) => existsSync(f)) ?? join(config.specDir, `${spec}.yaml`);
  return { id: spec, name: manifest.name, dir, fixtures, endpoints, statusOf: (code) => Number(code.slice(offset, offset + length)), parseCode, checkHttpStatus, catalog, specFile };
}

function readCatalog(file: string): MockPackage["catalog"] {
  let raw: { codes?: CatalogCode[]; extends?: { id?: string; dropped?: string[] }; categories?: { id?: string }[] };
  try {
    raw = JSON.parse(readInputFile(file, MAX_CATALOG_BYTES, "the package's catalog.json"));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${file}: not JSON (${(err as Error).message}): regenerate it (\`codebook generate\`)`);
  }
  const codes = new Map<string, CatalogCode>();
  for (const c of Array.isArray(raw.codes) ? raw.codes : []) if (typeof c?.code === "string") codes.set(c.code, c);
  const dropped = new Set(Array.isArray(raw.extends?.dropped) ? raw.extends.dropped.filter((c) => typeof c === "string") : []);
  const tables = [...new Set([...codes.values()].map((c) => c.table))];
  const categories = (Array.isArray(raw.categories) ? raw.categories : []).map((c) => c?.id).filter((id): id is string => typeof id === "string");
  return { codes, dropped, base: typeof raw.extends?.id === "string" ? raw.extends.id : null, tables, categories };
}

/**
 * The fixture body of `code` when the endpoint's service has that code. Codes
 * come from requests and scenario files: only an own key of the table counts,
 * never an Object.prototype name (`toString`, `constructor`, `__proto__`).
 */
export function responseOf(e: Pick<EndpointFixtures, "responses">, code: string): Record<string, unknown> | undefined {
  return Object.hasOwn(e.responses, code) ? e.responses[code] : undefined;
}
