/**
 * Where formatting runs. Files wait in one queue, largest first; a worker thread
 * (when codebook runs from its build, dist/) takes them one at a time, and the
 * main thread takes them too whenever it would otherwise wait (`help`). On a
 * 2-core machine that keeps both cores formatting once emitting is done, instead
 * of one formatting while the other idles (the shipped specs' largest package
 * alone was 0.9 s of prettier on one thread). Run from source (tests), where a
 * worker cannot load .ts, everything is formatted in process. Results are the
 * same either way: formatting is a pure function of the text.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { GeneratedFile } from "../emit/generated-file.ts";

export interface Formatter {
  /** Queues files for formatting; resolves with them formatted, in the order given. */
  format(files: GeneratedFile[]): Promise<GeneratedFile[]>;
  /** Formats queued files on this thread until `until` settles or the queue is empty, then waits for `until`. */
  help<T>(until: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface Job {
  file: GeneratedFile;
  resolve: (f: GeneratedFile) => void;
  reject: (e: Error) => void;
}

const formatInProcess = async (file: GeneratedFile) => (await import("./format.ts")).formatFile(file);

export function startFormatter(): Formatter {
  const queue: Job[] = [];
  const take = () => queue.shift();
  // This thread's prettier is colder than the worker's: it takes the smallest files.
  const takeSmallest = () => queue.pop();
  const runHere = (job: Job) => formatInProcess(job.file).then(job.resolve, job.reject);
  const worker = startWorker(take, runHere);

  return {
    format(files) {
      const done = files.map(
        (file) =>
          new Promise<GeneratedFile>((resolve, reject) => {
            const job = { file, resolve, reject };
            // Largest first (LPT): the thread that takes the last small file finishes about when the other does.
            const at = queue.findIndex((j) => j.file.content.length < file.content.length);
            queue.splice(at === -1 ? queue.length : at, 0, job);
          }),
      );
      worker?.wake();
      // Without a worker nothing else drains the queue: format now, on this thread.
      if (!worker?.alive()) void drain(take, runHere);
      return Promise.all(done);
    },
    async help(until) {
      let settled = false;
      until.then(
        () => (settled = true),
        () => (settled = true),
      );
      for (let job = takeSmallest(); job; job = settled ? undefined : takeSmallest()) {
        await runHere(job);
        // Formatting here settles only promises (microtasks): without a turn of the event loop
        // the worker's replies would wait, and the worker with them, until this loop ends.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return until;
    },
    async close() {
      await worker?.terminate();
    },
  };
}

async function drain(take: () => Job | undefined, runHere: (job: Job) => Promise<void>): Promise<void> {
  for (let job = take(); job; job = take()) await runHere(job);
}

/**
 * The worker, if codebook runs from its build. A bounded heap: prettier leaves much
 * garbage per file, and an unbounded heap grows with the corpus before V8 collects
 * it; the live set is one file. A file too large for that heap (a table of thousands
 * of codes) is formatted in process instead, and so is everything after it: slower,
 * not lost.
 */
function startWorker(take: () => Job | undefined, runHere: (job: Job) => Promise<void>) {
  const workerFile = fileURLToPath(new URL("./format-worker.js", import.meta.url));
  if (!import.meta.url.endsWith(".js") || !existsSync(workerFile)) return null;
  const worker = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: 192 } });
  let current: Job | undefined;
  let dead = false;
  const next = () => {
    if (dead || current) return;
    current = take();
    if (current) worker.postMessage({ file: current.file });
  };
  worker.on("message", (m: { file?: GeneratedFile; error?: string }) => {
    const job = current!;
    current = undefined;
    if (m.error !== undefined) job.reject(new Error(`codebook: formatting failed: ${m.error}`));
    else job.resolve(m.file!);
    next();
  });
  worker.on("error", (err) => {
    dead = true;
    const outOfMemory = (err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
    const lost = current;
    current = undefined;
    if (lost && !outOfMemory) lost.reject(err);
    if (lost && outOfMemory) void runHere(lost);
    // What is still queued is formatted here: by `help`, or now if nobody is helping.
    if (outOfMemory) void drain(take, runHere);
    else for (let job = take(); job; job = take()) job.reject(err);
  });
  return {
    wake: next,
    alive: () => !dead,
    terminate: () => worker.terminate(),
  };
}
