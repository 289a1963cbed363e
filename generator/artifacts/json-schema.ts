/**
 * JSON Schema (draft 2020-12) for every request and response body, one file
 * each: `<id>/schemas/<endpoint>-<request|response>.schema.json`. The schemas
 * encode exactly the validators' rules (validators.ts), from the same
 * patterns (formats.ts); the differential tests hold them to it.
 *
 * A response schema branches on the response code with if/then/else: the
 * service's success code selects `$defs/success` (the whole response table),
 * anything else `$defs/error` (the envelope, whose code must be another code
 * of the service). Strict mode is `additionalProperties: false` on every
 * subschema that has `type: "object"` and `properties` (bodies and declared
 * nested objects; free objects (no field table) declare no properties and
 * the root of a response only branches); the tests derive that variant.
 */
import type { Endpoint, Field, Spec } from "../model/types.ts";
import { jsonWithHeader, type GeneratedFile } from "../model/generated-file.ts";
import { stringFormat } from "../model/semantics/formats.ts";
import { apiFacts, isDeclaredObject, presenceIn, shapeFields, type ApiFacts, type EndpointFacts, type Shape } from "../model/semantics/api.ts";

type Schema = Record<string, unknown>;

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** A target's validator of a body, which a schema's description names ("Same rules as …"); null to name none. */
export type ValidatorName = (endpoint: Endpoint, body: "request" | "response") => string | null;

/** The schema file of an endpoint's body, inside the package's `schemas/` folder. */
export function schemaFileName(endpoint: Endpoint, body: "request" | "response"): string {
  return `${endpoint.key.toLowerCase()}-${body}.schema.json`;
}

export function emitJsonSchemas(spec: Spec, validatorName: ValidatorName = () => null): GeneratedFile[] {
  const facts = apiFacts(spec);
  const out: GeneratedFile[] = [];
  for (const e of facts.endpoints) {
    out.push({ path: `${spec.id}/schemas/${schemaFileName(e.endpoint, "request")}`, content: jsonWithHeader(spec, requestSchema(e, validatorName)), role: "data" });
    out.push({ path: `${spec.id}/schemas/${schemaFileName(e.endpoint, "response")}`, content: jsonWithHeader(spec, responseSchema(facts, e, validatorName)), role: "data" });
  }
  return out;
}

function sameRules(e: EndpointFacts, body: "request" | "response", validatorName: ValidatorName): string {
  const name = validatorName(e.endpoint, body);
  return name === null ? "" : ` Same rules as ${name}.`;
}

export function requestSchema(e: EndpointFacts, validatorName: ValidatorName = () => null): Schema {
  const ep = e.endpoint;
  return {
    $schema: DRAFT,
    title: `${ep.name} request (service ${ep.serviceCode})`,
    description: `Request body of ${ep.method} ${ep.path}.${sameRules(e, "request", validatorName)}`,
    ...objectSchema(ep.request.fields, "request"),
  };
}

export function responseSchema(m: ApiFacts, e: EndpointFacts, validatorName: ValidatorName = () => null): Schema {
  const ep = e.endpoint;
  const codeField = m.api.responseCodeField;
  const success = objectSchema(shapeFields(m, ep, "success"), "success");
  const error = objectSchema(shapeFields(m, ep, "error"), "error");
  const successCode = e.success.code;
  const otherCodes = e.codes.filter((c) => c !== e.success).map((c) => c.code);
  // The code's own schema, narrowed per branch: const in success, the other codes in error.
  const props = (s: Schema) => s.properties as Record<string, Schema>;
  props(success)[codeField] = { ...props(success)[codeField], const: successCode };
  props(error)[codeField] = { ...props(error)[codeField], enum: otherCodes };
  return {
    $schema: DRAFT,
    title: `${ep.name} response (service ${ep.serviceCode})`,
    description: `Response body of ${ep.method} ${ep.path}: with ${codeField} ${successCode} the full response, with any other code of service ${ep.serviceCode} the envelope (${m.envelope.join(", ")}).${sameRules(e, "response", validatorName)}`,
    type: "object",
    required: [codeField],
    if: { properties: { [codeField]: { const: successCode } }, required: [codeField] },
    then: { $ref: "#/$defs/success" },
    else: { $ref: "#/$defs/error" },
    $defs: {
      success: { description: `${codeField} ${successCode} (${e.success.message}): the full response table.`, ...success },
      error: { description: `Every other ${codeField} of service ${ep.serviceCode}: the envelope only.`, ...error },
    },
  };
}

function objectSchema(fields: Field[], shape: Shape): Schema {
  const required = fields.filter((f) => presenceIn(f, shape) !== "optional").map((f) => f.key);
  const properties: Record<string, Schema> = {};
  for (const f of fields) properties[f.key] = fieldSchema(f, shape);
  return { type: "object", ...(required.length ? { required } : {}), properties };
}

function fieldSchema(f: Field, shape: Shape): Schema {
  const s: Schema = {};
  if (f.description !== null) s.description = f.description;
  if (isDeclaredObject(f)) {
    // Nested objects of a response only exist in the success shape.
    const nested = objectSchema(f.fields, shape);
    Object.assign(s, nested);
    if (f.nullable) s.type = ["object", "null"];
    return s;
  }
  s.type = f.nullable ? [f.type, "null"] : f.type;
  if (f.type === "string") {
    if (f.maxLength !== null) s.maxLength = f.maxLength;
    const fmt = stringFormat(f);
    // date-time and date: the pattern is stricter than the format, which adds the day within the month; together
    // they are the validator's check. "time" is left out: JSON Schema's time requires a zone, HH:mm:ss has none.
    if (fmt?.kind === "date-time" || fmt?.kind === "date") s.format = fmt.kind;
    if (fmt) s.pattern = fmt.pattern;
    if (f.pattern !== null) s.pattern = f.pattern;
    if (f.values.length) s.enum = [...f.values.map((v) => v.value), ...(f.nullable ? [null] : [])];
  }
  return s;
}
