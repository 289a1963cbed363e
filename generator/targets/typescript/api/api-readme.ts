/**
 * The API section of the package README (GitHub-flavoured Markdown): an
 * example, the HTTP-status rule, the validators, the headers, and per
 * endpoint its service code, method and path, field tables, samples (fenced
 * http/json) and the response codes of its service. Every cell is escaped:
 * no `|` or line break from the source can break a table.
 */
import type { Field, Sample, Spec } from "../../../model/types.ts";
import { codeTableNames } from "../codes-module.ts";
import { cell, codeCell } from "../../../artifacts/templates.ts";
import { stringFormat } from "../../../model/semantics/formats.ts";
import { apiModel, presenceIn, type ApiModel, type EndpointModel, type Shape } from "./api-model.ts";

/** `packageName` is what the example imports from (default: the spec id). */
export function apiMarkdown(spec: Spec, packageName: string = spec.id): string {
  const m = apiModel(spec);
  const out: string[] = [];
  out.push("## API", "");
  out.push(
    `${m.api.endpoints.length} endpoints of ${spec.source.document}. Every ${code(m.api.responseCodeField)} matches ${code(spec.pattern)}${spec.patternDescription ? ` (${spec.patternDescription})` : ""}; each endpoint's valid codes are a union of literal types, and ${code(m.names.parse)} reads any code.`,
    "",
  );
  out.push(table(["Endpoint", "Service", "Method", "Path", "Version", "Success code", "Validators", "JSON Schemas"], m.endpoints.map((e) => endpointRow(e))), "");
  out.push(...example(m, packageName));
  out.push(...httpSection(m));
  out.push(...validatorSection(m));
  out.push(...headerSection(m));
  for (const e of m.endpoints) out.push(...endpointSection(m, e));
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const tick = "`".repeat(longest + 1);
  return longest ? `${tick} ${text} ${tick}` : `${tick}${text}${tick}`;
}

