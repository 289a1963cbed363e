/**
 * Worker-thread entry: lints the specs it is given (see lint-in-parallel.ts) and
 * posts the result back: plain data (the IR, diagnostics, the texts), which
 * structured cloning carries whole. A config error is posted as one, by message.
 */
import { parentPort } from "node:worker_threads";
import { ConfigError } from "../config/config.ts";
import { loadSpecs, type LoadOptions } from "./load-specs.ts";

parentPort!.once("message", (options: LoadOptions) => {
  try {
    parentPort!.postMessage({ result: loadSpecs(options) });
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    parentPort!.postMessage({ error: { message: err instanceof ConfigError ? err.message : message, config: err instanceof ConfigError } });
  }
});
