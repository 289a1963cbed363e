/**
 * Provider profiles: a spec with `extends: <base-id>` is resolved here, in the
 * load stage, into a plain spec value (the base with the profile's changes
 * applied) that build-spec.ts checks and builds like any other. Emitters see a
 * normal IR plus `spec.profile` (the base, and what the profile changed).
 *
 * The merged value keeps its positions: every node of it remembers the file
 * and path it came from (the profile, or the base), so a diagnostic about an
 * overridden message points into the profile, and one about an inherited row
 * into the base.
 */
import type { Diagnostic } from "./diagnostics.ts";
import { didYouMean } from "./suggest.ts";
import type { Path, YamlSource } from "./yaml-source.ts";
import type { Code, Outcome, Profile, Provenance, RowChange, Spec } from "../model/types.ts";
import { OUTCOMES } from "../model/types.ts";

type Raw = Record<string, any>;

/** The keys only a profile has. */
export const PROFILE_KEYS = ["extends", "overrides", "codes", "drop", "services", "endpoints", "fields"] as const;
/** The keys a profile takes from its base and cannot restate. */
const BASE_KEYS = ["code", "categories", "columns", "outcome", "transport", "actions", "tables", "api"] as const;
/** What an override may change besides declared columns. */
const OVERRIDE_KEYS = new Set(["name", "message", "status", "description", "category", "errata", "outcome", "reason", "notes"]);

export function isProfile(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, "extends");
}

/** The base a profile names, resolved (itself possibly a profile) and built. */
export interface ResolvedBase {
  source: YamlSource;
  spec: Spec;
}

/** What the merge decided that the IR needs after build-spec: outcome overrides and the profile record. */
export interface ProfilePlan {
  base: Spec;
  outcomes: { code: string; outcome: Outcome | Record<string, Outcome>; path: Path }[];
  overridden: { code: string; reason: string | null }[];
  dropped: string[];
  removedEndpoints: Profile["removedEndpoints"];
  fields: Profile["fields"];
}

/** Where a node of the merged value came from; `keys` for children that came from elsewhere. */
interface Origin {
  src: YamlSource;
  path: Path;
  keys?: Record<string, Origin>;
}

/**
 * Every profile-level problem that does not need the built IR: unknown keys of the base,
 * overrides and drops that name no code, restrictions that name no endpoint, field
 * patches that name no field. Returns the merged source when there are none.
 */
