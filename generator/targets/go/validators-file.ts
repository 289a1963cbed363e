/**
 * validators.go: one straight-line validator per body, generated from the field
 * tables, with the TypeScript package's checks in its order and its messages:
 * presence, JSON type, length in code points, formats, allowed values, nested
 * objects, and in strict mode the properties no table declares. Each validator
 * takes JSON text (`Validate…`) or a value encoding/json decoded (`Validate…Value`)
 * and returns every error, none for a valid body; it never panics.
 */
import { amountPattern, stringFormat } from "../../model/semantics/formats.ts";
import { goPattern, type GoPattern } from "./patterns.ts";
import { apiFacts, isDeclaredObject, presenceIn, shapeFields, type ApiFacts, type EndpointFacts, type Shape } from "../../model/semantics/api.ts";
import type { Field, Spec } from "../../model/types.ts";
import type { Decls } from "./classify-file.ts";
import { exported, goNames } from "./names.ts";
import { comment, docComment, goString, indent } from "./syntax.ts";

/** Helper functions the validators call, declared once each, by content. */
class Helpers {
  private byContent = new Map<string, string>();
  readonly decls: string[] = [];

  private add(name: string, content: string, declare: (name: string) => string): string {
    const known = this.byContent.get(content);
    if (known) return known;
    let unique = name;
    for (let i = 2; [...this.byContent.values()].includes(unique); i++) unique = `${name}${i}`;
    this.byContent.set(content, unique);
    this.decls.push(declare(unique));
    return unique;
  }

  /** A key set: `known…(key string) bool`. */
  keys(name: string, keys: string[]): string {
    return this.add(name, `keys:${JSON.stringify(keys)}`, (n) => `${comment([`${n} reports whether a key is one the table declares.`])}\nfunc ${n}(key string) bool {\n\tswitch key {\n\tcase ${keys.map(goString).join(", ")}:\n\t\treturn true\n\t}\n\treturn false\n}`);
  }

  /** Field patterns by source: one check each, declared once (byte by byte, or a regexp over code units). */
  private readonly patterns = new Map<string, GoPattern>();

  /** The call that tests `s` against a field's pattern. */
  pattern(name: string, source: string): string {
    let p = this.patterns.get(source);
    if (!p) {
      p = goPattern(source, name, "a field's pattern");
      this.patterns.set(source, p);
      this.decls.push(...p.decls);
    }
    return p.call("s");
  }

  /** Whether a pattern needs Go's regexp package. */
  get regexp(): boolean {
    return [...this.patterns.values()].some((p) => p.regexp);
  }

  amount(precision: number, scale: number): string {
    const integer = precision - scale;
    const name = `isAmount${precision}x${scale}`;
    const body =
      scale === 0
        ? `\tif len(s) < 1 || len(s) > ${integer} {\n\t\treturn false\n\t}\n\tfor i := 0; i < len(s); i++ {\n\t\tif s[i] < '0' || s[i] > '9' {\n\t\t\treturn false\n\t\t}\n\t}\n\treturn true`
        : `\tn := len(s)\n\tif n < ${2 + scale} || n > ${integer + 1 + scale} || s[n-${scale + 1}] != '.' {\n\t\treturn false\n\t}\n\tfor i := 0; i < n; i++ {\n\t\tif i != n-${scale + 1} && (s[i] < '0' || s[i] > '9') {\n\t\t\treturn false\n\t\t}\n\t}\n\treturn true`;
    return this.add(name, `amount:${precision},${scale}`, (n) => `${comment([`${n} reports whether s matches ${amountPattern({ precision, scale })}, byte by byte: every string it accepts is ASCII.`])}\nfunc ${n}(s string) bool {\n${body}\n}`);
  }
}

interface Site {
  obj: string;
  pointer: string;
  path: string;
  shape: Shape;
  depth: number;
  /** The name stem of the site's helpers: the body's struct name and the keys on the way. */
  stem: string;
}

