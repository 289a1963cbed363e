import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without types
import { specSchemaTypesSource, specSchemaValidatorSource } from "../../scripts/spec-schema-source.mjs";
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
