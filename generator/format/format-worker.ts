/**
 * Worker-thread entry: formats files with prettier off the main thread, so
 * formatting (the most expensive stage on a cold run) overlaps loading,
 * emitting and compiling. Importing prettier and a first small format warm it
 * up while the main thread is still reading specs.
 */
import { parentPort } from "node:worker_threads";
import { formatFiles } from "./format.ts";
import type { GeneratedFile } from "../emit/generated-file.ts";

const warm = formatFiles([
  { path: "warm.ts", content: "export const a: { b: string[] } = { b: [\"c\"] };\nexport function f(x: unknown): x is string {\n  return typeof x === \"string\";\n}\n" },
  { path: "warm/package.json", content: '{"a": [1]}' },
]);

parentPort!.on("message", async (message: { id: number; files: GeneratedFile[] }) => {
  await warm;
  try {
    parentPort!.postMessage({ id: message.id, files: await formatFiles(message.files) });
  } catch (err) {
    parentPort!.postMessage({ id: message.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
