/**
 * bodies.go: request and response structs with json tags, from the field tables.
 * A field a shape requires is a value; any other is a pointer (or a type whose
 * zero value encoding/json leaves out) with omitempty, so decoding tells absent
 * from empty. Each endpoint has its request, its success response (the whole
 * table) and its error response (the envelope every non-success code carries).
 */
import { apiFacts, isDeclaredObject, presenceIn, shapeFields, type Shape } from "../../model/semantics/api.ts";
import type { Endpoint, Field, Spec } from "../../model/types.ts";
import type { Decls } from "./classify-file.ts";
import { fieldName, goNames } from "./names.ts";
import { commentText, docComment } from "./syntax.ts";

/** The Go type of a field in a shape, and whether its tag says omitempty. */
function goType(f: Field, shape: Shape, nested: string): { type: string; omit: boolean } {
  const required = presenceIn(f, shape) === "required";
  const pointer = !required || f.nullable;
  switch (f.type) {
    case "string":
      return { type: pointer ? "*string" : "string", omit: !required };
    case "number":
      return { type: "json.Number", omit: !required };
    case "boolean":
      return { type: pointer ? "*bool" : "bool", omit: !required };
    case "array":
      return { type: "[]any", omit: !required };
    case "object":
      if (!isDeclaredObject(f)) return { type: "map[string]any", omit: !required };
      return { type: pointer ? `*${nested}` : nested, omit: !required };
  }
}

function fieldDoc(f: Field, shape: Shape): string {
  const presence = presenceIn(f, shape);
  const rule = presence === "required" ? "mandatory" : presence === "conditional" ? `conditional (${commentText(f.condition?.text ?? "required here")})` : f.presence === "C" ? "conditional, not checked from the body" : "optional";
  const what = [f.dataType ?? f.type, f.length ? `length ${f.length}` : null, rule, f.nullable ? "may be null" : null].filter(Boolean).join(", ");
  return `${fieldName(f)} is ${JSON.stringify(f.key)} (${commentText(what)})${f.description ? `: ${commentText(f.description)}` : ""}.`;
}

/** The struct declarations of a body: its own, then one per declared nested object. */
function structs(name: string, what: string, fields: readonly Field[], shape: Shape): string[] {
  const lines: string[] = [];
  const nested: string[] = [];
  for (const f of fields) {
    const nestedName = goNames.nested(name, f);
    const { type, omit } = goType(f, shape, nestedName);
    lines.push(`\t// ${fieldDoc(f, shape)}\n\t${fieldName(f)} ${type} \`json:"${f.key}${omit ? ",omitempty" : ""}"\``);
    if (isDeclaredObject(f)) nested.push(...structs(nestedName, `the ${f.key} object of ${what}`, f.fields, shape));
  }
  return [`${docComment([`${name} is ${what}.`])}\ntype ${name} struct {\n${lines.join("\n")}\n}`, ...nested];
}

function endpointStructs(spec: Spec, e: Endpoint): string[] {
  const facts = apiFacts(spec);
  const success = facts.endpoints.find((x) => x.endpoint === e)!.success;
  const what = `${commentText(e.name)} (service ${e.serviceCode})`;
  return [
    ...structs(goNames.request(e.key), `a request body of ${what}`, shapeFields(facts, e, "request"), "request"),
    ...structs(goNames.successResponse(e.key), `the response body of ${what} with its success code ${success.code}: the whole response table`, shapeFields(facts, e, "success"), "success"),
    ...structs(goNames.errorResponse(e.key), `a response body of ${what} with any other code: the envelope (${facts.envelope.join(", ")})`, shapeFields(facts, e, "error"), "error"),
  ];
}

export function bodiesFile(spec: Spec): Decls {
  const decls = spec.api!.endpoints.flatMap((e) => endpointStructs(spec, e));
  return { imports: decls.some((d) => d.includes("json.Number")) ? ["encoding/json"] : [], decls, runtime: [] };
}
