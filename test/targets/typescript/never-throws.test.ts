// Every exported runtime function of every generated package (found through
// specIds(), not listed) never throws, whatever the value: 100,000 hostile values
// per package (fast-check's `anything` with null prototypes, boxed values, maps,
// typed arrays, bigints, plus revoked proxies, throwing getters, toString,
// valueOf and Symbol.toPrimitive, symbols, huge strings and prototype keys),
// each passed to every function, in each argument position. What comes back must
// also be a well-formed answer: a value that is not a string is malformed, never
// success. And each answer is then attacked (every way an object can be changed,
// vandalize.ts; the caller's own inputs left alone; one validator verdict in eight):
// after the run, every function answers a fixed set of calls as it did before, and
// every exported table is as it was. Speed is the benchmarks' business: no timing assertion here.
import fc from "fast-check";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, specIds } from "../../helpers.ts";
import { changed, exportedTables, probes, reachable, record, vandalize, type Probe } from "./vandalize.ts";

const RUNS = 100_000;
const ids = specIds();

// One error, thrown every time: building a fresh one (its stack) was a tenth of the run.
const BOOM = new Error("boom");
const boom = (): never => {
  throw BOOM;
};

/** Values written to break a reader: each one throws on some common way of looking at it. */
function hostileSpecials(): unknown[] {
  const revoked = (target: object) => {
    const { proxy, revoke } = Proxy.revocable(target, {});
    revoke();
    return proxy;
  };
  const allTraps = { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom, defineProperty: boom, set: boom, apply: boom };
  const getter = (key: string) => Object.defineProperty({}, key, { get: boom, enumerable: true });
  const nullProto = Object.create(null) as Record<string, unknown>;
  const nullProtoCode = Object.assign(Object.create(null), { responseCode: "2006000", code: "00" }) as object;
  const fn = Object.assign(() => "00", { toString: boom });
  return [
    revoked({}),
    revoked([]),
    revoked(() => 0),
    new Proxy({}, allTraps),
    new Proxy([], allTraps),
    new Proxy(() => 0, allTraps),
    nullProto,
    nullProtoCode,
    { toString: boom },
    { valueOf: boom, toString: boom },
    { [Symbol.toPrimitive]: boom },
    Object.assign(Object.create(null), { toString: boom, [Symbol.toPrimitive]: boom }),
    getter("responseCode"),
    getter("code"),
    getter("strict"),
    getter("length"),
    Object.defineProperty([], "0", { get: boom }),
    fn,
    Symbol("x"),
    Symbol.iterator,
    Object(Symbol("boxed")),
    1n,
    -(2n ** 64n),
    Object(1n),
    new String("00"),
    new Number(0),
    0,
    -0,
    NaN,
    Infinity,
    200,
    2006000,
    "",
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "00\n",
    "\u0000",
    "\ud800",
    "9".repeat(100_000),
    [],
    [["00"]],
    new Date(NaN),
    new Map([["responseCode", "2006000"]]),
    Promise.resolve("00"),
    new WeakRef({}),
  ];
}

const specials = hostileSpecials();
const anything = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

interface Pkg {
  id: string;
  module: Record<string, unknown>;
  functions: [string, (...args: unknown[]) => unknown][];
  /** Known codes of the package, so well-formed and listed codes are in the mix too. */
  codes: string[];
  contexts: string[];
  /** A fixed set of calls and their answers before the fuzz, and the exported tables as they were. */
  probes: Probe[];
  before: unknown[];
  tables: [string, unknown][];
  tablesBefore: string[];
}

