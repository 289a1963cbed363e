// Bodies for the validators: every fixture body of every endpoint (its sample request,
// its success response, a response for every code of its service), and at least
// MIN_MUTATED mutations per endpoint: fields missing, of the wrong JSON type, too long
// (in code points: astral characters too), bad formats and amounts, values outside an
// enum, response codes of other services or none, properties no table declares (for
// strict mode), bodies that are not objects, duplicate keys, and random combinations.
// Each body is validated with and without strict mode.
import { apiFixtures } from "../../../generator/artifacts/fixtures/api-fixtures.ts";
import { apiFacts, isDeclaredObject, shapeFields, type Shape } from "../../../generator/model/semantics/api.ts";
import { parsePattern, samplePattern } from "../../../generator/model/semantics/pattern.ts";
import type { Endpoint, Field, Spec } from "../../../generator/model/types.ts";
import { random } from "./cases.ts";

export const MIN_MUTATED = 1000;

export interface BodyCase {
  endpoint: string;
  body: "request" | "response";
  strict: boolean;
  /** The body, as JSON text. */
  json: string;
  /** Which fixture it comes from and what was changed, for the report. */
  origin: string;
}

/** A number written as given (JSON.stringify cannot write 1e400 or -0). */
class Raw {
  constructor(readonly text: string) {}
}

type Json = null | boolean | number | string | Raw | Json[] | { [key: string]: Json };

function text(value: Json): string {
  const raws: string[] = [];
  const s = JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return v;
  });
  return s.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}

