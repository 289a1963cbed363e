// schema/config.schema.json is assembled from the targets' option schemas; editors read
// the committed file, so it must be what the targets say now, and it must accept what
// the config reader accepts (and refuse what it refuses).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configSchemaText } from "../../generator/config/config-schema.ts";
import { repoRoot } from "../helpers.ts";

const committed = readFileSync(join(repoRoot, "schema", "config.schema.json"), "utf8");
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(committed));

describe("schema/config.schema.json", () => {
  it("is current with the targets' option schemas (run `node scripts/write-config-schema.mjs`)", () => {
    expect(committed).toBe(configSchemaText());
  });

  it("accepts the repository's own config and the single-target form", () => {
    expect(validate(parse(readFileSync(join(repoRoot, "codebook.config.yaml"), "utf8")))).toBe(true);
    expect(validate({ specDir: "spec", outDir: "generated", scope: "@acme", enumStyle: "enum", publish: { license: "MIT" } })).toBe(true);
  });

  it("completes each target's options, and refuses what the config reader refuses", () => {
    expect(validate({ targets: [{ target: "go", options: { module: "example.com/x" } }] })).toBe(true);
    expect(validate({ targets: [{ target: "go" }] })).toBe(false); // module is required
    expect(validate({ targets: [{ target: "typescript", options: { module: "x" } }] })).toBe(false);
    expect(validate({ targets: [{ target: "cobol" }] })).toBe(false);
    expect(validate({ targets: [{ target: "typescript" }], scope: "@acme" })).toBe(false); // scope belongs in the entry
  });
});