function table(headers: string[], rows: string[][]): string {
  return [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function fence(lang: string, text: string): string {
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((r) => r.length));
  const f = "`".repeat(Math.max(3, longest + 1));
  return `${f}${lang}\n${text.replace(/\s+$/, "")}\n${f}`;
}

function anchor(e: EndpointModel): string {
  return `#${`${e.endpoint.name} service ${e.endpoint.serviceCode}`
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-")}`;
}

function endpointRow(e: EndpointModel): string[] {
  const ep = e.endpoint;
  return [
    `[${cell(ep.name)}](${anchor(e)})`,
    codeCell(ep.serviceCode),
    cell(ep.method),
    codeCell(ep.path),
    cell(ep.version),
    codeCell(e.success.code),
    `${codeCell(e.names.validateRequest)}<br>${codeCell(e.names.validateResponse)}`,
    `${codeCell(`schemas/${e.names.requestSchema}`)}<br>${codeCell(`schemas/${e.names.responseSchema}`)}`,
  ];
}

/** A complete example on the payment-like endpoint: the first whose request carries an amount. */
function example(m: ApiModel, packageName: string): string[] {
  const e = m.endpoints.find((x) => hasAmount(x.endpoint.request.fields)) ?? m.endpoints[0]!;
  const codeField = m.api.responseCodeField;
  // The first field the success body must carry beyond the envelope (e.g. the provider's reference).
  const successFields = e.endpoint.response.fields.filter((f) => !m.envelope.includes(f.key) && presenceIn(f, "success") !== "optional" && f.type === "string");
  const use = successFields[0] ? `checked.value.${successFields[0].key}` : `checked.value`;
  return [
    "### Example: validate an incoming response, parse its code, branch on the outcome",
    "",
    fence(
      "ts",
      [
        `import { ${e.names.validateResponse}, ${m.names.checkHttp} } from ${JSON.stringify(packageName)};`,
        "",
        `const res = await fetch(url, { method: ${JSON.stringify(e.endpoint.method)}, headers, body: JSON.stringify(request) });`,
        "const body: unknown = await res.json();",
        "",
        "// 1. Validate: every problem at once, each with a JSON Pointer. Never throws.",
        `const checked = ${e.names.validateResponse}(body);`,
        "if (!checked.ok) for (const e of checked.errors) log.warn(`${e.path} ${e.rule}: ${e.message}`);",
        "",
        `// 2. Read the HTTP status and the ${codeField} together (the code is parsed with ${m.names.parse}).`,
        "//    When they disagree the cautious reading wins: never success, pending when in doubt.",
        `const verdict = ${m.names.checkHttp}(res.status, body);`,
        "",
        "// 3. Branch on the outcome.",
        "switch (verdict.outcome) {",
        '  case "success":',
        `    if (checked.ok && checked.value.${codeField} === ${JSON.stringify(e.success.code)}) markPaid(${use});`,
        "    else queryLater(verdict.reason); // a success code on a body that does not validate: check before trusting it",
        "    break;",
        '  case "pending":',
        "    queryLater(verdict.reason); // in progress, timed out or unknown: query the transaction before acting",
        "    break;",
        '  case "failed":',
        '    markFailed(verdict.code.kind === "known" ? verdict.code.message : verdict.reason);',
        "    break;",
        "}",
      ].join("\n"),
    ),
    "",
  ];
}

function hasAmount(fields: Field[]): boolean {
  return fields.some((f) => f.format === "amount" || hasAmount(f.fields));
}

function httpSection(m: ApiModel): string[] {
  const http = m.httpPart.name;
  return [
    `### HTTP status vs ${m.api.responseCodeField}`,
    "",
    `${code(`${m.names.checkHttp}(httpStatus, body)`)} compares the HTTP status with the ${http} part of the body's code and says which to act on (${code("actOn")}), the ${code("outcome")} and why (${code("reason")}). When they disagree the cautious reading wins:`,
    "",
    `1. No readable code in the body: act on the status — failed stays failed, anything else (even 200) is pending.`,
    `2. Status equals the code's ${http} part: act on the code (a code outside the tables never confirms success).`,
    "3. They differ but read the same outcome: act on the code.",
    "4. They differ and one side is pending or unknown (e.g. HTTP 500 carrying a success code): pending.",
    "5. They differ, success against failed: act on neither; pending — query the transaction before acting.",
    "",
  ];
}

function validatorSection(m: ApiModel): string[] {
  return [
    "### Validators",
    "",
    `${code("validate…Request(input, options?)")} and ${code("validate…Response(input, options?)")} return ${code("{ ok: true, value }")} (${code("value")} is a snapshot of the input's own properties, each read once, as validated) or ${code("{ ok: false, errors }")} with every error as ${code("{ path, rule, message, field }")}; ${code("path")} is a JSON Pointer (a missing property at its own pointer). They never throw.`,
    "",
    "- Mandatory (M) fields are required; conditional (C) fields whose condition is a successful transaction are required in the success response; other C fields are optional.",
    "- Lengths count Unicode code points, as JSON Schema does.",
    "- Amounts: digits, a dot and exactly the scale's decimals, at most precision − scale integer digits (16,2: up to 14 + 2), no separators or signs. Currencies: three capital letters (ISO 4217).",
    "- Date-times: `YYYY-MM-DDTHH:mm:ss`, optional fraction, `Z` or `±HH:mm`, a real calendar date (leap years included), hour ≤ 23, minute and second ≤ 59 (no leap second).",
    `- Responses: with the service's success code the full response table applies; with any other code of the service only the envelope (${m.envelope.map(code).join(", ")}).`,
    `- Unknown properties pass; ${code("{ strict: true }")} rejects them in bodies and declared nested objects (never inside free objects${m.examples.freeObjects.length ? ` such as ${m.examples.freeObjects.map(code).join(", ")}` : ""}).`,
    `- ${code("schemas/")} holds a draft 2020-12 JSON Schema per body with the same rules (${code("format: date-time")} plus a stricter ${code("pattern")}); tests hold the two to the same verdicts.`,
    "",
  ];
}

function headerSection(m: ApiModel): string[] {
  const rows = (list: { name: string; description: string | null; example: string | null }[]) =>
    list.map((h) => [codeCell(h.name), h.description ? cell(h.description) : "—", h.example !== null ? codeCell(h.example) : "—"]);
  return [
    "### Headers",
    "",
    `The source has no header table: these are the headers its samples send (types ${code(m.names.requestHeaders)}, ${code(m.names.responseHeaders)}).`,
    "",
    "Request:",
    "",
    table(["Header", "Description", "Example from the source"], rows(m.api.headers)),
    "",
    "Response:",
    "",
    table(["Header", "Description", "Example from the source"], rows(m.api.responseHeaders)),
    "",
  ];
}

function endpointSection(m: ApiModel, e: EndpointModel): string[] {
  const ep = e.endpoint;
  const c = codeTableNames(m.spec);
  const out = [
    `### ${cell(ep.name)} (service ${ep.serviceCode})`,
    "",
    `${code(`${ep.method} ${ep.path}`)} · version ${cell(ep.version)} · types ${code(e.names.request)}, ${code(e.names.response)} (${code(e.names.successResponse)} | ${code(e.names.errorResponse)}) · codes ${code(e.names.responseCode)}`,
    "",
    "#### Request body",
    "",
    fieldTable(ep.request.fields, "request"),
    "",
    "#### Response body",
    "",
    `With ${code(e.success.code)}; every other code carries only ${m.envelope.map(code).join(", ")}.`,
    "",
    fieldTable(ep.response.fields, "success"),
    "",
  ];
  if (ep.samples.length) {
    out.push("#### Samples", "");
    for (const s of ep.samples) out.push(...sample(s));
  }
  out.push(`#### Response codes (service ${ep.serviceCode})`, "");
  out.push(
    table(
      ["Code", "Name", "Category", "Message", "Outcome"],
      e.codes.map((x) => {
        const outcome = x.outcomes[m.spec.contexts[0]!.id]!;
        const override = x.overrides.find((o) => o.part === m.servicePart.name && o.values.includes(ep.serviceCode));
        return [codeCell(x.code), codeCell(x.name), x.category ? cell(m.spec.categories.find((k) => k.id === x.category)?.label ?? x.category) : "—", cell(x.message), `**${outcome}**${override ? ` — ${cell(override.reason)}` : ""}`];
      }),
    ),
    "",
    `Members of ${code(c.code)}; outcomes as ${code(c.classify)} and ${code(m.names.parse)} read them.`,
    "",
  );
  return out;
}

function fieldRows(fields: Field[], shape: Shape, prefix = ""): string[][] {
  return fields.flatMap((f) => {
    const key = prefix + f.key;
    const fmt = stringFormat(f);
    const rules = [
      fmt ? fmt.text : null,
      f.pattern !== null ? `matches ${code(f.pattern)}` : null,
      f.values.length ? `one of ${f.values.map((v) => `${v.value} (${v.meaning})`).join(", ")}` : null,
      f.nullable ? "may be null" : null,
    ].filter((x): x is string => x !== null);
    const presence = presenceIn(f, shape);
    const presenceText = f.presence === "C" ? `C (${presence === "optional" ? "optional" : "required on success"})` : f.presence;
    const row = [
      `${codeCell(key)}${f.name !== f.key ? ` (source: ${cell(f.name)})` : ""}`,
      f.dataType !== null ? cell(f.dataType) : cell(f.type),
      presenceText,
      f.length !== null ? cell(f.length) : "—",
      rules.length ? cell(rules.join("; ")) : "—",
      cell(f.description),
    ];
    return [row, ...(f.fields.length ? fieldRows(f.fields, shape, `${key}.`) : [])];
  });
}

function fieldTable(fields: Field[], shape: Shape): string {
  return table(["Field", "Data type", "Mandatory", "Length", "Checked as", "Description"], fieldRows(fields, shape));
}

function sample(s: Sample): string[] {
  const out = [`**${cell(s.title ?? (s.kind === "request" ? "Request" : "Response"))}**`, ""];
  const head = [s.requestLine, ...s.headers.map((h) => `${h.name}: ${h.value}`)].filter((x): x is string => x !== null && x !== "");
  if (head.length) out.push(fence("http", head.join("\n")), "");
  out.push(fence("json", s.body), "");
  if (s.deviations.length)
    out.push(`Deviations from the field tables (see Errata): ${s.deviations.map((d) => `${codeCell(d.pointer)} — ${code(d.erratum)}`).join("; ")}.`, "");
  return out;
}