export function mergeProfile(profile: YamlSource, base: ResolvedBase): { source?: YamlSource; plan?: ProfilePlan; diagnostics: Diagnostic[] } {
  const p = profile.value as Raw;
  const b = base.source.value as Raw;
  const baseId = String(p.extends);
  const diagnostics: Diagnostic[] = [];
  const report = (path: Path, message: string, options?: { key?: boolean }) => diagnostics.push(profile.at(path, message, options));
  const registry = new WeakMap<object, Origin>();
  const from = (src: YamlSource, path: Path, keys?: Record<string, Origin>): Origin => (keys ? { src, path, keys } : { src, path });
  const mark = <T extends object>(node: T, origin: Origin): T => (registry.set(node, origin), node);
  const inBase = (path: Path) => from(base.source, path);
  const inProfile = (path: Path) => from(profile, path);

  for (const key of BASE_KEYS)
    if (Object.hasOwn(p, key)) report([key], `a profile takes "${key}" from its base "${baseId}"; change rows with overrides, codes and drop`, { key: true });
  if (p.kind !== undefined && p.kind !== b.kind) report(["kind"], `kind "${p.kind}" differs from the base's ("${b.kind}"); leave kind out of a profile`);
  if (b.kind !== "api")
    for (const key of ["services", "endpoints", "fields"])
      if (Object.hasOwn(p, key)) report([key], `"${key}" applies to a profile of an API; "${baseId}" is a code table`, { key: true });
  if (p.services && p.endpoints) report(["endpoints"], `give "services" or "endpoints", not both`, { key: true });

  // ---- which endpoints the profile keeps
  const allEndpoints: Raw[] = b.api?.endpoints ?? [];
  let keptEndpoints = allEndpoints;
  const restriction: { key: "services" | "endpoints"; list: string[] } | null = p.services
    ? { key: "services", list: p.services }
    : p.endpoints
      ? { key: "endpoints", list: p.endpoints }
      : null;
  if (restriction && b.kind === "api") {
    const field = restriction.key === "services" ? "serviceCode" : "key";
    restriction.list.forEach((v, i) => {
      if (!allEndpoints.some((e) => e[field] === v))
        report([restriction.key, i], `${baseId} has no endpoint with ${restriction.key === "services" ? "service code" : "key"} "${v}"${didYouMean(v, allEndpoints.map((e) => String(e[field])))} (it has ${allEndpoints.map((e) => e[field]).join(", ")})`);
    });
    keptEndpoints = allEndpoints.filter((e) => restriction.list.includes(e[field]));
  }
  const removedEndpoints = allEndpoints.filter((e) => !keptEndpoints.includes(e));
  const kept = new Set(keptEndpoints.map((e) => String(e.serviceCode)));

  // ---- every code of the base, where it comes from, and whether the restriction leaves it out
  const partDefs: Raw[] = b.code.composite?.parts ?? [];
  const domainPart: Raw | undefined = partDefs.find((d) => d.domain);
  const fullDomain = allEndpoints.map((e) => String(e.serviceCode));
  interface Expansion {
    code: string;
    parts: Record<string, string> | null;
    restricted: boolean;
  }
  const expansions = (row: Raw): Expansion[] => {
    if (row.code !== undefined) {
      // A whole composite code still belongs to a service: its domain part.
      let at = 0;
      let restricted = false;
      for (const d of partDefs) {
        if (d === domainPart) restricted = fullDomain.includes(row.code.slice(at, at + d.length)) && !kept.has(row.code.slice(at, at + d.length));
        at += d.length;
      }
      return [{ code: row.code, parts: null, restricted: restriction !== null && restricted }];
    }
    let out: { parts: Record<string, string>; restricted: boolean }[] = [{ parts: {}, restricted: false }];
    for (const d of partDefs) {
      const given = String(row.parts?.[d.name] ?? "");
      const isAny = d.any !== undefined && d.domain && given.toLowerCase() === String(d.any).toLowerCase();
      const values = isAny ? fullDomain : [given];
      out = out.flatMap((o) => values.map((v) => ({ parts: { ...o.parts, [d.name]: v }, restricted: o.restricted || (d === domainPart && fullDomain.includes(v) && !kept.has(v)) })));
    }
    return out.map((o) => ({ code: partDefs.map((d) => o.parts[d.name]).join(""), parts: o.parts, restricted: restriction !== null && o.restricted }));
  };
  const baseCodes = new Map<string, { table: number; row: number; restricted: boolean }>();
  (b.tables as Raw[]).forEach((t, ti) =>
    (t.rows as Raw[]).forEach((r, ri) => {
      for (const e of expansions(r)) if (!baseCodes.has(e.code)) baseCodes.set(e.code, { table: ti, row: ri, restricted: e.restricted });
    }),
  );
  const noCode = (code: string) => `"${code}" is not a code of ${baseId}${didYouMean(code, [...baseCodes.keys()])}`;

  // ---- drop
  const dropped = new Set<string>();
  ((p.drop ?? []) as string[]).forEach((code, i) => {
    const at = baseCodes.get(code);
    if (!at) report(["drop", i], noCode(code));
    else if (at.restricted) report(["drop", i], `"${code}" belongs to an endpoint "${restriction!.key}" already leaves out; remove it from drop`);
    else if (dropped.has(code)) report(["drop", i], `"${code}" is dropped twice`);
    else dropped.add(code);
  });

  // ---- overrides
  const overrides = new Map<string, Raw>();
  const contextIds: string[] = (b.outcome.contexts as Raw[]).map((c) => c.id);
  const columnKeys = new Set(((b.columns ?? []) as Raw[]).map((c) => c.key as string));
  const outcomes: ProfilePlan["outcomes"] = [];
  for (const [code, o] of Object.entries((p.overrides ?? {}) as Record<string, Raw>)) {
    const path = ["overrides", code];
    const at = baseCodes.get(code);
    if (!at) {
      report(path, noCode(code), { key: true });
      continue;
    }
    if (at.restricted) report(path, `"${code}" belongs to an endpoint "${restriction!.key}" leaves out`, { key: true });
    if (dropped.has(code)) report(path, `"${code}" is both dropped and overridden`, { key: true });
    for (const key of Object.keys(o))
      if (!OVERRIDE_KEYS.has(key) && !columnKeys.has(key))
        report([...path, key], `an override cannot change "${key}"${didYouMean(key, [...OVERRIDE_KEYS, ...columnKeys])} (it changes name, message, status, description, category, errata, outcome, notes${columnKeys.size ? " or a column" : ""})`, { key: true });
    if (o.outcome !== undefined) {
      if (typeof o.outcome === "object")
        for (const ctx of Object.keys(o.outcome))
          if (!contextIds.includes(ctx)) report([...path, "outcome", ctx], `unknown context "${ctx}"${didYouMean(ctx, contextIds)} (${baseId} has ${contextIds.join(", ")})`, { key: true });
      if (o.reason === undefined) report([...path, "outcome"], `an overridden outcome needs a "reason" beside it`, { key: true });
      outcomes.push({ code, outcome: o.outcome, path: [...path, "outcome"] });
    } else if (o.reason !== undefined) report([...path, "reason"], `"reason" explains an overridden outcome; this override has none`, { key: true });
    for (const ctx of Object.keys(o.notes ?? {}))
      if (!contextIds.includes(ctx)) report([...path, "notes", ctx], `unknown context "${ctx}"${didYouMean(ctx, contextIds)} (${baseId} has ${contextIds.join(", ")})`, { key: true });
    if (!at.restricted && !dropped.has(code)) overrides.set(code, o);
  }

  // ---- added rows, by the table they join
  const tableIds = (b.tables as Raw[]).map((t) => t.id as string);
  const added = new Map<string, { row: Raw; index: number }[]>();
  ((p.codes ?? []) as Raw[]).forEach((r, i) => {
    const table = r.table ?? tableIds[0];
    if (!tableIds.includes(table)) return report(["codes", i, "table"], `unknown table "${table}"${didYouMean(table, tableIds)} (${baseId} has ${tableIds.join(", ")})`);
    added.set(table, [...(added.get(table) ?? []), { row: r, index: i }]);
  });

  // ---- tables: inherited rows, overridden rows, split rows, added rows
  const applyOverride = (row: Raw, rowOrigin: Origin, code: string): Raw => {
    const o = overrides.get(code);
    if (!o) return mark(row, rowOrigin);
    const changed: Raw = { ...row };
    const keys: Record<string, Origin> = { ...rowOrigin.keys };
    for (const [key, value] of Object.entries(o)) {
      if (key === "outcome" || key === "reason" || key === "notes") continue;
      changed[key] = value;
      keys[key] = inProfile(["overrides", code, key]);
    }
    return mark(changed, from(rowOrigin.src, rowOrigin.path, keys));
  };
  const domainValuesLeft = (values: string[]) => values.filter((v) => !fullDomain.includes(v) || kept.has(v));
  const tables = (b.tables as Raw[]).map((t, ti) => {
    const rows: Raw[] = [];
    (t.rows as Raw[]).forEach((r, ri) => {
      const rowPath = ["tables", ti, "rows", ri];
      const all = expansions(r);
      const left = all.filter((e) => !e.restricted && !dropped.has(e.code));
      if (left.length === 0) return;
      // A row's per-service outcomes must not name a service the profile leaves out.
      let row = r;
      let origin: Origin = inBase(rowPath);
      if (restriction && r.outcomes) {
        const outcomesLeft = (r.outcomes as Raw[]).map((o) => ({ ...o, values: domainValuesLeft(o.values) })).filter((o) => o.values.length);
        row = { ...r, outcomes: outcomesLeft };
        origin = from(base.source, rowPath, { outcomes: inBase([...rowPath, "outcomes"]) });
      }
      const whole = left.length === all.filter((e) => !e.restricted).length && !left.some((e) => overrides.has(e.code));
      if (all.length === 1 || whole) {
        // One code, or an "any" row the profile keeps whole: its domain shrinks with the endpoints.
        rows.push(all.length === 1 ? applyOverride(row, origin, all[0]!.code) : mark(row, origin));
        return;
      }
      // Split an "any" row into one row per code it keeps, so each can be dropped or overridden.
      for (const e of left) rows.push(applyOverride({ ...row, parts: e.parts }, from(origin.src, origin.path, { ...origin.keys }), e.code));
    });
    for (const { row, index } of added.get(t.id) ?? []) {
      const { table: _table, ...rest } = row;
      rows.push(mark(rest, inProfile(["codes", index])));
    }
    return mark({ ...t, rows }, from(base.source, ["tables", ti], { rows: inBase(["tables", ti, "rows"]) }));
  });

  // ---- contexts: dropped codes leave "only these succeed" lists; notes join their context
  const contexts = (b.outcome.contexts as Raw[]).map((c, i) => {
    const cpath = ["outcome", "contexts", i];
    const notes: Record<string, string> = { ...(c.notes ?? {}) };
    const keys: Record<string, Origin> = {};
    for (const [code, o] of overrides)
      if (o.notes && Object.hasOwn(o.notes, c.id)) {
        notes[code] = o.notes[c.id];
        keys.notes = from(base.source, [...cpath, "notes"], { ...keys.notes?.keys, [code]: inProfile(["overrides", code, "notes", c.id]) });
      }
    for (const [code] of Object.entries(notes)) if (dropped.has(code) || baseCodes.get(code)?.restricted) delete notes[code];
    const next: Raw = { ...c };
    if (Object.keys(notes).length) next.notes = notes;
    else delete next.notes;
    if (c.successCodes) {
      next.successCodes = (c.successCodes as string[]).filter((code) => !dropped.has(code) && !baseCodes.get(code)?.restricted);
      if (!next.successCodes.length) report(["drop"], `context "${c.id}" of ${baseId} has no success code left once these codes are dropped`, { key: true });
    }
    return mark(next, from(base.source, cpath, keys));
  });

  // ---- actions keep the codes the profile keeps
  const actions = ((b.actions ?? []) as Raw[])
    .map((a, i) => mark({ ...a, codes: (a.codes as string[]).filter((c) => !dropped.has(c) && !baseCodes.get(c)?.restricted) }, inBase(["actions", i])))
    .filter((a) => a.codes.length);

  // ---- API: endpoints kept, their fields patched
  const fieldChanges: Profile["fields"] = [];
  let api: Raw | undefined;
  if (b.api) {
    const patches = (p.fields ?? {}) as Record<string, Raw>;
    for (const key of Object.keys(patches))
      if (!allEndpoints.some((e) => e.key === key))
        report(["fields", key], `${baseId} has no endpoint "${key}"${didYouMean(key, allEndpoints.map((e) => e.key))} (it has ${allEndpoints.map((e) => e.key).join(", ")})`, { key: true });
      else if (!keptEndpoints.some((e) => e.key === key)) report(["fields", key], `endpoint "${key}" is left out by "${restriction!.key}"`, { key: true });
    const endpoints = keptEndpoints.map((e) => {
      const ei = allEndpoints.indexOf(e);
      const epath = ["api", "endpoints", ei];
      const patch: Raw | undefined = patches[e.key];
      // A callback to an endpoint the profile leaves out goes with it: nothing is called back.
      const orphanCallback = e.callback !== undefined && !keptEndpoints.some((k) => k.key === e.callback.endpoint);
      if (!patch && !orphanCallback) return mark(e, inBase(epath));
      const next: Raw = { ...e };
      if (orphanCallback) delete next.callback;
      for (const body of ["request", "response"] as const)
        if (patch?.[body])
          next[body] = mark(
            { ...e[body], fields: patchFields(e[body].fields, patch[body], [...epath, body, "fields"], ["fields", e.key, body], e.key, body, "") },
            from(base.source, [...epath, body], { fields: inBase([...epath, body, "fields"]) }),
          );
      // The base's samples of a patched body show the base's fields, not the profile's: leave them out.
      if (e.samples) {
        const samples = (e.samples as Raw[]).map((x, si) => mark(x, inBase([...epath, "samples", si]))).filter((x) => !patch?.[x.kind]);
        next.samples = mark(samples, inBase([...epath, "samples"]));
      }
      return mark(next, inBase(epath));
    });
    api = mark({ ...b.api, endpoints }, from(base.source, ["api"], { endpoints: inBase(["api", "endpoints"]) }));
  }

  function patchFields(baseFields: Raw[], patches: Raw[], basePath: Path, patchPath: Path, endpoint: string, body: "request" | "response", prefix: string): Raw[] {
    const out = baseFields.map((f, i) => mark(f, inBase([...basePath, i])));
    patches.forEach((patch, i) => {
      const key: string = patch.key ?? patch.name;
      const ppath = [...patchPath, i];
      const at = out.findIndex((f) => (f.key ?? f.name) === key);
      const dotted = prefix ? `${prefix}.${key}` : key;
      if (at === -1) {
        if (patch.type === undefined || patch.presence === undefined) {
          const known = out.map((f) => String(f.key ?? f.name));
          report(ppath, `"${key}" is not a field of ${endpoint} ${body}${prefix ? ` ${prefix}` : ""}${didYouMean(key, known)}; a new field needs "type" and "presence"`, { key: true });
          return;
        }
        out.push(mark(patch, inProfile(ppath)));
        fieldChanges.push({ endpoint, body, path: dotted, change: "added", keys: [] });
        for (const nested of allFieldPaths(patch.fields ?? [], dotted)) fieldChanges.push({ endpoint, body, path: nested, change: "added", keys: [] });
        return;
      }
      const original = out[at]!;
      const origin = registry.get(original)!;
      const merged: Raw = { ...original };
      const keys: Record<string, Origin> = {};
      const changedKeys: string[] = [];
      for (const [k, v] of Object.entries(patch)) {
        if (k === "name" || k === "key" || k === "fields") continue;
        merged[k] = v;
        keys[k] = inProfile([...ppath, k]);
        changedKeys.push(k);
      }
      if (changedKeys.length) fieldChanges.push({ endpoint, body, path: dotted, change: "overridden", keys: changedKeys });
      if (patch.fields) {
        merged.fields = patchFields(original.fields ?? [], patch.fields, [...origin.path, "fields"], [...ppath, "fields"], endpoint, body, dotted);
        keys.fields = from(origin.src, [...origin.path, "fields"]);
      }
      out[at] = mark(merged, from(origin.src, origin.path, keys));
    });
    return out;
  }

  // ---- the merged spec: the profile's own keys, the base's table
  const errata = [...((b.errata ?? []) as Raw[]).map((e, i) => mark(e, inBase(["errata", i]))), ...((p.errata ?? []) as Raw[]).map((e, i) => mark(e, inProfile(["errata", i])))];
  const merged: Raw = { codebook: p.codebook, kind: b.kind, id: p.id, title: p.title, version: p.version, typePrefix: p.typePrefix, source: p.source, code: b.code };
  for (const key of ["categories", "columns"] as const) if (b[key] !== undefined) merged[key] = b[key];
  merged.outcome = mark({ ...b.outcome, contexts }, from(base.source, ["outcome"], { contexts: inBase(["outcome", "contexts"]) }));
  if (b.transport !== undefined) merged.transport = b.transport;
  if (actions.length) merged.actions = actions;
  merged.tables = tables;
  if (api) merged.api = api;
  if (errata.length) merged.errata = errata;
  const rootKeys: Record<string, Origin> = {};
  for (const key of ["code", "categories", "columns", "transport", "actions", "tables"]) rootKeys[key] = inBase([key]);
  mark(merged, from(profile, [], rootKeys));
  mark(tables, inBase(["tables"]));
  mark(errata, b.errata ? inBase(["errata"]) : inProfile(["errata"]));

  if (diagnostics.length) return { diagnostics };
  const locate = (path: Path): { origin: Origin; rest: Path } => {
    let node: unknown = merged;
    let origin = registry.get(merged)!;
    for (const [i, step] of path.entries()) {
      const child = typeof node === "object" && node !== null ? (node as Raw)[step as string] : undefined;
      if (child === undefined) return { origin, rest: path.slice(i) };
      const known = typeof child === "object" && child !== null ? registry.get(child) : undefined;
      origin = known ?? origin.keys?.[String(step)] ?? { src: origin.src, path: [...origin.path, step] };
      node = child;
    }
    return { origin, rest: [] };
  };
  const source: YamlSource = {
    ...profile,
    value: merged,
    at(path, message, options) {
      const { origin, rest } = locate(path);
      return origin.src.at([...origin.path, ...rest], message, options);
    },
    lineOf(path) {
      const { origin, rest } = locate(path);
      return origin.src.lineOf([...origin.path, ...rest]);
    },
    rawScalar(path) {
      const { origin, rest } = locate(path);
      return origin.src.rawScalar([...origin.path, ...rest]);
    },
  };
  const overridden = [...overrides.keys()].map((code) => ({ code, reason: (overrides.get(code)!.reason as string | undefined) ?? null }));
  const baseOrder = base.spec.codes.map((c) => c.code).filter((c) => dropped.has(c));
  return {
    source,
    diagnostics,
    plan: {
      base: base.spec,
      outcomes,
      overridden,
      dropped: baseOrder,
      removedEndpoints: removedEndpoints.map((e) => ({ key: e.key, serviceCode: e.serviceCode, name: e.name })),
      fields: fieldChanges,
    },
  };
}

