/**
 * The intermediate representation (IR): plain data built by the lint stage
 * from a spec, read by every emitter. Nothing here knows YAML or a provider.
 */

/** The canonical outcome of a response code in one context. */
export type Outcome = "success" | "pending" | "failed";
/** An outcome where the source may say nothing. */
export type OutcomeOrUnknown = Outcome | "unknown";

export const OUTCOMES: readonly Outcome[] = ["success", "pending", "failed"];

export interface Source {
  provider: string;
  document: string;
  seed: string | null;
  intro: string | null;
}

export interface Category {
  id: string;
  /** The category as the source names it, e.g. "U0 / U1". */
  label: string;
  description: string | null;
  /** Which unlisted codes fall in this category (listed codes name theirs on the row); null: none. */
  match: CategoryMatch | null;
  /** Outcome of an unlisted code that falls in this category. */
  outcome: Outcome | null;
  reason: string | null;
}

/**
 * How a category claims a code: a composite code whose `part` has one of
 * `values`; any code that starts with one of `prefixes`; or any code that
 * matches `pattern` (an anchored regex, like the code pattern).
 */
export type CategoryMatch = { part: string; values: string[] } | { prefixes: string[] } | { pattern: string };

export type ColumnType = "text" | "enum" | "set";

export interface Column {
  key: string;
  title: string;
  type: ColumnType;
  values: string[];
  description: string | null;
}

/** The value of an extra column in one row: verbatim cell plus its typed reading. */
export interface ColumnValue {
  text: string | null;
  /** text: the cell; enum: the matched value; set: the matched values. null where the cell is empty. */
  value: string | string[] | null;
}

export interface CompositePart {
  name: string;
  length: number;
  pattern: string | null;
  description: string | null;
  /** The word a row uses to mean "every value of this part" (e.g. "any"). */
  any: string | null;
  /** The values this part ranges over, when they come from elsewhere in the spec. */
  domain: string[] | null;
  /** "httpStatus": the part is the HTTP status of the response. */
  role: "httpStatus" | null;
}

export interface CompositeRule {
  part: string;
  values: string[] | null;
  prefix: string | null;
  outcome: Outcome;
  reason: string | null;
  source: string | null;
}

export interface Composite {
  parts: CompositePart[];
  rules: CompositeRule[];
}

export type OutcomeContext =
  | {
      kind: "column";
      id: string;
      title: string;
      /** "status", a column key, or "parts". */
      from: string;
      map: Record<string, Outcome>;
      source: string | null;
      /** Notes this context attaches to codes (code -> text); absent where it has none. */
      notes?: Record<string, string>;
      /** This context's own rule for unlisted codes; absent where it states none (the spec's applies). Absent, not null, so a table's content hash is what it was. */
      unlisted?: ContextUnlisted;
    }
  | {
      kind: "successCodes";
      id: string;
      title: string;
      successCodes: string[];
      otherwise: Outcome;
      source: string | null;
      /** Notes this context attaches to codes (code -> text); absent where it has none. */
      notes?: Record<string, string>;
      /** This context's own rule for unlisted codes; absent where it states none (the spec's applies). Absent, not null, so a table's content hash is what it was. */
      unlisted?: ContextUnlisted;
    };

/**
 * One rule of a context for codes the table does not list: a composite part's values or
 * prefix, a prefix of the whole code (part null), or the category that claims the code.
 */
export interface UnlistedCodeRule {
  part: string | null;
  values: string[] | null;
  prefix: string | null;
  category: string | null;
  outcome: Outcome;
  reason: string | null;
  source: string | null;
}

/**
 * A context's own rule for unlisted codes: `rules` (null: the composite rules) are tried
 * first, then `unknown` (null: the spec's `outcome.unknown`, or a success-codes context's
 * `otherwise`), which also decides a malformed value.
 */
export interface ContextUnlisted {
  rules: UnlistedCodeRule[] | null;
  unknown: UnknownRule | null;
}

export interface UnknownRule {
  outcome: OutcomeOrUnknown;
  source: string | null;
  reason: string | null;
}

export interface TransportRule {
  /** An HTTP status, or "other" for every status no other rule names. */
  http: number | "other";
  label: string | null;
  description: string | null;
  status: string | null;
  solution: string | null;
  /** "code": the response code in the body decides. */
  outcome: Outcome | "code";
}

export interface Transport {
  title: string | null;
  headers: string[];
  rules: TransportRule[];
}

export interface Action {
  id: string;
  title: string;
  codes: string[];
  source: string;
  /** Why codebook attaches it, where the spec says (a profile's actions always do); absent where it does not. */
  reason?: string;
}

/** A code that reports on an earlier request: look the original up, do not pay again, not a failure. */
export interface EarlierRequest {
  /** The action that looks the original up (its codes include this one). */
  action: string;
  reason: string;
}

export interface Scope {
  id: string;
  title: string;
  source: string | null;
}

export interface Table {
  id: string;
  title: string;
  intro: string | null;
  headers: string[];
  /** Default category of the table's rows. */
  category: string | null;
  scope: Scope | null;
}

export interface OutcomeOverride {
  part: string;
  values: string[];
  outcome: Outcome;
  reason: string;
}

