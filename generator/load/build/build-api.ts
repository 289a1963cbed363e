/** The API section: endpoints with their bodies, samples and callbacks, headers, and the rows request errors answer with. */
import { deriveName } from "../../model/identifiers.ts";
import type { Api, Callback, Code, Composite, Endpoint, Header, RowRef } from "../../model/types.ts";
import type { RawApi, RawApiHeader, RawEndpoint, RawEndpointCallback, RawSpec } from "../spec-schema.types.ts";
import type { Path } from "../yaml-source.ts";
import { buildBody } from "./body-fields.ts";
import type { Lint } from "./lint-context.ts";
import { buildSample } from "./samples.ts";

/** What the API reads from the sections before it. */
export interface ApiInputs {
  composite: Composite | null;
  codes: readonly Code[];
  errataIds: ReadonlyMap<string, number>;
  /** A profile's: per endpoint, how many samples are its own (listed first); the rest are its base's. */
  ownSamples: ReadonlyMap<string, number> | null;
}

export function buildApi(raw: RawSpec, inputs: ApiInputs, lint: Lint): Api | null {
  const a = raw.api;
  if (!a) return null;
  const built: Endpoint[] = [];
  a.endpoints.forEach((e, i) => built.push(buildEndpoint(e, i, a, built, inputs, lint)));
  // A callback may name any endpoint, so callbacks are read once every endpoint is built.
  const endpoints = built.map((endpoint, i) => {
    const callback = a.endpoints[i]!.callback;
    return callback ? { ...endpoint, callback: buildCallback(callback, ["api", "endpoints", i, "callback"], endpoint, built, lint) } : endpoint;
  });
  const errors = a.requestErrors ?? {};
  const requestErrors = {
    missing: rowNamed(raw, errors.missing, ["api", "requestErrors", "missing"], lint),
    invalid: rowNamed(raw, errors.invalid, ["api", "requestErrors", "invalid"], lint),
    malformed: rowNamed(raw, errors.malformed, ["api", "requestErrors", "malformed"], lint),
  };
  return { responseCodeField: a.responseCodeField, requestErrors, headers: (a.headers ?? []).map(header), responseHeaders: (a.responseHeaders ?? []).map(header), endpoints };
}

/** One endpoint without its callback (which may name a later endpoint). */
function buildEndpoint(e: RawEndpoint, i: number, a: RawApi, before: readonly Endpoint[], inputs: ApiInputs, lint: Lint): Endpoint {
  const epath = ["api", "endpoints", i];
  if (before.some((x) => x.serviceCode === e.serviceCode)) lint.report([...epath, "serviceCode"], `duplicate service code "${e.serviceCode}"`);
  if (before.some((x) => x.key.toLowerCase() === e.key.toLowerCase())) lint.report([...epath, "key"], `duplicate endpoint key "${e.key}" (keys must differ in more than case)`);
  const request = buildBody(e.request, [...epath, "request"], inputs.errataIds, lint);
  const response = buildBody(e.response, [...epath, "response"], inputs.errataIds, lint);
  // A base's sample was checked against the base's bodies; under a profile its fixture is made
  // to fit the profile's (load/sample-warnings.ts says what that changed), so its keys are not errors.
  const inherited = (si: number) => inputs.ownSamples !== null && si >= (inputs.ownSamples.get(e.key) ?? 0);
  const samples = (e.samples ?? []).map((s, si) => buildSample(s, [...epath, "samples", si], s.kind === "request" ? request : response, inputs.errataIds, lint, !inherited(si)));
  // The API emitters discriminate responses on this field, and give each service one success code.
  const codeField = response.fields.find((f) => f.key === a.responseCodeField);
  if (!codeField || codeField.type !== "string")
    lint.report([...epath, "response", "fields"], `the response must declare "${a.responseCodeField}" (api.responseCodeField) as a string field`, { key: true });
  const http = inputs.composite?.parts.find((p) => p.role === "httpStatus");
  const service = inputs.composite?.parts.find((p) => p.domain);
  if (http && service) {
    const successes = inputs.codes.filter((c) => c.parts?.[service.name] === e.serviceCode && c.parts?.[http.name] === "200").length;
    if (successes !== 1) lint.report([...epath, "serviceCode"], `service ${e.serviceCode} needs exactly one HTTP 200 response code in the tables, found ${successes}`);
  }
  return { key: e.key, serviceCode: e.serviceCode, name: e.name, version: e.version, method: e.method, path: e.path, request, response, samples, callback: null };
}

function buildCallback(c: RawEndpointCallback, path: Path, from: Endpoint, endpoints: readonly Endpoint[], lint: Lint): Callback | null {
  const target = endpoints.find((x) => x.key === c.endpoint);
  if (!target) {
    lint.report([...path, "endpoint"], `no endpoint has the key "${c.endpoint}"`);
    return null;
  }
  const echo: Record<string, string> = c.echo ?? {};
  for (const [to, source] of Object.entries(echo)) {
    if (!target.request.fields.some((f) => f.key === to)) lint.report([...path, "echo", to], `callback field "${to}": the ${target.key} request declares no such field`, { key: true });
    const [, side, key] = source.split("/");
    const body = side === "request" ? from.request : from.response;
    if (!body.fields.some((f) => f.key === key)) lint.report([...path, "echo", to], `${source}: the ${from.key} ${side} declares no field "${key}"`);
  }
  return { endpoint: target.key, echo };
}

/** A table row by its name (given or derived from its message), as api.requestErrors names it. */
function rowNamed(raw: RawSpec, name: string | undefined, path: Path, lint: Lint): RowRef | null {
  if (name === undefined) return null;
  for (const t of raw.tables) for (const [ri, r] of t.rows.entries()) if ((r.name ?? deriveName(r.message)) === name) return { table: t.id, row: ri + 1 };
  lint.report(path, `no table row is named "${name}"`);
  return null;
}

function header(h: RawApiHeader): Header {
  return { name: h.name, description: h.description ?? null, example: h.example ?? null };
}
