/**
 * The proxy's bounds: the mock's on what clients send (timeouts, the
 * connection cap, the request body cap), and its own on the upstream.
 */
import { ConfigError } from "../config/config.ts";
import { DEFAULT_LIMITS as MOCK, MAX_DELAY } from "../mock/limits.ts";

export interface ProxyLimits {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  maxConnections: number;
  /** Bytes of a request body; a larger one is a 413 from the proxy, never forwarded. */
  maxBodyBytes: number;
  /** Bytes of an upstream body the proxy holds to check; past it the rest streams through unchecked. */
  maxResponseBytes: number;
  /** Milliseconds the upstream has to answer in full; then the client gets a 504 from the proxy. */
  upstreamTimeout: number;
  /** Bytes of recording lines waiting for the disk; past it exchanges are left out of the recording (and counted). */
  maxRecordingBacklogBytes: number;
}

export const DEFAULT_PROXY_LIMITS: Readonly<ProxyLimits> = Object.freeze({
  headersTimeout: MOCK.headersTimeout,
  requestTimeout: MOCK.requestTimeout,
  keepAliveTimeout: MOCK.keepAliveTimeout,
  maxConnections: MOCK.maxConnections,
  maxBodyBytes: MOCK.maxBodyBytes,
  maxResponseBytes: 8 * 1024 * 1024,
  upstreamTimeout: 30_000,
  maxRecordingBacklogBytes: 64 * 1024 * 1024,
});

export function resolveProxyLimits(given: Partial<ProxyLimits> | undefined): ProxyLimits {
  const limits: ProxyLimits = { ...DEFAULT_PROXY_LIMITS };
  if (given === undefined) return limits;
  if (typeof given !== "object" || given === null) throw new ConfigError(`limits must be an object of ${Object.keys(DEFAULT_PROXY_LIMITS).join(", ")}`);
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(DEFAULT_PROXY_LIMITS, key)) throw new ConfigError(`limits.${key} is not a limit (limits: ${Object.keys(DEFAULT_PROXY_LIMITS).join(", ")})`);
    const value = (given as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const max = key.endsWith("Timeout") ? MAX_DELAY : Number.MAX_SAFE_INTEGER;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max)
      throw new ConfigError(`limits.${key} must be a whole number from 1 to ${max}, got ${String(value)}`);
    limits[key as keyof ProxyLimits] = value;
  }
  if (limits.headersTimeout > limits.requestTimeout)
    throw new ConfigError(`limits.headersTimeout (${limits.headersTimeout}) must not exceed limits.requestTimeout (${limits.requestTimeout})`);
  return limits;
}
