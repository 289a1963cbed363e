// Precompiles schema/spec.schema.json into a standalone ajv validator
// (generator/load/spec-schema.validator.js), so `codebook` does not compile the
// schema on every run (~130 ms). test/load/spec-schema.test.ts fails when it is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { specSchemaValidatorSource } from "./spec-schema-source.mjs";

writeFileSync(fileURLToPath(new URL("../generator/load/spec-schema.validator.js", import.meta.url)), specSchemaValidatorSource());
