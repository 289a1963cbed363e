/**
 * Reading a file the mock is given (a scenario file, the served package's
 * package.json): a regular file only, at most `maxBytes`, never read further.
 * `/dev/zero` would be read until memory runs out and a FIFO blocks the open,
 * so both are refused from their stat, before anything is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { ConfigError } from "../config/config.ts";

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/** `what`: how the error names the file ("the scenario file"). Throws ConfigError with one line saying what to do. */
export function readInputFile(file: string, maxBytes: number, what: string): string {
  const refuse = (why: string) => new ConfigError(`${file}: ${what} ${why}`);
  const check = (stats: Stats) => {
    if (!stats.isFile()) throw new ConfigError(`${file}: is ${kindOf(stats)}; ${what} must be a regular file`);
    if (stats.size > maxBytes) throw refuse(`is ${stats.size} bytes, over the limit of ${maxBytes}: keep only the scenarios the tests need`);
  };
  let fd: number;
  try {
    check(statSync(file));
    // O_NONBLOCK: if the path became a FIFO after the stat, the open returns at once instead of waiting for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw refuse(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    check(fstatSync(fd));
    // One byte past the limit tells a file that grew since its stat from one that is exactly at it.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length > maxBytes) throw refuse(`grew past the limit of ${maxBytes} bytes while it was read`);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw refuse("is not UTF-8 text");
    }
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw refuse(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    closeSync(fd);
  }
}