/** Each named format's check (templates/go/datetime.go) and rule constant (validation.go); amounts have a check per size. */
const GO_FORMATS: Record<Exclude<NonNullable<Field["format"]>, "amount">, { check: string; rule: string }> = {
  currency: { check: "isCurrency", rule: "RuleCurrency" },
  "date-time": { check: "isDateTime", rule: "RuleDateTime" },
  date: { check: "isDate", rule: "RuleDate" },
  time: { check: "isTime", rule: "RuleTime" },
};

const failLine = (pointer: string, rule: string, message: string, field: string) => `errs = fail(errs, ${goString(pointer)}, ${rule}, ${message}, ${goString(field)})`;

/** The type check of a field: the `else if` condition (with its binding) and the noun its message uses. */
function typeCheck(f: Field, bind: string): { cond: string; noun: string; binds: boolean } {
  switch (f.type) {
    case "string":
      return { cond: `${bind}, ok := v.(string); !ok`, noun: "a string", binds: true };
    case "number":
      return { cond: "!isNumber(v)", noun: "a number", binds: false };
    case "boolean":
      return { cond: "_, ok := v.(bool); !ok", noun: "a boolean", binds: false };
    case "array":
      return { cond: "_, ok := v.([]any); !ok", noun: "an array", binds: false };
    case "object":
      return { cond: `${bind}, ok := asObject(v); !ok`, noun: "an object", binds: true };
  }
}