/**
 * After build-spec: the outcome overrides (a profile may overrule what the base's status
 * words or rules give a code, in every context or per context) and the profile record.
 */
export function finishProfile(spec: Spec, plan: ProfilePlan): Spec {
  const byCode = new Map(spec.codes.map((c) => [c.code, c]));
  for (const o of plan.outcomes) {
    const code = byCode.get(o.code);
    if (!code) continue;
    for (const ctx of spec.contexts) {
      const outcome = typeof o.outcome === "string" ? o.outcome : o.outcome[ctx.id];
      if (outcome && (OUTCOMES as readonly string[]).includes(outcome)) code.outcomes[ctx.id] = outcome;
    }
  }
  const baseCodes = new Map(plan.base.codes.map((c) => [c.code, c]));
  const overriddenCodes = new Set(plan.overridden.map((o) => o.code));
  const provenance: Record<string, Provenance> = {};
  for (const c of spec.codes) provenance[c.code] = overriddenCodes.has(c.code) ? "overridden" : baseCodes.has(c.code) ? "inherited" : "added";
  spec.profile = {
    base: { id: plan.base.id, title: plan.base.title, version: plan.base.version },
    provenance,
    overridden: plan.overridden
      .filter((o) => byCode.has(o.code))
      .map((o) => ({ code: o.code, changes: rowChanges(baseCodes.get(o.code)!, byCode.get(o.code)!, spec, plan.base), reason: o.reason })),
    added: spec.codes.filter((c) => provenance[c.code] === "added").map((c) => c.code),
    dropped: plan.dropped,
    removedEndpoints: plan.removedEndpoints,
    fields: plan.fields,
  };
  return spec;
}

