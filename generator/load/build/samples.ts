/** An endpoint's sample messages: valid JSON whose keys the body declares, or a recorded deviation. */
import type { Body, Field, Sample } from "../../model/types.ts";
import type { RawSample } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { Lint } from "./lint-context.ts";

/** `checkKeys`: false for a base's sample under a profile (its keys were checked against the base's body). */
export function buildSample(s: RawSample, path: Path, body: Body, errataIds: ReadonlyMap<string, number>, lint: Lint, checkKeys = true): Sample {
  let json: unknown;
  try {
    json = JSON.parse(s.body);
  } catch (err) {
    lint.report([...path, "body"], `sample body is not valid JSON: ${(err as Error).message}`);
  }
  const deviations: Sample["deviations"] = s.deviations ?? [];
  deviations.forEach((d, i) => {
    if (!errataIds.has(d.erratum)) lint.report([...path, "deviations", i, "erratum"], `unknown erratum "${d.erratum}"${didYouMean(d.erratum, errataIds.keys())}`);
    // Fixtures leave a deviating key out unless the deviation gives the value to use; a mandatory field cannot be left out.
    const top = body.fields.find((f) => `/${f.key}` === d.pointer);
    if (top?.presence === "M" && d.fixture === undefined)
      lint.report([...path, "deviations", i], `"${top.key}" is mandatory: give "fixture", the value fixtures use instead of the sample's`, { key: true });
  });
  if (json !== undefined && checkKeys) checkSampleKeys(json, body.fields, "", new Set(deviations.map((d) => d.pointer)), s, path, lint);
  return {
    kind: s.kind,
    title: s.title ?? null,
    requestLine: s.requestLine ?? null,
    headers: s.headers ?? [],
    body: s.body,
    json,
    deviations,
  };
}

/** Every key of the sample (at every depth the body declares) is a declared field, or a deviation's pointer. */
function checkSampleKeys(value: unknown, fields: readonly Field[], pointer: string, allowed: ReadonlySet<string>, s: RawSample, path: Path, lint: Lint): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const p = `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const field = fields.find((f) => f.key === k);
    if (!field) {
      if (!allowed.has(p)) lint.report([...path, "body"], `sample names field "${k}" (${p}), which the ${s.kind} body does not declare; fix the key or record a deviation`);
    } else if (field.fields.length) checkSampleKeys(v, field.fields, p, allowed, s, path, lint);
  }
}
