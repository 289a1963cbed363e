/**
 * `codebook mock --spec ID [--port N] [--host H] [--delay MS] [--notify-url URL]
 * [--base-path P] [--scenarios FILE | --replay FILE] [--json] [--config FILE]`:
 * serves until SIGINT/SIGTERM. Prints one "listening" line (the URL, for
 * scripts to wait for), the routes, then one line per request on stdout; the
 * scenario file's warnings (codes served as unlisted) go to stderr.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../config/config.ts";
import { holdSteadyYoungGeneration } from "./process-memory.ts";
import { MAX_DELAY } from "../mock/limits.ts";
import { startMock } from "../mock/server.ts";

export const MOCK_HELP = `codebook mock --spec ID [options] — serve a generated API package as a provider sandbox

Options:
  --spec ID           The API spec to serve (its package in the config's out dir).
  --port N            Port (default 4010; 0: a free port).
  --host HOST         Interface (default 127.0.0.1: loopback only).
  --delay MS          Wait before every answer (at most 2147483647, about 24.8 days).
  --notify-url URL    POST the callback (e.g. the payment notification) here after
                      a success of an endpoint whose spec names one.
  --base-path PATH    Serve every endpoint below PATH (e.g. /api).
  --scenarios FILE    YAML or JSON: scenarios (request field values -> a code and
                      a delay), flows (a transaction's states over time, by its
                      reference) and idempotency rules; schema:
                      codebook/schema/mock-scenarios.schema.json.
  --replay FILE       Serve a recording of \`codebook proxy --record FILE\`: the
                      recorded answers, byte for byte (--spec: the recording's).
  --json              Log JSON lines.
  --config FILE       Config file (default: ./codebook.config.yaml).

Requests: a body the package's validator rejects gets the spec's request-error
code naming the field; \`Prefer: code=<code>\` answers that code (any code of the
spec's pattern: one the service does not list is served as unlisted); then the
flows and idempotency rules, the scenarios, and otherwise the success fixture.
The state is listed and reset at /__codebook/state (GET, DELETE). Exit codes:
0 stopped by a signal; 2 usage, config, a port in use, or a scenario file or
recording refused (not a regular file, over its cap, or a problem in it).
`;

export async function mockCommand(argv: string[]): Promise<number> {
  // A server runs for long: its resident memory must not grow with the traffic it has seen.
  holdSteadyYoungGeneration();
  // A log reader that goes away (`codebook mock … | head -1`) must not end the mock: an EPIPE on
  // the next line would be an unhandled 'error' event. Lines to a closed stream are dropped.
  const open = { stdout: true, stderr: true };
  process.stdout.on("error", () => (open.stdout = false));
  process.stderr.on("error", () => (open.stderr = false));
  const stdout = (text: string) => open.stdout && process.stdout.write(`${text}\n`);
  const stderr = (text: string) => open.stderr && process.stderr.write(`${text}\n`);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        spec: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        delay: { type: "string" },
        "notify-url": { type: "string" },
        "base-path": { type: "string" },
        scenarios: { type: "string" },
        replay: { type: "string" },
        json: { type: "boolean" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    stderr(`codebook mock: ${(err as Error).message}\nRun \`codebook mock --help\` for usage.`);
    return 2;
  }
  if (values.help) {
    stdout(MOCK_HELP);
    return 0;
  }
  const number = (name: string, value: unknown, fallback: number, max: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== "string" || !/^\d+$/.test(value)) throw new ConfigError(`--${name} expects a whole number, got ${JSON.stringify(value)}`);
    if (Number(value) > max) throw new ConfigError(`--${name} ${value} is over ${max}${name === "delay" ? " ms (about 24.8 days), the longest a timer waits" : ""}`);
    return Number(value);
  };
  let server;
  try {
    if (typeof values.spec !== "string" && typeof values.replay !== "string") throw new ConfigError("--spec ID is required (the API spec to serve)");
    const port = number("port", values.port, 4010, 65535);
    server = await startMock({
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
  } catch (err) {
    if (err instanceof ConfigError) {
      stderr(`codebook mock: ${err.message}`);
      return 2;
    }
    throw err;
  }
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
