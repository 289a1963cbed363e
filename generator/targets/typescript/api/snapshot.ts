/**
 * The snapshot a validator returns as `value`: each declared field is read from
 * the input once, into a local, and checked there; only when the body is valid
 * are the locals put together into a new plain object. A getter or Proxy that
 * changes between reads cannot change what was validated, and the invalid path
 * (which the benchmark holds at 3× ajv) builds nothing.
 */
import { lit } from "../ts-module.ts";

/** One declared field held in a local: its key, and for a declared object the fields held inside it. */
export interface Held {
  key: string;
  local: string;
  /** Whether a valid body always has it (mandatory where it is read), so the snapshot's literal can hold it. */
  required: boolean;
  /** Whether the field may be null (a nullable declared object is kept as null). */
  nullable: boolean;
  /** null unless the field is a declared object, whose snapshot is built from these. */
  children: Held[] | null;
}

/** The locals of one validator function. Their "field" prefix keeps them apart from its other names. */
export class Locals {
  private readonly names = new Set<string>();
  private readonly order: string[] = [];

  /** A camelCase local for a dotted key path: "amount.value" -> fieldAmountValue (numbered when two paths collide). */
  hold(path: string, key: string, field: { required: boolean; nullable: boolean; children: Held[] | null }): Held {
    const words = path.match(/[A-Za-z0-9]+/g) ?? [];
    const base = `field${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("")}`;
    let local = base;
    for (let i = 2; this.names.has(local); i++) local = `${base}${i}`;
    this.names.add(local);
    this.order.push(local);
    return { key, local, ...field };
  }

  /** The declarations, at the top of the function: every local starts undefined (a field not read stays so). */
  declarations(): string {
    return this.order.map((local) => `let ${local}: unknown;`).join("\n");
  }
}

/** Stores a value in a snapshot: defined, not assigned, for "__proto__" (assignment would set the prototype). */
export function put(obj: string, key: string, value: string): string {
  return key === "__proto__"
    ? `Object.defineProperty(${obj}, "__proto__", { value: ${value}, enumerable: true, writable: true, configurable: true });`
    : `${obj}[${lit(key)}] = ${value};`;
}

/**
 * The expression of a declared object's snapshot: an object literal of the fields a valid body always has (one
 * allocation, in the literal's shape), then a statement per field it may lack. On a valid body a declared object that
 * is present is an object, or null where the field is nullable, so the build needs no more checks.
 */
export function buildSnapshot(obj: string, held: Held[], depth: number): string {
  // Not "__proto__": as a literal's key it would set the prototype; put() defines it as data instead.
  const always = held.filter((h) => h.required && !h.children && h.key !== "__proto__");
  const entries = always.map((h) => `${lit(h.key)}: ${h.local}`);
  const out = [`const ${obj}: Record<string, unknown> = { ${entries.join(", ")} };`];
  for (const h of held) {
    if (always.includes(h)) continue;
    if (!h.children) {
      out.push(`if (${h.local} !== undefined) ${put(obj, h.key, h.local)}`);
      continue;
    }
    const inner = `o${depth + 1}`;
    out.push(
      ...(h.nullable ? [`if (${h.local} === null) ${put(obj, h.key, "null")}`, `else if (${h.local} !== undefined) {`] : [`if (${h.local} !== undefined) {`]),
      buildSnapshot(inner, h.children, depth + 1),
      put(obj, h.key, inner),
      `}`,
    );
  }
  return out.join("\n");
}
