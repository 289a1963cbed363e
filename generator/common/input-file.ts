/**
 * Reading a file that a person or a pull request controls (a spec, the config,
 * the manifest, the lock, `diff`'s inputs): a regular file only, and never more
 * than its limit. `readFileSync` reads `/dev/zero` until memory runs out, blocks
 * on a FIFO with no writer, and reads a 1 GiB spec whole before any size check
 * can refuse it. Here the file is opened without blocking (and, when asked,
 * without following a link), its type and size come from `fstat` on that
 * descriptor, and at most the limit is read, even from a file that grows.
 *
 * The answer is a result, not an exception: each caller words the problem in
 * its own terms (a positioned diagnostic for a spec, a one-line error for the
 * rest).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

export type InputRead =
  | { ok: true; bytes: Buffer }
  /** `problem` completes "PATH …": "is a directory, not a regular file", "is 5368709120 bytes, over the limit of 4194304 (4 MiB)". */
  | {
      ok: false;
      problem: string;
      reason: "missing" | "not-regular" | "too-large" | "unreadable";
      /** With too-large: the size seen. */
      size?: number;
      /** With not-regular: what the path is instead ("a directory", "a FIFO (named pipe)"). */
      kind?: string;
    };

export interface InputOptions {
  /** The most bytes the file may hold. */
  maxBytes: number;
  /** Refuse a symbolic link instead of reading its target (default: follow). */
  noFollow?: boolean;
}

export function readInputFile(path: string, options: InputOptions): InputRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once (fstat then refuses it).
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, problem: "does not exist", reason: "missing" };
    if (code === "ELOOP" && options.noFollow) return { ok: false, problem: "is a symbolic link", reason: "not-regular", kind: "a symbolic link" };
    if (code === "ENAMETOOLONG") return { ok: false, problem: "is a path too long for the file system", reason: "unreadable" };
    return { ok: false, problem: `cannot be read (${code ?? (err as Error).message})`, reason: "unreadable" };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, problem: `is ${fileKind(stat)}, not a regular file`, reason: "not-regular", kind: fileKind(stat) };
    if (stat.size > options.maxBytes) return { ok: false, problem: tooLarge(stat.size, options.maxBytes), reason: "too-large", size: stat.size };
    // What fstat reported, and one byte more; a file that grows meanwhile is read on, never past the limit.
    const cap = options.maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(cap, stat.size + 1));
    for (let n = 0; ; ) {
      if (n === buffer.length) {
        if (n === cap) return { ok: false, problem: `grew past the limit of ${options.maxBytes} bytes (${formatBytes(options.maxBytes)}) while it was read`, reason: "too-large", size: n };
        const bigger = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
        buffer.copy(bigger, 0, 0, n);
        buffer = bigger;
      }
      const got = readSync(fd, buffer, n, buffer.length - n, null);
      if (got === 0) return { ok: true, bytes: buffer.subarray(0, n) };
      n += got;
    }
  } catch (err) {
    return { ok: false, problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, reason: "unreadable" };
  } finally {
    closeSync(fd);
  }
}

/** A file's kind, for messages: "a directory", "a FIFO (named pipe)". */
export function fileKind(stat: Stats): string {
  if (stat.isFile()) return "a regular file";
  if (stat.isDirectory()) return "a directory";
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  return "not a regular file";
}

function tooLarge(size: number, maxBytes: number): string {
  return `is ${size} bytes, over the limit of ${maxBytes} (${formatBytes(maxBytes)})`;
}

/** 4194304 → "4 MiB". */
export function formatBytes(n: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB"];
  let i = 0;
  while (i < units.length - 1 && n >= 1024 && n % 1024 === 0) {
    n /= 1024;
    i++;
  }
  return `${n} ${units[i]}`;
}
