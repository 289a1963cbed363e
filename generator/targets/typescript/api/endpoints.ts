/**
 * The endpoint table as data: service codes, names, versions, methods, paths
 * and success codes in one `as const` object, plus the header names.
 */
import type { Spec } from "../../../model/types.ts";
import { frozenConst } from "../frozen.ts";
import { lit, type Statement } from "../ts-module.ts";
import { apiModel } from "./api-model.ts";
import { docComment } from "./tsdoc.ts";

export function emitEndpoints(spec: Spec): Statement[] {
  const m = apiModel(spec);
  const n = m.names;
  const rows = m.endpoints
    .map((e) => {
      const ep = e.endpoint;
      return `${docComment([`${ep.name}: service ${ep.serviceCode}, ${ep.method} ${ep.path} (version ${ep.version}).`])}\n${lit(e.key)}: { serviceCode: ${lit(ep.serviceCode)}, name: ${lit(ep.name)}, version: ${lit(ep.version)}, method: ${lit(ep.method)}, path: ${lit(ep.path)}, successCode: ${lit(e.success.code)} },`;
    })
    .join("\n");
  const services = m.endpoints.map((e) => `${lit(e.endpoint.serviceCode)}: ${lit(e.key)},`).join("\n");
  const names = (list: { name: string }[]) => list.map((h) => lit(h.name)).join(", ");
  return [
    frozenConst(docComment([
      `The endpoints of ${m.spec.source.document}, by key: service code, name, version, method and path as the source states them`,
      `("..." is the provider's base URL; {version} is the version), and the HTTP 200 response code that carries the full response body.`,
    ]), n.endpoints, "ENDPOINTS", `{\n${rows}\n}`),
    `${docComment(["An endpoint key of " + m.spec.source.document + "."])}\nexport type ${n.endpointKey} = keyof typeof ${n.endpoints};`,
    `${docComment([`A service code: the middle ${m.servicePart.length} digits of a response code.`])}\nexport type ${n.serviceCode} = ${m.endpoints.map((e) => lit(e.endpoint.serviceCode)).join(" | ")};`,
    frozenConst(docComment(["The endpoint key of each service code."]), n.services, "SERVICES", `{\n${services}\n}`),
    frozenConst(docComment(["The request header names the source's samples send, in their order."]), n.requestHeaderNames, "REQUEST_HEADER_NAMES", `[${names(m.api.headers)}]`),
    frozenConst(docComment(["The response header names the source's samples send, in their order."]), n.responseHeaderNames, "RESPONSE_HEADER_NAMES", `[${names(m.api.responseHeaders)}]`),
  ];
}
