// Editors show a key's description on hover: every property of both schemas has one
// (issue 21: hovering title, source or a row's message showed only the schema's title).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";

/** The path of every property (under properties, items, oneOf/anyOf/allOf, $defs) without a description. */
function undescribed(node: unknown, path: string, out: string[]): string[] {
  if (typeof node !== "object" || node === null) return out;
  const n = node as Record<string, unknown>;
  for (const [key, value] of Object.entries((n.properties as Record<string, unknown>) ?? {})) {
    const v = value as Record<string, unknown>;
    // A property that is only a reference is described where it points.
    if (typeof v.description !== "string" && typeof v.$ref !== "string") out.push(`${path}.${key}`);
    undescribed(value, `${path}.${key}`, out);
  }
  for (const key of ["items", "additionalProperties", "then", "else"]) undescribed(n[key], `${path}[${key}]`, out);
  for (const key of ["oneOf", "anyOf", "allOf"]) ((n[key] as unknown[]) ?? []).forEach((x, i) => undescribed(x, `${path}/${key}/${i}`, out));
  for (const [key, value] of Object.entries((n.$defs as Record<string, unknown>) ?? {})) undescribed(value, `#/$defs/${key}`, out);
  return out;
}

describe.each(["config.schema.json", "spec.schema.json"])("schema/%s", (file) => {
  it("has a description on every property", () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, "schema", file), "utf8"));
    expect(undescribed(schema, "", [])).toEqual([]);
  });
});
