/**
 * fixtures/fixtures.go: the same test data as the TypeScript package's
 * `./fixtures`, in a package of its own so a program that does not import it does
 * not carry it. Every code by context and outcome; for an API, each endpoint's
 * sample request and headers, its success body and a body for every code of its
 * service, as JSON text (the bodies the validators and a test server read).
 */
import { apiFixtures, type EndpointFixtures } from "../../artifacts/fixtures/api-fixtures.ts";
import { codeCases } from "../../artifacts/fixtures/code-cases.ts";
import type { Spec } from "../../model/types.ts";
import { outcomeConst } from "./codes-file.ts";
import { FIXTURES_PACKAGE, fixtureNames, goNames } from "./names.ts";
import { commentText, docComment, goHeader, goRawOrString, goString } from "./syntax.ts";

function codeCaseDecls(spec: Spec, pkg: string): string[] {
  const byCode = new Map(spec.codes.map((c) => [c.code, c]));
  const cases = codeCases(spec).map(
    (c) => `\t{Code: ${pkg}.${goNames.code(byCode.get(c.code)!)}, Context: ${pkg}.${goNames.context(c.context)}, Outcome: ${pkg}.${outcomeConst(c.outcome)}},`,
  );
  return [
    `${docComment(["CodeCase is one code in one context, with the outcome the table gives it."])}\ntype CodeCase struct {\n\t// Code is the code.\n\tCode ${pkg}.Code\n\t// Context is the context.\n\tContext ${pkg}.Context\n\t// Outcome is the table's outcome for the code in the context.\n\tOutcome ${pkg}.Outcome\n}`,
    `${docComment(["CodeCases has one case per code and context, contexts in the source's order and codes in the table's: a table-driven test over it covers every code."])}\nvar CodeCases = []CodeCase{\n${cases.join("\n")}\n}`,
    `${docComment(["CodesWithOutcome returns the codes whose outcome in ctx is o, in the table's order."])}\nfunc CodesWithOutcome(ctx ${pkg}.Context, o ${pkg}.Outcome) []${pkg}.Code {\n\tvar codes []${pkg}.Code\n\tfor _, c := range CodeCases {\n\t\tif c.Context == ctx && c.Outcome == o {\n\t\t\tcodes = append(codes, c.Code)\n\t\t}\n\t}\n\treturn codes\n}`,
  ];
}

const json = (value: unknown) => goRawOrString(JSON.stringify(value, null, 2));

function headers(list: Record<string, string>): string {
  const items = Object.entries(list).map(([name, value]) => `{Name: ${goString(name)}, Value: ${goString(value)}}`);
  return `[]Header{${items.join(", ")}}`;
}

function endpointDecls(pkg: string, e: EndpointFixtures): string[] {
  const ep = e.model.endpoint;
  const n = fixtureNames(ep.key);
  const what = `${commentText(ep.name)} (service ${ep.serviceCode}, ${ep.method} ${commentText(ep.path)})`;
  const origin = e.requestOrigin;
  const success = e.responses.find(([code]) => code === e.model.success.code)![1];
  const responses = e.responses.map(([code, body]) => `\t{Code: ${goString(code)}, Body: ${code === e.model.success.code ? `${n.success}` : json(body)}},`);
  const echo = e.echo.map(goString).join(", ");
  const errors = e.requestErrors;
  const errorCodes = [errors.missing, errors.invalid, errors.malformed].map((c) => (c === null ? '""' : goString(c))).join(", ");
  const callback = ep.callback ? `&Callback{Endpoint: ${goString(ep.callback.endpoint)}, Echo: map[string]string{${Object.entries(ep.callback.echo).map(([a, b]) => `${goString(a)}: ${goString(b)}`).join(", ")}}}` : "nil";
  return [
    `${docComment([`${n.request} is ${origin} of ${what}, as JSON text.`])}\nconst ${n.request} = ${json(e.request)}`,
    `${docComment([`${n.requestHeaders} are the headers the document's sample request of ${commentText(ep.name)} sends, in order.`])}\nvar ${n.requestHeaders} = ${headers(e.requestHeaders)}`,
    `${docComment([`${n.responseHeaders} are the headers the document's sample response of ${commentText(ep.name)} sends, in order.`])}\nvar ${n.responseHeaders} = ${headers(e.responseHeaders)}`,
    `${docComment([`${n.success} is the success response (${e.model.success.code}) of ${commentText(ep.name)}: ${ep.samples.some((s) => s.kind === "response") ? "the document's sample" : "the fields the table requires (the document has no sample)"}, as JSON text.`])}\nconst ${n.success} = ${json(success)}`,
    `${docComment([`${n.responses} has a response body for every code of ${commentText(ep.name)}: the success sample for ${e.model.success.code}, the error envelope with the table's message for every other code.`])}\nvar ${n.responses} = []Response{\n${responses.join("\n")}\n}`,
    `${docComment([`${n.all} is every fixture of ${commentText(ep.name)}, for tests (and test servers) that walk every endpoint.`])}\nvar ${n.all} = Endpoint{Key: ${goString(ep.key)}, ServiceCode: ${goString(ep.serviceCode)}, SuccessCode: ${pkg}.Code(${goString(e.model.success.code)}), Request: ${n.request}, RequestHeaders: ${n.requestHeaders}, ResponseHeaders: ${n.responseHeaders}, Responses: ${n.responses}, Echo: []string{${echo}}, Callback: ${callback}, RequestErrors: [3]string{${errorCodes}}}`,
  ];
}

