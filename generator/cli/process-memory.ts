/**
 * The command's own process, set up to hold less memory. The programmatic API
 * leaves its host's process as it is: these are process-wide settings.
 *
 * - V8 grows its heap to up to four times what survived the last full collection
 *   when the program allocates fast, as emitting does: on 100 SNAP-sized specs the
 *   main thread's heap reached about 470 MB around 90-140 MB live. Growth of 60% per
 *   step keeps it near 200 MB; paired runs, tuned ÷ untuned: 0.98x the time there,
 *   1.01x on the shipped specs, 1.05x on 1,000 tables (within their spread). A
 *   `--heap-growing-percent` given by the user (NODE_OPTIONS, node's own flags) wins.
 * - oxfmt and oxc-transform allocate with mimalloc, which by default commits its
 *   arenas eagerly and returns freed pages late: about 90 MB more resident memory
 *   over a run. These two options make it return them at once. mimalloc reads
 *   them when the first binding loads, so this runs before any does; a value the
 *   user set is kept.
 */
import { setFlagsFromString } from "node:v8";

export const HEAP_GROWING_PERCENT = 60;
const MIMALLOC: Record<string, string> = { MIMALLOC_PURGE_DELAY: "0", MIMALLOC_ARENA_EAGER_COMMIT: "0" };

/** Applies the settings the user has not made; returns what it set. */
export function holdLessMemory(env: NodeJS.ProcessEnv = process.env, nodeFlags: readonly string[] = process.execArgv, setFlags = setFlagsFromString): string[] {
  const set: string[] = [];
  if (![...nodeFlags, env.NODE_OPTIONS ?? ""].some((f) => f.includes("--heap-growing-percent"))) {
    const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
    setFlags(flag);
    set.push(flag);
  }
  for (const [name, value] of Object.entries(MIMALLOC)) {
    if (env[name]) continue; // set by the user (an empty variable sets nothing)
    env[name] = value;
    set.push(`${name}=${value}`);
  }
  return set;
}

/**
 * For the long-running servers (`codebook mock`, `codebook proxy`): V8 doubles its young
 * generation each time enough objects survive a scavenge, up to two 16 MiB semi-spaces;
 * a server that keeps state (the mock's transactions) gets there within seconds of load,
 * about 20-30 MB of resident memory that is never given back. A growth factor of 1 keeps
 * the young generation at its initial size (one of the few heap flags V8 reads at every
 * growth, so it can be set after startup). A semi-space size or growth factor the user
 * set (node's flags, NODE_OPTIONS) wins.
 */
export function holdSteadyYoungGeneration(env: NodeJS.ProcessEnv = process.env, nodeFlags: readonly string[] = process.execArgv, setFlags = setFlagsFromString): string[] {
  if ([...nodeFlags, env.NODE_OPTIONS ?? ""].some((f) => /--(max-|min-)?semi[-_]space[-_]/.test(f))) return [];
  const flag = "--semi-space-growth-factor=1";
  setFlags(flag);
  return [flag];
}
