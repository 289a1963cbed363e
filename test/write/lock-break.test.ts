// Breaking a stale lock while other waiters act (the interleaving behind two runs writing one
// out dir, seen once in CI): waiter A judged lock L1 stale (its holder is dead); meanwhile B
// broke L1 and took the lock as L2. A now breaks with what it judged, L1. Here a competing
// waiter tries to take the lock after every file-system call A makes: B's L2 must stay in
// place throughout, so the competitor never gets it. (Before, A moved L2 aside to look at it
// and put it back; in between, the competitor took the empty path, and B and it both wrote.)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const competitor = { path: "", took: 0, tries: 0 };
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  /** The competing waiter: takes the lock if its path is free, as acquireLock would. */
  const compete = () => {
    if (!competitor.path) return;
    competitor.tries++;
    try {
      fs.closeSync(fs.openSync(competitor.path, "wx"));
      competitor.took++;
    } catch {
      /* held: waits */
    }
  };
  const wrap = <F extends (...args: never[]) => unknown>(f: F): F =>
    ((...args: Parameters<F>) => {
      try {
        return f(...args);
      } finally {
        compete();
      }
    }) as F;
  const wrapped = { ...fs };
  for (const name of ["openSync", "closeSync", "readSync", "fstatSync", "renameSync", "linkSync", "rmSync", "unlinkSync", "lstatSync", "statSync"] as const)
    (wrapped as Record<string, unknown>)[name] = wrap(fs[name] as (...args: never[]) => unknown);
  return { ...wrapped, default: wrapped };
});

const { breakStale, LOCK_FILE } = await import("../../generator/write/lock.ts");

const scratch = mkdtempSync(join(tmpdir(), "codebook-lock-break-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lockText = (pid: number) => JSON.stringify({ pid, host: hostname(), started: "2026-01-01T00:00:00.000Z" }) + "\n";

describe("breaking a stale lock", () => {
  it("leaves a lock taken since it was judged in place, while another waiter tries at every step", () => {
    const path = join(scratch, LOCK_FILE);
    const l1 = lockText(2 ** 22 + 1); // above Linux's largest pid: dead
    const l2 = lockText(process.pid); // B, alive
    writeFileSync(path, l2);
    competitor.path = path;
    try {
      breakStale(path, l1);
    } finally {
      competitor.path = "";
    }
    expect(competitor.tries).toBeGreaterThan(2);
    expect(competitor.took).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(l2);
  });

  it("removes the lock it judged stale, once, and leaves nothing beside it", () => {
    const path = join(scratch, "second", LOCK_FILE);
    mkdirSync(join(scratch, "second"));
    const l1 = lockText(2 ** 22 + 1);
    writeFileSync(path, l1);
    breakStale(path, l1);
    expect(readdirSync(join(scratch, "second"))).toEqual([]);
  });
});
