/**
 * A table's content: everything its `version` versions. The IR holds no YAML
 * positions, so comments and formatting are not content; the version itself and
 * the path of the spec file are not either. Object keys are sorted, so a map
 * written in another order is the same content.
 */
import type { Spec } from "./types.ts";

export function tableContent(spec: Spec): string {
  const { version: _version, specFile: _specFile, ...content } = spec;
  return canonicalJson(content);
}

/** JSON with object keys sorted at every depth; array order is kept (source order is content). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}
