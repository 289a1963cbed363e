/**
 * Enforces spec/schema/spec.schema.json (the same schema editors use) and turns
 * every violation into a positioned diagnostic.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { Diagnostic } from "./diagnostics.ts";
import type { Path, YamlSource } from "./yaml-source.ts";

let compiled: ValidateFunction | undefined;

function validator(schemaPath: string): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;
    compiled = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  }
  return compiled;
}

export function checkSchema(source: YamlSource, schemaPath: string): Diagnostic[] {
  const validate = validator(schemaPath);
  if (validate(source.value)) return [];
  const errors = relevant(validate.errors ?? []);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    const d = toDiagnostic(source, e);
    const key = `${d.line}:${d.col}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

/**
 * oneOf/anyOf failures come with the errors of every branch; keep the branch
 * errors (they say what is wrong) and drop the summary when branch errors exist
 * at or below the same place.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const combinators = new Set(["oneOf", "anyOf", "not", "if"]);
  const detailed = errors.filter((e) => !combinators.has(e.keyword));
  return errors.filter((e) => {
    if (!combinators.has(e.keyword)) {
      // A "required" inside a oneOf branch is noise when the other branch matched the shape.
      return !(e.keyword === "required" && /\/oneOf\/\d+\/required$/.test(e.schemaPath) && detailed.length > 1);
    }
    return !detailed.some((d) => d.instancePath.startsWith(e.instancePath) && !/\/oneOf\/\d+\/required$/.test(d.schemaPath));
  });
}

function pathOf(pointer: string): Path {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

function toDiagnostic(source: YamlSource, e: ErrorObject): Diagnostic {
  const path = pathOf(e.instancePath);
  const where = path.length ? path[path.length - 1] : "document";
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return source.at(path, `missing required property "${String(params.missingProperty)}"${inWhat(path)}`, { key: true });
    case "additionalProperties":
      return source.at([...path, String(params.additionalProperty)], `unknown property "${String(params.additionalProperty)}"${inWhat(path)}`, { key: true });
    case "type": {
      const raw = source.rawScalar(path);
      if (params.type === "string" && raw?.isNumber) {
        return source.at(
          path,
          `"${String(where)}" must be a string: YAML reads ${raw.source} as the number ${String(Number(raw.source.replace(/_/g, "")))}, which loses leading zeros; write "${raw.source}"`,
        );
      }
      return source.at(path, `"${String(where)}" must be ${article(String(params.type))}`);
    }
    case "enum":
      return source.at(path, `"${String(where)}" must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`);
    case "const":
      return source.at(path, `"${String(where)}" must be ${JSON.stringify(params.allowedValue)}`);
    case "pattern":
      return source.at(path, `"${String(where)}" must match ${String(params.pattern)}`);
    case "oneOf":
    case "anyOf":
      return source.at(path, `"${String(where)}" does not match any allowed form`);
    default:
      return source.at(path, `"${String(where)}" ${e.message ?? "is invalid"}`);
  }
}

function inWhat(path: Path): string {
  const last = [...path].reverse().find((p) => typeof p === "string");
  return last === undefined ? "" : ` in ${String(last)}`;
}

function article(type: string): string {
  return (/^[aeiou]/.test(type) ? "an " : "a ") + type;
}
