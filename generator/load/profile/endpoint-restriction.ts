/** Which endpoints of an API base a profile keeps (`services` or `endpoints`). */
import type { RawEndpoint, RawProfile, RawSpec } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Lint } from "../build/lint-context.ts";

export interface EndpointRestriction {
  /** The profile's list, when it gives one. */
  by: { key: "services" | "endpoints"; list: string[] } | null;
  /** Every endpoint of the base. */
  all: RawEndpoint[];
  kept: RawEndpoint[];
  removed: RawEndpoint[];
  /** Service codes of the endpoints kept. */
  keptServices: ReadonlySet<string>;
  /** Service codes of every endpoint of the base: the domain of a service part. */
  allServices: string[];
}

export function restrictEndpoints(p: RawProfile, b: RawSpec, baseId: string, lint: Lint): EndpointRestriction {
  const all = b.api?.endpoints ?? [];
  let kept = all;
  const by: EndpointRestriction["by"] = p.services ? { key: "services", list: p.services } : p.endpoints ? { key: "endpoints", list: p.endpoints } : null;
  if (by && b.kind === "api") {
    const field = by.key === "services" ? "serviceCode" : "key";
    by.list.forEach((v, i) => {
      if (!all.some((e) => e[field] === v))
        lint.report([by.key, i], `${baseId} has no endpoint with ${by.key === "services" ? "service code" : "key"} "${v}"${didYouMean(v, all.map((e) => String(e[field])))} (it has ${all.map((e) => e[field]).join(", ")})`);
    });
    kept = all.filter((e) => by.list.includes(e[field]));
  }
  return {
    by,
    all,
    kept,
    removed: all.filter((e) => !kept.includes(e)),
    keptServices: new Set(kept.map((e) => String(e.serviceCode))),
    allServices: all.map((e) => String(e.serviceCode)),
  };
}
