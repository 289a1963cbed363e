/**
 * The names each configured target derives from a spec, checked by the target's own
 * rules (targets/<name>/: reserved words, collisions after its case conventions) and
 * reported at the spec's text, like any lint error. They run on a spec the build
 * accepted: a target reads the IR, and the loader maps each NameSite back to the
 * YAML that named it.
 */
import type { Spec } from "../model/types.ts";
import type { NameProblem, NameSite, Target } from "../targets/target.ts";
import type { Diagnostic } from "./diagnostics.ts";
import type { RawSpec } from "./spec-schema.types.ts";
import type { Path, YamlSource } from "./yaml-source.ts";

/** A target whose names a lint checks, with its options. Plain data but for the target. */
export interface NamingTarget {
  target: Target<any>;
  options: unknown;
}

/** The problems each target finds between spec ids (checkIds), by spec id: asked once, before any spec is linted. */
export function idProblems(ids: readonly string[], targets: readonly NamingTarget[]): Map<string, NameProblem[]> {
  const out = new Map<string, NameProblem[]>();
  for (const { target, options } of targets) for (const { id, problem } of target.checkIds?.(ids, options) ?? []) out.set(id, [...(out.get(id) ?? []), problem]);
  return out;
}

export function targetNameDiagnostics(spec: Spec, source: YamlSource, targets: readonly NamingTarget[], between: readonly NameProblem[] = []): Diagnostic[] {
  const raw = source.value as RawSpec;
  const out: Diagnostic[] = [];
  for (const { target, options } of targets)
    for (const p of target.checkNames(spec, options)) out.push(source.at(siteOf(raw, spec, p.at), p.message));
  for (const p of between) out.push(source.at(siteOf(raw, spec, p.at), p.message));
  return out;
}

/** Where a name comes from in the (merged) spec value. */
function siteOf(raw: RawSpec, spec: Spec, site: NameSite): Path {
  switch (site.kind) {
    case "spec":
      return site.key === "pattern" ? ["code", "pattern"] : [site.key];
    case "code": {
      const code = spec.codes.find((c) => c.code === site.code)!;
      const ti = raw.tables.findIndex((t) => t.id === code.table);
      const row = raw.tables[ti]!.rows[code.row - 1]!;
      return ["tables", ti, "rows", code.row - 1, row.name !== undefined ? "name" : "message"];
    }
    case "context":
      return ["outcome", "contexts", raw.outcome.contexts.findIndex((c) => c.id === site.id), "id"];
    case "category":
      return ["categories", (raw.categories ?? []).findIndex((c) => c.id === site.id), "id"];
    case "scope":
      return ["tables", raw.tables.findIndex((t) => t.scope?.id === site.id), "scope", "id"];
    case "action":
      return ["actions", (raw.actions ?? []).findIndex((a) => a.id === site.id), "id"];
    case "endpoint":
      return ["api", "endpoints", (raw.api?.endpoints ?? []).findIndex((e) => e.key === site.key), "key"];
    case "field": {
      const ei = (raw.api?.endpoints ?? []).findIndex((e) => e.key === site.endpoint);
      const path: (string | number)[] = ["api", "endpoints", ei, site.body];
      let fields: readonly { key?: string; name: string; fields?: unknown }[] = raw.api?.endpoints[ei]?.[site.body].fields ?? [];
      for (const key of site.keys) {
        const i = fields.findIndex((f) => (f.key ?? f.name) === key);
        path.push("fields", i);
        fields = (fields[i]?.fields as typeof fields | undefined) ?? [];
      }
      return [...path, site.key];
    }
  }
}
