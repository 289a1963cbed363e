// fast-check arbitraries for bodies, from the field model (the IR), not from
// the generated code: valid bodies per shape, and mutations that aim at every
// rule's edges (types, lengths in code points, amounts, currencies, calendar
// dates, leap seconds, enums, response codes, extra and prototype keys).
import fc from "fast-check";
import type { Endpoint, Field, Spec } from "../../../../generator/model/types.ts";

export type Shape = "request" | "success" | "error";
type Json = unknown;

const pad = (n: number, w: number) => String(n).padStart(w, "0");
const daysIn = (y: number, m: number) => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** A real calendar date-time in the accepted syntax (length 20–25 without fraction). */
export const validDateTime: fc.Arbitrary<string> = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    hh: fc.integer({ min: 0, max: 23 }),
    mm: fc.integer({ min: 0, max: 59 }),
    ss: fc.integer({ min: 0, max: 59 }),
    frac: fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { freq: 5 }),
    tz: fc.oneof(fc.constant("Z"), fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`)),
  })
  .map(({ y, m, d, hh, mm, ss, frac, tz }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(d, daysIn(y, m)), 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${frac === null ? "" : `.${frac}`}${tz}`);

/** Date-time-shaped strings with every part drawn from 00–99: calendar and clock edges. */
export const dateLike: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("0000", "1900", "2000", "2023", "2024", "2100", "9999"),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 99 }),
    fc.constantFrom("Z", "z", "+07:00", "-00:00", "+23:59", "+24:00", "+07:60", "+0700", "+07", "", ".5Z", ".Z", ".123456+07:00"),
    fc.constantFrom("T", "t", " "),
  )
  .map(([y, m, d, hh, mm, ss, tz, t]) => `${y}-${pad(m, 2)}-${pad(d, 2)}${t}${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}${tz}`);

export const EDGE_DATES: [string, boolean][] = [
  ["2024-02-29T00:00:00Z", true],
  ["2023-02-29T00:00:00Z", false],
  ["2000-02-29T12:00:00+07:00", true],
  ["1900-02-29T12:00:00+07:00", false],
  ["0000-02-29T00:00:00Z", true],
  ["2024-04-30T00:00:00Z", true],
  ["2024-04-31T00:00:00Z", false],
  ["2024-12-31T23:59:59Z", true],
  ["2024-12-31T23:59:60Z", false],
  ["2016-12-31T23:59:60Z", false],
  ["2024-06-30T23:59:60+07:00", false],
  ["2024-07-01T06:59:60+07:00", false],
  ["2024-01-01T30:59:00+07:00", false],
  ["2024-13-01T00:00:00Z", false],
  ["2024-00-10T00:00:00Z", false],
  ["2024-01-00T00:00:00Z", false],
  ["2024-01-01T24:00:00Z", false],
  ["2020-12-23T07:50:11+24:00", false],
  ["2020-12-23T07:50:11+23:59", true],
  ["2020-12-23T07:50:11+07:60", false],
  ["2020-12-23t07:50:11z", false],
  ["2020-12-23 07:50:11Z", false],
  ["2020-12-23T07:50:11", false],
  ["2020-12-23T07:50:11+0700", false],
  ["2020-12-23T07:50:11.5Z", true],
  ["2020-12-23T07:50:11.Z", false],
  ["2020-12-23T07:50:11.123+07:00", false], // 29 characters: over the length of 25
  ["2020-12-23T07:50:11.1234Z", true],
  ["2020-12-23T07:50:11+07:00\n", false],
  ["2020-12-23T07:50:11+07:00", true],
  ["60", false],
  ["", false],
  ["２０２０-12-23T07:50:11Z", false],
];

export const BAD_AMOUNTS = ["1,000.00", "1.0", "1.000", "1", ".00", "123456789012345.00", " 1.00", "1.00 ", "-1.00", "+1.00", "1e3", "١.٠٠", "１.００", "0x10.00", "1.00\n", "", "NaN", "10000.00.00"];
export const BAD_CURRENCIES = ["idr", "ID", "IDRR", "I D", "IDr", "ＩＤＲ", "", "123", "IDR\n", "😀😀😀"];
export const BAD_ENUMS = ["0", "08", " 00", "00 ", "7", "", "10", "Success", "0０"];

