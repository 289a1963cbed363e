/**
 * Worker-thread entry: formats files with prettier off the main thread, one at a
 * time as the formatter hands them out (see formatter.ts), so formatting overlaps
 * loading, emitting and compiling. Importing prettier and a first small format
 * warm it up while the main thread is still reading specs.
 */
import { parentPort } from "node:worker_threads";
import { formatFile, formatFiles } from "./format.ts";
import type { GeneratedFile } from "../emit/generated-file.ts";

const warm = formatFiles([
  { path: "warm.ts", content: "export const a: { b: string[] } = { b: [\"c\"] };\nexport function f(x: unknown): x is string {\n  return typeof x === \"string\";\n}\n" },
  { path: "warm/package.json", content: '{"a": [1]}' },
]);

parentPort!.on("message", async (message: { file: GeneratedFile }) => {
  await warm;
  try {
    parentPort!.postMessage({ file: await formatFile(message.file) });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
