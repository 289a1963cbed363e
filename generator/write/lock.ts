/**
 * One writer per out dir. Two `codebook generate` runs on the same out dir (two
 * terminals, a watcher and a pipeline, parallel CI steps) would otherwise
 * interleave their writes and removals. The lock is a file created with O_EXCL
 * (`wx`), holding who took it; the holder refreshes its mtime while it works.
 *
 * A lock is stale, and taken over, when its holder is gone: same host and the
 * process no longer exists (a SIGKILL leaves the file behind), or no refresh for
 * STALE_MS (another host, or a hung process). A waiter takes over by removing
 * the stale file, under a breaker file that lets one waiter at a time judge and
 * remove (see breakStale), then creating its own like any waiter.
 *
 * Every way round the loop either takes the lock, or passes the deadline check
 * and sleeps: a lock path that is not a regular file (a directory, a dangling
 * link committed by mistake) is refused at once, and one that keeps vanishing
 * and coming back is waited for like a held one, never spun on.
 */
import { hostname } from "node:os";
import { closeSync, lstatSync, mkdirSync, openSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import { join } from "node:path";
import { CodebookError } from "../common/errors.ts";
import { fileKind, readInputFile } from "../common/input-file.ts";
import { OutDirError } from "./write.ts";

export const LOCK_FILE = ".codebook-lock";

const STALE_MS = 30_000;
const HEARTBEAT_MS = 5_000;
const POLL_MS = 50;
/** A holder's description is a line of JSON; anything longer is not a lock codebook wrote. */
const MAX_LOCK_BYTES = 4096;
/** Retries straight after a lock vanished or was broken, before the loop sleeps like any wait. */
const QUICK_RETRIES = 3;
/** Beside the lock while a waiter breaks a stale one (see breakStale). */
export const BREAKER_SUFFIX = ".breaking";
const BREAKER_STALE_MS = 10_000;

export interface LockOptions {
  /** How long to wait for another run to finish (ms); 0 fails at once. */
  waitMs: number;
  /** Told once when the lock is busy, with the holder's description. */
  onWait?: (holder: string) => void;
}

export interface Lock {
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  started: string;
}

/** The out dir stayed locked by another run past --lock-timeout (exit code 2). */
export class LockBusyError extends CodebookError {}

/**
 * The lock's contents, or null when there is none. A lock path that is not a regular file
 * (a directory, a symbolic link, a FIFO) is no lock codebook made: an OutDirError, since
 * waiting cannot change it. Opened without following a link and without blocking on a FIFO.
 */
function readHolder(path: string): { text: string; holder: Holder | null } | null {
  const text = readLockText(path);
  if (text === null) return null;
  try {
    return { text, holder: JSON.parse(text) as Holder };
  } catch {
    return { text, holder: null }; // being written, or garbage: judged by age alone
  }
}

function readLockText(path: string): string | null {
  const read = readInputFile(path, { maxBytes: MAX_LOCK_BYTES, noFollow: true });
  if (read.ok) return read.bytes.toString("utf8");
  if (read.reason === "missing") return null; // released meanwhile
  throw notALock(path, read.problem);
}

/** Before taking the lock: a path that exists as anything but a regular file is refused (see readHolder). */
function checkLockPath(path: string): void {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat && !stat.isFile()) throw notALock(path, `is ${fileKind(stat)}`);
}

function notALock(path: string, what: string): OutDirError {
  return new OutDirError(`${path} ${what}: not a lock codebook made, and no codebook run can take the out dir while it is there. Remove it and run again`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(path: string, holder: Holder | null): boolean {
  if (holder && holder.host === hostname() && Number.isInteger(holder.pid) && !alive(holder.pid)) return true;
  try {
    return Date.now() - statSync(path).mtimeMs > STALE_MS;
  } catch {
    return false; // gone meanwhile: the next attempt creates it
  }
}

function describe(holder: Holder | null): string {
  return holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.started}` : "a codebook run";
}

/**
 * Removes the stale lock whose contents were `seen`, unless it was replaced meanwhile. Waiters
 * break locks one at a time, under a breaker file of their own (`wx`): judged and removed by
 * two waiters at once, a lock could be removed by one after the other had taken it afresh.
 * (Before, each waiter moved the lock aside and put back one it had not judged: between the
 * move and the putting back, a third took the empty path, and two runs wrote one out dir.)
 * Under the breaker only a dead or hung holder could change the lock, so it is read once more
 * and removed when it is still the one judged. Exported for its test, which lets another waiter
 * act after every file-system call of a break.
 */
export function breakStale(path: string, seen: string): void {
  const breaker = `${path}${BREAKER_SUFFIX}`;
  if (!takeBreaker(breaker)) return; // another waiter is breaking it: judged again next round
  try {
    let now: string | null = null;
    try {
      now = readLockText(path);
    } catch {
      return; // no longer a regular file: checkLockPath refuses it next round
    }
    if (now === seen) rmSync(path, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
}

/**
 * The breaker file, created with O_EXCL. One older than BREAKER_STALE_MS was left by a waiter
 * killed while breaking (breaking takes microseconds): it is removed, and taken next round.
 */
function takeBreaker(breaker: string): boolean {
  try {
    closeSync(openSync(breaker, "wx"));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const stat = lstatSync(breaker, { throwIfNoEntry: false });
  if (stat && Date.now() - stat.mtimeMs > BREAKER_STALE_MS) rmSync(breaker, { force: true, recursive: true });
  return false;
}

/**
 * Removes a lock whose holder is gone, leaving a live holder's lock alone. For
 * runs that write nothing because the out dir is already current: a run killed
 * after its last write but before releasing leaves such a lock behind, and no
 * writer would come along to take it over.
 */
export function removeStaleLock(outDir: string): void {
  const path = join(outDir, LOCK_FILE);
  const current = readHolder(path);
  if (current !== null && isStale(path, current.holder)) breakStale(path, current.text);
}

export async function acquireLock(outDir: string, options: LockOptions): Promise<Lock> {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const text = JSON.stringify(me) + "\n";
  const deadline = Date.now() + options.waitMs;
  let told = false;
  let quick = 0;
  for (;;) {
    checkLockPath(path);
    try {
      const fd = openSync(path, "wx");
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      return held(path, text);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const current = readHolder(path);
    // Released a moment ago, or stale: try again at once, a few times, then wait like any waiter
    // (a stale lock that cannot be moved aside must not be retried at full speed either).
    if (quick < QUICK_RETRIES && (current === null || isStale(path, current.holder))) {
      if (current !== null) breakStale(path, current.text);
      quick++;
      continue;
    }
    if (Date.now() >= deadline)
      throw new LockBusyError(
        `${path} is held by another codebook run (${describe(current?.holder ?? null)}); waited ${options.waitMs / 1000} s. If no codebook is running, delete that file.`,
      );
    if (!told) {
      told = true;
      options.onWait?.(describe(current?.holder ?? null));
    }
    quick = 0;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function held(path: string, text: string): Lock {
  // Refresh the mtime so waiters on other hosts can tell a live holder from a dead one.
  const beat = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      /* released or broken: nothing to refresh */
    }
  }, HEARTBEAT_MS);
  beat.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      // Only our own lock: never remove one a waiter took over after judging us stale.
      let current: string | null = null;
      try {
        current = readLockText(path);
      } catch {
        /* replaced by something that is no lock: not ours to remove */
      }
      if (current === text) rmSync(path, { force: true });
    },
  };
}