/** Strings around a maximum length in code points: astral (surrogate pairs), lone surrogates, BMP. */
function nearLimit(max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: Math.max(0, max - 2), max: max + 2 }), fc.constantFrom("😀", "a", "\uD800", "\uDC00", "é"), fc.constantFrom("", "a", "😀", "\uD83D")).map(([n, unit, tail]) => unit.repeat(n) + tail);
}

function stringArb(f: Field): fc.Arbitrary<string> {
  if (f.values.length) return fc.constantFrom(...f.values.map((v) => v.value));
  switch (f.format) {
    case "amount": {
      const integer = f.amount!.precision - f.amount!.scale;
      return fc.tuple(fc.stringMatching(new RegExp(`^[0-9]{1,${integer}}$`)), fc.stringMatching(new RegExp(`^[0-9]{${f.amount!.scale}}$`))).map(([i, d]) => (f.amount!.scale ? `${i}.${d}` : i));
    }
    case "currency":
      return fc.oneof(fc.constantFrom("IDR", "USD", "SGD"), fc.stringMatching(/^[A-Z]{3}$/));
    case "date-time":
      return validDateTime;
  }
  const max = f.maxLength ?? 64;
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: max }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: max }) },
    { weight: 1, arbitrary: nearLimit(max).filter((s) => [...s].length <= max) },
  );
}

function freeObject(): fc.Arbitrary<Json> {
  return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
}

/** A value satisfying the field. */
export function validValue(f: Field, shape: Shape): fc.Arbitrary<Json> {
  let arb: fc.Arbitrary<Json>;
  switch (f.type) {
    case "string":
      arb = stringArb(f);
      break;
    case "object":
      arb = f.fields.length ? validObject(f.fields, shape) : freeObject();
      break;
    case "number":
      arb = fc.double({ noNaN: true, noDefaultInfinity: true });
      break;
    case "boolean":
      arb = fc.boolean();
      break;
    case "array":
      arb = fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 });
      break;
  }
  return f.nullable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: arb }) : arb;
}

export function isRequired(f: Field, shape: Shape): boolean {
  return f.presence === "M" || (f.presence === "C" && f.condition?.when === "success" && shape === "success");
}

export function validObject(fields: Field[], shape: Shape): fc.Arbitrary<Record<string, Json>> {
  const model: Record<string, fc.Arbitrary<Json>> = {};
  for (const f of fields) model[f.key] = validValue(f, shape);
  return fc.record(model, { requiredKeys: fields.filter((f) => isRequired(f, shape)).map((f) => f.key) }) as fc.Arbitrary<Record<string, Json>>;
}

/** A declared slot: the path of the object that holds it (keys) and its field. */
interface Slot {
  parent: string[];
  field: Field;
}

function slots(fields: Field[], parent: string[] = []): Slot[] {
  return fields.flatMap((f) => [{ parent, field: f }, ...(f.type === "object" && f.fields.length ? slots(f.fields, [...parent, f.key]) : [])]);
}

/** Defines an own data property, also for "__proto__" (plain assignment would set the prototype). */
function put(o: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation = { op: "delete"; pick: number } | { op: "set"; pick: number; value: Json } | { op: "extra"; pick: number; key: string; value: Json };

/** Valid values of one format, to swap into fields of another. */
const validAmount16x2 = fc.tuple(fc.stringMatching(/^[0-9]{1,14}$/), fc.stringMatching(/^[0-9]{2}$/)).map(([i, d]) => `${i}.${d}`);

function nasty(spec: Spec): fc.Arbitrary<Json> {
  const otherCodes = spec.codes.map((c) => c.code);
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }), freeObject()) },
    { weight: 3, arbitrary: fc.constantFrom<Json>(...BAD_AMOUNTS, ...BAD_CURRENCIES, ...BAD_ENUMS, ...EDGE_DATES.map(([d]) => d)) },
    { weight: 2, arbitrary: dateLike },
    { weight: 2, arbitrary: fc.constantFrom(2, 3, 7, 8, 25, 26, 32, 33, 50, 64, 65, 150, 151, 255, 256, 257, 512, 513).chain((n) => nearLimit(n)) },
    { weight: 2, arbitrary: fc.oneof(validDateTime, validAmount16x2, fc.stringMatching(/^[A-Z]{3}$/)) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...otherCodes), fc.stringMatching(/^[0-9]{6,8}$/), fc.constant(Number(otherCodes[0]))) },
    { weight: 2, arbitrary: fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ minLength: 100, maxLength: 600 })) },
  );
}

