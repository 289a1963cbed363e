/**
 * codebook's two native dependencies (oxc-transform compiles dist/, oxfmt formats the
 * sources) come as one optional package per platform, with no install script. One
 * that does not load is an installation problem, not a bug: one line that says what
 * to do (exit 2, like a config error), before anything is written.
 */
import { ConfigError } from "../../common/errors.ts";

export function nativeLoadError(dependency: string, job: string, err: unknown): ConfigError {
  const why = String((err as Error)?.message ?? err).split("\n")[0];
  return new ConfigError(
    `${dependency}, which ${job}, did not load on ${process.platform}-${process.arch} (${why}). ` +
      "Its native binary comes as an optional dependency: reinstall (npm install); if the lockfile was made on another platform, delete it and node_modules first (npm/cli#4828).",
  );
}