/** A deep copy that keeps Raw numbers and own "__proto__" keys. */
function clone<T extends Json>(v: T): T {
  if (v instanceof Raw || typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(clone) as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
}

/** Sets an own property, "__proto__" included (an assignment would set the prototype instead). */
function put(o: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const WRONG: Json[] = [null, 0, -1, 1.5, new Raw("1e400"), new Raw("-0"), "", "x", true, false, [], [1, "a"], {}, { a: 1 }];
const EXTRA_KEYS = ["extra", "__proto__", "1", "10", "2", "constructor", "toString", "a/b~c", "ünïcode", "😀", "k".repeat(100), ""];
const AMOUNTS = ["10000.00", "0.00", "1.00", "99999999999999.99", "1", "1.0", "1.000", "-1.00", "+1.00", "1,000.00", "1e3", " 1.00", "1.00 ", "１.00", "100000000000000.00", ".00", "1.", "", "1..00", "1.0a", "1 000.00"];
const CURRENCIES = ["IDR", "USD", "idr", "ID", "IDRR", "I1R", "ÍDR", "", " ID"];
const DATE_TIMES = [
  "2020-12-23T07:50:11+07:00",
  "2020-02-29T00:00:00Z",
  "2000-02-29T23:59:59.123456Z",
  "2019-02-29T00:00:00Z",
  "1900-02-29T00:00:00Z",
  "2020-04-31T00:00:00Z",
  "2020-13-01T00:00:00Z",
  "2020-00-01T00:00:00Z",
  "2020-12-23T24:00:00Z",
  "2020-12-23T23:60:00Z",
  "2020-12-23T23:59:60Z",
  "2020-12-23 07:50:11+07:00",
  "2020-12-23t07:50:11z",
  "2020-12-23T07:50:11",
  "2020-12-23T07:50:11+0700",
  "2020-12-23T07:50:11+24:00",
  "2020-12-23T07:50:11+07:60",
  "2020-12-23T07:50:11.Z",
  "2020-12-23T07:50:11.123",
  "20201223T075011Z",
  "２020-12-23T07:50:11Z",
  "2020-12-23T07:50:11Z\n",
  "2020-12-31T23:59:59-23:59",
];
const DATES = ["2026-10-14", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-10-00", "14-10-2026", "2026-1-14", "20261014", "2026-10-14T00:00:00Z", "２026-10-14", "2026-10-14\n", ""];
const TIMES = ["00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "7:00:00", "07:00", "07:00:00Z", "07:00:00.5", "07:00:00+07:00", "０7:00:00", "07:00:00\n", ""];

/** A field's values worth trying: lengths around its limit, its format's corners, its enum. */
function valuesFor(f: Field): Json[] {
  const out: Json[] = [];
  if (f.type !== "string") return out;
  if (f.maxLength !== null) {
    const n = f.maxLength;
    out.push("a".repeat(Math.max(0, n - 1)), "a".repeat(n), "a".repeat(n + 1), "😀".repeat(n), "😀".repeat(n + 1), `${"é".repeat(n)}`, `${"a".repeat(n)}😀`);
  }
  if (f.format === "amount") out.push(...AMOUNTS);
  if (f.format === "currency") out.push(...CURRENCIES);
  if (f.format === "date-time") out.push(...DATE_TIMES);
  if (f.format === "date") out.push(...DATES);
  if (f.format === "time") out.push(...TIMES);
  if (f.pattern !== null) out.push(...patternValues(f.pattern));
  for (const v of f.values) out.push(v.value, v.value.toLowerCase(), `${v.value}x`, ` ${v.value}`);
  if (f.values.length) out.push("", "zz");
  return out;
}

/** A pattern's sample and its near misses: case flipped, a character more or fewer, astral and non-ASCII characters, a newline at the end. */
function patternValues(pattern: string): string[] {
  const parsed = parsePattern(pattern);
  const samples = parsed.ok ? samplePattern(parsed.tree, 4, 7) : [];
  const sample = samples[0] ?? "";
  const flip = [...sample].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
  return [...samples, flip, `${sample}${sample.slice(-1)}`, sample.slice(0, -1), `${sample}\n`, sample.replace(/.$/u, "😀"), sample.replace(/.$/u, "é"), sample.replace(/^./u, "ÿ"), ""];
}

/** The plainest valid value of a field, to build a nested object the sample lacks. */
function plain(f: Field, shape: Shape): Json {
  if (f.values.length) return f.values[0]!.value;
  switch (f.type) {
    case "number":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return Object.fromEntries(f.fields.map((c) => [c.key, plain(c, shape)]));
    case "string":
      if (f.pattern !== null) return patternValues(f.pattern)[0]!;
      return f.format === "amount" ? "10.00" : f.format === "currency" ? "IDR" : f.format === "date-time" ? "2020-01-01T00:00:00Z" : f.format === "date" ? "2020-01-01" : f.format === "time" ? "00:00:00" : "x";
  }
}

type Mutation = { what: string; apply: (body: Json) => Json };

/** The object at a JSON key path inside a body, created (with its declared fields) where missing. */
function objectAt(body: Json, path: readonly Field[], shape: Shape): { [key: string]: Json } | null {
  let o = body;
  for (const f of path) {
    if (typeof o !== "object" || o === null || Array.isArray(o) || o instanceof Raw) return null;
    const child = o[f.key];
    if (typeof child !== "object" || child === null || Array.isArray(child) || child instanceof Raw) o[f.key] = plain(f, shape);
    o = o[f.key]!;
  }
  return typeof o === "object" && o !== null && !Array.isArray(o) && !(o instanceof Raw) ? o : null;
}

/** Single mutations of the fields declared at a path (and below), and extra keys there. */
function fieldMutations(fields: readonly Field[], path: Field[], shape: Shape): Mutation[] {
  const out: Mutation[] = [];
  const at = (what: string, change: (o: { [key: string]: Json }) => void): Mutation => ({
    what,
    apply: (body) => {
      const copy = clone(body);
      const o = objectAt(copy, path, shape);
      if (o) change(o);
      return copy;
    },
  });
  const where = path.map((p) => p.key).join(".");
  for (const f of fields) {
    const name = where ? `${where}.${f.key}` : f.key;
    out.push(at(`remove ${name}`, (o) => delete o[f.key]));
    for (const w of WRONG) out.push(at(`${name} = ${text(w)}`, (o) => put(o, f.key, clone(w))));
    for (const v of valuesFor(f)) out.push(at(`${name} = ${JSON.stringify(v).slice(0, 40)}`, (o) => put(o, f.key, v)));
    if (isDeclaredObject(f)) out.push(...fieldMutations(f.fields, [...path, f], shape));
  }
  for (const k of EXTRA_KEYS) out.push(at(`extra ${JSON.stringify(k.slice(0, 20))}${where ? ` in ${where}` : ""}`, (o) => put(o, k, 1)));
  out.push(at(`four extra keys${where ? ` in ${where}` : ""}`, (o) => ["zeta", "7", "alpha", "3"].forEach((k, i) => put(o, k, i))));
  return out;
}

function responseCodeMutations(spec: Spec, e: Endpoint): Mutation[] {
  const facts = apiFacts(spec);
  const field = facts.api.responseCodeField;
  const others = facts.endpoints.filter((x) => x.endpoint !== e).map((x) => x.codes[x.codes.length - 1]!.code);
  const own = facts.endpoints.find((x) => x.endpoint === e)!;
  const success = own.success.code;
  const unlisted = [`${success.slice(0, -2)}99`, `999${success.slice(3)}`, `${success.slice(0, 3)}00${success.slice(5)}`];
  const values: Json[] = [...others, ...unlisted, ...own.codes.slice(0, 8).map((c) => c.code), Number(success), null, "", "abc", `${success}0`, "😀".repeat(4), true, [success], { code: success }];
  const set = (v: Json): Mutation => ({ what: `${field} = ${text(v).slice(0, 40)}`, apply: (body) => ({ ...(body as object), [field]: v }) });
  return [...values.map(set), { what: `remove ${field}`, apply: (body) => Object.fromEntries(Object.entries(body as object).filter(([k]) => k !== field)) as Json }];
}

const NOT_OBJECTS: Json[] = [null, [], [{}], "x", 0, true, new Raw("1e400")];

/** Every fixture body and its mutations for one endpoint. */
function endpointBodies(spec: Spec, e: Endpoint): Omit<BodyCase, "strict">[] {
  const facts = apiFacts(spec);
  const fx = apiFixtures(spec).endpoints.find((x) => x.model.endpoint === e)!;
  const out: Omit<BodyCase, "strict">[] = [];
  const push = (body: "request" | "response", origin: string, json: string) => out.push({ endpoint: e.key, body, json, origin });
  const request = fx.request as Json;
  const success = fx.responses.find(([c]) => c === facts.endpoints.find((x) => x.endpoint === e)!.success.code)![1] as Json;
  const error = (fx.responses.find(([c]) => c !== facts.endpoints.find((x) => x.endpoint === e)!.success.code)?.[1] ?? success) as Json;
  push("request", "fixture request", text(request));
  for (const [code, body] of fx.responses) push("response", `fixture response ${code}`, text(body as Json));
  const bases: [("request" | "response"), string, Json, Mutation[]][] = [
    ["request", "request", request, fieldMutations(shapeFields(facts, e, "request"), [], "request")],
    ["response", "success response", success, [...fieldMutations(shapeFields(facts, e, "success"), [], "success"), ...responseCodeMutations(spec, e)]],
    ["response", "error response", error, [...fieldMutations(shapeFields(facts, e, "error"), [], "error"), ...responseCodeMutations(spec, e)]],
  ];
  for (const [body, name, base, mutations] of bases) {
    for (const m of mutations) push(body, `${name}: ${m.what}`, text(m.apply(base)));
    for (const v of NOT_OBJECTS) push(body, `${name}: not an object ${text(v)}`, text(v));
    const first = Object.keys(base as object)[0];
    // Text a JavaScript object cannot print: a key twice (the last value wins, in the first one's place), index keys after others.
    if (first !== undefined) push(body, `${name}: duplicate key ${first}`, text(base).replace(/^\{/, `{${JSON.stringify(first)}:123,`));
    push(body, `${name}: extra keys, index keys last`, text(base).replace(/^\{(?=.)/, '{"zeta":1,"7":2,"alpha":3,"3":4,').replace(',}', "}"));
  }
  // Random combinations of two to four mutations, until the endpoint has enough bodies.
  const next = random(e.serviceCode.length * 131 + e.key.length);
  while (out.length < MIN_MUTATED + 200) {
    const [body, name, base, mutations] = bases[next(bases.length)]!;
    let value = base;
    const whats: string[] = [];
    for (let i = 0, n = 2 + next(3); i < n; i++) {
      const m = mutations[next(mutations.length)]!;
      value = m.apply(value);
      whats.push(m.what);
    }
    push(body, `${name}: ${whats.join(", ")}`, text(value));
  }
  return out;
}

export function bodyCases(spec: Spec): BodyCase[] {
  return spec.api!.endpoints.flatMap((e) => endpointBodies(spec, e).flatMap((c) => [false, true].map((strict) => ({ ...c, strict }))));
}
