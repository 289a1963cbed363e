/**
 * Where formatting runs: in a worker thread when codebook runs from its build
 * (dist/), so it overlaps the main thread's work on a 2-core machine; in
 * process when it runs from source (tests), where a worker cannot load .ts.
 * Results are the same either way: formatting is a pure function of the text.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { GeneratedFile } from "../emit/generated-file.ts";

export interface Formatter {
  format(files: GeneratedFile[]): Promise<GeneratedFile[]>;
  close(): Promise<void>;
}

export function startFormatter(): Formatter {
  const workerFile = fileURLToPath(new URL("./format-worker.js", import.meta.url));
  const inProcess = async (files: GeneratedFile[]) => (await import("./format.ts")).formatFiles(files);
  if (!import.meta.url.endsWith(".js") || !existsSync(workerFile)) return { format: inProcess, close: async () => {} };
  // A bounded heap: prettier leaves much garbage per file, and an unbounded heap grows with the
  // corpus before V8 collects it; the live set is one package's sources. A package too large for
  // that heap (thousands of codes) is formatted in process instead, from then on: slower, not lost.
  const worker = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: 192 } });
  const pending = new Map<number, { files: GeneratedFile[]; resolve: (f: GeneratedFile[]) => void; reject: (e: Error) => void }>();
  let outOfMemory = false;
  let next = 0;
  worker.on("message", (m: { id: number; files?: GeneratedFile[]; error?: string }) => {
    const p = pending.get(m.id)!;
    pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(`codebook: formatting failed: ${m.error}`));
    else p.resolve(m.files!);
  });
  worker.on("error", (err) => {
    outOfMemory = (err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY";
    for (const p of pending.values()) {
      if (outOfMemory) inProcess(p.files).then(p.resolve, p.reject);
      else p.reject(err);
    }
    pending.clear();
  });
  return {
    format(files) {
      if (outOfMemory) return inProcess(files);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { files, resolve, reject });
        worker.postMessage({ id, files });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
