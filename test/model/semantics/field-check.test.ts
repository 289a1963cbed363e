// model/semantics/field-check.ts, in process and table-driven: what each rule of a field table
// says about a value, and the one repair rule that makes a sample a fixture (spec/README.md,
// "Fixtures of a profile start from the document's samples").
import { describe, expect, it } from "vitest";
import { conformBody, plainValue, valueProblem } from "../../../generator/model/semantics/field-check.ts";
import type { Field } from "../../../generator/model/types.ts";

function field(key: string, extra: Partial<Field> = {}): Field {
  return { name: key, key, dataType: null, type: "string", presence: "M", condition: null, length: null, maxLength: null, format: null, pattern: null, amount: null, values: [], nullable: false, description: null, fields: [], errata: [], ...extra };
}

describe("valueProblem", () => {
  const cases: [string, Field, unknown, string | null][] = [
    ["a plain string", field("a"), "anything", null],
    ["null, not nullable", field("a"), null, "is null"],
    ["null, nullable", field("a", { nullable: true }), null, null],
    ["a number for a string", field("a"), 1, "is not a string"],
    ["an array for an object", field("a", { type: "object" }), [], "is not an object"],
    ["Infinity for a number", field("a", { type: "number" }), Infinity, "is not a number"],
    ["maxLength in code points: 2 astral characters", field("a", { maxLength: 2 }), "😀😀", null],
    ["over maxLength", field("a", { maxLength: 2 }), "abc", "is longer than 2 characters"],
    ["not one of its values", field("a", { values: [{ value: "IDR", meaning: "" }] }), "USD", "is not one of IDR"],
    ["a date that is no day", field("a", { format: "date" }), "2023-02-29", "is not a date YYYY-MM-DD (a real calendar date)"],
    ["a leap day", field("a", { format: "date" }), "2024-02-29", null],
    ["a time past 23:59:59", field("a", { format: "time" }), "24:00:00", "is not a time HH:mm:ss (hour 00–23, minute and second 00–59, no fraction, no zone)"],
    ["an amount with three decimals", field("a", { format: "amount", amount: { precision: 16, scale: 2 } }), "1.000", "is not an amount (16,2): 1 to 14 digits, a dot and exactly 2 decimals, no separators, e.g. 10000.00"],
    ["a pattern missed", field("a", { pattern: "^[A-Z]{3}$" }), "abc", "does not match ^[A-Z]{3}$"],
  ];
  it.each(cases)("%s", (_name, f, value, problem) => expect(valueProblem(f, value)).toBe(problem));
});

describe("plainValue", () => {
  it("is the first value, a format's or pattern's example, 0, false, [], or an object of the required fields; none for any string", () => {
    expect(plainValue(field("a", { values: [{ value: "POS", meaning: "" }, { value: "APP", meaning: "" }] }), "request")).toBe("POS");
    expect(plainValue(field("a", { format: "currency" }), "request")).toBe("XXX");
    expect(plainValue(field("a", { format: "amount", amount: { precision: 16, scale: 2 } }), "request")).toBe("0.00");
    expect(plainValue(field("a", { pattern: "^[A-Z]{3}-[0-9]{2}$" }), "request")).toMatch(/^[A-Z]{3}-[0-9]{2}$/);
    expect(plainValue(field("a", { type: "number" }), "request")).toBe(0);
    expect(plainValue(field("a", { type: "object", fields: [field("b", { type: "boolean" }), field("c", { presence: "O" })] }), "request")).toEqual({ b: false });
    expect(plainValue(field("a"), "request")).toBeUndefined();
    expect(plainValue(field("a", { type: "object", fields: [field("b")] }), "request")).toBeUndefined();
  });
});

describe("conformBody", () => {
  const fields = [
    field("name", { maxLength: 4 }),
    field("currency", { values: [{ value: "IDR", meaning: "" }] }),
    field("info", { type: "object", presence: "O", fields: [field("terminal", { pattern: "^T[0-9]{2}$" })] }),
    field("free", { type: "object", presence: "O" }),
    field("note", { presence: "O" }),
  ];

  it("leaves a body that fits as it is, and says nothing", () => {
    const body = { name: "Ab", currency: "IDR", info: { terminal: "T01" }, free: { anything: [1] } };
    expect(conformBody(body, fields, "request")).toEqual({ body, repairs: [], unfilled: [] });
  });

  it("cuts a long string, replaces what its field refuses, fills what is required, leaves out undeclared keys; a free object's content is kept", () => {
    const r = conformBody({ name: "Merchant", currency: "USD", info: { channel: "app" }, free: { x: 1 }, extra: true }, fields, "request");
    expect(r.body).toEqual({ name: "Merc", currency: "IDR", info: { terminal: expect.stringMatching(/^T[0-9]{2}$/) }, free: { x: 1 } });
    expect(r.repairs.map((x) => [x.path, x.problem, x.before, x.after === undefined ? undefined : typeof x.after])).toEqual([
      ["extra", "is not a field of the body", true, undefined],
      ["name", "is longer than 4 characters", "Merchant", "string"],
      ["currency", "is not one of IDR", "USD", "string"],
      ["info.channel", "is not a field of the body", "app", undefined],
      ["info.terminal", "is required and missing", undefined, "string"],
    ]);
    expect(r.unfilled).toEqual([]);
  });

  it("a required field that allows any string, missing or refused, is unfilled, at its index path", () => {
    const r = conformBody({ currency: "IDR", info: { terminal: "T01" } }, [field("id"), ...fields.slice(1)], "request");
    expect(r.unfilled).toEqual([{ path: "id", indexes: [0], problem: "is required and missing" }]);
    expect(conformBody({ id: 7, currency: "IDR" }, [field("id"), fields[1]!], "request").unfilled).toEqual([{ path: "id", indexes: [0], problem: "is not a string" }]);
  });

  it("a key __proto__ stays data: an own key of the fixture, no prototype set", () => {
    const sample = JSON.parse('{"__proto__":{"polluted":true},"currency":"IDR"}') as Record<string, unknown>;
    const r = conformBody(sample, [field("__proto__", { type: "object" }), fields[1]!], "request");
    expect(Object.getPrototypeOf(r.body)).toBe(Object.prototype);
    expect(Object.hasOwn(r.body, "__proto__")).toBe(true);
    expect((r.body as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
