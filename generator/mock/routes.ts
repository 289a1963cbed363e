/**
 * Where each endpoint is served. A spec's path names the provider's base URL
 * with whatever comes before its first "/" (".../{version}/qr/qr-cpm-payment")
 * and the service version as {version}; the mock serves it at
 * `<basePath>/v<version>/qr/qr-cpm-payment`, the version convention of
 * versioned provider URLs (SNAP: /v1.0/...).
 */
import type { MockEndpoint } from "./load-package.ts";

export function servedPath(e: Pick<MockEndpoint, "path" | "version">, basePath: string): string {
  const slash = e.path.indexOf("/");
  const rest = slash === -1 ? `/${e.path}` : e.path.slice(slash);
  const version = /^v/i.test(e.version) ? e.version : `v${e.version}`;
  return normalizeBase(basePath) + rest.replace(/\{version\}/g, version);
}

/** "" or "/api" (leading slash, no trailing one). */
export function normalizeBase(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, "");
  return trimmed === "" ? "" : trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

export interface Route {
  method: string;
  path: string;
  endpoint: MockEndpoint;
}

export function routes(endpoints: MockEndpoint[], basePath: string): Route[] {
  return endpoints.map((endpoint) => ({ method: endpoint.method.toUpperCase(), path: servedPath(endpoint, basePath), endpoint }));
}
