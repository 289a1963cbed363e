/**
 * Every bound the mock enforces on what clients and scenario files send it,
 * with its default. README.md ("Limits and hostile input", "codebook mock")
 * lists the same values; `startMock({ limits })` overrides the tunable ones.
 */
import { ConfigError } from "../config/config.ts";
import { SPEC_LIMITS } from "../load/hostile-text.ts";

export interface MockLimits {
  /** Milliseconds a client has to send a request's headers, from connecting (or from its previous request). Then 408, closed. */
  headersTimeout: number;
  /** Milliseconds a client has to send a whole request, headers and body. Then 408, closed. Never cuts a delayed answer. */
  requestTimeout: number;
  /** Milliseconds an idle keep-alive connection stays open between requests. */
  keepAliveTimeout: number;
  /** Open connections at once; a connection over the cap is closed as it arrives, until one ends. */
  maxConnections: number;
  /** Bytes of a request body; a larger one is a 413 and the connection is closed. */
  maxBodyBytes: number;
  /** Bytes of a scenario file; a larger one is refused at startup, unread. */
  maxScenarioFileBytes: number;
  /** Milliseconds a notify callback may take before it is abandoned (logged as failed). */
  notifyTimeout: number;
  /** Transactions the flows keep, and references each idempotency rule keeps; past it the oldest is forgotten. */
  maxTransactions: number;
  /** Bytes of a recording (`--replay`); a larger one is refused at startup, unread. */
  maxRecordingBytes: number;
}

export const DEFAULT_LIMITS: Readonly<MockLimits> = Object.freeze({
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  maxConnections: 256,
  maxBodyBytes: 1024 * 1024,
  maxScenarioFileBytes: 1024 * 1024,
  notifyTimeout: 10_000,
  maxTransactions: 10_000,
  maxRecordingBytes: 64 * 1024 * 1024,
});

/** The longest a timer can wait (2^31 - 1 ms, about 24.8 days): Node runs a longer `setTimeout` after 1 ms. */
export const MAX_DELAY = 2 ** 31 - 1;

/**
 * Levels of objects and arrays an echoed value may nest. A declared API field
 * nests within a spec, which nests at most SPEC_LIMITS.maxDepth levels; free-form
 * content (`additionalInfo`) gets the same bound. A deeper value is not echoed.
 */
export const ECHO_DEPTH = SPEC_LIMITS.maxDepth;

/** Characters of the `x-codebook-mock` header (the reason for an answer): a longer reason is cut, the log keeps it whole. */
export const REASON_HEADER_CHARS = 1024;

/** Node's own bound on a request's headers (`maxHeaderSize`, 16 KiB): a larger head is a 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** The defaults with `given` over them, each checked: a whole number in its range. */
export function resolveLimits(given: Partial<MockLimits> | undefined): MockLimits {
  const limits: MockLimits = { ...DEFAULT_LIMITS };
  if (given === undefined) return limits;
  if (typeof given !== "object" || given === null) throw new ConfigError(`limits must be an object of ${Object.keys(DEFAULT_LIMITS).join(", ")}`);
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(DEFAULT_LIMITS, key)) throw new ConfigError(`limits.${key} is not a limit (limits: ${Object.keys(DEFAULT_LIMITS).join(", ")})`);
    const value = (given as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const max = key.endsWith("Timeout") ? MAX_DELAY : Number.MAX_SAFE_INTEGER;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max)
      throw new ConfigError(`limits.${key} must be a whole number from 1 to ${max}, got ${String(value)}`);
    limits[key as keyof MockLimits] = value;
  }
  if (limits.headersTimeout > limits.requestTimeout)
    throw new ConfigError(`limits.headersTimeout (${limits.headersTimeout}) must not exceed limits.requestTimeout (${limits.requestTimeout})`);
  return limits;
}
