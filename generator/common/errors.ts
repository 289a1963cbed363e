/**
 * The errors codebook reports as one line and an exit code, never as a stack
 * trace. Each carries its exit code and the kind the `--json` report names it by;
 * the command exits with that code, whatever the class. A bad spec is a SpecError
 * (load/diagnostics.ts, exit 1, every diagnostic); anything else a run refuses to do
 * is a CodebookError. Classes say what went wrong (the config, the command line, the
 * out dir, the manifest, the lock), not which exit code they want: each extends
 * CodebookError directly.
 */

/** How a refusal ends the command: 1 problems found in the input, 2 a run that cannot start or go on. */
export type ExitCode = 1 | 2;

/** The `kind` of a `--json` problem (cli/json-report.ts): the contract's names. */
export type ErrorKind = "config" | "usage";

/** A refusal with its exit code (default 2) and its `--json` kind (default "config"). */
export class CodebookError extends Error {
  readonly exitCode: ExitCode;
  readonly kind: ErrorKind;
  constructor(message: string, exitCode: ExitCode = 2, kind: ErrorKind = "config") {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.kind = kind;
  }
}

/** A bad config file or config option: codebook refuses to run (exit code 2). */
export class ConfigError extends CodebookError {}

/** A bad command line: an unknown option, a bad value, a stray argument (exit code 2, kind "usage"). */
export class UsageError extends CodebookError {
  constructor(message: string) {
    super(message, 2, "usage");
  }
}
