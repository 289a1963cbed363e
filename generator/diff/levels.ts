/**
 * The level of every kind of change, and why, in one place: the comparison
 * modules decide which case applies, this table says what it means for the
 * generated package's semver. The README's levels table is written from it
 * (a test holds the two together).
 *
 * Two directions run through the API rules. A request body is what consumers
 * send: tightening it (a new mandatory field, a shorter length, fewer allowed
 * values) rejects requests that worked, so it is breaking; loosening it is a
 * feature. A response body is what consumers receive and validate: loosening
 * it (a field made optional, a longer length, a new allowed value) lets through
 * values their code has never handled, so it is breaking; tightening it is a
 * stronger guarantee, a feature.
 */

/** Highest first: a table's suggested bump is its highest level. */
export type Level = "breaking" | "feature" | "fix";
export const LEVELS: readonly Level[] = ["breaking", "feature", "fix"];

export interface Change {
  level: Level;
  kind: ChangeKind;
  /** The response code the change is about. */
  code?: string;
  /** The endpoint key (APIs). */
  endpoint?: string;
  /** The API field ("request.amount.value"), column key, header or spec part the change is about. */
  field?: string;
  /** The outcome context. */
  context?: string;
  /** The value before and after, as text, where there is one to show. */
  before?: string;
  after?: string;
  /** What changed, in one line. */
  what: string;
  /** Why the change has its level, in one line. */
  why: string;
}

/** Why a level applies: one reason, or one per body where requests and responses differ. */
export type Reason = string | { request?: string; response?: string };
type Why = Partial<Record<Level, Reason>>;

/** Which body of an endpoint a field change is in. */
export type Side = "request" | "response";

