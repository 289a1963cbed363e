/**
 * How the Go target names things: the package name of a spec, the exported
 * identifiers it declares, and the Go field name of a JSON key. The emitters name
 * everything through these functions and `checkNames` checks the same ones, so a
 * name the lint accepts is the name the code has.
 */
import { isDeclaredObject } from "../../model/semantics/api.ts";
import type { Field, Spec } from "../../model/types.ts";
import type { NameProblem, NameSite } from "../target.ts";

/** Go's keywords: no package can be named after one. */
export const GO_KEYWORDS: ReadonlySet<string> = new Set(
  "break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var".split(" "),
);

/** Initialisms Go spells in one case (Effective Go, the linters' list): `merchantId` → `MerchantID`. */
const INITIALISMS: ReadonlySet<string> = new Set(
  "ACL API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON QPS RAM RPC SLA SMTP SQL SSH TCP TLS TTL UDP UI UID UUID URI URL UTF8 VM XML XMPP XSRF XSS".split(" "),
);

/** The package name of a spec: its id without the hyphens (`iak-prepaid` → `iakprepaid`). */
export function packageName(spec: Pick<Spec, "id">): string {
  return spec.id.replace(/-/g, "");
}

/** The package the fixtures live in, beside the main package (its own import path, like the TypeScript `./fixtures`). */
export const FIXTURES_PACKAGE = "fixtures";

