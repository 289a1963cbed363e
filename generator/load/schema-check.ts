/**
 * Enforces schema/spec.schema.json (the same schema editors use) and turns
 * every violation into a positioned diagnostic.
 */
import type { ErrorObject } from "ajv/dist/2020.js";
import type { Diagnostic } from "./diagnostics.ts";
// Precompiled from schema/spec.schema.json by scripts/compile-spec-schema.mjs (a test keeps it current).
import { validate as compiledValidate } from "./spec-schema.validator.js";
import { camelCase, closest, didYouMean, kebabCase, pascalCase } from "./suggest.ts";
import type { Path, YamlSource } from "./yaml-source.ts";

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export function checkSchema(source: YamlSource): Diagnostic[] {
  return checkSchemaAt(source).diagnostics;
}

/** The diagnostics, with the value path of each violation (load/beside-schema.ts decides from them what else to check). */
export function checkSchemaAt(source: YamlSource): { diagnostics: Diagnostic[]; paths: Path[] } {
  const validate = compiledValidate as ValidateFunction;
  if (validate(source.value)) return { diagnostics: [], paths: [] };
  const errors = relevant(validate.errors ?? []);
  // A misspelled required key (`mesage`) and the missing one (`message`) are one problem, reported once.
  const typos = new Map<ErrorObject, string>();
  for (const e of errors) {
    const typo = e.keyword === "required" ? misspelling(source, e) : null;
    if (typo !== null) typos.set(e, typo);
  }
  const claimed = new Set([...typos].map(([e, typo]) => `${e.instancePath}/${typo}`));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const paths: Path[] = [];
  for (const e of errors) {
    if (e.keyword === "additionalProperties" && claimed.has(`${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}`)) continue;
    const d = toDiagnostic(source, e, typos.get(e));
    paths.push(pathOf(e.instancePath));
    const key = `${d.line}:${d.col}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return { diagnostics: out, paths };
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

/** The key of the object beside a missing required one that is a typo of it, if any. */
function misspelling(source: YamlSource, e: ErrorObject): string | null {
  const object = valueAt(source.value, pathOf(e.instancePath));
  if (typeof object !== "object" || object === null || Array.isArray(object)) return null;
  const known = knownProperties(e);
  const unknown = Object.keys(object).filter((k) => !known.includes(k));
  const missing = String((e.params as { missingProperty: string }).missingProperty);
  const typo = closest(missing, unknown);
  return typo;
}

function knownProperties(e: ErrorObject): string[] {
  const properties = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function valueAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const step of path) node = typeof node === "object" && node !== null ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

/** What an identifier rule asks for, and the value rewritten to follow it. */
const IDENTIFIER_RULES: Record<string, { name: string; fix: (s: string) => string | null }> = {
  "^[a-z][A-Za-z0-9]*$": { name: "a camelCase id (a lowercase letter, then letters and digits)", fix: camelCase },
  "^[A-Z][A-Za-z0-9]*$": { name: "a PascalCase name (a capital letter, then letters and digits)", fix: pascalCase },
  "^[a-z0-9]+(-[a-z0-9]+)*$": { name: "a kebab-case id (lowercase words joined by -)", fix: kebabCase },
  "^[a-z][a-z0-9]*(-[a-z0-9]+)*$": { name: "a kebab-case id (lowercase words joined by -, starting with a letter)", fix: kebabCase },
  "^(0|[1-9][0-9]{0,15})\\.(0|[1-9][0-9]{0,15})\\.(0|[1-9][0-9]{0,15})$": { name: "a version MAJOR.MINOR.PATCH (semver: three whole numbers, no leading zeros, each at most 16 digits)", fix: semverOf },
};

/** "01.2.03" -> "1.2.3"; null when the value is not three numbers. */
function semverOf(s: string): string | null {
  const parts = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(s)?.slice(1).map((p) => p.replace(/^0+(?=\d)/, ""));
  const fixed = parts?.join(".");
  return parts && fixed !== s && parts.every((p) => p.length <= 16) ? fixed! : null;
}

function toDiagnostic(source: YamlSource, e: ErrorObject, typo?: string): Diagnostic {
  const path = pathOf(e.instancePath);
  const where = label(path);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      if (typo !== undefined)
        return source.at([...path, typo], `missing required property "${missing}"${inWhat(path)}; found "${typo}": did you mean "${missing}"?`, { key: true });
      return source.at(path, `missing required property "${missing}"${inWhat(path)}`, { key: true });
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const present = Object.keys((e.data as object | null) ?? {});
      const hint = didYouMean(key, knownProperties(e).filter((k) => !present.includes(k)));
      return source.at([...path, key], `unknown property "${key}"${inWhat(path)}${hint}`, { key: true });
    }
    case "type": {
      const raw = source.rawScalar(path);
      const types = String(params.type).split(",");
      if (types.includes("string") && raw?.isNumber) {
        // The classic slip: `code: 00` is the number 0. Say so when a leading zero was really lost.
        const lost = /^[+-]?0[0-9]/.test(raw.source) ? ", which loses its leading zero" : "";
        return source.at(path, `"${where}" must be a string: YAML reads ${raw.source} as the number ${String(Number(raw.source.replace(/_/g, "")))}${lost}; write "${raw.source}"`);
      }
      return source.at(path, `"${where}" must be ${types.map(article).join(" or ")}`);
    }
    case "enum": {
      // Quote the bad value (the key is in the frame) and point at it.
      const allowed = params.allowedValues as unknown[];
      const hint = typeof e.data === "string" ? didYouMean(e.data, allowed.filter((v): v is string => typeof v === "string")) : "";
      return source.at(path, `${JSON.stringify(e.data)} is not allowed for "${where}": expected one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}${hint}`);
    }
    case "const":
      return source.at(path, `"${where}" must be ${JSON.stringify(params.allowedValue)}`);
    case "pattern": {
      const rule = IDENTIFIER_RULES[String(params.pattern)];
      const fixed = rule && typeof e.data === "string" ? rule.fix(e.data) : null;
      if (rule)
        return source.at(path, `"${where}" must be ${rule.name}, not ${JSON.stringify(e.data)}${fixed ? `; did you mean "${fixed}"?` : ""}`);
      return source.at(path, `"${where}" must match ${String(params.pattern)}, not ${JSON.stringify(e.data)}`);
    }
    case "minItems":
      return source.at(path, Number(params.limit) === 1 ? `"${where}" must not be empty` : `"${where}" must have at least ${String(params.limit)} items`);
    case "oneOf":
    case "anyOf": {
      // Name the alternatives when each branch only requires one property (e.g. a row's code or parts).
      const branches = Array.isArray(e.schema) ? (e.schema as { required?: string[] }[]) : [];
      const names = branches.every((b) => b.required?.length === 1 && Object.keys(b).length === 1) ? branches.map((b) => b.required![0]!) : [];
      if (names.length > 1) {
        const both = Array.isArray(params.passingSchemas);
        return source.at(path, `"${where}" needs exactly one of ${names.map((n) => `"${n}"`).join(" or ")}${both ? ", not both" : ""}`, { key: true });
      }
      return source.at(path, `"${where}" does not match any allowed form`);
    }
    default:
      return source.at(path, `"${where}" ${e.message ?? "is invalid"}`);
  }
}

/** A readable name for a value path: the last key with any indices after it, e.g. codes[0], rows[2]. */
function label(path: Path): string {
  let i = path.length - 1;
  while (i >= 0 && typeof path[i] === "number") i--;
  if (i < 0) return path.length ? `[${path.join("][")}]` : "document";
  return String(path[i]) + path.slice(i + 1).map((n) => `[${String(n)}]`).join("");
}

function inWhat(path: Path): string {
  const last = [...path].reverse().find((p) => typeof p === "string");
  return last === undefined ? "" : ` in ${String(last)}`;
}

function article(type: string): string {
  return (/^[aeiou]/.test(type) ? "an " : "a ") + type;
}
