/**
 * `codebook mock --spec ID [--port N] [--host H] [--delay MS] [--notify-url URL]
 * [--base-path P] [--scenarios FILE | --replay FILE] [--json] [--config FILE]`:
 * serves until SIGINT/SIGTERM. Prints one "listening" line (the URL, for
 * scripts to wait for), the routes, then one line per request on stdout; the
 * scenario file's warnings (codes served as unlisted) go to stderr.
 */
import { ConfigError } from "../config/config.ts";
import type { OptionValue } from "./args.ts";
import { holdSteadyYoungGeneration } from "./process-memory.ts";
import { MAX_DELAY } from "../mock/limits.ts";
import { startMock } from "../mock/server.ts";

/** `values` as args.ts parsed them from the command table (commands.ts); a refusal throws a CodebookError (exit 2). */
export async function mockCommand(values: Record<string, OptionValue | undefined>): Promise<number> {
  // A server runs for long: its resident memory must not grow with the traffic it has seen.
  holdSteadyYoungGeneration();
  // A log reader that goes away (`codebook mock … | head -1`) must not end the mock: an EPIPE on
  // the next line would be an unhandled 'error' event. Lines to a closed stream are dropped.
  const open = { stdout: true, stderr: true };
  process.stdout.on("error", () => (open.stdout = false));
  process.stderr.on("error", () => (open.stderr = false));
  const stdout = (text: string) => open.stdout && process.stdout.write(`${text}\n`);
  const stderr = (text: string) => open.stderr && process.stderr.write(`${text}\n`);
  const number = (name: string, value: unknown, fallback: number, max: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== "string" || !/^\d+$/.test(value)) throw new ConfigError(`--${name} expects a whole number, got ${JSON.stringify(value)}`);
    if (Number(value) > max) throw new ConfigError(`--${name} ${value} is over ${max}${name === "delay" ? " ms (about 24.8 days), the longest a timer waits" : ""}`);
    return Number(value);
  };
  if (typeof values.spec !== "string" && typeof values.replay !== "string") throw new ConfigError("--spec ID is required (the API spec to serve)");
  const port = number("port", values.port, 4010, 65535);
  const server = await startMock({
    ...(typeof values.spec === "string" ? { spec: values.spec } : {}),
    port,
    ...(typeof values.host === "string" ? { host: values.host } : {}),
    delay: number("delay", values.delay, 0, MAX_DELAY),
    ...(typeof values["notify-url"] === "string" ? { notifyUrl: values["notify-url"] } : {}),
    ...(typeof values["base-path"] === "string" ? { basePath: values["base-path"] } : {}),
    ...(typeof values.scenarios === "string" ? { scenarios: values.scenarios } : {}),
    ...(typeof values.replay === "string" ? { replay: values.replay } : {}),
    ...(typeof values.config === "string" ? { config: values.config } : {}),
    json: values.json === true,
    log: stdout,
  });
  const host = typeof values.host === "string" ? values.host : "127.0.0.1";
  if (!/^(127\.|::1$|localhost$|\[::1\]$)/.test(host)) stderr(`codebook mock: warning: listening on ${host}, not loopback: anyone who can reach it can call the mock`);
  for (const w of server.warnings) stderr(`codebook mock: warning: ${w}`);
  if (values.json) stdout(JSON.stringify({ event: "listening", spec: server.spec, url: server.url, routes: server.routes }));
  else {
    stdout(`codebook mock: ${server.spec} listening on ${server.url}${typeof values.replay === "string" ? ` replaying ${values.replay}` : ""} (Ctrl-C stops)`);
    for (const r of server.routes) stdout(`  ${r.method} ${server.url}${r.path}  ${r.endpoint}`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  return 0;
}