/** The checks of one field, as lines (indented from the function body). */
function fieldChecks(facts: ApiFacts, f: Field, site: Site, h: Helpers): string[] {
  const pointer = `${site.pointer}/${f.key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  const path = site.path ? `${site.path}.${f.key}` : f.key;
  const presence = presenceIn(f, site.shape);
  const inner: Site = { obj: `o${site.depth + 1}`, pointer, path, shape: site.shape, depth: site.depth + 1, stem: `${site.stem}${exported(f.key)}` };
  const checks = valueChecks(facts, f, inner, h);
  const bind = checks ? (f.type === "string" ? "s" : inner.obj) : "_";
  const t = typeCheck(f, bind);
  const typeError = failLine(pointer, "RuleType", `${goString(`${path} must be ${t.noun}${f.nullable ? " or null" : ""}, got `)}+jsKind(v)`, path);
  // A nullable field's null passes; its value checks skip it.
  const chain: string[] = [];
  if (checks && f.nullable) chain.push(`if ${t.cond} {`, `\tif v != nil {`, `\t\t${typeError}`, "\t}", "} else {", ...indent(checks.join("\n")).split("\n"), "}");
  else {
    const cond = f.nullable ? (t.binds || t.cond.includes(";") ? `${t.cond} && v != nil` : `v != nil && ${t.cond}`) : t.cond;
    chain.push(`if ${cond} {`, `\t${typeError}`, ...(checks ? ["} else {", ...indent(checks.join("\n")).split("\n")] : []), "}");
  }
  const read = `v, ok := ${site.obj}.values[${goString(f.key)}]`;
  if (presence === "optional") return [`if ${read}; ok {`, ...indent(chain.join("\n")).split("\n"), "}"];
  const missing =
    presence === "required"
      ? failLine(pointer, "RuleRequired", goString(`${path} is mandatory (M)`), path)
      : failLine(pointer, "RuleConditional", goString(`${path} is required here (C: ${f.condition?.text ?? "conditional"})`), path);
  return [`if ${read}; !ok {`, `\t${missing}`, `} else ${chain[0]}`, ...chain.slice(1)];
}

/** Checks on a value of the right type, or null where the type is the whole rule. */
function valueChecks(facts: ApiFacts, f: Field, site: Site, h: Helpers): string[] | null {
  const { pointer, path } = site;
  if (f.type === "string") {
    const out: string[] = [];
    if (f.maxLength !== null)
      out.push(`if n := utf8.RuneCountInString(s); n > ${f.maxLength} {`, `\t${failLine(pointer, "RuleMaxLength", `${goString(`${path} must be at most ${f.maxLength} characters, got `)}+strconv.Itoa(n)`, path)}`, "}");
    const fmt = stringFormat(f);
    if (fmt) {
      const { check, rule } = fmt.kind === "amount" ? { check: h.amount(f.amount!.precision, f.amount!.scale), rule: "RuleAmount" } : GO_FORMATS[fmt.kind];
      out.push(`if !${check}(s) {`, `\t${failLine(pointer, rule, goString(`${path} must be ${fmt.text}`), path)}`, "}");
    }
    if (f.pattern !== null)
      out.push(`if !${h.pattern(`pattern${site.stem}`, f.pattern)} {`, `\t${failLine(pointer, "RulePattern", goString(`${path} must match ${f.pattern}`), path)}`, "}");
    if (f.values.length) {
      const list = f.values.map((v) => `${v.value} (${v.meaning})`).join(", ");
      out.push("switch s {", `case ${f.values.map((v) => goString(v.value)).join(", ")}:`, "default:", `\t${failLine(pointer, "RuleEnum", goString(`${path} must be one of ${list}`), path)}`, "}");
    }
    return out.length ? out : null;
  }
  if (!isDeclaredObject(f)) return null;
  const out = f.fields.flatMap((child) => fieldChecks(facts, child, site, h));
  const known = h.keys(`known${site.stem}Key`, f.fields.map((c) => c.key));
  out.push("if strict {", `\terrs = unknownKeys(errs, ${site.obj}, ${goString(pointer)}, ${known})`, "}");
  return out;
}

function requestValidator(facts: ApiFacts, e: EndpointFacts, h: Helpers): string {
  const ep = e.endpoint;
  const name = goNames.request(ep.key);
  const site: Site = { obj: "o0", pointer: "", path: "", shape: "request", depth: 0, stem: name };
  const checks = ep.request.fields.flatMap((f) => fieldChecks(facts, f, site, h));
  const known = h.keys(`known${name}Key`, ep.request.fields.map((f) => f.key));
  const body = [...checks, "if strict {", `\terrs = unknownKeys(errs, o0, "", ${known})`, "}"];
  return validatorFunctions(goNames.validateRequest(ep.key), `a request body of ${ep.name} (service ${ep.serviceCode}) against its field table`, [
    "Mandatory (M) fields must be present; optional and conditional fields are checked when present. Unknown properties pass unless opts.Strict.",
  ], body);
}

function responseValidator(facts: ApiFacts, e: EndpointFacts, h: Helpers): string {
  const ep = e.endpoint;
  const field = facts.api.responseCodeField;
  const codeDef = ep.response.fields.find((f) => f.key === field)!;
  const pointer = `/${field.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  const success: Site = { obj: "o0", pointer: "", path: "", shape: "success", depth: 0, stem: goNames.successResponse(ep.key) };
  const error: Site = { ...success, shape: "error", stem: goNames.errorResponse(ep.key) };
  const checksOf = (site: Site) => shapeFields(facts, ep, site.shape).filter((f) => f.key !== field).flatMap((f) => fieldChecks(facts, f, site, h));
  const successChecks = checksOf(success);
  const errorChecks = checksOf(error);
  const successKeys = h.keys(`known${success.stem}Key`, shapeFields(facts, ep, "success").map((f) => f.key));
  const errorKeys = h.keys(`known${error.stem}Key`, shapeFields(facts, ep, "error").map((f) => f.key));
  const length =
    codeDef.maxLength === null
      ? []
      : [`\tif n := utf8.RuneCountInString(code); n > ${codeDef.maxLength} {`, `\t\t${failLine(pointer, "RuleMaxLength", `${goString(`${field} must be at most ${codeDef.maxLength} characters, got `)}+strconv.Itoa(n)`, field)}`, "\t}"];
  const body = [
    "// 0: no usable code; 1: the success code (the whole response); 2: another code of the service (the envelope).",
    "shape := 0",
    `if v, ok := o0.values[${goString(field)}]; !ok {`,
    `\t${failLine(pointer, "RuleRequired", goString(`${field} is mandatory (M)`), field)}`,
    "} else if code, ok := v.(string); !ok {",
    `\t${failLine(pointer, "RuleType", `${goString(`${field} must be a string, got `)}+jsKind(v)`, field)}`,
    "} else {",
    ...length,
    `\tif code == ${goString(e.success.code)} {`,
    "\t\tshape = 1",
    `\t} else if e := lookup(code); e != nil && e.Parts.${exported(facts.servicePart.name)} == ${goString(ep.serviceCode)} {`,
    "\t\tshape = 2",
    "\t} else {",
    `\t\t${failLine(pointer, "RuleResponseCode", goString(`${field} must be a response code of service ${ep.serviceCode} (${ep.name})`), field)}`,
    "\t}",
    "}",
    "if shape == 1 {",
    ...indent([...successChecks, "if strict {", `\terrs = unknownKeys(errs, o0, "", ${successKeys})`, "}"].join("\n")).split("\n"),
    "} else {",
    ...indent(
      [...errorChecks, "// With no usable code the shape is unknown: strict mode flags only what neither shape declares.", "if strict {", "\tknown := " + successKeys, "\tif shape == 2 {", `\t\tknown = ${errorKeys}`, "\t}", '\terrs = unknownKeys(errs, o0, "", known)', "}"].join("\n"),
    ).split("\n"),
    "}",
  ];
  return validatorFunctions(goNames.validateResponse(ep.key), `a response body of ${ep.name} (service ${ep.serviceCode})`, [
    `${field} must be one of the service's codes. With ${e.success.code} the whole response table applies (M fields, and C fields whose condition is a successful transaction); with any other code only the envelope (${facts.envelope.join(", ")}). When the code is missing or not the service's, the envelope is checked too, so every problem is reported at once. Unknown properties pass unless opts.Strict.`,
  ], body);
}

/** The exported pair (JSON text, decoded value) and the private function with the checks. */
function validatorFunctions(name: string, what: string, about: string[], body: string[]): string {
  const inner = name.charAt(0).toLowerCase() + name.slice(1);
  return [
    `${docComment([`${name} validates ${what}, given as JSON text: every error, each with a JSON Pointer, in order; none for a valid body.`, ...about, "Text that is not JSON is one RuleType error. It never panics."])}\nfunc ${name}(body []byte, opts ValidateOptions) []ValidationError {\n\tdecode := decodeJSON\n\tif opts.Strict {\n\t\t// Unknown properties are reported in JavaScript's property order, which a map forgets.\n\t\tdecode = decodeOrdered\n\t}\n\tv, err := decode(body)\n\tif err != nil {\n\t\treturn notJSON(err)\n\t}\n\treturn ${inner}(v, opts.Strict)\n}`,
    `${docComment([`${name}Value is ${name} for a body encoding/json decoded into an any (with UseNumber or without). A Go map has no key order, so in strict mode its unknown properties are reported in sorted order.`])}\nfunc ${name}Value(body any, opts ValidateOptions) []ValidationError {\n\treturn ${inner}(body, opts.Strict)\n}`,
    `${comment([`${inner} holds the checks of ${name}.`])}\nfunc ${inner}(input any, strict bool) []ValidationError {\n\to0, ok := asObject(input)\n\tif !ok {\n\t\treturn notAnObject(input)\n\t}\n\tvar errs []ValidationError\n${indent(body.join("\n"))}\n\treturn errs\n}`,
  ].join("\n\n");
}

export function validatorsFile(spec: Spec): Decls {
  const facts = apiFacts(spec);
  const h = new Helpers();
  const functions = facts.endpoints.flatMap((e) => [requestValidator(facts, e, h), responseValidator(facts, e, h)]);
  const decls = [...functions, ...h.decls];
  const text = decls.join("\n");
  const imports = [...["unicode/utf8", "strconv"].filter((i) => text.includes(`${i.split("/").pop()}.`)), ...(h.regexp ? ["regexp"] : [])];
  const formats = /\bis(?:DateTime|Date|Time|Currency)\(/.test(text);
  const runtime = ["json.go", "validation.go", ...(formats ? ["datetime.go"] : []), ...(text.includes("jsMatch(") ? ["units.go"] : [])];
  return { imports, decls, runtime };
}
