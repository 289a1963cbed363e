/**
 * The TypeScript target: one zero-dependency npm package per spec (typed codes,
 * classifiers, validators, fixtures, catalog, JSON Schemas, README), ESM with
 * declarations in dist/. This module is the light half the registry and the
 * config read; stages.ts (emitters, oxc, oxfmt) loads only when a run
 * has packages to emit.
 */
import type { Target } from "../target.ts";
import { checkTypeScriptNames } from "./names.ts";
import { optionsSchema, readTypeScriptOptions, type TypeScriptOptions } from "./options.ts";

export const typescriptTarget: Target<TypeScriptOptions> = {
  name: "typescript",
  description: "npm packages: typed codes, classifiers, validators, fixtures, JSON Schemas and docs (ESM, with declarations)",
  defaultOutDir: "generated",
  optionsSchema,
  readOptions: readTypeScriptOptions,
  checkNames: (spec) => checkTypeScriptNames(spec),
  fingerprint: { sources: ["targets/typescript"], templates: ["typescript"], dependencies: ["oxc-transform", "oxfmt", "handlebars"] },
  load: async () => (await import("./stages.ts")).typescriptStages,
  publishes: (options) => options.publish !== null,
};
