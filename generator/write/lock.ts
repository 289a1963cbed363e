/**
 * One writer per out dir. Two `codebook generate` runs on the same out dir (two
 * terminals, a watcher and a pipeline, parallel CI steps) would otherwise
 * interleave their writes and removals. The lock is a file created with O_EXCL
 * (`wx`), holding who took it; the holder refreshes its mtime while it works.
 *
 * A lock is stale, and taken over, when its holder is gone: same host and the
 * process no longer exists (a SIGKILL leaves the file behind), or no refresh for
 * STALE_MS (another host, or a hung process). A waiter takes over by renaming
 * the stale file away (atomic: of several waiters, one wins) and then checks
 * that what it renamed is the lock it judged stale, restoring it otherwise.
 */
import { hostname } from "node:os";
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../config/config.ts";

export const LOCK_FILE = ".codebook-lock";

const STALE_MS = 30_000;
const HEARTBEAT_MS = 5_000;
const POLL_MS = 50;

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

export class LockBusyError extends ConfigError {}

function readHolder(path: string): { text: string; holder: Holder | null } | null {
  try {
    const text = readFileSync(path, "utf8");
    try {
      return { text, holder: JSON.parse(text) as Holder };
    } catch {
      return { text, holder: null }; // being written, or garbage: judged by age alone
    }
  } catch {
    return null;
  }
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

/** Takes the stale lock whose contents were `seen` out of the way, unless someone replaced it meanwhile. */
function breakStale(path: string, seen: string): void {
  const aside = `${path}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // another waiter broke it first
  }
  let moved: string | null = null;
  try {
    moved = readFileSync(aside, "utf8");
  } catch {
    /* unreadable: treat as the stale one */
  }
  if (moved !== null && moved !== seen) {
    // A fresh lock, taken between our look and our rename: put it back (link fails if yet another exists).
    try {
      linkSync(aside, path);
    } catch {
      /* a newer lock is in place */
    }
  }
  rmSync(aside, { force: true });
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
  for (;;) {
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
    if (current === null) continue; // released meanwhile
    if (isStale(path, current.holder)) {
      breakStale(path, current.text);
      continue;
    }
    if (Date.now() >= deadline)
      throw new LockBusyError(
        `${path} is held by another codebook run (${describe(current.holder)}); waited ${options.waitMs / 1000} s. If no codebook is running, delete that file.`,
      );
    if (!told) {
      told = true;
      options.onWait?.(describe(current.holder));
    }
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
      if (readHolder(path)?.text === text) rmSync(path, { force: true });
    },
  };
}
