// Validators never throw and never write: hostile shapes, deep nesting, huge
// strings, prototype keys. Object.prototype stays clean.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { errorPairs, harness, loadSpec, validator, type Harness, type ValidationResult } from "./harness.ts";

const spec = loadSpec();
let h: Harness;
beforeAll(async () => {
  h = await harness();
});

type Validate = (input: unknown, options?: unknown) => ValidationResult;
function all(): { name: string; validate: Validate }[] {
  return spec.api!.endpoints.flatMap((e) => (["request", "response"] as const).map((k) => ({ name: `${e.key} ${k}`, validate: validator(h, e.key, k) as Validate })));
}

function sample(key: string, kind: "request" | "response"): Record<string, unknown> {
  const s = spec.api!.endpoints.find((e) => e.key === key)!.samples.find((x) => x.kind === kind)!;
  return JSON.parse(s.body);
}

function deep(depth: number): unknown {
  let x: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) x = i % 2 ? { n: x } : [x];
  return x;
}

function deepFreeze<T>(x: T): T {
  if (typeof x === "object" && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

const boom = () => {
  throw new Error("boom");
};

describe("never throws", () => {
  const odd: [string, unknown][] = [
    ["null", null],
    ["undefined", undefined],
    ["an array", []],
    ["an array of objects", [{ responseCode: "2006000" }]],
    ["a number", 2006000],
    ["a string", "{\"responseCode\":\"2006000\"}"],
    ["a boolean", false],
    ["a function", () => 1],
    ["a symbol", Symbol("x")],
    ["a bigint", 1n],
  ];

  it.each(odd)("rejects %s as a non-object body", (_label, input) => {
    for (const { validate } of all()) for (const strict of [false, true]) expect(errorPairs(validate(input, { strict }))).toEqual([["", "type"]]);
  });

  it("reads a Map or a Date as an object without properties (as JSON Schema would)", () => {
    const r = validator(h, "Notify", "response")(new Map([["responseCode", "2007900"]]));
    expect(errorPairs(r)).toEqual([
      ["/responseCode", "required"],
      ["/responseMessage", "required"],
    ]);
    expect(validator(h, "Query", "request")(new Date(0)).ok).toBe(true);
  });

  it("accepts any options value without throwing", () => {
    for (const { validate } of all()) for (const o of [null, 1, "strict", { strict: "yes" }, { strict: 1 }, [], Object.create(null)]) expect(() => validate({}, o)).not.toThrow();
  });

  it("reports a throwing getter, a throwing proxy and a revoked proxy as rule exception", () => {
    const getter = Object.defineProperty({}, "responseCode", { get: boom, enumerable: true });
    const getter2 = Object.defineProperty({}, "partnerReferenceNo", { get: boom, enumerable: true });
    const proxy = new Proxy({}, { get: boom, ownKeys: boom, has: boom, getOwnPropertyDescriptor: boom });
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const { validate } of all()) {
      for (const input of [getter, getter2, proxy, revoked]) {
        const r = validate(input, { strict: true });
        expect(r.ok).toBe(false);
        if (!r.ok && r.errors.some((e) => e.rule === "exception")) expect(r.errors).toEqual([{ path: "", rule: "exception", message: expect.stringContaining("could not be read"), field: null }]);
      }
      const r = validate(proxy);
      expect(errorPairs(r)).toEqual([["", "exception"]]);
      expect(errorPairs(validate(revoked))).toEqual([["", "exception"]]);
    }
  });

  it("survives a thrown value whose message getter throws", () => {
    const evil = new Proxy(new Error("x"), { get: boom });
    const input = Object.defineProperty({}, "responseCode", {
      get() {
        throw evil;
      },
    });
    const r = validator(h, "Payment", "response")(input);
    expect(errorPairs(r)).toEqual([["", "exception"]]);
  });

  it("handles deep nesting inside free objects and where objects are declared", () => {
    const nest = deep(100_000);
    const body = { ...sample("Payment", "request"), expiryTime: "2020-12-23T07:54:11+07:00", additionalInfo: { x: nest }, items: { y: nest } };
    expect(validator(h, "Payment", "request")(body).ok).toBe(true);
    expect(validator(h, "Payment", "request")(body, { strict: true }).ok).toBe(true);
    const bad = { ...body, amount: [nest], feeAmount: nest, scannerInfo: { deviceId: nest } };
    expect(errorPairs(validator(h, "Payment", "request")(bad))).toEqual([
      ["/amount", "type"],
      ["/feeAmount/currency", "required"],
      ["/feeAmount/value", "required"],
      ["/scannerInfo/deviceId", "type"],
    ]);
  });

  // Speed is the benchmarks' business (npm run bench), never a timing assertion here.
  it("handles huge strings and huge keys, with short messages", () => {
    const huge = "9".repeat(20_000_000);
    const body = { ...sample("Payment", "request"), partnerReferenceNo: huge, expiryTime: huge, amount: { value: huge, currency: huge }, [huge.slice(0, 1_000_000)]: 1 };
    const r = validator(h, "Payment", "request")(body, { strict: true });
    expect(errorPairs(r)).toEqual([
      ["/" + "9".repeat(1_000_000), "additionalProperties"],
      ["/amount/currency", "currency"],
      ["/amount/currency", "maxLength"],
      ["/amount/value", "amount"],
      ["/expiryTime", "date-time"],
      ["/expiryTime", "maxLength"],
      ["/partnerReferenceNo", "maxLength"],
    ]);
    if (!r.ok) for (const e of r.errors) expect(e.message.length).toBeLessThan(400);
  });
});

describe("never throws (fuzzed)", () => {
  it("returns a well-formed verdict for any value, and for bodies of declared keys holding any value", () => {
    const keys = [...new Set(spec.api!.endpoints.flatMap((e) => [...e.request.fields, ...e.response.fields]).flatMap((f) => [f.key, ...f.fields.map((c) => c.key)]))];
    const anything = fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withTypedArray: true, withSparseArray: true, withDate: true });
    const body = fc.dictionary(fc.oneof(fc.constantFrom(...keys, "__proto__", "constructor"), fc.string()), fc.oneof(anything, fc.dictionary(fc.constantFrom(...keys), anything)));
    const validators = all();
    fc.assert(
      fc.property(fc.oneof(anything, body), fc.nat(validators.length - 1), fc.boolean(), (input, i, strict) => {
        const r = validators[i]!.validate(input, { strict });
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(e.path === "" || e.path.startsWith("/")).toBe(true);
            expect(typeof e.rule).toBe("string");
            expect(typeof e.message).toBe("string");
            expect(e.field === null || typeof e.field === "string").toBe(true);
            expect(e.rule).not.toBe("exception");
          }
        } else {
          // A new plain object holding only what was read from the input's own properties.
          expect(r.value).not.toBe(input);
          expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
          for (const key of Object.keys(r.value as object)) expect(Object.hasOwn(input as object, key), key).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe("reads own properties once, into a snapshot (issue 18, finding 5)", () => {
  const valid = () => ({ ...sample("Payment", "request"), expiryTime: "2020-12-23T07:54:11+07:00" });

  it("refuses a body whose fields are all inherited: Object.create(valid) is {} to JSON", () => {
    const payment = validator(h, "Payment", "request");
    const inherited = Object.create(valid());
    expect(JSON.stringify(inherited)).toBe("{}");
    for (const strict of [false, true])
      expect(errorPairs(payment(inherited, { strict }))).toEqual([
        ["/expiryTime", "required"],
        ["/merchantId", "required"],
        ["/partnerReferenceNo", "required"],
        ["/qrContent", "required"],
      ]);
    // In a declared nested object too; a class instance's own fields still count.
    const nested = { ...valid(), amount: Object.create({ value: "1.00", currency: "IDR" }) };
    expect(errorPairs(payment(nested))).toEqual([["/amount/currency", "required"], ["/amount/value", "required"]]);
    class Body {
      constructor(fields: object) {
        Object.assign(this, fields);
      }
    }
    const instance = payment(new Body(valid()), { strict: true });
    expect(instance.ok).toBe(true);
    if (instance.ok) expect(instance.value).toEqual(valid());
  });

  it("does not take a field from a polluted Object.prototype", () => {
    const payment = validator(h, "Payment", "request");
    const body: Record<string, unknown> = valid();
    delete body.merchantId;
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto.merchantId = "00007100010926";
      proto.amount = { value: "1.00" };
      const r = payment(body);
      expect(errorPairs(r)).toEqual([["/merchantId", "required"]]);
      const ok = payment({ ...valid(), amount: { currency: "IDR", value: "1.00" } });
      expect(ok.ok).toBe(true);
      if (ok.ok) expect(Object.keys(ok.value as object)).not.toContain("polluted");
    } finally {
      delete proto.merchantId;
      delete proto.amount;
    }
    // Keys Object.prototype has by itself are never inherited either.
    const response = validator(h, "Payment", "response");
    expect(errorPairs(response({}))).toContainEqual(["/responseCode", "required"]);
  });

  it("validates what it read: a Proxy or getter that changes between reads cannot change the value returned", () => {
    const payment = validator(h, "Payment", "request");
    const reads = new Map<PropertyKey, number>();
    let calls = 0;
    const changing = new Proxy(valid(), {
      get(target, key, receiver) {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        // Valid on the first read of each key, a number on every later one.
        return (reads.get(key) ?? 0) > 1 ? 12345 : Reflect.get(target, key, receiver);
      },
    });
    const r = payment(changing, { strict: true });
    expect(r.ok).toBe(true);
    for (const [key, n] of reads) expect(n, String(key)).toBe(1);
    if (!r.ok) return;
    expect(r.value).not.toBe(changing);
    expect(r.value).toEqual(valid());
    // The value still validates; the input no longer does.
    expect(payment(r.value, { strict: true }).ok).toBe(true);
    expect(payment(changing).ok).toBe(false);

    const flipping = { ...valid(), get merchantId() {
      calls++;
      return calls === 1 ? "00007100010926" : null;
    } };
    const g = payment(flipping);
    expect(calls).toBe(1);
    expect(g.ok && (g.value as Record<string, unknown>).merchantId).toBe("00007100010926");
  });

  it("returns declared fields only, in plain objects; free objects are the input's own", () => {
    const payment = validator(h, "Payment", "request");
    const body: Record<string, unknown> = { ...valid(), extra: "not declared", amount: { value: "1.00", currency: "IDR", note: "x" } };
    expect(body.additionalInfo).toBeTypeOf("object");
    const r = payment(body);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as Record<string, unknown>;
    expect(value).not.toHaveProperty("extra");
    expect(value.amount).toEqual({ value: "1.00", currency: "IDR" });
    expect(value.amount).not.toBe(body.amount);
    expect(value.additionalInfo).toBe(body.additionalInfo);
    // An own "__proto__" data property stays data, and the snapshot's prototype is Object.prototype.
    const withProto = JSON.parse(JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"merchantId":7},'));
    const p = payment(withProto);
    expect(p.ok).toBe(true);
    if (p.ok) expect(Object.getPrototypeOf(p.value)).toBe(Object.prototype);
  });
});

describe("never writes, never pollutes", () => {
  it("reads __proto__, constructor and prototype keys as ordinary data", () => {
    const payment = validator(h, "Payment", "request");
    const base = { ...sample("Payment", "request"), expiryTime: "2020-12-23T07:54:11+07:00" };
    const withProto = JSON.parse(JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":true,"partnerReferenceNo":7},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true},'));
    expect(Object.hasOwn(withProto, "__proto__")).toBe(true);
    expect(payment(withProto).ok).toBe(true);
    expect(errorPairs(payment(withProto, { strict: true }))).toEqual([
      ["/__proto__", "additionalProperties"],
      ["/constructor", "additionalProperties"],
      ["/prototype", "additionalProperties"],
    ]);
    // Missing fields are not found on the prototype chain of an object whose own __proto__ key holds them.
    const missing = JSON.parse('{"__proto__":{"partnerReferenceNo":"x","qrContent":"x","merchantId":"x","expiryTime":"2020-12-23T07:54:11+07:00"}}');
    expect(errorPairs(payment(missing))).toEqual([
      ["/expiryTime", "required"],
      ["/merchantId", "required"],
      ["/partnerReferenceNo", "required"],
      ["/qrContent", "required"],
    ]);
    // Nested declared objects too.
    const nested = { ...base, amount: JSON.parse('{"__proto__":{"x":1},"value":"1.00","currency":"IDR"}') };
    expect(errorPairs(payment(nested, { strict: true }))).toEqual([["/amount/__proto__", "additionalProperties"]]);
  });

  it("accepts null-prototype bodies", () => {
    const body = Object.assign(Object.create(null), { ...sample("Payment", "request"), expiryTime: "2020-12-23T07:54:11+07:00" });
    expect(validator(h, "Payment", "request")(body, { strict: true }).ok).toBe(true);
  });

  it("does not write into the input (deeply frozen bodies validate as before)", () => {
    for (const e of spec.api!.endpoints)
      for (const kind of ["request", "response"] as const) {
        const body = deepFreeze(sample(e.key, kind));
        const before = JSON.stringify(body);
        const validate = validator(h, e.key, kind);
        const r = validate(body, { strict: true });
        expect(r.ok || !r.errors.some((x) => x.rule === "exception")).toBe(true);
        expect(JSON.stringify(body)).toBe(before);
      }
  });

  it("leaves Object.prototype and Array.prototype untouched", () => {
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const arrayKeys = Object.getOwnPropertyNames(Array.prototype).sort();
    const bodies = [
      JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
      JSON.parse('{"responseCode":"2006000","__proto__":{"polluted":true},"amount":{"__proto__":{"polluted":true}}}'),
      JSON.parse('{"additionalInfo":{"__proto__":{"polluted":true}},"amount":{"constructor":{"prototype":{"polluted":true}}}}'),
    ];
    for (const { validate } of all()) for (const b of bodies) for (const strict of [false, true]) validate(b, { strict });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
