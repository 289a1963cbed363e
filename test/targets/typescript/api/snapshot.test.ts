// The snapshot a valid body returns (targets/typescript/api/snapshot.ts), run as the generated
// statements are: fields every valid body has go in one literal, the rest are stored when present,
// and a field named "__proto__" is defined as data, never set as the prototype (not even in the literal).
import { describe, expect, it } from "vitest";
import { buildSnapshot, Locals, type Held } from "../../../../generator/targets/typescript/api/snapshot.ts";

/** Runs the built statements with the locals given and returns the snapshot. */
function run(held: Held[], values: Record<string, unknown>): Record<string, unknown> {
  const body = buildSnapshot("o0", held, 0).replace(/: Record<string, unknown>/g, "");
  const names = Object.keys(values);
  return new Function(...names, `${body}\nreturn o0;`)(...names.map((n) => values[n])) as Record<string, unknown>;
}

describe("the validators' snapshot", () => {
  const locals = new Locals();
  const id = locals.hold("id", "id", { required: true, nullable: false, children: null });
  const note = locals.hold("note", "note", { required: false, nullable: false, children: null });
  const proto = locals.hold("__proto__", "__proto__", { required: true, nullable: false, children: null });
  const amountValue = locals.hold("amount.value", "value", { required: true, nullable: false, children: null });
  const amount = locals.hold("amount", "amount", { required: false, nullable: true, children: [amountValue] });

  it("names locals after the key path, numbered on a collision", () => {
    expect([id.local, note.local, proto.local, amountValue.local, amount.local]).toEqual(["fieldId", "fieldNote", "fieldProto", "fieldAmountValue", "fieldAmount"]);
    expect(locals.hold("amount_value", "x", { required: false, nullable: false, children: null }).local).toBe("fieldAmountValue2");
  });

  it("holds what was read, leaves out what was absent, and keeps a nullable object's null", () => {
    const values = { fieldId: "A", fieldNote: undefined, fieldProto: "p", fieldAmount: {}, fieldAmountValue: "1.00" };
    const snapshot = run([id, note, proto, amount], values);
    expect(snapshot).toEqual({ id: "A", ["__proto__"]: "p", amount: { value: "1.00" } });
    expect(Object.keys(snapshot)).toEqual(["id", "__proto__", "amount"]);
    expect(run([amount], { fieldAmount: null, fieldAmountValue: undefined })).toEqual({ amount: null });
  });

  it("defines __proto__ as data: an object there never becomes the prototype", () => {
    const payload = { polluted: true };
    const snapshot = run([id, proto], { fieldId: "A", fieldProto: payload });
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype);
    expect(Object.hasOwn(snapshot, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(snapshot, "__proto__")?.value).toBe(payload);
    expect((snapshot as { polluted?: unknown }).polluted).toBeUndefined();
    expect(buildSnapshot("o0", [id, proto], 0).split("\n")[0]).toBe('const o0: Record<string, unknown> = { "id": fieldId };');
  });
});
