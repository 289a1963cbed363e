/**
 * Reading a file the mock is given (a scenario file, the served package's
 * package.json) through common/input-file.ts: a regular file only, at most
 * `maxBytes`, never read further (`/dev/zero` and FIFOs are refused unread).
 * This wrapper words the refusal for the mock's user and decodes the text.
 */
import { ConfigError } from "../config/config.ts";
import { readInputFile as readBounded } from "../common/input-file.ts";

/** `what`: how the error names the file ("the scenario file"). Throws ConfigError with one line saying what to do. */
export function readInputFile(file: string, maxBytes: number, what: string): string {
  const read = readBounded(file, { maxBytes });
  if (!read.ok) {
    if (read.reason === "not-regular") throw new ConfigError(`${file}: is ${read.kind}; ${what} must be a regular file`);
    if (read.reason === "too-large" && read.problem.startsWith("is ")) throw new ConfigError(`${file}: ${what} is ${read.size} bytes, over the limit of ${maxBytes}: keep only the scenarios the tests need`);
    throw new ConfigError(`${file}: ${what} ${read.problem}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(read.bytes);
  } catch {
    throw new ConfigError(`${file}: ${what} is not UTF-8 text`);
  }
}
