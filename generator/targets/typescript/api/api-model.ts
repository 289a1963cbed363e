/**
 * What every TypeScript API emitter derives from the Spec the same way: generated
 * names, beside the API's facts (the HTTP-status and service parts, each endpoint's
 * codes and success code, the error envelope), which model/semantics/api.ts reads.
 * Nothing here names a provider; a spec the emitters cannot read fails loudly.
 */
import { pascal } from "../../../model/identifiers.ts";
import { isSafeIdentifier } from "../names.ts";
import { apiFacts, isDeclaredObject, shapeFields as semanticFields, type Shape } from "../../../model/semantics/api.ts";
import type { Api, Code, CompositePart, Endpoint, Field, Spec } from "../../../model/types.ts";


export interface EndpointModel {
  endpoint: Endpoint;
  key: string;
  /** Lower-case key, for file names. */
  file: string;
  /** Every code of the endpoint's service, in table order. */
  codes: Code[];
  /** The service's HTTP 200 code: the one response that carries the full body. */
  success: Code;
  names: {
    request: string;
    response: string;
    successResponse: string;
    errorResponse: string;
    responseCode: string;
    validateRequest: string;
    validateResponse: string;
    requestSchema: string;
    responseSchema: string;
  };
}

export interface ApiModel {
  spec: Spec;
  api: Api;
  /** spec.typePrefix. */
  P: string;
  parts: CompositePart[];
  httpPart: CompositePart;
  servicePart: CompositePart;
  endpoints: EndpointModel[];
  /**
   * Keys of the error envelope: the response fields every endpoint declares
   * (in practice the code, its message and a free object). A response with
   * any code but the success code carries only these.
   */
  envelope: string[];
  /** Names from this spec to use in generated docs, so no example is invented. */
  examples: { pointer: string; declaredObject: string; nestedPath: string; freeObjects: string[] };
  names: {
    serviceCode: string;
    endpointKey: string;
    endpoints: string;
    services: string;
    requestHeaders: string;
    responseHeaders: string;
    requestHeaderNames: string;
    responseHeaderNames: string;
    bodies: string;
    parse: string;
    parsed: string;
    checkHttp: string;
    httpCheck: string;
    validationError: string;
    validationRule: string;
    validationResult: string;
    validateOptions: string;
  };
}

const cache = new WeakMap<Spec, ApiModel>();

/** The API model of a spec; throws (a spec the emitters cannot read is a generator-facing bug, not user input). */
export function apiModel(spec: Spec): ApiModel {
  let m = cache.get(spec);
  if (!m) {
    m = build(spec);
    cache.set(spec, m);
  }
  return m;
}

function fail(spec: Spec, message: string): never {
  throw new Error(`${spec.specFile}: ${message}`);
}

function build(spec: Spec): ApiModel {
  const facts = apiFacts(spec);
  const api = facts.api;
  const P = spec.typePrefix;
  if (!isSafeIdentifier(P)) fail(spec, `typePrefix "${P}" is not a safe identifier`);
  const parts = spec.composite!.parts;
  const { httpPart, servicePart, envelope } = facts;

  const seenKeys = new Set<string>();
  const endpoints = facts.endpoints.map(({ endpoint, codes, success }): EndpointModel => {
    const key = endpoint.key;
    if (!isSafeIdentifier(key) || pascal(key) !== key) fail(spec, `endpoint key "${key}" must be a PascalCase identifier`);
    if (seenKeys.has(key.toLowerCase())) fail(spec, `endpoint keys collide: "${key}"`);
    seenKeys.add(key.toLowerCase());
    const file = key.toLowerCase();
    return {
      endpoint,
      key,
      file,
      codes,
      success,
      names: {
        request: `${P}${key}Request`,
        response: `${P}${key}Response`,
        successResponse: `${P}${key}SuccessResponse`,
        errorResponse: `${P}${key}ErrorResponse`,
        responseCode: `${P}${key}ResponseCode`,
        validateRequest: `validate${P}${key}Request`,
        validateResponse: `validate${P}${key}Response`,
        requestSchema: `${file}-request.schema.json`,
        responseSchema: `${file}-response.schema.json`,
      },
    };
  });

  const allFields = api.endpoints.flatMap((e) => [...e.request.fields, ...e.response.fields]);
  const mandatory = api.endpoints.flatMap((e) => e.request.fields).find((f) => f.presence === "M") ?? allFields[0];
  const declared = allFields.find(isDeclaredObject);
  const free = [...new Set(allFields.filter((f) => f.type === "object" && !isDeclaredObject(f)).map((f) => f.key))];
  const examples = {
    pointer: mandatory ? `/${pointerSegment(mandatory.key)}` : "/field",
    declaredObject: declared?.key ?? "object",
    nestedPath: declared ? `${declared.key}.${declared.fields[0]!.key}` : "object.field",
    freeObjects: free.slice(0, 2),
  };

  return {
    spec,
    api,
    P,
    parts,
    httpPart,
    servicePart,
    endpoints,
    envelope,
    examples,
    names: {
      serviceCode: `${P}ServiceCode`,
      endpointKey: `${P}EndpointKey`,
      endpoints: `${P}Endpoints`,
      services: `${P}Services`,
      requestHeaders: `${P}RequestHeaders`,
      responseHeaders: `${P}ResponseHeaders`,
      requestHeaderNames: `${P}RequestHeaderNames`,
      responseHeaderNames: `${P}ResponseHeaderNames`,
      bodies: `${P}Bodies`,
      parse: `parse${P}ResponseCode`,
      parsed: `${P}ParsedResponseCode`,
      checkHttp: `check${P}HttpStatus`,
      httpCheck: `${P}HttpStatusCheck`,
      validationError: `${P}ValidationError`,
      validationRule: `${P}ValidationRule`,
      validationResult: `${P}ValidationResult`,
      validateOptions: `${P}ValidateOptions`,
    },
  };
}

export type { Shape } from "../../../model/semantics/api.ts";
export { isDeclaredObject, presenceIn } from "../../../model/semantics/api.ts";

/** The fields a body shape of an endpoint declares (see model/semantics/api.ts). */
export function shapeFields(m: ApiModel, e: EndpointModel, shape: Shape): Field[] {
  return semanticFields(apiFacts(m.spec), e.endpoint, shape);
}

/** PascalCase of a JSON key, for nested type names: "scannerInfo" -> "ScannerInfo". */
export function typeSegment(key: string): string {
  const words = key.match(/[A-Za-z0-9]+/g) ?? ["Field"];
  const s = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return /^[0-9]/.test(s) ? `F${s}` : s;
}

/** SCREAMING_SNAKE from a JSON key, for hoisted constants: "latestTransactionStatus" -> "LATEST_TRANSACTION_STATUS". */
export function constSegment(key: string): string {
  return (
    key
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toUpperCase() || "FIELD"
  );
}

/** One JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A property name in a type or object literal: bare when it is an identifier, quoted otherwise. */
export function propName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
}