export const RULES = {
  // ---- the table as a whole
  "table-added": { feature: "a new package; nothing existing changes" },
  "table-removed": { breaking: "the package is no longer generated" },
  "kind-changed": { breaking: "the package's exports change shape (code table vs API)" },
  "type-prefix-changed": { breaking: "every generated name changes" },
  "code-pattern-changed": { breaking: "codes are read against the pattern: a code that was well-formed can be rejected as malformed" },
  "code-parts-changed": { breaking: "a code's parts are in every entry and decide how an unlisted code is read" },

  // ---- codes
  "code-added": {
    feature:
      "in every context the new code keeps the outcome the rule for unlisted codes gave it; only the set of named codes grows (in TypeScript an exhaustive switch over the codes stops compiling: loud, safe)",
    breaking: "the new row changes how this code is classified: money code that acted on the old outcome now does something else",
  },
  "code-removed": { breaking: "its named constant disappears, and the code falls back to the rule for unlisted codes" },
  "code-renamed": { breaking: "the constant's name is API; the code is the same, so this is a rename, not a removal and an addition" },
  "outcome-changed": { breaking: "money code branches on the outcome: the payment is now held, delivered or refunded differently" },
  "category-changed": { breaking: "the code moves to another category, and code that branches on the category takes another branch" },
  "scope-changed": { breaking: "the code moves to another scope (the sub-table it applies in)" },
  "actions-changed": { breaking: "the prescribed actions (hold the payment, send an advice) drive money code; another list changes what it does" },
  "message-changed": { fix: "messages are informational: classification keys on the code, never on the message" },
  "description-changed": { fix: "descriptions are documentation: classification keys on the code" },
  "status-changed": { fix: "the status word is informational here: the code's outcome is the same in every context" },
  "column-changed": { fix: "column cells are informational; where a context reads the column, an outcome change is reported on its own" },

  // ---- rules
  "unlisted-rule-changed": { breaking: "a code the table does not list gets another outcome; money code acting on it changes" },
  "context-added": { feature: "a new context to classify in; calls without one or with an existing one behave as before" },
  "context-removed": { breaking: "calls that name this context stop compiling, and a value naming it is an unknown context (a programming error)" },
  "default-context-changed": { breaking: "calls that pass no context are classified by another rule" },
  "transport-added": { feature: "HTTP status rules and the response classifier are new; nothing existing changes" },
  "transport-removed": { breaking: "the HTTP status rules and the response classifier disappear" },
  "transport-rule-changed": { breaking: "a response with this HTTP status gets another outcome before its code is read" },
  "category-added": { feature: "a new category and its constant; no listed code changes by itself" },
  "category-removed": { breaking: "its constant disappears, and code that names it stops compiling" },
  "column-added": { feature: "entries gain a field" },
  "column-removed": { breaking: "entries lose a field that code may read" },
  "column-values-changed": {
    feature: "the column's set of values only grows (in TypeScript, as with a new code, an exhaustive switch over it stops compiling: loud, safe)",
    breaking: "a value disappears from the column: code that names it stops compiling",
  },
  "action-added": { feature: "a new action and its id; which codes carry it is reported per code" },
  "action-removed": { breaking: "the action and its id disappear" },

  // ---- APIs
  "endpoint-added": { feature: "new request and response shapes, validators and response codes for a new service; nothing existing changes" },
  "endpoint-removed": { breaking: "its request and response shapes, validators and response codes disappear" },
  "endpoint-renamed": { breaking: "its generated names (request and response shapes, validators, code names) change" },
  "endpoint-path-changed": { breaking: "requests must go to another path: clients of the old one fail" },
  "endpoint-method-changed": { breaking: "requests must use another HTTP method: clients of the old one fail" },
  "endpoint-version-changed": { breaking: "the service version is part of the request path: clients of the old one fail" },
  "service-code-added": {
    feature: "the service's new code keeps the outcome the rule for unlisted codes gave it; only its set of response codes grows (in TypeScript an exhaustive switch over them stops compiling: loud, safe)",
    breaking: "the new row changes how this code is classified for this service: money code that acted on the old outcome now does something else",
  },
  "service-code-removed": { breaking: "the code leaves the service's response codes and falls back to the rule for unlisted codes" },
  "response-code-field-changed": { breaking: "the response code is read from another field" },
  "header-added": { feature: "a new optional header in the service's headers" },
  "header-removed": { breaking: "the service's headers lose it: code that sets or reads it by name stops compiling" },
  "field-added": {
    breaking: { request: "a new mandatory field: requests built today lack it and fail to compile and validate" },
    feature: {
      request: "a new optional field: existing requests stay valid",
      response: "a new field in what consumers receive: existing reads compile and validate as before",
    },
  },
  "field-removed": {
    breaking: {
      request: "requests that send the field stop compiling, and strict validation rejects them",
      response: "code that reads the field stops compiling",
    },
  },
  "field-made-mandatory": {
    breaking: { request: "requests without the field stop compiling and fail validation" },
    feature: { response: "the field is now guaranteed; code that reads it works unchanged" },
  },
  "field-made-optional": {
    breaking: { response: "the field is no longer guaranteed: code that relied on it must handle its absence" },
    feature: { request: "requests may omit the field; those that send it stay valid" },
  },
  "field-presence-changed": { fix: "the presence letter or its condition changed, not when the field is required" },
  "field-type-changed": {
    breaking: {
      request: "values of the old type no longer validate",
      response: "values of another type (or null) can arrive where code expects the old type",
    },
    feature: { request: "null is accepted as well", response: "null can no longer arrive" },
  },
  "field-length-changed": {
    breaking: {
      request: "values that fit the old maximum length are rejected",
      response: "longer values can arrive than code and storage were sized for",
    },
    feature: { request: "longer values are accepted and existing ones stay valid", response: "a tighter guarantee: values are shorter" },
    fix: "the length text changed, not the maximum codebook checks",
  },
  "field-format-changed": {
    breaking: {
      request: "values that were valid can be rejected",
      response: "values need no longer have the format code parses them with",
    },
    feature: { request: "values are no longer held to a format", response: "values are now guaranteed a format" },
  },
  "field-precision-changed": {
    breaking: {
      request: "amounts that were valid are rejected (fewer digits, or other decimals)",
      response: "amounts can arrive with more digits or other decimals than code expects",
    },
    feature: { request: "larger amounts are accepted; existing ones stay valid", response: "amounts are guaranteed fewer digits" },
  },
  "field-values-changed": {
    breaking: {
      request: "a value that was allowed is rejected",
      response: "a value that was rejected can arrive, and code that never handled it falls to its default branch",
    },
    feature: { request: "more values are accepted; existing ones stay valid", response: "fewer values can arrive" },
    fix: "only the values' meanings changed",
  },
  "field-doc-changed": { fix: "the source's parameter name, data type or description text changed; validation is the same" },

  // ---- documentation
  "text-changed": { fix: "documentation only: titles, intros, errata, sources, samples, reasons, context notes and a profile's record never change a classification" },
} as const satisfies Record<string, Why>;

export type ChangeKind = keyof typeof RULES;

/** What a comparison found, before the level's reason is attached. */
export type Found = Omit<Change, "why" | "level">;

/** A change of `kind` at `level`, with the rule's reason (for `side`'s body, where the rule depends on it). */
export function judge(level: Level, found: Found, side?: Side): Change {
  const reason = (RULES[found.kind] as Why)[level];
  const why = typeof reason === "string" || reason === undefined ? reason : side ? reason[side] : undefined;
  if (why === undefined) throw new Error(`codebook diff: no ${level}${side ? ` ${side}` : ""} rule for ${found.kind}`);
  return { ...found, level, why };
}
