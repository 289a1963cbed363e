import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without types
import { specSchemaTypesSource, specSchemaValidatorSource } from "../../scripts/spec-schema-source.mjs";
// @ts-expect-error: a plain .mjs build script without types
import { schemaTypes } from "../../scripts/spec-schema-types.mjs";
import { repoRoot } from "../helpers.ts";

describe("the precompiled spec-schema validator", () => {
  it("is current with schema/spec.schema.json (run `node scripts/compile-spec-schema.mjs`)", () => {
    const committed = readFileSync(join(repoRoot, "generator", "load", "spec-schema.validator.js"), "utf8");
    expect(committed === specSchemaValidatorSource()).toBe(true);
  });
});

describe("the raw spec's generated types", () => {
  it("are current with schema/spec.schema.json (run `node scripts/compile-spec-schema.mjs`)", () => {
    const committed = readFileSync(join(repoRoot, "generator", "load", "spec-schema.types.ts"), "utf8");
    expect(committed === specSchemaTypesSource()).toBe(true);
  });
});

describe("the schema-to-types converter", () => {
  const names = { root: "Doc", then: "WithBase", else: "Plain", prefix: "X", members: "Doc" };

  it("converts objects, arrays, enums, consts, unions, type lists and $refs, naming nested objects by their path", () => {
    const schema = {
      type: "object",
      required: ["id", "rows"],
      additionalProperties: false,
      properties: {
        id: { type: "string", pattern: "^[a-z]+$", description: "The id." },
        kind: { enum: ["a", "b"] },
        version: { const: 1 },
        http: { oneOf: [{ type: "integer" }, { const: "other" }] },
        note: { type: ["string", "null"] },
        rows: { type: "array", items: { $ref: "#/$defs/row" } },
        categories: { type: "array", items: { type: "object", required: ["id"], additionalProperties: false, properties: { id: { type: "string" } } } },
        map: { type: "object", additionalProperties: { $ref: "#/$defs/outcome" } },
        extra: { description: "anything" },
      },
      $defs: {
        outcome: { enum: ["ok", "no"] },
        row: { type: "object", required: ["code"], properties: { code: { type: "string" }, rows: { type: "array", items: { $ref: "#/$defs/row" } } }, oneOf: [{ required: ["code"] }] },
      },
    };
    const text: string = schemaTypes(schema, names);
    expect(text).toContain('export interface Doc {\n  /** The id. */\n  id: string;\n  kind?: "a" | "b";\n  version?: 1;\n  http?: number | "other";\n  note?: string | null;\n  rows: XRow[];\n  categories?: DocCategory[];\n  map?: Record<string, XOutcome>;\n  /** anything */\n  extra?: unknown;\n}');
    expect(text).toContain("export interface XRow {\n  code: string;\n  rows?: XRow[];\n  [key: string]: unknown;\n}");
    expect(text).toContain('export type XOutcome = "ok" | "no";');
    expect(text).toContain("export interface DocCategory {\n  id: string;\n}");
  });

  it("types the two branches of a root `if` that requires a key", () => {
    const schema = { type: "object", required: ["id"], properties: { id: { type: "string" }, base: { type: "string" }, body: { type: "string" } }, if: { required: ["base"] }, else: { required: ["body"] } };
    const text: string = schemaTypes(schema, names);
    expect(text).toContain('export type WithBase = Doc & Required<Pick<Doc, "base">>;');
    expect(text).toContain('export type Plain = Doc & { base?: undefined; } & Required<Pick<Doc, "body">>;');
  });

  it("refuses a keyword outside the subset it converts, instead of typing it loosely", () => {
    expect(() => schemaTypes({ type: "object", properties: { a: { allOf: [{ type: "string" }] } } }, names)).toThrow(/keyword "allOf" at #\/properties\/a is outside the supported subset/);
    expect(() => schemaTypes({ type: "object", properties: { a: { $ref: "other.json#/x" } } }, names)).toThrow(/only local \$refs/);
  });
});
