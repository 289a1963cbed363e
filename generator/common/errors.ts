/**
 * The errors codebook reports as one line and an exit code, never as a stack
 * trace. Each carries its exit code; the command exits with it, whatever the class.
 * A bad spec is a SpecError (load/diagnostics.ts, exit 1, every diagnostic); anything
 * else a run refuses to do is a CodebookError with exit code 2.
 */

/** A refusal with its exit code: 1 for problems found in the input, 2 for a run that cannot start or go on. */
export class CodebookError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2 = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A bad config file, command-line argument or option: codebook refuses to run (exit code 2). */
export class ConfigError extends CodebookError {}
