/**
 * codebook's programmatic API.
 *
 *   import { generate } from "codebook";
 *   const { files, changes } = await generate({ check: true });
 */
import { checkReport, generateReport } from "./cli/report.ts";
import { generate as run, type GenerateOptions, type GenerateResult as RunResult } from "./run/pipeline.ts";

export { lint, type GenerateOptions, type RunOptions } from "./run/pipeline.ts";

export interface GenerateResult extends RunResult {
  /** A human-readable summary: the text the CLI prints. */
  report: string;
}

/** Generates every package of the config (or compares, with `check`); see GenerateOptions. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const result = await run(options);
  return { ...result, report: options.check ? checkReport(result) : generateReport(result) };
}

export { CodebookError, ConfigError, loadConfig, type Config, type EnumStyle } from "./config/config.ts";
export { SpecError, formatDiagnostics, type Diagnostic } from "./load/diagnostics.ts";
export { loadSpecText } from "./load/load-specs.ts";
export type * from "./model/types.ts";
export type { GeneratedFile } from "./model/generated-file.ts";
export type { Change, Problem } from "./write/write.ts";
export type { Target, TargetStages } from "./targets/target.ts";
export type { TargetResult } from "./run/write-targets.ts";
