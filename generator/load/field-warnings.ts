/**
 * The warning about field lengths. Where the source's Length cell is a plain number
 * of characters and the field's `maxLength` says another, one of the two is a
 * transcription slip. A warning, not an error: a field that cites an erratum has
 * its departure explained, and the validators follow `maxLength` either way. The
 * raw spec is walked, not the IR, so each warning is at the `maxLength` the spec's
 * own text has (a profile's merged fields have no place in the profile).
 */
import type { Diagnostic } from "./diagnostics.ts";
import type { Path, YamlSource } from "./yaml-source.ts";

interface RawField {
  name?: unknown;
  length?: unknown;
  maxLength?: unknown;
  errata?: unknown;
  fields?: unknown;
}

export function fieldLengthWarnings(source: YamlSource): Diagnostic[] {
  const api = (source.value as { api?: { endpoints?: unknown } } | null)?.api;
  if (!api || !Array.isArray(api.endpoints)) return [];
  const warnings: Diagnostic[] = [];
  api.endpoints.forEach((endpoint: Record<string, { fields?: unknown } | undefined>, i) => {
    for (const side of ["request", "response"] as const) walk(endpoint?.[side]?.fields, ["api", "endpoints", i, side, "fields"], source, warnings);
  });
  return warnings;
}

function walk(fields: unknown, path: Path, source: YamlSource, out: Diagnostic[]): void {
  if (!Array.isArray(fields)) return;
  fields.forEach((f: RawField, j) => {
    const at = [...path, j];
    const length = typeof f.length === "string" ? f.length.trim() : null;
    const explained = Array.isArray(f.errata) && f.errata.length > 0;
    if (length !== null && /^[1-9][0-9]*$/.test(length) && typeof f.maxLength === "number" && f.maxLength !== Number(length) && !explained)
      out.push(source.at([...at, "maxLength"], `maxLength ${f.maxLength} disagrees with the source's Length "${length}" of "${String(f.name)}": correct the one that is wrong, or cite an erratum that explains it`));
    walk(f.fields, [...at, "fields"], source, out);
  });
}
