/**
 * `codebook proxy --spec ID --target URL [--port N] [--host H] [--base-path P]
 * [--record FILE] [--redact NAMES] [--strict] [--json] [--config FILE]`:
 * forwards until SIGINT/SIGTERM, one line per exchange on stdout, a summary
 * line at the end. `codebook proxy --suggest-fixtures FILE`: reads a recording
 * and prints the spec samples it suggests.
 */
import { ConfigError } from "../config/config.ts";
import type { OptionValue } from "./args.ts";
import { holdSteadyYoungGeneration } from "./process-memory.ts";
import { loadMockPackage } from "../mock/load-package.ts";
import { DEFAULT_LIMITS } from "../mock/limits.ts";
import { readRecording } from "../mock/recording.ts";
import { checkRecording } from "../proxy/check-recording.ts";
import { line, startProxy } from "../proxy/server.ts";
import { suggestFixtures, suggestionsText } from "../proxy/suggest.ts";

/** `values` as args.ts parsed them from the command table (commands.ts); a refusal throws a CodebookError (exit 2). */
export async function proxyCommand(values: Record<string, OptionValue | undefined>): Promise<number> {
  // A server runs for long: its resident memory must not grow with the traffic it has seen.
  holdSteadyYoungGeneration();
  const open = { stdout: true, stderr: true };
  process.stdout.on("error", () => (open.stdout = false));
  process.stderr.on("error", () => (open.stderr = false));
  const stdout = (text: string) => open.stdout && process.stdout.write(`${text}\n`);
  const stderr = (text: string) => open.stderr && process.stderr.write(`${text}\n`);
  const config = typeof values.config === "string" ? values.config : undefined;
  const offline = typeof values["suggest-fixtures"] === "string" ? values["suggest-fixtures"] : typeof values["check-recording"] === "string" ? values["check-recording"] : null;
  if (offline !== null) {
    const recording = readRecording(offline, DEFAULT_LIMITS.maxRecordingBytes);
    const spec = typeof values.spec === "string" ? values.spec : recording.header.spec;
    if (spec !== recording.header.spec) throw new ConfigError(`${offline}: the recording is of spec ${recording.header.spec}, not ${spec}`);
    const pkg = await loadMockPackage(spec, config, process.cwd());
    if (typeof values["suggest-fixtures"] === "string") {
      const suggestions = suggestFixtures(recording, pkg);
      stdout(values.json ? JSON.stringify({ spec, file: pkg.specFile, suggestions }) : suggestionsText(suggestions, pkg));
      return 0;
    }
    const reports = checkRecording(recording, pkg, { strict: values.strict === true, ...(typeof values["base-path"] === "string" ? { basePath: values["base-path"] } : {}) });
    for (const r of reports) stdout(values.json ? JSON.stringify(r) : line(r));
    const withFindings = reports.filter((r) => r.findings.length).length;
    if (!values.json) stdout(`codebook proxy: ${reports.length} recorded exchanges checked against ${pkg.name}, ${withFindings} with findings`);
    return withFindings ? 1 : 0;
  }
  if (typeof values.spec !== "string") throw new ConfigError("--spec ID is required (the API spec whose package checks the traffic)");
  if (typeof values.target !== "string") throw new ConfigError("--target URL is required (the provider's base URL, e.g. its sandbox)");
  const port = typeof values.port === "string" ? Number(values.port) : 4011;
  if (typeof values.port === "string" && !(/^\d+$/.test(values.port) && port <= 65535)) throw new ConfigError(`--port expects a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`);
  const redact = Array.isArray(values.redact) ? values.redact.flatMap((r) => r.split(",")).map((r) => r.trim()).filter(Boolean) : undefined;
  const server = await startProxy({
    spec: values.spec,
    target: values.target,
    port,
    ...(typeof values.host === "string" ? { host: values.host } : {}),
    ...(typeof values["base-path"] === "string" ? { basePath: values["base-path"] } : {}),
    ...(typeof values.record === "string" ? { record: values.record } : {}),
    ...(redact ? { redactHeaders: redact } : {}),
    ...(config ? { config } : {}),
    strict: values.strict === true,
    json: values.json === true,
    log: stdout,
  });
  const host = typeof values.host === "string" ? values.host : "127.0.0.1";
  if (!/^(127\.|::1$|localhost$|\[::1\]$)/.test(host)) stderr(`codebook proxy: warning: listening on ${host}, not loopback: anyone who can reach it can call the provider through it`);
  if (values.json) stdout(JSON.stringify({ event: "listening", spec: server.spec, url: server.url, target: server.target }));
  else stdout(`codebook proxy: ${server.spec} listening on ${server.url} -> ${server.target} (Ctrl-C stops)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  const s = server.summary();
  const kinds = Object.entries(s.findings).map(([k, n]) => `${k} ${n}`).join(", ");
  if (values.json) stdout(JSON.stringify({ event: "summary", ...s }));
  else stdout(`codebook proxy: ${s.exchanges} exchanges, ${s.withFindings} with findings${kinds ? ` (${kinds})` : ""}${typeof values.record === "string" ? `; ${s.recorded} recorded in ${values.record}${s.notRecorded ? `, ${s.notRecorded} left out (the disk was behind)` : ""}` : ""}`);
  return 0;
}
