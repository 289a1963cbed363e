/**
 * A recording checked again, offline (`codebook proxy --check-recording FILE`):
 * every exchange through the same checks as live traffic, against the package
 * as it is now. Record a sandbox once; a spec change, or a provider that
 * started sending something new, shows up in CI without the sandbox.
 */
import type { MockPackage } from "../mock/load-package.ts";
import { bodyBytes, type Recording } from "../mock/recording.ts";
import { normalizeBase, routes } from "../mock/routes.ts";
import { checkRequest, checkResponse, type Finding } from "./findings.ts";
import type { ExchangeReport } from "./server.ts";

export function checkRecording(recording: Recording, pkg: MockPackage, options: { strict?: boolean; basePath?: string } = {}): ExchangeReport[] {
  const table = routes(pkg.endpoints, normalizeBase(options.basePath ?? ""));
  return recording.exchanges.map((x) => {
    const path = x.request.path.split("?")[0]!;
    const method = x.request.method.toUpperCase();
    const route = table.find((r) => r.path === path && r.method === method);
    const check = { strict: options.strict === true, seen: x.at };
    const findings: Finding[] = [];
    let code: string | null = null;
    if (!route) findings.push({ kind: "unknown-endpoint", side: "request", message: `${pkg.id} has no ${method} at ${path}` });
    else {
      findings.push(...checkRequest(route.endpoint, bodyBytes(x.request), check));
      if (x.response) {
        const checked = checkResponse(pkg, route.endpoint, x.response.status, bodyBytes(x.response), check);
        code = checked.code;
        findings.push(...checked.findings);
      }
    }
    if (!x.response) findings.push({ kind: "upstream-error", side: "exchange", message: "the recording has no answer for this exchange (the upstream gave none)" });
    return { method, path: x.request.path, endpoint: route?.endpoint.key ?? null, status: x.response?.status ?? 0, code, ms: x.ms, findings };
  });
}