let pkgs: Pkg[] = [];
beforeAll(async () => {
  pkgs = await Promise.all(
    ids.map(async (id) => {
      const module = (await import(join(repoRoot, "generated", id, "dist", "index.js"))) as Record<string, unknown>;
      const functions = Object.entries(module).filter((e): e is [string, (...args: unknown[]) => unknown] => typeof e[1] === "function");
      const codeConst = Object.entries(module).find(([k, v]) => /Code$/.test(k) && typeof v === "object" && v !== null && !Array.isArray(v))?.[1] as Record<string, string>;
      const contexts = Object.entries(module).find(([k]) => /Contexts$/.test(k))?.[1] as Record<string, unknown> | undefined;
      const fixtures = (await import(join(repoRoot, "generated", id, "dist", "fixtures.js"))) as Record<string, unknown>;
      const codes = Object.values(codeConst ?? {});
      const ps = probes(module, fixtures, codes);
      const tables = exportedTables([module, fixtures]);
      return { id, module, functions, codes, contexts: Object.keys(contexts ?? {}), probes: ps, before: record(ps), tables, tablesBefore: tables.map(([, v]) => JSON.stringify(v)) };
    }),
  );
});

/**
 * A recipe for a hostile value: fast-check inspects every value it generates (for a clone
 * method), which the specials would throw on, so it generates recipes and the property
 * builds the values.
 */
type Recipe = { value: unknown } | { special: number } | { body: string; inner: Recipe };

function build(r: Recipe): unknown {
  if ("special" in r) return specials[r.special];
  if ("body" in r) return { [r.body]: build(r.inner) };
  return r.value;
}

/** The hostile values every package gets: fast-check's `anything`, the specials, code-shaped values, bodies holding either. */
function hostile(codes: string[]): fc.Arbitrary<Recipe> {
  const codeLike = fc.oneof(
    fc.constantFrom(...codes),
    fc.constantFrom(...codes).map((c) => Number(c)),
    fc.constantFrom(...codes).map((c) => ` ${c}`),
    fc.stringMatching(/^[0-9A-Z]{1,8}$/),
  );
  const special = fc.nat(specials.length - 1).map((i): Recipe => ({ special: i }));
  const plain = fc.oneof({ weight: 2, arbitrary: anything }, { weight: 1, arbitrary: codeLike }).map((value): Recipe => ({ value }));
  const body = fc.record({ body: fc.constantFrom("responseCode", "code", "amount", "partnerReferenceNo", "__proto__"), inner: fc.oneof(special, plain) });
  return fc.oneof({ weight: 5, arbitrary: plain }, { weight: 2, arbitrary: special }, { weight: 1, arbitrary: body });
}

/** What a function's answer must look like, by its role (from its name); an empty string is fine. */
function wrongAnswer(name: string, input: unknown, r: unknown): string {
  const o = r as Record<string, unknown>;
  const notString = typeof input !== "string";
  if (/^is\w+Code$/.test(name)) return typeof r !== "boolean" ? "not a boolean" : notString && r ? "a non-string is a code" : "";
  if (/^describe\w+Code$/.test(name)) return notString && r !== undefined ? "a non-string has a row" : "";
  if (/^classify\w+Code$/.test(name)) {
    if (o.outcome === "success" && o.known !== true) return "success for a code the table does not list";
    if (notString && !(o.malformed === true && o.code === null && Object.is(o.input, input))) return "a non-string is not malformed";
    return typeof o.reason === "string" || o.known === true ? "" : "no reason";
  }
  if (/^classify\w+Response$/.test(name)) return o.outcome === "success" && o.known !== true ? "success without a listed code" : "";
  if (/^parse\w+ResponseCode$/.test(name)) return !["known", "unknown", "malformed"].includes(o.kind as string) ? "no kind" : notString && o.kind !== "malformed" ? "a non-string is not malformed" : "";
  if (/^check\w+HttpStatus$/.test(name)) return !["success", "pending", "failed"].includes(o.outcome as string) || typeof o.reason !== "string" ? "no verdict" : "";
  if (/^validate\w+$/.test(name)) return typeof o.ok !== "boolean" || (o.ok === false && !(Array.isArray(o.errors) && o.errors.length > 0)) ? "no verdict" : "";
  if (/ActionsFor$/.test(name)) return Array.isArray(r) ? "" : "not an array";
  return "";
}

