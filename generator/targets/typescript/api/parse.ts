/**
 * `parse<Prefix>ResponseCode(code: unknown)`: reads a composite response code
 * into its parts and its meaning. Three kinds: known (a row of the table),
 * unknown (well-formed, but its service or case is not in the tables; the
 * outcome comes from the HTTP part by the composite rules), malformed
 * (anything that is not a string of the code pattern — numbers included,
 * because 2006000 is not "2006000"). It never throws.
 */
import type { Spec } from "../../../model/types.ts";
import { codeTableNames } from "../codes-module.ts";
import { lit, type Statement } from "../ts-module.ts";
import { apiModel, propName } from "./api-model.ts";
import { docComment } from "./tsdoc.ts";

export function emitParse(spec: Spec): Statement[] {
  const m = apiModel(spec);
  const n = m.names;
  const c = codeTableNames(spec);
  const categoryType = spec.categories.length ? `${c.category} | null` : "null";
  const codeField = m.api.responseCodeField;
  const partFields = (serviceType: string) =>
    m.parts.map((p) => `${docComment([`The ${p.description ?? p.name} part.`])}\nreadonly ${propName(p.name)}: ${p === m.servicePart ? serviceType : "string"};`).join("\n");

  // Slices of the code, by part, from the part lengths.
  let at = 0;
  const slices = m.parts.map((p, i) => {
    const s = `const part${i} = rule.code.slice(${at}, ${at + p.length});`;
    at += p.length;
    return s;
  });
  const serviceVar = `part${m.parts.indexOf(m.servicePart)}`;
  const partProps = m.parts.map((p, i) => `${propName(p.name)}: ${p === m.servicePart ? `part${i} as ${n.serviceCode}` : `part${i}`}`).join(", ");
  const unknownPartProps = m.parts.map((p, i) => `${propName(p.name)}: part${i}`).join(", ");
  const otherParts = m.parts.filter((p) => p !== m.servicePart);
  const rowExpr = otherParts.map((p) => `${lit(`${p.name} `)} + part${m.parts.indexOf(p)}`).join(` + ", " + `);
  const services = m.endpoints.map((e) => e.endpoint.serviceCode).join(", ");
  const names = m.endpoints.map((e) => `${lit(e.endpoint.serviceCode)}: ${lit(e.endpoint.name)},`).join("\n");

  return [
    `const SERVICE_NAMES: { readonly [service: string]: string } = {\n${names}\n};`,
    `${docComment([
      `A ${codeField} read by {@link ${n.parse}}, discriminated on \`kind\`:`,
      "",
      `- \`known\`: a row of the table — its parts, category, message (verbatim), outcome, the endpoint of its service and its member name in {@link ${c.code}}.`,
      `- \`unknown\`: well-formed (${spec.patternDescription ?? spec.pattern}) but not in the tables (its ${m.servicePart.name} or case is not listed).`,
      `  \`outcome\` is what its ${m.httpPart.name} part implies by the source's rules (\`unknown\` where no rule applies); \`endpoint\` is set when the service is known.`,
      `- \`malformed\`: not a string matching ${spec.pattern} — numbers included.`,
    ])}\nexport type ${n.parsed} =\n` +
      `| {\nreadonly kind: "known";\nreadonly code: ${c.code};\n${partFields(n.serviceCode)}\nreadonly category: ${categoryType};\n/** The message, verbatim from the source (servers may fill its placeholders). */\nreadonly message: string;\n/** The source's description, verbatim. */\nreadonly description: string | null;\nreadonly outcome: ${c.outcome};\n/** The endpoint of the code's service. */\nreadonly endpoint: ${n.endpointKey};\n/** The member name in {@link ${c.code}}. */\nreadonly name: string;\n}\n` +
      `| {\nreadonly kind: "unknown";\nreadonly code: string;\n${partFields("string")}\nreadonly outcome: ${c.outcome} | "unknown";\n/** The endpoint when the service code is known, else null. */\nreadonly endpoint: ${n.endpointKey} | null;\n/** Why the code is not known, and why it gets its outcome. */\nreadonly reason: string;\n}\n` +
      `| {\nreadonly kind: "malformed";\n/** The input as given. */\nreadonly input: unknown;\nreadonly reason: string;\n};`,
    `${docComment([
      `Reads a ${codeField} (${spec.patternDescription ?? spec.pattern}).`,
      "",
      "Known codes get their row; well-formed codes outside the tables get the outcome their",
      `${m.httpPart.name} part implies (for example a 5xx is pending, never failed); anything that is not a string of the pattern is malformed.`,
      "Never throws.",
      "",
      "@example",
      "```ts",
      `const parsed = ${n.parse}(body.${codeField});`,
      `if (parsed.kind === "known" && parsed.outcome === "success") markPaid();`,
      "```",
    ])}\nexport function ${n.parse}(code: unknown): ${n.parsed} {\n` +
      `const rule = ${c.classify}(code);\n` +
      `if (rule.code === null) return { kind: "malformed", input: code, reason: rule.reason };\n` +
      `${slices.join("\n")}\n` +
      `if (rule.known) {\nconst entry = rule.entry;\nreturn { kind: "known", code: entry.code, ${partProps}, category: entry.category, message: entry.message, description: entry.description, outcome: entry.outcome, endpoint: ${n.services}[${serviceVar} as ${n.serviceCode}], name: entry.name };\n}\n` +
      `const endpoint = Object.hasOwn(${n.services}, ${serviceVar}) ? ${n.services}[${serviceVar} as ${n.serviceCode}] : null;\n` +
      `const why = endpoint === null\n? ${lit(`${m.servicePart.name} `)} + ${serviceVar} + ${lit(` is not one of ${services}`)}\n: "the table has no row for " + ${rowExpr} + ${lit(` in ${m.servicePart.name} `)} + ${serviceVar} + " (" + SERVICE_NAMES[${serviceVar}] + ")";\n` +
      `return { kind: "unknown", code: rule.code, ${unknownPartProps}, outcome: rule.outcome, endpoint, reason: why + "; outcome " + rule.outcome + ": " + rule.reason };\n}`,
  ];
}