/** Words of an identifier or key: camelCase, PascalCase, acronyms, digits and separators. */
function words(text: string): string[] {
  return text.match(/[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+/g) ?? [];
}

const exportedCache = new Map<string, string>();

/** An exported Go name from words: each capitalised, initialisms in capitals. A leading digit gets `F`; nothing left gives `Field`. */
export function exported(text: string): string {
  let name = exportedCache.get(text);
  if (name === undefined) {
    name = exportedName(text);
    exportedCache.set(text, name);
  }
  return name;
}

function exportedName(text: string): string {
  const name = words(text)
    .map((w) => (INITIALISMS.has(w.toUpperCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
  if (name === "") return "Field";
  return /^[0-9]/.test(name) ? `F${name}` : name;
}

/** The exported names a spec's constants, types and functions get. */
export const goNames = {
  code: (c: { name: string }) => `Code${exported(c.name)}`,
  context: (id: string) => `Context${exported(id)}`,
  category: (id: string) => `Category${exported(id)}`,
  scope: (id: string) => `Scope${exported(id)}`,
  action: (id: string) => `Action${exported(id)}`,
  endpoint: (key: string) => `Endpoint${exported(key)}`,
  request: (key: string) => `${exported(key)}Request`,
  successResponse: (key: string) => `${exported(key)}SuccessResponse`,
  errorResponse: (key: string) => `${exported(key)}ErrorResponse`,
  validateRequest: (key: string) => `Validate${exported(key)}Request`,
  validateResponse: (key: string) => `Validate${exported(key)}Response`,
  /** A declared nested object's struct: the body's struct name and the Go field names on the way. */
  nested: (parent: string, f: Field) => `${parent}${fieldName(f)}`,
};

/** The Go field name of a JSON key. */
export function fieldName(f: Pick<Field, "key">): string {
  return exported(f.key);
}

/**
 * Characters encoding/json cannot read in a struct tag's name (it then ignores the
 * tag and uses the Go name), besides the tag syntax itself.
 */
export function taggable(key: string): boolean {
  return key !== "" && /^[A-Za-z0-9!#$%&()*+\-./:;<=>?@[\]^_{|}~ ]+$/.test(key);
}

/** Names the main package declares whatever the spec (some only where the spec has transport rules or an API): a spec-derived name may not take one. */
const FIXED = [
  "Code", "Codes", "Outcome", "OutcomeUnknown", "OutcomeSuccess", "OutcomePending", "OutcomeFailed", "Kind", "KindMalformed", "KindUnlisted", "KindKnown",
  "Context", "Contexts", "ParseContext", "Category", "Categories", "Scope", "Action", "ActionsFor", "Entry", "Parts", "Result", "Classify", "ClassifyValue", "Describe",
  "IsCode", "HTTPRule", "HTTPRules", "ClassifyResponse", "ClassifyResponseValue", "Endpoint", "Endpoints", "EndpointOf", "Header", "RequestHeaders", "ResponseHeaders",
  "ParsedCode", "ParsedKind", "ParsedKnown", "ParsedUnknown", "ParsedMalformed", "ParseResponseCode", "ParseResponseCodeValue", "HTTPStatusCheck", "ActOn",
  "ActOnResponseCode", "ActOnHTTPStatus", "ActOnNeither", "CheckHTTPStatus", "CheckHTTPStatusValue", "ValidationError", "ValidationRule", "ValidateOptions",
  "RuleType", "RuleRequired", "RuleConditional", "RuleMaxLength", "RuleAmount", "RuleCurrency", "RuleDateTime", "RuleDate", "RuleTime", "RulePattern", "RuleEnum", "RuleResponseCode",
  "RuleAdditionalProperties", "ResponseResult", "ParsedCode", "ActOn",
];

/** Names the fixtures package declares whatever the spec. */
const FIXTURES_FIXED = ["CodeCase", "CodeCases", "CodesWithOutcome", "Header", "Response", "Callback", "Endpoint", "Endpoints"];

/** The fixtures package's names for one endpoint. */
export const fixtureNames = (key: string) => {
  const k = exported(key);
  return { all: k, request: `${k}Request`, requestHeaders: `${k}RequestHeaders`, responseHeaders: `${k}ResponseHeaders`, success: `${k}SuccessResponse`, responses: `${k}Responses` };
};

/** Every exported name a spec adds, with where in the spec it comes from. */
function specNames(spec: Spec): { name: string; at: NameSite; what: string }[] {
  const out: { name: string; at: NameSite; what: string }[] = [];
  for (const c of spec.codes) out.push({ name: goNames.code(c), at: { kind: "code", code: c.code }, what: `code ${JSON.stringify(c.code)}` });
  for (const c of spec.contexts) out.push({ name: goNames.context(c.id), at: { kind: "context", id: c.id }, what: `context ${c.id}` });
  for (const c of spec.categories) out.push({ name: goNames.category(c.id), at: { kind: "category", id: c.id }, what: `category ${c.id}` });
  for (const t of spec.tables) if (t.scope) out.push({ name: goNames.scope(t.scope.id), at: { kind: "scope", id: t.scope.id }, what: `scope ${t.scope.id}` });
  for (const a of spec.actions) out.push({ name: goNames.action(a.id), at: { kind: "action", id: a.id }, what: `action ${a.id}` });
  for (const e of spec.api?.endpoints ?? []) {
    const at: NameSite = { kind: "endpoint", key: e.key };
    const what = `endpoint ${e.key}`;
    const request = goNames.request(e.key);
    const success = goNames.successResponse(e.key);
    const error = goNames.errorResponse(e.key);
    const validators = [goNames.validateRequest(e.key), goNames.validateResponse(e.key)];
    for (const name of [goNames.endpoint(e.key), request, success, error, ...validators, ...validators.map((v) => `${v}Value`)]) out.push({ name, at, what });
    for (const [root, fields] of [[request, e.request.fields], [success, e.response.fields], [error, e.response.fields]] as const)
      for (const name of nestedTypes(root, fields)) out.push({ name, at, what: `${what} (a nested object)` });
  }
  return out;
}

/** The struct names of a body's declared nested objects. */
export function nestedTypes(parent: string, fields: readonly Field[]): string[] {
  return fields.filter(isDeclaredObject).flatMap((f) => {
    const name = goNames.nested(parent, f);
    return [name, ...nestedTypes(name, f.fields)];
  });
}

/** The problems with a spec's Go names: its package name, names that collide, struct fields that collide or cannot be tagged. */
export function goNameProblems(spec: Spec): NameProblem[] {
  const problems: NameProblem[] = [];
  const pkg = packageName(spec);
  if (GO_KEYWORDS.has(pkg)) problems.push({ at: { kind: "spec", key: "id" }, message: `the Go package name "${pkg}" (the id without hyphens) is a Go keyword; choose another id` });
  if (pkg === "main" || pkg === FIXTURES_PACKAGE)
    problems.push({ at: { kind: "spec", key: "id" }, message: `the Go package name "${pkg}" is taken (${pkg === "main" ? "a main package cannot be imported" : "the module's fixtures package has that name"}); choose another id` });
  const seen = new Map<string, string>(FIXED.map((n) => [n, "a name every Go package of codebook declares"]));
  for (const { name, at, what } of specNames(spec)) {
    const first = seen.get(name);
    if (first !== undefined) problems.push({ at, message: `${what} is named ${name} in Go, which is already ${first}; rename one of them` });
    else seen.set(name, what);
  }
  for (const e of spec.api?.endpoints ?? []) for (const body of [e.request, e.response]) problems.push(...fieldProblems(e.key, body.fields));
  const fixtures = new Map<string, string>(FIXTURES_FIXED.map((n) => [n, "a name the fixtures package declares"]));
  for (const e of spec.api?.endpoints ?? [])
    for (const name of Object.values(fixtureNames(e.key))) {
      const first = fixtures.get(name);
      if (first !== undefined) problems.push({ at: { kind: "endpoint", key: e.key }, message: `endpoint ${e.key}'s fixture ${name} is already ${first}; rename the endpoint` });
      else fixtures.set(name, `endpoint ${e.key}'s fixture`);
    }
  return problems;
}

/** Every exported name the Go packages of a spec may declare: the main package's, then the fixtures package's. */
export function declaredNames(spec: Spec): { main: Set<string>; fixtures: Set<string> } {
  const fixtures = new Set(FIXTURES_FIXED);
  for (const e of spec.api?.endpoints ?? []) for (const n of Object.values(fixtureNames(e.key))) fixtures.add(n);
  return { main: new Set([...FIXED, ...specNames(spec).map((n) => n.name)]), fixtures };
}

function fieldProblems(endpoint: string, fields: readonly Field[]): NameProblem[] {
  const problems: NameProblem[] = [];
  const at: NameSite = { kind: "endpoint", key: endpoint };
  const seen = new Map<string, string>();
  for (const f of fields) {
    const name = fieldName(f);
    const first = seen.get(name);
    if (first !== undefined) problems.push({ at, message: `fields ${JSON.stringify(first)} and ${JSON.stringify(f.key)} are both ${name} in Go; Go field names ignore case and separators` });
    else seen.set(name, f.key);
    if (!taggable(f.key)) problems.push({ at, message: `field ${JSON.stringify(f.key)}: encoding/json cannot name a struct field with this key (a comma, quote, backslash or other character its tags refuse)` });
    if (isDeclaredObject(f)) problems.push(...fieldProblems(endpoint, f.fields));
  }
  return problems;
}

/** Spec ids whose package names are one name: each is reported, naming the others. */
export function packageCollisions(ids: readonly string[]): { id: string; problem: NameProblem }[] {
  const byName = new Map<string, string[]>();
  for (const id of ids) byName.set(packageName({ id }), [...(byName.get(packageName({ id })) ?? []), id]);
  return [...byName].flatMap(([name, group]) =>
    group.length < 2
      ? []
      : group.map((id) => ({
          id,
          problem: { at: { kind: "spec", key: "id" } as NameSite, message: `specs ${group.join(" and ")} would both be the Go package "${name}"; rename one of them` },
        })),
  );
}
