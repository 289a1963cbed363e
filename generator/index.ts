/**
 * codebook's programmatic API.
 *
 *   import { generate } from "codebook";
 *   const { files, changes } = await generate({ check: true });
 */
export { generate, lint, type GenerateOptions, type GenerateResult, type RunOptions } from "./run/pipeline.ts";
export { ConfigError, loadConfig, type Config, type EnumStyle } from "./config/config.ts";
export { SpecError, formatDiagnostics, type Diagnostic } from "./load/diagnostics.ts";
export { loadSpecText } from "./load/load-specs.ts";
export type * from "./model/types.ts";
export type { GeneratedFile } from "./model/generated-file.ts";
export type { Change, Problem } from "./write/write.ts";