function extraKey(spec: Spec): fc.Arbitrary<string> {
  const declared = [...new Set(spec.api!.endpoints.flatMap((e) => [...e.request.fields, ...e.response.fields].map((f) => f.key)))];
  return fc.oneof(
    fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", " originalExternalId", "sessionId", "ResponseCode", "", "~/x", "a/b"),
    fc.constantFrom(...declared),
    fc.string({ maxLength: 10 }),
  );
}

function mutation(spec: Spec): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ op: fc.constant("delete" as const), pick: fc.nat() }),
    { weight: 3, arbitrary: fc.record({ op: fc.constant("set" as const), pick: fc.nat(), value: nasty(spec) }) },
    fc.record({ op: fc.constant("extra" as const), pick: fc.nat(), key: extraKey(spec), value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), freeObject()) }),
  );
}

function apply(body: Record<string, Json>, fields: Field[], mutations: Mutation[]): Record<string, Json> {
  const out = structuredClone(body);
  const all = slots(fields);
  for (const mu of mutations) {
    const slot = all[mu.pick % all.length]!;
    // The holder object, created when a mutation reaches into an absent nested object.
    let holder: Record<string, Json> = out;
    let reachable = true;
    for (const k of slot.parent) {
      const next = Object.hasOwn(holder, k) ? holder[k] : undefined;
      if (next === undefined) {
        const created = {};
        put(holder, k, created);
        holder = created;
      } else if (typeof next === "object" && next !== null && !Array.isArray(next)) holder = next as Record<string, Json>;
      else {
        reachable = false;
        break;
      }
    }
    if (!reachable) continue;
    if (mu.op === "delete") delete holder[slot.field.key];
    else if (mu.op === "set") put(holder, slot.field.key, mu.value);
    else put(holder, mu.key, mu.value);
  }
  return out;
}

/** Bodies for one endpoint body: valid ones, mutated ones, and non-objects. */
export function bodies(spec: Spec, e: Endpoint, kind: "request" | "response", successCode: string, serviceCodes: string[], envelope: string[]): fc.Arbitrary<Json> {
  const codeField = spec.api!.responseCodeField;
  const shapes: { shape: Shape; fields: Field[]; arb: fc.Arbitrary<Record<string, Json>> }[] = [];
  if (kind === "request") shapes.push({ shape: "request", fields: e.request.fields, arb: validObject(e.request.fields, "request") });
  else {
    const success = validObject(e.response.fields, "success").map((b) => ({ ...b, [codeField]: successCode }));
    const errorFields = e.response.fields.filter((f) => envelope.includes(f.key));
    const error = fc.tuple(validObject(errorFields, "error"), fc.constantFrom(...serviceCodes.filter((c) => c !== successCode))).map(([b, code]) => ({ ...b, [codeField]: code }));
    shapes.push({ shape: "success", fields: e.response.fields, arb: success }, { shape: "error", fields: e.response.fields, arb: error });
  }
  const valid = fc.oneof(...shapes.map((s) => s.arb));
  const mutated = fc.oneof(...shapes.map((s) => fc.tuple(s.arb, fc.array(mutation(spec), { minLength: 1, maxLength: 3 })).map(([b, ms]) => apply(b, s.fields, ms))));
  const junk = fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 }), fc.array(fc.jsonValue({ maxDepth: 1 })), fc.string());
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 8, arbitrary: mutated }, { weight: 1, arbitrary: junk });
}
