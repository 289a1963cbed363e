/**
 * Compares the API parts of two versions of a spec: endpoints (matched by
 * service code, the identity every response code carries), their method, path
 * and version, their request and response field tables, the headers, and the
 * field the response code is read from. Response codes are compared with the
 * code table (code-table.ts), per service, through the `Services` this returns.
 */
import type { Header, Spec } from "../model/types.ts";
import type { Change } from "./levels.ts";
import type { Services } from "./code-changes.ts";
import { compareFields } from "./field-changes.ts";
import { judge } from "./levels.ts";

export function compareApi(a: Spec, b: Spec): { changes: Change[]; services: Services | null } {
  const out: Change[] = [];
  if (!a.api || !b.api) return { changes: out, services: null };
  const servicePart = (s: Spec) => s.composite?.parts.find((p) => p.domain !== null)?.name;
  const part = servicePart(b);
  const services: Services | null =
    part !== undefined && part === servicePart(a)
      ? { part, old: new Map(a.api.endpoints.map((e) => [e.serviceCode, e.key])), new: new Map(b.api.endpoints.map((e) => [e.serviceCode, e.key])) }
      : null;

  if (a.api.responseCodeField !== b.api.responseCodeField)
    out.push(
      judge("breaking", {
        kind: "response-code-field-changed",
        before: a.api.responseCodeField,
        after: b.api.responseCodeField,
        what: `response code field ${a.api.responseCodeField} → ${b.api.responseCodeField}`,
      }),
    );
  out.push(...compareHeaders(a.api.headers, b.api.headers, "request"), ...compareHeaders(a.api.responseHeaders, b.api.responseHeaders, "response"));

  for (const old of a.api.endpoints) {
    const now = b.api.endpoints.find((e) => e.serviceCode === old.serviceCode);
    const name = `service ${old.serviceCode} (${old.key})`;
    if (!now) {
      out.push(judge("breaking", { kind: "endpoint-removed", endpoint: old.key, before: `${old.method} ${old.path}`, what: `${name} removed` }));
      continue;
    }
    const at = { endpoint: now.key };
    if (old.key !== now.key) out.push(judge("breaking", { kind: "endpoint-renamed", ...at, before: old.key, after: now.key, what: `${name} renamed ${old.key} → ${now.key}` }));
    if (old.method !== now.method)
      out.push(judge("breaking", { kind: "endpoint-method-changed", ...at, before: old.method, after: now.method, what: `${name} method ${old.method} → ${now.method}` }));
    if (old.path !== now.path) out.push(judge("breaking", { kind: "endpoint-path-changed", ...at, before: old.path, after: now.path, what: `${name} path ${old.path} → ${now.path}` }));
    if (old.version !== now.version)
      out.push(judge("breaking", { kind: "endpoint-version-changed", ...at, before: old.version, after: now.version, what: `${name} version ${old.version} → ${now.version}` }));
    out.push(...compareFields(old.request.fields, now.request.fields, "request", now.key), ...compareFields(old.response.fields, now.response.fields, "response", now.key));
  }
  for (const now of b.api.endpoints) {
    if (a.api.endpoints.some((e) => e.serviceCode === now.serviceCode)) continue;
    const codes = services ? b.codes.filter((c) => c.parts?.[services.part] === now.serviceCode).length : 0;
    out.push(
      judge("feature", {
        kind: "endpoint-added",
        endpoint: now.key,
        after: `${now.method} ${now.path}`,
        what: `service ${now.serviceCode} (${now.key}) added, ${now.method} ${now.path}, with ${codes} response code${codes === 1 ? "" : "s"}`,
      }),
    );
  }
  return { changes: out, services };
}

function compareHeaders(before: readonly Header[], after: readonly Header[], side: "request" | "response"): Change[] {
  const out: Change[] = [];
  for (const h of before)
    if (!after.some((x) => x.name === h.name)) out.push(judge("breaking", { kind: "header-removed", field: h.name, what: `${side} header ${h.name} removed` }));
  for (const h of after)
    if (!before.some((x) => x.name === h.name)) out.push(judge("feature", { kind: "header-added", field: h.name, what: `${side} header ${h.name} added` }));
  return out;
}
