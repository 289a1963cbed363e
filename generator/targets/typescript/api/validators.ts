/**
 * Validators: one straight-line function per body, generated from the field
 * tables. Property reads, typeof and length checks and anchored linear
 * regexes hoisted to module constants; no schema is interpreted at run time.
 * The JSON Schema twin (json-schema.ts) encodes the same rules; the
 * differential tests hold the two to the same accept/reject verdicts.
 */
import type { Field, Spec } from "../../../model/types.ts";
import { codeTableNames } from "../codes-module.ts";
import { pure } from "../frozen.ts";
import { lit, type Statement } from "../ts-module.ts";
import {
  amountCheckBody,
  amountPattern,
  CURRENCY_CHECK_BODY,
  DATE_CHECK_BODY,
  DATE_TIME_CHECK_BODY,
  DIGIT_AT_FUNCTION,
  stringFormat,
  TIME_CHECK_BODY,
} from "../../../model/semantics/formats.ts";

/** Why the date-time check says what it says: the semantics, for the generated TSDoc. */
const DATE_TIME_DOC = [
  "ISO-8601 as a stricter pattern: YYYY-MM-DDTHH:mm:ss, an optional fraction of any length, then Z or ±HH:mm",
  "(upper-case T and Z, colon in the offset); month 01–12, day within its month (Feb 29 only in leap years:",
  "divisible by 4, and not by 100 unless by 400), hour ≤ 23, minute ≤ 59, second ≤ 59 (no leap second: 23:59:60",
  "is rejected), offset at most ±23:59. This is exactly the set of strings that both match the schema's pattern and",
  "pass ajv-formats' \"date-time\" (whose only further check, the day within the month, is the same rule).",
];
import {
  apiModel,
  constSegment,
  isDeclaredObject,
  pointerSegment,
  presenceIn,
  shapeFields,
  type ApiModel,
  type EndpointModel,
  type Shape,
} from "./api-model.ts";
import { buildSnapshot, Locals, type Held } from "./snapshot.ts";
import { docComment } from "./tsdoc.ts";

/** Hoisted module constants, deduplicated by content. */
class Constants {
  private byName = new Map<string, string>();
  private byContent = new Map<string, string>();
  readonly statements: string[] = [];