describe("generated runtime functions never throw (fuzzed)", () => {
  it("finds every package and its functions", () => {
    expect(pkgs.map((p) => p.id)).toEqual(ids);
    for (const p of pkgs) {
      expect(p.functions.length, p.id).toBeGreaterThanOrEqual(3);
      expect(p.codes.length, p.id).toBeGreaterThan(0);
      // Every function has a rule above, so its answers are checked, not only its not throwing.
      for (const [name] of p.functions) expect(name, p.id).toMatch(/^(is\w+Code|describe\w+Code|classify\w+(Code|Response)|parse\w+ResponseCode|check\w+HttpStatus|validate\w+|\w+ActionsFor)$/);
    }
  });

  it.each(ids)(`%s: ${RUNS.toLocaleString("en")} hostile values, every function, every argument position`, (id) => {
    const p = pkgs.find((x) => x.id === id)!;
    let calls = 0;
    let attempts = 0;
    const done = new WeakSet<object>();
    fc.assert(
      fc.property(hostile(p.codes), hostile(p.codes), fc.nat(), (ra, rb, pick) => {
        const a = build(ra);
        const b = build(rb);
        const inputs = reachable(a, b);
        const theirs = (o: object) => inputs.has(o);
        for (const [name, fn] of p.functions) {
          // A classifier's second argument is its context: a typed choice, not input (an unknown one is a RangeError).
          const second = /^classify\w+Code$/.test(name) ? (p.contexts.length ? p.contexts[pick % p.contexts.length] : undefined) : b;
          let r: unknown;
          try {
            r = fn(a, second);
          } catch (error) {
            throw new Error(`${name} threw on ${describeValue(a)}, ${describeValue(second)}: ${String((error as Error)?.message)}`);
          }
          const wrong = wrongAnswer(name, a, r);
          if (wrong) throw new Error(`${name}(${describeValue(a)}): ${wrong}`);
          // A validator's verdict is built afresh on every call (its errors, its snapshot), so one in
          // eight is enough to hold that; every other function's answer is attacked on every call.
          if (!/^validate/.test(name) || calls % 8 === 0) attempts += vandalize(r, theirs, done).attempts;
          if (fn.length === 2 && !/^classify\w+Code$/.test(name)) {
            // The other position too: the HTTP status, the validator options.
            try {
              fn(b, a);
            } catch (error) {
              throw new Error(`${name} threw on ${describeValue(b)}, ${describeValue(a)}: ${String((error as Error)?.message)}`);
            }
          }
          calls++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(calls).toBeGreaterThanOrEqual(RUNS * p.functions.length);
    expect(attempts).toBeGreaterThan(RUNS);
    // Whatever was done to the answers, every later answer is the one given before the run.
    expect(changed(p.probes, p.before)).toEqual([]);
    expect(p.tables.map(([, v]) => JSON.stringify(v))).toEqual(p.tablesBefore);
  });

  it("every special value by itself, in every position (the cases the audit found)", () => {
    const failures: string[] = [];
    let calls = 0;
    for (const p of pkgs)
      for (const [name, fn] of p.functions)
        for (const a of specials)
          for (const b of fn.length === 2 && !/^classify\w+Code$/.test(name) ? [undefined, ...specials] : [undefined]) {
            const call = `${p.id} ${name}(${describeValue(a)}, ${describeValue(b)})`;
            calls++;
            try {
              const wrong = wrongAnswer(name, a, fn(a, b));
              if (wrong) failures.push(`${call}: ${wrong}`);
            } catch (error) {
              failures.push(`${call} threw: ${String((error as Error)?.message)}`);
            }
          }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(specials.length * specials.length);
  });
});

/** A value for a failure message, without touching it in a way that could throw. */
function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "number" || typeof v === "boolean" || v === undefined || v === null) return String(v);
  if (typeof v === "bigint") return `${v}n`;
  return `a ${typeof v}`;
}