/** What differs between a base row and the profile's row, as text for the README. */
function rowChanges(before: Code, after: Code, spec: Spec, base: Spec): RowChange[] {
  const changes: RowChange[] = [];
  const add = (what: string, from: string | null, to: string | null) => {
    if (from !== to) changes.push({ what, from, to });
  };
  add("name", before.name, after.name);
  add("message", before.message, after.message);
  add("status", before.status, after.status);
  add("description", before.description, after.description);
  add("category", before.category, after.category);
  for (const col of spec.columns) add(col.title, before.columns[col.key]?.text ?? null, after.columns[col.key]?.text ?? null);
  for (const ctx of spec.contexts) add(spec.contexts.length > 1 ? `outcome (${ctx.id})` : "outcome", before.outcomes[ctx.id] ?? null, after.outcomes[ctx.id] ?? null);
  add("errata", before.errata.join(", ") || null, after.errata.join(", ") || null);
  for (const ctx of spec.contexts) {
    const was = base.contexts.find((c) => c.id === ctx.id)?.notes?.[before.code] ?? null;
    add(spec.contexts.length > 1 ? `note (${ctx.id})` : "note", was, ctx.notes?.[after.code] ?? null);
  }
  return changes;
}

function allFieldPaths(fields: Raw[], prefix: string): string[] {
  return fields.flatMap((f) => {
    const path = `${prefix}.${f.key ?? f.name}`;
    return [path, ...allFieldPaths(f.fields ?? [], path)];
  });
}
