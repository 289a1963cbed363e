/**
 * Request, response and header types. A response is a union discriminated on
 * the response code: the service's HTTP 200 code carries the full body, every
 * other code of the service the error envelope.
 */
import type { Field, Header } from "../../../model/types.ts";
import { docText, lit, type Statement } from "../ts-module.ts";
import { apiModel, isDeclaredObject, presenceIn, propName, shapeFields, typeSegment, type ApiModel, type EndpointModel, type Shape } from "./api-model.ts";
import { docComment, fieldDocLines } from "./tsdoc.ts";
import type { Spec } from "../../../model/types.ts";

export function emitTypes(spec: Spec): Statement[] {
  const m = apiModel(spec);
  const out: Statement[] = [];
  out.push(...headerTypes(m));
  for (const e of m.endpoints) out.push(...endpointTypes(m, e));
  const bodies = m.endpoints
    .map((e) => `${docComment([`${e.endpoint.name} (service ${e.endpoint.serviceCode}).`])}\n${e.key}: { request: ${e.names.request}; response: ${e.names.response} };`)
    .join("\n");
  out.push(`${docComment(["Request and response body types by endpoint key, for generic clients."])}\nexport interface ${m.names.bodies} {\n${bodies}\n}`);
  return out;
}

function headerTypes(m: ApiModel): Statement[] {
  const block = (name: string, what: string, headers: Header[]) => {
    const members = headers
      .map((h) => {
        const lines = [h.description ?? `The ${h.name} header.`];
        if (h.example !== null) lines.push("", `Example from the source: \`${h.example.replace(/`/g, "'")}\``);
        return `${docComment(lines)}\n${lit(h.name)}?: string;`;
      })
      .join("\n");
    return `${docComment([
      `${what} (${m.spec.source.document}).`,
      "",
      "The source has no header table: these are the headers its samples send, spelled as there. HTTP header names are case-insensitive;",
      "every header is optional in this type because the source does not say which are mandatory.",
    ])}\nexport interface ${name} {\n${members}\n}`;
  };
  return [
    block(m.names.requestHeaders, "Request headers", m.api.headers),
    block(m.names.responseHeaders, "Response headers", m.api.responseHeaders),
  ];
}

function endpointTypes(m: ApiModel, e: EndpointModel): Statement[] {
  const out: Statement[] = [];
  const ep = e.endpoint;
  const where = `${ep.name} (service ${ep.serviceCode}, ${ep.method} ${ep.path})`;
  const codeField = m.api.responseCodeField;
  const successLit = lit(e.success.code);

  // ---- response codes of the service
  out.push(
    `${docComment([`Every valid ${codeField} of ${ep.name}: HTTP status + service code ${ep.serviceCode} + case code.`])}\nexport type ${e.names.responseCode} = ${e.codes.map((c) => lit(c.code)).join(" | ")};`,
  );

  // ---- request
  out.push(...objectType(m, e, "request", e.names.request, ep.request.fields, [`Request body of ${where}.`, "", `Source: ${m.spec.specFile}, ${ep.name} request table.`]));

  // ---- success response: the whole table, the code fixed to the success code
  out.push(
    ...objectType(m, e, "success", e.names.successResponse, ep.response.fields, [
      `Response body of ${where} when ${codeField} is ${e.success.code} (${e.success.message}): the full response table.`,
      "",
      `Source: ${m.spec.specFile}, ${ep.name} response table.`,
    ], { [codeField]: successLit }),
  );

  // ---- error response: the envelope, every other code
  const errorCodes = `Exclude<${e.names.responseCode}, ${successLit}>`;
  out.push(
    ...objectType(m, e, "error", e.names.errorResponse, shapeFields(m, e, "error"), [
      `Response body of ${where} for every ${codeField} but ${e.success.code}: the envelope only (${m.envelope.join(", ")}).`,
      "",
      "202 (in progress), 4xx and 5xx responses carry no other mandatory field; read the outcome with the parse helper.",
    ], { [codeField]: errorCodes }),
  );

  out.push(
    `${docComment([`A response of ${ep.name}, discriminated on ${codeField}.`])}\nexport type ${e.names.response} = ${e.names.successResponse} | ${e.names.errorResponse};`,
  );
  return out;
}

/** An interface for a body shape, with an interface per declared nested object. */
function objectType(
  m: ApiModel,
  e: EndpointModel,
  shape: Shape,
  name: string,
  fields: Field[],
  doc: string[],
  fixed: Record<string, string> = {},
): Statement[] {
  const nested: Statement[] = [];
  const members = fields.map((f) => {
    let type: string;
    if (Object.hasOwn(fixed, f.key)) type = fixed[f.key]!;
    else if (isDeclaredObject(f)) {
      const nestedName = `${name}${typeSegment(f.key)}`;
      nested.push(...objectType(m, e, shape === "request" ? "request" : "success", nestedName, f.fields, [`${f.key} of ${docText(name)}.`]));
      type = nestedName;
    } else type = valueType(f);
    if (f.nullable) type += " | null";
    const optional = presenceIn(f, shape) === "optional" && !Object.hasOwn(fixed, f.key) ? "?" : "";
    return `${docComment(fieldDocLines(f, shape))}\n${propName(f.key)}${optional}: ${type};`;
  });
  return [`${docComment(doc)}\nexport interface ${name} {\n${members.join("\n")}\n}`, ...nested];
}

function valueType(f: Field): string {
  switch (f.type) {
    case "string":
      return f.values.length ? f.values.map((v) => lit(v.value)).join(" | ") : "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return "unknown[]";
    case "object":
      // A free object (additionalInfo, items): the source declares no fields.
      return "Record<string, unknown>";
  }
}
