/**
 * schema/config.schema.json, assembled from the targets' option schemas, so an
 * editor completes each target's options (`targets[].options`) and the top-level
 * keys of a config with one TypeScript target. scripts/write-config-schema.mjs
 * writes it; test/config/config-schema.test.ts fails when the committed file drifts.
 */
import { SHIPPED_TARGETS } from "../targets/registry.ts";
import type { Target } from "../targets/target.ts";
import { typescriptTarget } from "../targets/typescript/target.ts";

const OUT_DIR = {
  type: "string",
  minLength: 1,
  description:
    "Directory this target's packages are written to. codebook owns it: not the config's directory or one above it, not the filesystem root, not the spec directory or inside it, judged on its real path; each target needs its own.",
};

export function configSchema(targets: readonly Target<any>[] = SHIPPED_TARGETS): Record<string, unknown> {
  const typescript = typescriptTarget.optionsSchema.properties;
  const entries = targets.map((t) => ({
    type: "object",
    description: `${t.name}: ${t.description}`,
    additionalProperties: false,
    required: ["target", ...(t.optionsSchema.required?.length ? ["options"] : [])],
    properties: {
      target: { const: t.name, description: "Which output to emit." },
      outDir: { ...OUT_DIR, default: t.defaultOutDir },
      options: t.optionsSchema,
    },
  }));
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://codebook.dev/schema/config-1.json",
    title: "codebook.config.yaml",
    description: "Where codebook reads specs and what it generates where. Paths are relative to the config file.",
    type: "object",
    additionalProperties: false,
    properties: {
      specDir: { type: "string", minLength: 1, default: "spec", description: "Directory of spec files (*.yaml or *.yml)." },
      targets: {
        type: "array",
        minItems: 1,
        description: `What to generate: one entry per output, each with its own out dir and options (targets: ${targets.map((t) => t.name).join(", ")}). Without it, outDir, scope, enumStyle and publish configure one TypeScript target.`,
        items: { oneOf: entries },
      },
      outDir: { ...OUT_DIR, default: typescriptTarget.defaultOutDir, description: `Without targets: ${OUT_DIR.description}` },
      ...typescript,
    },
    // With targets, each target's out dir and options belong in its entry.
    if: { required: ["targets"] },
    then: { not: { anyOf: ["outDir", ...Object.keys(typescript)].map((key) => ({ required: [key] })) } },
  };
}

/** The schema file's text: two-space JSON and a newline, as the repository keeps it. */
export function configSchemaText(targets?: readonly Target<any>[]): string {
  return JSON.stringify(configSchema(targets), null, 2) + "\n";
}
