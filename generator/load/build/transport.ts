/** Transport rules: the outcome an HTTP status gives before the body's code is read. */
import type { Transport } from "../../model/types.ts";
import type { RawSpec } from "../spec-schema.types.ts";
import type { Lint } from "./lint-context.ts";

export function buildTransport(raw: RawSpec, lint: Lint): Transport | null {
  const t = raw.transport;
  if (!t) return null;
  return {
    title: t.title ?? null,
    headers: t.headers ?? [],
    rules: t.rules.map((r, i) => {
      if (t.rules.findIndex((x) => x.http === r.http) !== i) lint.report(["transport", "rules", i, "http"], `duplicate transport rule for HTTP ${r.http}`);
      return {
        http: r.http,
        label: r.label ?? null,
        description: r.description ?? null,
        status: r.status ?? null,
        solution: r.solution ?? null,
        outcome: r.outcome,
      };
    }),
  };
}
