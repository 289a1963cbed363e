// Precompiles schema/spec.schema.json into a standalone ajv validator
// (generator/load/spec-schema.validator.js), so `codebook` does not compile the
// schema on every run, and writes the raw spec's types beside it
// (generator/load/spec-schema.types.ts). test/load/spec-schema.test.ts fails when either is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { specSchemaTypesSource, specSchemaValidatorSource } from "./spec-schema-source.mjs";

const out = (name) => fileURLToPath(new URL(`../generator/load/${name}`, import.meta.url));
writeFileSync(out("spec-schema.validator.js"), specSchemaValidatorSource());
writeFileSync(out("spec-schema.types.ts"), specSchemaTypesSource());
