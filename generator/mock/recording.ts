/**
 * The recording format: what `codebook proxy --record FILE` writes and
 * `codebook mock --replay FILE` serves. JSON lines: a header line, then one
 * line per exchange, each body kept byte for byte (as UTF-8 text when it is
 * valid UTF-8, else base64). Secret headers are redacted by name before a
 * line is written; the proxy's findings ride along for later runs
 * (`codebook proxy --suggest-fixtures FILE`).
 */
import { ConfigError } from "../config/config.ts";
import { readInputFile } from "./input-file.ts";

export const RECORDING_VERSION = 1;

/** Header names whose values a recording never keeps, unless the list is given (`--redact`, `redactHeaders`). */
export const DEFAULT_REDACTED_HEADERS: readonly string[] = Object.freeze([
  "authorization",
  "authorization-customer",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-signature",
  "x-api-key",
  "x-client-secret",
]);

export const REDACTED = "[redacted]";

export interface RecordingHeader {
  codebook: "recording";
  version: number;
  spec: string;
  /** The upstream, without any user:password part. */
  target: string;
  redacted: string[];
  started: string;
}

export interface RecordedMessage {
  headers: Record<string, string>;
  body: string;
  /** Present when the body is not valid UTF-8: `body` is base64. */
  bodyEncoding?: "base64";
}

export interface RecordedExchange {
  at: string;
  ms: number;
  /** The spec's endpoint, or null for a path the spec does not have. */
  endpoint: string | null;
  request: RecordedMessage & { method: string; path: string };
  /** Null when the upstream gave no answer (the proxy answered 502). */
  response: (RecordedMessage & { status: number }) | null;
  /** What the proxy found (drift, malformed codes, …), as it reported them. */
  findings: unknown[];
}

export interface Recording {
  header: RecordingHeader;
  exchanges: RecordedExchange[];
}

/** `headers` as a recording keeps them: lower-case names, arrays joined, the redacted names' values replaced. */
export function recordHeaders(headers: Record<string, string | string[] | number | undefined>, redact: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    out[key] = redact.has(key) ? REDACTED : Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}

/** A body as a recording keeps it. */
export function recordBody(bytes: Buffer): Pick<RecordedMessage, "body" | "bodyEncoding"> {
  try {
    return { body: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { body: bytes.toString("base64"), bodyEncoding: "base64" };
  }
}

export function bodyBytes(m: Pick<RecordedMessage, "body" | "bodyEncoding">): Buffer {
  return Buffer.from(m.body, m.bodyEncoding === "base64" ? "base64" : "utf8");
}

/** Reads a recording (at most `maxBytes`); every problem at `file:line`. */
export function readRecording(file: string, maxBytes: number): Recording {
  const text = readInputFile(file, maxBytes, "the recording");
  const lines = text.split("\n");
  const problems: string[] = [];
  let header: RecordingHeader | null = null;
  const exchanges: RecordedExchange[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      problems.push(`${file}:${i + 1}: not a JSON line (${(err as Error).message})`);
      return;
    }
    if (header === null) {
      const h = value as Partial<RecordingHeader>;
      if (h?.codebook !== "recording" || typeof h.spec !== "string") {
        problems.push(`${file}:${i + 1}: not a codebook recording (its first line must be {"codebook":"recording",…}, as codebook proxy --record writes)`);
        return;
      }
      if (h.version !== RECORDING_VERSION) problems.push(`${file}:${i + 1}: recording version ${String(h.version)}; this codebook reads version ${RECORDING_VERSION}`);
      header = h as RecordingHeader;
      return;
    }
    const problem = exchangeProblem(value);
    if (problem) problems.push(`${file}:${i + 1}: ${problem}`);
    else exchanges.push(value as RecordedExchange);
  });
  if (header === null && !problems.length) problems.push(`${file}: empty: no recording header`);
  if (problems.length) throw new ConfigError(problems.slice(0, 20).join("\n") + (problems.length > 20 ? `\n… and ${problems.length - 20} more` : ""));
  return { header: header!, exchanges };
}

function exchangeProblem(v: unknown): string | null {
  if (typeof v !== "object" || v === null) return "an exchange must be an object";
  const x = v as Partial<RecordedExchange>;
  const message = (m: unknown, what: string) =>
    typeof m !== "object" || m === null || typeof (m as RecordedMessage).body !== "string" || typeof (m as RecordedMessage).headers !== "object" ? `${what} needs headers and a body` : null;
  if (typeof x.request?.method !== "string" || typeof x.request.path !== "string") return "an exchange's request needs a method and a path";
  const bad = message(x.request, "the request") ?? (x.response === null ? null : message(x.response, "the response"));
  if (bad) return bad;
  if (x.response !== null && (typeof x.response?.status !== "number" || !Number.isInteger(x.response.status) || x.response.status < 100 || x.response.status > 999))
    return "an exchange's response needs a status from 100 to 999";
  return null;
}
