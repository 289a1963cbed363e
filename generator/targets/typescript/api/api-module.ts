/**
 * The API emitters of an `kind: api` spec, assembled: the statements of the
 * package's src/api.ts (types, endpoint data, response-code parsing, the
 * HTTP-status check, validators), its JSON Schemas, and its README section.
 * src/api.ts imports the code table from ./codes.js (emitted by code-table.ts).
 */
import type { Spec } from "../../../model/types.ts";
import { codeTableNames } from "../codes-module.ts";
import { DEEP_FREEZE, usesDeepFreeze } from "../frozen.ts";
import type { Statement } from "../ts-module.ts";
import { emitEndpoints } from "./endpoints.ts";
import { emitHttpStatus } from "./http-status.ts";
import { emitParse } from "./parse.ts";
import { emitRuntime } from "./runtime.ts";
import { emitTypes } from "./body-types.ts";
import { emitValidators } from "./validators.ts";

import { emitJsonSchemas as emitSchemas } from "../../../artifacts/json-schema.ts";
import type { GeneratedFile } from "../../../model/generated-file.ts";
export { apiMarkdown } from "./api-readme.ts";

/** The JSON Schema twins, each naming the validator that applies the same rules. */
export function emitJsonSchemas(spec: Spec): GeneratedFile[] {
  return emitSchemas(spec, (endpoint, body) => `validate${spec.typePrefix}${endpoint.key}${body === "request" ? "Request" : "Response"}`);
}

/** Every statement of src/api.ts. */
export function emitApi(spec: Spec): Statement[] {
  const c = codeTableNames(spec);
  const statements: Statement[] = [
    `import { ${c.classify}, ${c.describe} } from "./codes.js";`,
    `import type { ${[c.code, c.outcome, ...(spec.categories.length ? [c.category] : [])].join(", ")} } from "./codes.js";`,
    ...emitEndpoints(spec),
    ...emitTypes(spec),
    ...emitParse(spec),
    ...emitHttpStatus(spec),
    ...emitValidators(spec),
    ...emitRuntime(),
  ];
  if (usesDeepFreeze(statements)) statements.push(DEEP_FREEZE);
  assertUniqueExports(spec, statements);
  return statements;
}

/** Two declarations with one name would merge or clash silently in the output: fail instead. */
function assertUniqueExports(spec: Spec, statements: Statement[]): void {
  const seen = new Set<string>();
  for (const s of statements) {
    if (typeof s !== "string") continue;
    for (const match of s.matchAll(/^export (?:const|function|interface|type) ([A-Za-z0-9_$]+)/gm)) {
      const name = match[1]!;
      if (seen.has(name)) throw new Error(`${spec.specFile}: generated API exports "${name}" twice`);
      seen.add(name);
    }
  }
}
