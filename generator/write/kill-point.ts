/**
 * A deliberate SIGKILL after the Nth step a run takes on disk (a claims line, a file
 * renamed into place, the manifest, the journal's removal), for the kill-safety
 * test: it stops a real run exactly between two writes, where a kill at a random
 * moment lands only now and then. Set by the test through CODEBOOK_KILL_AFTER_STEPS;
 * no run a user starts sets it, and unset it costs one comparison per step.
 */
const limit = Number(process.env.CODEBOOK_KILL_AFTER_STEPS ?? "NaN");
let steps = 0;

/** Counts one step on disk; the run dies here when the test asked for this one. */
export function stepOnDisk(): void {
  if (++steps === limit) process.kill(process.pid, "SIGKILL");
}