  private add(base: string, content: string, declare: (name: string) => string): string {
    const known = this.byContent.get(content);
    if (known) return known;
    let name = base;
    for (let i = 2; this.byName.has(name); i++) name = `${base}_${i}`;
    this.byName.set(name, content);
    this.byContent.set(content, name);
    this.statements.push(declare(name));
    return name;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** A private `(s: string) => boolean` check, with its doc. */
  check(base: string, doc: string[], body: string): string {
    return this.add(base, `check:${body}`, (name) => `${docComment(doc)}\nfunction ${name}(s: string): boolean {\n${body}\n}`);
  }

  /** A field's pattern, compiled once, from its source text exactly as the loader compiled it. */
  regex(base: string, source: string): string {
    return this.add(base, `regex:${source}`, (name) => `const ${name}: RegExp = ${pure(`new RegExp(${lit(source)})`)};`);
  }

  set(base: string, values: string[]): string {
    return this.add(base, `set:${JSON.stringify(values)}`, (name) => `const ${name}: ReadonlySet<string> = ${pure(`new Set([${values.map(lit).join(", ")}])`)};`);
  }
}

/** The rule names a validation error can carry, with their meaning (the generated union type documents them). */
function rules(m: ApiModel): [string, string][] {
  const fields = m.api.endpoints.flatMap((e) => allFields([...e.request.fields, ...e.response.fields]));
  const uses = (format: Field["format"]) => fields.some((f) => f.format === format);
  const amounts = fields.filter((f) => f.amount !== null);
  const amount = amounts[0]?.amount;
  const amountExample = amount ? ` (${amount.precision},${amount.scale}: /${amountPattern(amount)}/)` : "";
  return [
    ["type", "the value has the wrong JSON type (the body itself must be an object)"],
    ["required", "a mandatory (M) field is missing"],
    ["conditional", "a conditional (C) field is missing where its condition holds (e.g. filled upon a successful transaction)"],
    ["maxLength", "a string is longer than the field's length, counted in Unicode code points as JSON Schema does"],
    ["amount", `an amount is not ASCII digits, a dot and exactly \`scale\` decimals with at most precision − scale integer digits${amountExample}: no sign, exponent, separator or space`],
    ["currency", "a currency is not three capital letters (ISO 4217)"],
    [
      "date-time",
      "not YYYY-MM-DDTHH:mm:ss(.fraction)?(Z|±HH:mm) with a real date (month 1–12, day within the month, leap years included) and time (hour ≤ 23, minute ≤ 59, second ≤ 59: no leap second; offset at most ±23:59); exactly the strings ajv-formats \"date-time\" accepts that also match the schema's pattern",
    ],
    // Rules added after the first release are named only where a field uses them: an exhaustive switch over the
    // union in a consumer keeps compiling when codebook is upgraded.
    ...(uses("date") ? [["date", "not YYYY-MM-DD with a real date (month 1–12, day within the month, leap years included)"] as [string, string]] : []),
    ...(uses("time") ? [["time", "not HH:mm:ss with hour ≤ 23, minute ≤ 59 and second ≤ 59 (no fraction, no zone)"] as [string, string]] : []),
    ...(fields.some((f) => f.pattern !== null) ? [["pattern", "a string does not match the field's pattern (the source's rule for its values)"] as [string, string]] : []),
    ["enum", "the value is not one of the field's allowed values"],
    ["responseCode", "the response code is not one of the endpoint's service codes"],
    ["additionalProperties", "strict mode only: a property the field table does not declare (never checked inside free objects, which have no field table)"],
    ["exception", "the validator could not read the input (e.g. a throwing getter or a revoked proxy); never thrown, always reported"],
  ];
}

function allFields(fields: Field[]): Field[] {
  return fields.flatMap((f) => [f, ...allFields(f.fields)]);
}

export function emitValidators(spec: Spec): Statement[] {
  const m = apiModel(spec);
  const n = m.names;
  const k = new Constants();
  const functions: string[] = [];
  for (const e of m.endpoints) {
    functions.push(requestValidator(m, e, k));
    functions.push(responseValidator(m, e, k));
  }
  const RULES = rules(m);
  const declarations = [
    `${docComment([
      "The rule a validation error breaks:",
      "",
      ...RULES.map(([rule, text]) => `- \`${rule}\`: ${text}`),
    ])}\nexport type ${n.validationRule} = ${RULES.map(([r]) => lit(r)).join(" | ")};`,
    `${docComment(["One problem found in a body."])}\nexport interface ${n.validationError} {\n` +
      `/** JSON Pointer (RFC 6901) to the value; a missing property is reported at its own pointer, e.g. ${JSON.stringify(m.examples.pointer)}; "" is the body. */\npath: string;\n` +
      `rule: ${n.validationRule};\n` +
      `/** What is wrong, in words (never the offending value itself: it may be huge or secret). */\nmessage: string;\n` +
      `/** The declared field, as a dotted JSON key path (e.g. ${JSON.stringify(m.examples.nestedPath)}); null for the body itself and for undeclared properties. */\nfield: string | null;\n}`,
    `${docComment(["A validator's verdict: when the body is valid, a snapshot of what was validated, else every error found.",
      "",
      "The snapshot is a new plain object of the declared fields the input has as its own properties, each read once: a",
      "getter or Proxy that changes between reads cannot change what was validated, and an inherited property (even from",
      "a polluted Object.prototype) is never the body's. Declared nested objects are snapshots too; free objects and arrays",
      "are the input's own. Undeclared properties are left out, as zod's default strip does: they were not validated."])}\nexport type ${n.validationResult}<T> = { ok: true; value: T } | { ok: false; errors: ${n.validationError}[] };`,
    `${docComment(["Validator options."])}\nexport interface ${n.validateOptions} {\n${docComment([
      "Reject properties the field tables do not declare (rule additionalProperties), in the body and in declared nested",
      `objects (e.g. ${m.examples.declaredObject}), never inside free objects${m.examples.freeObjects.length ? ` (${m.examples.freeObjects.join(", ")})` : ""}. Off by default: providers add fields, and`,
      "a forward-compatible reader ignores them.",
    ])}\nstrict?: boolean;\n}`,
  ];
  // The functions register the constants they use, so the constants are known only now.
  return [...declarations, ...k.statements, ...helpers(m, k, functions), ...functions];
}

function helpers(m: ApiModel, k: Constants, functions: string[]): string[] {
  const E = m.names.validationError;
  const out: string[] = [];
  // Only where a length is checked: every generated source passes --noUnusedLocals.
  if (functions.some((f) => f.includes("codePoints("))) out.push(
    `${docComment([
      "Length in Unicode code points, as JSON Schema's maxLength counts (a surrogate pair is one; a lone surrogate is one).",
      "Callers take the fast path first: a string no longer than the limit in UTF-16 units is no longer in code points.",
    ])}\nfunction codePoints(s: string): number {\nlet count = 0;\nfor (let i = 0; i < s.length; i++) {\nconst c = s.charCodeAt(i);\nif (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;\ncount++;\n}\nreturn count;\n}`,
  );
  out.push(
    `${docComment(["Records one error."])}\nfunction fail(errors: ${E}[], path: string, rule: ${m.names.validationRule}, message: string, field: string | null): void {\nerrors.push({ path, rule, message, field });\n}`,
  );
  if (k.has("isDateTime") || k.has("isDate") || k.has("isTime")) out.push(DIGIT_AT_FUNCTION);
  out.push(
    `${docComment(["Strict mode: every own property not in `known` is an error."])}\nfunction unknownKeys(o: object, known: ReadonlySet<string>, base: string, errors: ${E}[]): void {\nconst keys = Object.keys(o);\nfor (let i = 0; i < keys.length; i++) {\nconst key = keys[i]!;\nif (!known.has(key)) errors.push({ path: base + "/" + key.replace(/~/g, "~0").replace(/\\//g, "~1"), rule: "additionalProperties", message: "unknown property " + JSON.stringify(key.length > 64 ? key.slice(0, 64) + "…" : key) + " (strict mode)", field: null });\n}\n}`,
    `${docComment([
      "Where an object's fields are read from: the object itself when it is a plain record (its prototype Object.prototype",
      "or null, the shape JSON.parse makes), else a copy of its own enumerable properties, so that nothing inherited from",
      "another prototype (a class, Object.create(valid)) is read as the body's.",
    ])}\nfunction ownSource(o: object): Record<string, unknown> {\nconst proto: unknown = Object.getPrototypeOf(o);\nreturn (proto === Object.prototype || proto === null ? o : { ...o }) as Record<string, unknown>;\n}`,
    `${docComment([
      "Whether Object.prototype has an enumerable property of its own (an application has polluted it): then every read",
      "checks that what it found is the body's own. Once per call: on a clean prototype this is an empty for-in.",
    ])}\nfunction prototypePolluted(): boolean {\nfor (const key in Object.prototype) return key !== "";\nreturn false;\n}`,
    `${docComment(["The body itself is not an object."])}\nfunction notAnObject(input: unknown): { ok: false; errors: ${E}[] } {\nreturn { ok: false, errors: [{ path: "", rule: "type", message: "the body must be a JSON object, got " + kindOf(input), field: null }] };\n}`,
    `${docComment(["Last resort: whatever was thrown while reading the input becomes an error, never an exception."])}\nfunction threw(error: unknown): { ok: false; errors: ${E}[] } {\nlet what: string;\ntry {\nwhat = error instanceof Error ? String(error.message) : typeof error;\n} catch {\nwhat = "unreadable error";\n}\nreturn { ok: false, errors: [{ path: "", rule: "exception", message: "the input could not be read: " + what, field: null }] };\n}`,
  );
  return out;
}

interface Site {
  /** Expression for the object being read (the input, or a copy of its own properties). */
  src: string;
  /** The validator's locals, and the list this object's held fields go in. */
  locals: Locals;
  held: Held[];
  /** JSON Pointer of that object. */
  pointer: string;
  /** Dotted key path of that object ("" at the body). */
  path: string;
  shape: Shape;
  depth: number;
  /** Name stem for hoisted constants. */
  stem: string;
}

/**
 * Drops a value a read found on Object.prototype rather than on the object: always for a key Object.prototype itself
 * has ("constructor", "__proto__", …), and for any key once an application has polluted the prototype. A clean
 * prototype costs one boolean test per field; `hasOwn` on every read would cost more than the rest of the check.
 */
function notOwn(v: string, src: string, key: string): string {
  const inherited = key in Object.prototype ? "" : "polluted && ";
  return `if (${inherited}${v} !== undefined && !Object.hasOwn(${src}, ${lit(key)})) ${v} = undefined;`;
}

/** One error report: a call to the module's `fail`, so each check stays one readable line. */
function push(pointer: string, rule: string, message: string, field: string | null): string {
  return `fail(errors, ${lit(pointer)}, ${lit(rule)}, ${message}, ${field === null ? "null" : lit(field)});`;
}

function typeTest(f: Field, v: string): { test: string; noun: string } {
  switch (f.type) {
    case "string":
      return { test: `typeof ${v} !== "string"`, noun: "a string" };
    case "number":
      return { test: `typeof ${v} !== "number" || !Number.isFinite(${v})`, noun: "a number" };
    case "boolean":
      return { test: `typeof ${v} !== "boolean"`, noun: "a boolean" };
    case "array":
      return { test: `!Array.isArray(${v})`, noun: "an array" };
    case "object":
      return { test: `typeof ${v} !== "object" || ${v} === null || Array.isArray(${v})`, noun: "an object" };
  }
}

/** The checks of one field, as a block. */
function fieldChecks(m: ApiModel, f: Field, site: Site, k: Constants): string {
  const pointer = `${site.pointer}/${pointerSegment(f.key)}`;
  const path = site.path ? `${site.path}.${f.key}` : f.key;
  const presence = presenceIn(f, site.shape);
  const { test, noun } = typeTest(f, "v");
  const key = lit(f.key);
  // Read once: the value read is the one checked and the one the snapshot keeps.
  const held = site.locals.hold(path, f.key, { required: presence === "required", nullable: f.nullable, children: isDeclaredObject(f) ? [] : null });
  site.held.push(held);
  const lines: string[] = [
    `{`,
    `let v = ${site.src}[${key}];`,
    notOwn("v", site.src, f.key),
    `${held.local} = v;`,
  ];
  const missing =
    presence === "required"
      ? push(pointer, "required", lit(`${path} is mandatory (M)`), path)
      : presence === "conditional"
        ? push(pointer, "conditional", lit(`${path} is required here (C: ${f.condition?.text ?? "conditional"})`), path)
        : null;
  const typeError = push(pointer, "type", `${lit(`${path} must be ${noun}${f.nullable ? " or null" : ""}, got `)} + kindOf(v)`, path);
  const valueChecks = valueBlock(m, f, { ...site, pointer, path }, k, held);
  const wrongType = f.nullable ? `v !== null && (${test})` : test;

  if (missing) lines.push(`if (v === undefined) ${missing}`, `else if (${wrongType}) ${typeError}`);
  else lines.push(`if (v !== undefined && ${wrongType.includes("||") ? `(${wrongType})` : wrongType}) ${typeError}`);
  if (valueChecks) {
    const guard = missing ? `else${f.nullable ? " if (v !== null)" : ""}` : `else if (v !== undefined${f.nullable ? " && v !== null" : ""})`;
    lines.push(`${guard} {`, valueChecks, `}`);
  }
  lines.push(`}`);
  return lines.join("\n");
}

/** Checks on a value of the right type: length, format, allowed values, nested fields. */
function valueBlock(m: ApiModel, f: Field, site: Site, k: Constants, held: Held): string | null {
  const out: string[] = [];
  const { pointer, path } = site;
  if (f.type === "string") {
    const checks: string[] = [];
    if (f.maxLength !== null) {
      const max = f.maxLength;
      // UTF-16 length first: code points are never more, so most strings skip the count.
      checks.push(`if (s.length > ${max}) {\nconst n = codePoints(s);\nif (n > ${max}) ${push(pointer, "maxLength", `${lit(`${path} must be at most ${max} characters, got `)} + n`, path)}\n}`);
    }
    const fmt = stringFormat(f);
    if (fmt) {
      // Formats are checked by character codes, to exactly the schema's pattern (and for date-time, ajv-formats'
      // calendar rule): a RegExp call costs more than the whole check. The differential tests hold them equal.
      const doc = [`Whether \`s\` matches ${fmt.pattern} (the schema's pattern), by character codes: ${fmt.text}.`];
      const name =
        fmt.kind === "amount"
          ? k.check(`isAmount${f.amount!.precision}x${f.amount!.scale}`, doc, amountCheckBody(f.amount!))
          : fmt.kind === "currency"
            ? k.check("isCurrency", doc, CURRENCY_CHECK_BODY)
            : fmt.kind === "date"
              ? k.check("isDate", doc, DATE_CHECK_BODY)
              : fmt.kind === "time"
                ? k.check("isTime", doc, TIME_CHECK_BODY)
                : k.check("isDateTime", [...doc, "", ...DATE_TIME_DOC], DATE_TIME_CHECK_BODY);
      checks.push(`if (!${name}(s)) ${push(pointer, fmt.kind, lit(`${path} must be ${fmt.text}`), path)}`);
    }
    if (f.pattern !== null) {
      const name = k.regex(`${site.stem}_${constSegment(f.key)}_PATTERN`, f.pattern);
      checks.push(`if (!${name}.test(s)) ${push(pointer, "pattern", lit(`${path} must match ${f.pattern}`), path)}`);
    }
    if (f.values.length) {
      const name = k.set(`${constSegment(f.key)}_VALUES`, f.values.map((v) => v.value));
      const list = f.values.map((v) => `${v.value} (${v.meaning})`).join(", ");
      checks.push(`if (!${name}.has(s)) ${push(pointer, "enum", lit(`${path} must be one of ${list}`), path)}`);
    }
    if (!checks.length) return null;
    out.push(`const s = v as string;`, ...checks);
    return out.join("\n");
  }
  if (isDeclaredObject(f)) {
    const depth = site.depth + 1;
    const inner: Site = { ...site, src: `i${depth}`, held: held.children!, pointer, path, depth, stem: `${site.stem}_${constSegment(f.key)}` };
    out.push(`const ${inner.src} = ownSource(v as object);`);
    for (const child of f.fields) out.push(fieldChecks(m, child, inner, k));
    const keys = k.set(`${inner.stem}_KEYS`, f.fields.map((c) => c.key));
    out.push(`if (strict) unknownKeys(${inner.src}, ${keys}, ${lit(pointer)}, errors);`);
    return out.join("\n");
  }
  // Free objects, arrays, numbers, booleans: the type is the whole rule.
  return null;
}

function requestValidator(m: ApiModel, e: EndpointModel, k: Constants): string {
  const n = m.names;
  const ep = e.endpoint;
  const locals = new Locals();
  const site: Site = { src: "i0", locals, held: [], pointer: "", path: "", shape: "request", depth: 0, stem: `${constSegment(e.key)}_REQUEST` };
  const checks = ep.request.fields.map((f) => fieldChecks(m, f, site, k));
  const keys = k.set(`${site.stem}_KEYS`, ep.request.fields.map((f) => f.key));
  const doc = docComment([
    `Validates a request body of ${ep.name} (service ${ep.serviceCode}) against its field table: every error, each with a JSON Pointer.`,
    "",
    `Mandatory (M) fields must be present; optional and conditional fields are checked when present. Unknown properties pass`,
    "unless `options.strict`. Never throws: any input (null, arrays, strings, hostile objects) gets a verdict.",
  ]);
  return (
    `${doc}\nexport function ${e.names.validateRequest}(input: unknown, options?: ${n.validateOptions}): ${n.validationResult}<${e.names.request}> {\n` +
    `try {\n` +
    `if (typeof input !== "object" || input === null || Array.isArray(input)) return notAnObject(input);\n` +
    `const strict = typeof options === "object" && options !== null && options.strict === true;\n` +
    `const errors: ${n.validationError}[] = [];\n` +
    `const i0 = ownSource(input);\n` +
    `const polluted = prototypePolluted();\n` +
    `${locals.declarations()}\n` +
    `${checks.join("\n")}\n` +
    `if (strict) unknownKeys(i0, ${keys}, "", errors);\n` +
    `if (errors.length !== 0) return { ok: false, errors };\n` +
    `${buildSnapshot("o0", site.held, 0)}\n` +
    `return { ok: true, value: o0 as unknown as ${e.names.request} };\n` +
    `} catch (error) {\nreturn threw(error);\n}\n}`
  );
}

function responseValidator(m: ApiModel, e: EndpointModel, k: Constants): string {
  const n = m.names;
  const ep = e.endpoint;
  const codeField = m.api.responseCodeField;
  const codeDef = ep.response.fields.find((f) => f.key === codeField)!;
  const pointer = `/${pointerSegment(codeField)}`;
  const locals = new Locals();
  // The code is read before the shape is known, and every valid body has it.
  const codeHeld: Held = { key: codeField, local: "code", required: true, nullable: false, children: null };
  const successSite: Site = { src: "i0", locals, held: [codeHeld], pointer: "", path: "", shape: "success", depth: 0, stem: `${constSegment(e.key)}_SUCCESS` };
  const errorSite: Site = { ...successSite, held: [codeHeld], shape: "error", stem: `${constSegment(e.key)}_ERROR` };
  const successFields = shapeFields(m, e, "success").filter((f) => f.key !== codeField);
  const errorFields = shapeFields(m, e, "error").filter((f) => f.key !== codeField);
  const successChecks = successFields.map((f) => fieldChecks(m, f, successSite, k));
  const errorChecks = errorFields.map((f) => fieldChecks(m, f, errorSite, k));
  const successKeys = k.set(`${successSite.stem}_KEYS`, shapeFields(m, e, "success").map((f) => f.key));
  const errorKeys = k.set(`${errorSite.stem}_KEYS`, shapeFields(m, e, "error").map((f) => f.key));
  const max = codeDef.maxLength;
  const lengthCheck =
    max !== null
      ? `if (code.length > ${max}) {\nconst n = codePoints(code);\nif (n > ${max}) ${push(pointer, "maxLength", `${lit(`${codeField} must be at most ${max} characters, got `)} + n`, codeField)}\n}\n`
      : "";
  const service = lit(m.servicePart.name);

  const doc = docComment([
    `Validates a response body of ${ep.name} (service ${ep.serviceCode}): every error, each with a JSON Pointer.`,
    "",
    `${codeField} must be one of the service's codes (${e.names.responseCode}). With ${e.success.code} the whole response table applies`,
    `(M fields, and C fields whose condition is a successful transaction); with any other code only the envelope`,
    `(${m.envelope.join(", ")}). When the code is missing or not the service's, the envelope is checked too, so every problem`,
    "is reported at once. Unknown properties pass unless `options.strict`. Never throws.",
  ]);
  return (
    `${doc}\nexport function ${e.names.validateResponse}(input: unknown, options?: ${n.validateOptions}): ${n.validationResult}<${e.names.response}> {\n` +
    `try {\n` +
    `if (typeof input !== "object" || input === null || Array.isArray(input)) return notAnObject(input);\n` +
    `const strict = typeof options === "object" && options !== null && options.strict === true;\n` +
    `const errors: ${n.validationError}[] = [];\n` +
    `const i0 = ownSource(input);\n` +
    `const polluted = prototypePolluted();\n` +
    `let code = i0[${lit(codeField)}];\n` +
    `${notOwn("code", "i0", codeField)}\n` +
    `${locals.declarations()}\n` +
    `// 0: no usable code, 1: the success code (full response), 2: another code of the service (envelope).\n` +
    `let shape = 0;\n` +
    `if (code === undefined) ${push(pointer, "required", lit(`${codeField} is mandatory (M)`), codeField)}\n` +
    `else if (typeof code !== "string") ${push(pointer, "type", `${lit(`${codeField} must be a string, got `)} + kindOf(code)`, codeField)}\n` +
    `else {\n${lengthCheck}` +
    `if (code === ${lit(e.success.code)}) shape = 1;\n` +
    `else {\nconst entry = ${codeTableNames(m.spec).describe}(code);\n` +
    `if (entry !== undefined && entry.parts[${service}] === ${lit(ep.serviceCode)}) shape = 2;\n` +
    `else ${push(pointer, "responseCode", lit(`${codeField} must be a response code of service ${ep.serviceCode} (${ep.name})`), codeField)}\n}\n}\n` +
    `if (shape === 1) {\n${successChecks.join("\n")}\nif (strict) unknownKeys(i0, ${successKeys}, "", errors);\n}\n` +
    `else {\n${errorChecks.join("\n")}\n` +
    `// With no usable code the shape is unknown: strict mode flags only what neither shape declares.\n` +
    `if (strict) unknownKeys(i0, shape === 2 ? ${errorKeys} : ${successKeys}, "", errors);\n}\n` +
    `if (errors.length !== 0) return { ok: false, errors };\n` +
    `if (shape === 1) {\n${buildSnapshot("o0", successSite.held, 0)}\nreturn { ok: true, value: o0 as unknown as ${e.names.response} };\n}\n` +
    `${buildSnapshot("o0", errorSite.held, 0)}\n` +
    `return { ok: true, value: o0 as unknown as ${e.names.response} };\n` +
    `} catch (error) {\nreturn threw(error);\n}\n}`
  );
}
