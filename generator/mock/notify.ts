/**
 * The provider's callback after a success (SNAP: API Payment Notify after a
 * payment): the callback endpoint's request fixture, each field the spec's
 * `callback.echo` names taken from the triggering request or response, kept
 * only where the body still passes the callback's request validator (strict),
 * so the integrator always receives a body its own package accepts.
 */
import { echoInto } from "./echo.ts";
import type { MockEndpoint, MockPackage } from "./load-package.ts";

export interface Notification {
  endpoint: MockEndpoint;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export function notification(pkg: MockPackage, from: MockEndpoint, request: unknown, response: Record<string, unknown>): Notification | null {
  if (!from.callback) return null;
  const target = pkg.endpoints.find((e) => e.key === from.callback!.endpoint);
  if (!target) return null;
  const values: [string, unknown][] = [];
  for (const [key, source] of Object.entries(from.callback.echo)) {
    const [, side, name] = source.split("/");
    const origin = side === "request" ? request : response;
    if (typeof origin === "object" && origin !== null && name !== undefined && Object.hasOwn(origin, name)) values.push([key, (origin as Record<string, unknown>)[name]]);
  }
  // The fixture is generated data, shallow-copied: echoInto replaces top-level fields only.
  const body = echoInto({ ...(target.request as Record<string, unknown>) }, values, target.validate.request);
  return { endpoint: target, body, headers: { ...target.requestHeaders } };
}

/** POSTs the notification; resolves to the HTTP status, or an error message (never rejects). */
export async function send(url: string, n: Notification, timeout: number): Promise<{ status: number } | { error: string }> {
  try {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(n.headers)) if (!["content-length", "content-type", "host"].includes(k.toLowerCase())) headers[k] = v;
    headers["content-type"] = "application/json";
    const res = await fetch(url, { method: n.endpoint.method.toUpperCase(), headers, body: JSON.stringify(n.body), signal: AbortSignal.timeout(timeout) });
    await res.arrayBuffer();
    return { status: res.status };
  } catch (err) {
    return { error: (err as Error).message + ((err as { cause?: Error }).cause ? `: ${(err as { cause: Error }).cause.message}` : "") };
  }
}