function apiDecls(spec: Spec, pkg: string): string[] {
  const fx = apiFixtures(spec);
  const out = [
    `${docComment(["Header is one header of a sample request or response."])}\ntype Header struct {\n\t// Name is the header's name.\n\tName string\n\t// Value is its value in the sample.\n\tValue string\n}`,
    `${docComment(["Response is a response body for one code, as JSON text."])}\ntype Response struct {\n\t// Code is the response code the body carries.\n\tCode string\n\t// Body is the body, as JSON text.\n\tBody string\n}`,
    `${docComment(["Callback is the endpoint the provider calls after a success, and where each of its fields comes from (/request/key or /response/key of the call)."])}\ntype Callback struct {\n\t// Endpoint is the key of the endpoint called.\n\tEndpoint string\n\t// Echo maps a field of the callback request to where its value comes from.\n\tEcho map[string]string\n}`,
    `${docComment(["Endpoint is every fixture of one endpoint."])}\ntype Endpoint struct {\n` +
      "\t// Key is the endpoint's key; ServiceCode its service code; SuccessCode the HTTP 200 code that carries the full body.\n\tKey         string\n\tServiceCode string\n\tSuccessCode " + pkg + ".Code\n" +
      "\t// Request is the sample request, as JSON text, with its headers; ResponseHeaders those of the sample response.\n\tRequest         string\n\tRequestHeaders  []Header\n\tResponseHeaders []Header\n" +
      "\t// Responses has a body for every code of the service.\n\tResponses []Response\n" +
      "\t// Echo are the success-response fields that carry the request's value (declared in both tables).\n\tEcho []string\n" +
      "\t// Callback is the endpoint the provider calls after a success, or nil.\n\tCallback *Callback\n" +
      "\t// RequestErrors are the codes a server answers for a missing mandatory field, an invalid field and a body that is not JSON (empty where the source names none).\n\tRequestErrors [3]string\n}",
  ];
  for (const e of fx.endpoints) out.push(...endpointDecls(pkg, e));
  out.push(`${docComment(["Endpoints has every endpoint's fixtures, in the source's order."])}\nvar Endpoints = []Endpoint{${fx.endpoints.map((e) => fixtureNames(e.model.endpoint.key).all).join(", ")}}`);
  return out;
}

export function fixturesFile(spec: Spec, pkg: string, module: string) {
  const decls = [...codeCaseDecls(spec, pkg), ...(spec.api ? apiDecls(spec, pkg) : [])];
  const doc = docComment([
    `Package ${FIXTURES_PACKAGE} is test data for package ${pkg}: every code the table lists by context and outcome${spec.api ? ", and each endpoint's sample request, headers and a response body for every code of its service" : ""}. Import it from tests only.`,
  ]);
  const content = `${goHeader(spec)}\n\n${doc}\npackage ${FIXTURES_PACKAGE}\n\nimport ${pkg} ${goString(module)}\n\n${decls.join("\n\n")}\n`;
  return { path: `${spec.id}/${FIXTURES_PACKAGE}/${FIXTURES_PACKAGE}.go`, content, role: "source" as const };
}