export interface Code {
  code: string;
  /** Enum member name: a valid, stable TypeScript identifier. */
  name: string;
  message: string;
  /** The status as the source states it (or null where it has none). */
  status: string | null;
  description: string | null;
  category: string | null;
  /** Id of the source table and 1-based row within it. */
  table: string;
  row: number;
  columns: Record<string, ColumnValue>;
  /** Outcome per context id. */
  outcomes: Record<string, Outcome>;
  /** Composite codes: the parts of this code. */
  parts: Record<string, string> | null;
  /** Per-part-value outcome overrides the source states (e.g. per service). */
  overrides: OutcomeOverride[];
  /** The code reports on an earlier request; absent where it reports on this one. */
  earlierRequest?: EarlierRequest;
  errata: string[];
}

export interface Erratum {
  id: string;
  at: string;
  source: string;
  codebook: string;
  reason: string;
}

export type FieldType = "string" | "object" | "number" | "boolean" | "array";
export type Presence = "M" | "O" | "C";

export interface Field {
  /** Parameter name as the source writes it. */
  name: string;
  /** The JSON key codebook reads and writes. */
  key: string;
  dataType: string | null;
  type: FieldType;
  presence: Presence;
  /** For presence C: when the field is required. "unchecked" conditions cannot be checked from the body. */
  condition: { when: "success" | "unchecked"; text: string | null } | null;
  length: string | null;
  maxLength: number | null;
  format: "amount" | "currency" | "date-time" | "date" | "time" | null;
  /** A regular expression every value matches (anchored, vetted by the regex-safety check), or null. */
  pattern: string | null;
  amount: { precision: number; scale: number } | null;
  values: { value: string; meaning: string }[];
  nullable: boolean;
  description: string | null;
  fields: Field[];
  errata: string[];
}

export interface Body {
  headers: string[];
  fields: Field[];
}

export interface Sample {
  kind: "request" | "response";
  title: string | null;
  requestLine: string | null;
  headers: { name: string; value: string }[];
  /** The body verbatim, and parsed. */
  body: string;
  json: unknown;
  /** `fixture`: the value fixtures use at the pointer instead (undefined: the key is left out). */
  deviations: { pointer: string; erratum: string; fixture?: unknown }[];
}

/**
 * After a success of an endpoint the provider calls another endpoint of the
 * document on the integrator's side (a notification). `echo` maps a callback
 * request key to `/request/<key>` or `/response/<key>` of the triggering call.
 */
export interface Callback {
  endpoint: string;
  echo: Record<string, string>;
}

/** A table row, by table id and 1-based row: composite rows stand for one code per service. */
export interface RowRef {
  table: string;
  row: number;
}

export interface Endpoint {
  key: string;
  serviceCode: string;
  name: string;
  version: string;
  method: string;
  path: string;
  request: Body;
  response: Body;
  samples: Sample[];
  callback: Callback | null;
}

export interface Header {
  name: string;
  description: string | null;
  example: string | null;
}

export interface Api {
  responseCodeField: string;
  /** The rows a server answers when a request fails validation: a missing mandatory field, an invalid field, a body that is not JSON. */
  requestErrors: { missing: RowRef | null; invalid: RowRef | null; malformed: RowRef | null };
  headers: Header[];
  responseHeaders: Header[];
  endpoints: Endpoint[];
}

/** One spec file, checked and resolved. */
export interface Spec {
  kind: "code-table" | "api";
  id: string;
  title: string;
  version: string;
  typePrefix: string;
  /** Path of the spec file relative to the repository root, with forward slashes. */
  specFile: string;
  source: Source;
  pattern: string;
  patternDescription: string | null;
  composite: Composite | null;
  categories: Category[];
  columns: Column[];
  /** The first context is the default. */
  contexts: OutcomeContext[];
  unknown: UnknownRule;
  transport: Transport | null;
  actions: Action[];
  tables: Table[];
  /** Every code in source order. For an API, the composite rows expanded over their domain. */
  codes: Code[];
  errata: Erratum[];
  api: Api | null;
  /** A spec that `extends` another: what it changes (absent on every other spec). */
  profile?: Profile;
}

/** Where a profile's row comes from. */
export type Provenance = "inherited" | "overridden" | "added";

/** One value of a row that a profile changes, as text ("outcome in payment", "message"). */
export interface RowChange {
  what: string;
  from: string | null;
  to: string | null;
}

/** A profile (`extends: <base>`): the base it resolves against and everything it changes. */
export interface Profile {
  /** `file`: how the base spec file is named (its display path; `codebook/spec/<id>.yaml` for a shipped spec). */
  base: { id: string; title: string; version: string; file: string };
  /** Every code of the profile, by code. */
  provenance: Record<string, Provenance>;
  /** Rows the profile overrides, in source order, with what changed and why. */
  overridden: { code: string; changes: RowChange[]; reason: string | null }[];
  /** Codes the profile adds, in source order. */
  added: string[];
  /** Codes of the base the profile drops (`drop`), in the base's order. */
  dropped: string[];
  /** Endpoints of the base the profile leaves out (`services`/`endpoints`). */
  removedEndpoints: { key: string; serviceCode: string; name: string }[];
  /** Contexts whose rule for unlisted codes the profile restates (`unlisted`), in context order; absent where none. */
  unlisted?: string[];
  /** Actions the profile adds or restates, by id, in the profile's order; absent where none. */
  actions?: { id: string; change: "added" | "restated" }[];
  /** Fields the profile adds or overrides; `path` is the JSON keys from the body, dot-separated. */
  fields: { endpoint: string; body: "request" | "response"; path: string; change: "added" | "overridden"; keys: string[] }[];
}
