/**
 * endpoints.go: an API's endpoints and headers as data: service codes, names,
 * versions, methods and paths as the source states them, each endpoint's success
 * code, and the headers its samples send.
 */
import { apiFacts } from "../../model/semantics/api.ts";
import type { Header, Spec } from "../../model/types.ts";
import type { Decls } from "./classify-file.ts";
import { goNames } from "./names.ts";
import { commentText, docComment, goString } from "./syntax.ts";

function headerList(list: readonly Header[]): string {
  const items = list.map((h) => {
    const props = [`Name: ${goString(h.name)}`];
    if (h.description !== null) props.push(`Description: ${goString(h.description)}`);
    if (h.example !== null) props.push(`Example: ${goString(h.example)}`);
    return `\t{${props.join(", ")}},`;
  });
  return items.length ? `[]Header{\n${items.join("\n")}\n}` : "[]Header{}";
}

export function endpointsFile(spec: Spec): Decls {
  const facts = apiFacts(spec);
  const doc = commentText(spec.source.document);
  const vars = facts.endpoints.map(({ endpoint: e, success }) => {
    const name = goNames.endpoint(e.key);
    const value = `Endpoint{Key: ${goString(e.key)}, ServiceCode: ${goString(e.serviceCode)}, Name: ${goString(e.name)}, Version: ${goString(e.version)}, Method: ${goString(e.method)}, Path: ${goString(e.path)}, SuccessCode: ${goNames.code(success)}}`;
    return `${docComment([`${name} is ${commentText(e.name)}: service ${e.serviceCode}, ${e.method} ${commentText(e.path)} (version ${commentText(e.version)}).`])}\nvar ${name} = ${value}`;
  });
  const byService = facts.endpoints.map(({ endpoint: e }) => `\tcase ${goString(e.serviceCode)}:\n\t\treturn &${goNames.endpoint(e.key)}`).join("\n");
  const decls = [
    `${docComment([`Endpoint is one endpoint of ${doc}, as the source states it.`])}\ntype Endpoint struct {\n` +
      "\t// Key is the endpoint's key: the validators and body types are named after it.\n\tKey string\n" +
      `\t// ServiceCode is the service code: the ${facts.servicePart.name} part of every response code of the endpoint.\n\tServiceCode string\n` +
      "\t// Name is the endpoint's name in the source.\n\tName string\n" +
      "\t// Version is the API version the source states.\n\tVersion string\n" +
      "\t// Method is the HTTP method.\n\tMethod string\n" +
      '\t// Path is the path as the source states it ("..." is the provider\'s base URL; {version} is the version).\n\tPath string\n' +
      "\t// SuccessCode is the HTTP 200 response code that carries the full response body.\n\tSuccessCode Code\n}",
    ...vars,
    `${docComment(["Endpoints lists every endpoint, in the source's order."])}\nvar Endpoints = []Endpoint{${facts.endpoints.map(({ endpoint: e }) => goNames.endpoint(e.key)).join(", ")}}`,
    `${docComment([`EndpointOf returns the endpoint of a service code (the ${facts.servicePart.name} part of a response code), or nil.`])}\nfunc EndpointOf(serviceCode string) *Endpoint {\n\tswitch serviceCode {\n${byService}\n\t}\n\treturn nil\n}`,
    `${docComment(["Header is a header the source's samples send."])}\ntype Header struct {\n\t// Name is the header's name.\n\tName string\n\t// Description is the source's description; empty where it has none.\n\tDescription string\n\t// Example is the value the first sample sends; empty where none does.\n\tExample string\n}`,
    `${docComment(["RequestHeaders are the request headers the source's samples send, in their order."])}\nvar RequestHeaders = ${headerList(facts.api.headers)}`,
    `${docComment(["ResponseHeaders are the response headers the source's samples send, in their order."])}\nvar ResponseHeaders = ${headerList(facts.api.responseHeaders)}`,
  ];
  return { imports: [], decls, runtime: [] };
}
