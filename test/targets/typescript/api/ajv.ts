// ajv (draft 2020-12, allErrors) + ajv-formats over the emitted JSON Schemas,
// and the strict-mode twin of a schema, derived here independently of the
// generator: additionalProperties: false on every subschema with type
// "object" and properties (bodies and declared nested objects; free objects
// such as additionalInfo declare no properties, a response root only branches).
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Harness } from "./harness.ts";

type AnyFn = (...args: never[]) => unknown;
const pick = <T extends AnyFn>(m: T | { default: T }): T => ((m as { default?: T }).default ?? m) as T;
const Ajv2020 = pick(Ajv2020Module as unknown as AnyFn) as unknown as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
  validateSchema(schema: object): boolean;
};
const addFormats = pick(addFormatsModule as unknown as AnyFn) as unknown as (ajv: object) => void;

export type AjvValidate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

export function newAjv(strict = false): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ allErrors: true, strict });
  addFormats(ajv);
  return ajv;
}

export function strictVariant(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictVariant);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "enum" || k === "const") out[k] = v;
    else if (k === "properties" || k === "$defs") out[k] = Object.fromEntries(Object.entries(v as object).map(([name, s]) => [name, strictVariant(s)]));
    else out[k] = strictVariant(v);
  }
  const type = out.type;
  if ((type === "object" || (Array.isArray(type) && type.includes("object"))) && out.properties) out.additionalProperties = false;
  return out;
}

/** Schema file name -> ajv validators for the schema and its strict twin. */
export function compileSchemas(h: Harness): Map<string, { loose: AjvValidate; strict: AjvValidate }> {
  const ajv = newAjv();
  const out = new Map<string, { loose: AjvValidate; strict: AjvValidate }>();
  for (const [name, schema] of h.schemas) out.set(name, { loose: ajv.compile(schema), strict: ajv.compile(strictVariant(schema) as object) });
  return out;
}
