/**
 * Worker-thread entry: lints the specs it is given (see lint-in-parallel.ts) and
 * posts the result back: plain data (the IR, diagnostics, the texts), which
 * structured cloning carries whole. A config error is posted as one, by message.
 */
import { parentPort } from "node:worker_threads";
import { ConfigError } from "../config/config.ts";
import { loadSpecs } from "./load-specs.ts";
import type { WorkerOptions } from "./lint-in-parallel.ts";
import { SHIPPED_TARGETS } from "../targets/registry.ts";

parentPort!.once("message", (options: WorkerOptions) => {
  try {
    const targets = options.targets.map((t) => ({ target: SHIPPED_TARGETS.find((s) => s.name === t.name)!, options: t.options }));
    parentPort!.postMessage({ result: loadSpecs({ ...options, targets }) });
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    parentPort!.postMessage({ error: { message: err instanceof ConfigError ? err.message : message, config: err instanceof ConfigError } });
  }
});
