/** The merged API: the endpoints the profile keeps, their fields patched (`fields`), and a record of each change. */
import type { Profile } from "../../model/types.ts";
import type { Lint } from "../build/lint-context.ts";
import type { RawApi, RawEndpoint, RawField, RawFieldPatch, RawProfile, RawSample, RawSpec, RawSpecFieldsEntry } from "../spec-schema.types.ts";
import { didYouMean } from "../suggest.ts";
import type { Path } from "../yaml-source.ts";
import type { EndpointRestriction } from "./endpoint-restriction.ts";
import { origin, type Origin, type Origins } from "./origins.ts";

/** A field of the merged value: the base's, or a profile's new one (which the build checks like any). */
type MergedField = RawField | RawFieldPatch;

/** Where a patch applies, for its paths and messages. */
interface PatchSite {
  endpoint: string;
  body: "request" | "response";
  /** The JSON keys from the body to the fields patched, dot-separated ("" at the top). */
  prefix: string;
}

export function mergeApi(p: RawProfile, b: RawSpec, restriction: EndpointRestriction, baseId: string, origins: Origins, lint: Lint): { api?: RawApi; fields: Profile["fields"] } {
  const fields: Profile["fields"] = [];
  if (!b.api) return { fields };
  const { all, kept } = restriction;
  const patches = p.fields ?? {};
  const own = p.samples ?? {};
  // Both are keyed by endpoint: each key must name one the profile keeps.
  for (const [section, byEndpoint] of [["fields", patches], ["samples", own]] as const)
    for (const key of Object.keys(byEndpoint))
      if (!all.some((e) => e.key === key))
        lint.report([section, key], `${baseId} has no endpoint "${key}"${didYouMean(key, all.map((e) => e.key))} (it has ${all.map((e) => e.key).join(", ")})`, { key: true });
      else if (!kept.some((e) => e.key === key)) lint.report([section, key], `endpoint "${key}" is left out by "${restriction.by!.key}"`, { key: true });
  const endpoints = kept.map((e) => mergeEndpoint(e, all.indexOf(e), patches[e.key], own[e.key], kept, fields, origins, lint));
  return { api: origins.mark({ ...b.api, endpoints }, origins.inBase(["api"], { endpoints: origins.inBase(["api", "endpoints"]) })), fields };
}

function mergeEndpoint(
  e: RawEndpoint,
  ei: number,
  patch: RawSpecFieldsEntry | undefined,
  samples: readonly RawSample[] | undefined,
  kept: readonly RawEndpoint[],
  changes: Profile["fields"],
  origins: Origins,
  lint: Lint,
): RawEndpoint {
  const epath = ["api", "endpoints", ei];
  // A callback to an endpoint the profile leaves out goes with it: nothing is called back.
  const orphanCallback = e.callback !== undefined && !kept.some((k) => k.key === e.callback!.endpoint);
  if (!patch && !orphanCallback && !samples) return origins.mark(e, origins.inBase(epath));
  const next: RawEndpoint = { ...e };
  if (orphanCallback) delete next.callback;
  for (const body of ["request", "response"] as const) {
    const bodyPatch = patch?.[body];
    if (bodyPatch)
      next[body] = origins.mark(
        { ...e[body], fields: patchFields(e[body].fields, bodyPatch, [...epath, body, "fields"], ["fields", e.key, body], { endpoint: e.key, body, prefix: "" }, changes, origins, lint) as RawField[] },
        origins.inBase([...epath, body], { fields: origins.inBase([...epath, body, "fields"]) }),
      );
  }
  // The base's samples are kept, patched bodies' too: the fixtures make them fit the profile's
  // fields and say what they changed (load/sample-warnings.ts). A profile's own samples of a
  // kind replace the base's of that kind.
  const own = samples ?? [];
  if (e.samples || own.length) {
    const kept = (e.samples ?? []).map((x, si) => origins.mark(x, origins.inBase([...epath, "samples", si]))).filter((x) => !own.some((o) => o.kind === x.kind));
    const added = own.map((x, si) => origins.mark(x, origins.inProfile(["samples", e.key, si])));
    next.samples = origins.mark([...added, ...kept], origins.inBase([...epath, "samples"]));
  }
  return origins.mark(next, origins.inBase(epath));
}

/** The base's fields with the patches applied: a field with a patch's key is changed (nested fields alike), any other patch is added. */
function patchFields(baseFields: readonly MergedField[], patches: readonly RawFieldPatch[], basePath: Path, patchPath: Path, site: PatchSite, changes: Profile["fields"], origins: Origins, lint: Lint): MergedField[] {
  const out = baseFields.map((f, i) => origins.mark(f, origins.inBase([...basePath, i])));
  patches.forEach((patch, i) => {
    const key = patch.key ?? patch.name;
    const ppath = [...patchPath, i];
    const at = out.findIndex((f) => (f.key ?? f.name) === key);
    const dotted = site.prefix ? `${site.prefix}.${key}` : key;
    const { endpoint, body } = site;
    if (at === -1) {
      if (patch.type === undefined || patch.presence === undefined) {
        const known = out.map((f) => String(f.key ?? f.name));
        lint.report(ppath, `"${key}" is not a field of ${endpoint} ${body}${site.prefix ? ` ${site.prefix}` : ""}${didYouMean(key, known)}; a new field needs "type" and "presence"`, { key: true });
        return;
      }
      out.push(origins.mark(patch, origins.inProfile(ppath)));
      changes.push({ endpoint, body, path: dotted, change: "added", keys: [] });
      for (const nested of allFieldPaths(patch.fields ?? [], dotted)) changes.push({ endpoint, body, path: nested, change: "added", keys: [] });
      return;
    }
    const original = out[at]!;
    const from = origins.of(original)!;
    const changed: Record<string, unknown> = {};
    const keys: Record<string, Origin> = {};
    const changedKeys: string[] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (k === "name" || k === "key" || k === "fields") continue;
      changed[k] = v;
      keys[k] = origins.inProfile([...ppath, k]);
      changedKeys.push(k);
    }
    const merged: MergedField = { ...original, ...(changed as Partial<RawFieldPatch>) };
    if (changedKeys.length) changes.push({ endpoint, body, path: dotted, change: "overridden", keys: changedKeys });
    if (patch.fields) {
      merged.fields = patchFields(original.fields ?? [], patch.fields, [...from.path, "fields"], [...ppath, "fields"], { ...site, prefix: dotted }, changes, origins, lint);
      keys.fields = origin(from.src, [...from.path, "fields"]);
    }
    out[at] = origins.mark(merged, origin(from.src, from.path, keys));
  });
  return out;
}

function allFieldPaths(fields: readonly RawFieldPatch[], prefix: string): string[] {
  return fields.flatMap((f) => {
    const path = `${prefix}.${f.key ?? f.name}`;
    return [path, ...allFieldPaths(f.fields ?? [], path)];
  });
}
