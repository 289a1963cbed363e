/**
 * Semantic checks and IR construction for one spec whose shape the JSON Schema
 * has already accepted. Every problem becomes a positioned diagnostic; the
 * model is returned only when there are none.
 */
import type { Diagnostic } from "./diagnostics.ts";
import { checkRegexSafety } from "./regex-safety.ts";
import { didYouMean } from "./suggest.ts";
import type { Path, YamlSource } from "./yaml-source.ts";
import { deriveName, isSafeIdentifier, normalizeName, typeNames } from "../model/identifiers.ts";
import { OUTCOMES } from "../model/types.ts";
import type {
  Api,
  Body,
  Callback,
  Category,
  CategoryMatch,
  Code,
  Column,
  ColumnValue,
  Composite,
  Endpoint,
  Erratum,
  Field,
  Outcome,
  OutcomeContext,
  OutcomeOverride,
  RowRef,
  Sample,
  Spec,
  Table,
} from "../model/types.ts";

/* The raw shapes as the schema guarantees them (optional keys may be absent). */
type Raw = Record<string, any>;

const ROW_KEYS = new Set(["code", "parts", "name", "message", "status", "description", "category", "outcomes", "errata"]);

export function buildSpec(source: YamlSource, specFile: string, expectedId: string): { spec?: Spec; diagnostics: Diagnostic[] } {
  const raw = source.value as Raw;
  const diagnostics: Diagnostic[] = [];
  const report = (path: Path, message: string, options?: { key?: boolean }) => diagnostics.push(source.at(path, message, options));

  if (raw.id !== expectedId) report(["id"], `id "${raw.id}" must match the file name "${expectedId}"`);
  // The schema allows 16 digits a part, as semver tools do; past 2^53 - 1 a part is no longer exact in
  // JavaScript, and a version compared or bumped as numbers would come out lower.
  const unsafe = String(raw.version).split(".").find((part) => !Number.isSafeInteger(Number(part)));
  if (unsafe !== undefined)
    report(["version"], `version ${raw.version}: ${unsafe} is over ${Number.MAX_SAFE_INTEGER}, the largest whole number JavaScript holds exactly; each part of MAJOR.MINOR.PATCH must be at most that`);

  // ---- errata first: everything else may refer to them
  const errata: Erratum[] = [];
  const errataIds = new Map<string, number>();
  (raw.errata ?? []).forEach((e: Raw, i: number) => {
    if (errataIds.has(e.id)) report(["errata", i, "id"], `duplicate erratum id "${e.id}" (first at line ${source.lineOf(["errata", errataIds.get(e.id)!, "id"])})`);
    else errataIds.set(e.id, i);
    errata.push({ id: e.id, at: e.at, source: e.source, codebook: e.codebook, reason: e.reason });
  });
  const checkErrataRefs = (refs: string[] | undefined, path: Path) =>
    (refs ?? []).forEach((id, i) => {
      if (!errataIds.has(id)) report([...path, i], `unknown erratum "${id}"${didYouMean(id, errataIds.keys())}`);
    });

  // ---- code pattern
  const pattern = compile(raw.code.pattern, ["code", "pattern"], report);

  // ---- composite parts and rules
  let composite: Composite | null = null;
  // Compiled once; null where the pattern is invalid or refused (already reported), so rows skip the check.
  const partPatterns = new Map<string, RegExp | null>();
  const partMatches = (part: string, value: string) => partPatterns.get(part)?.test(value) ?? true;
  if (raw.code.composite) {
    const rc = raw.code.composite;
    const partNames = new Set<string>();
    const parts = rc.parts.map((p: Raw, i: number) => {
      if (partNames.has(p.name)) report(["code", "composite", "parts", i, "name"], `duplicate part "${p.name}"`);
      partNames.add(p.name);
      if (p.pattern !== undefined) partPatterns.set(p.name, compile(p.pattern, ["code", "composite", "parts", i, "pattern"], report));
      let domain: string[] | null = null;
      if (p.domain === "endpoints.serviceCode") {
        if (!raw.api) report(["code", "composite", "parts", i, "domain"], `domain "${p.domain}" needs an api section`);
        else domain = (raw.api.endpoints as Raw[]).map((e) => e.serviceCode);
      }
      if (p.any !== undefined && !domain) report(["code", "composite", "parts", i, "any"], `part "${p.name}" has an "any" word but no domain to expand it over`);
      return { name: p.name, length: p.length, pattern: p.pattern ?? null, description: p.description ?? null, any: p.any ?? null, domain, role: p.role ?? null };
    });
    if (raw.api && parts.filter((p: { role: string | null }) => p.role === "httpStatus").length !== 1)
      report(["code", "composite", "parts"], `an API's composite code needs exactly one part with role: httpStatus`, { key: true });
    if (raw.api && parts.filter((p: { domain: string[] | null }) => p.domain).length !== 1)
      report(["code", "composite", "parts"], `an API's composite code needs exactly one part with domain: endpoints.serviceCode`, { key: true });
    const rules = (rc.rules ?? []).map((r: Raw, i: number) => {
      const part = parts.find((p: { name: string }) => p.name === r.part);
      if (!part) report(["code", "composite", "rules", i, "part"], `unknown part "${r.part}"${didYouMean(r.part, parts.map((p: { name: string }) => p.name))}`);
      else {
        for (const [j, v] of (r.values ?? []).entries())
          if (v.length !== part.length) report(["code", "composite", "rules", i, "values", j], `"${v}" does not fit part "${part.name}" (length ${part.length})`);
        if (r.prefix !== undefined && r.prefix.length > part.length)
          report(["code", "composite", "rules", i, "prefix"], `prefix "${r.prefix}" is longer than part "${part.name}" (length ${part.length})`);
      }
      return { part: r.part, values: r.values ?? null, prefix: r.prefix ?? null, outcome: r.outcome, reason: r.reason ?? null, source: r.source ?? null };
    });
    composite = { parts, rules };
  }
  const partLength = composite?.parts.reduce((n, p) => n + p.length, 0) ?? 0;

  // ---- categories
  const categories: Category[] = [];
  const categoryIds = new Set<string>();
  (raw.categories ?? []).forEach((c: Raw, i: number) => {
    if (categoryIds.has(c.id)) report(["categories", i, "id"], `duplicate category "${c.id}"`);
    categoryIds.add(c.id);
    let match: CategoryMatch | null = null;
    if (c.match?.part !== undefined) {
      const part = composite?.parts.find((p) => p.name === c.match.part);
      if (!composite) report(["categories", i, "match"], `category "${c.id}" matches a part, but the code is not composite; use match: { prefix } or match: { pattern }`);
      else if (!part) report(["categories", i, "match", "part"], `unknown part "${c.match.part}"${didYouMean(c.match.part, composite.parts.map((p) => p.name))}`);
      else
        (c.match.values as string[]).forEach((v, j) => {
          if (v.length !== part.length) report(["categories", i, "match", "values", j], `"${v}" does not fit part "${part.name}" (length ${part.length})`);
        });
      match = { part: c.match.part, values: c.match.values };
    } else if (c.match?.prefix !== undefined) {
      match = { prefixes: Array.isArray(c.match.prefix) ? c.match.prefix : [c.match.prefix] };
    } else if (c.match?.pattern !== undefined) {
      if (compile(c.match.pattern, ["categories", i, "match", "pattern"], report)) match = { pattern: c.match.pattern };
    }
    categories.push({
      id: c.id,
      label: c.label,
      description: c.description ?? null,
      match,
      outcome: c.outcome ?? null,
      reason: c.reason ?? null,
    });
  });

  // ---- columns
  const columns: Column[] = [];
  const splitters = new Map<string, RegExp>();
  (raw.columns ?? []).forEach((c: Raw, i: number) => {
    if (ROW_KEYS.has(c.key) || columns.some((x) => x.key === c.key)) report(["columns", i, "key"], `column key "${c.key}" is already taken`);
    if ((c.type === "enum" || c.type === "set") && !c.values) report(["columns", i], `column "${c.key}" of type ${c.type} needs "values"`, { key: true });
    if (c.type === "set") splitters.set(c.key, compile(c.split ?? ",", ["columns", i, "split"], report, "g") ?? /,/g);
    columns.push({ key: c.key, title: c.title, type: c.type, values: c.values ?? [], description: c.description ?? null });
  });
  const ignoreCase = new Map<string, boolean>((raw.columns ?? []).map((c: Raw) => [c.key, c.ignoreCase === true]));

  // ---- outcome contexts
  const contexts: OutcomeContext[] = [];
  raw.outcome.contexts.forEach((c: Raw, i: number) => {
    const path = ["outcome", "contexts", i];
    if (contexts.some((x) => x.id === c.id)) report([...path, "id"], `duplicate context "${c.id}"`);
    if (c.successCodes) {
      contexts.push({ kind: "successCodes", id: c.id, title: c.title, successCodes: c.successCodes, otherwise: c.otherwise, source: c.source ?? null });
      return;
    }
    // A broken context is reported once and left out, so rows do not each report its consequence.
    if (c.from === "parts") {
      if (!composite?.rules.length) return report([...path, "from"], `context "${c.id}" takes outcomes from parts, but code.composite has no rules`);
    } else if (c.from !== "status" && !columns.some((col) => col.key === c.from)) {
      return report([...path, "from"], `unknown column "${c.from}" (expected status, parts or a declared column)${didYouMean(c.from, ["status", "parts", ...columns.map((x) => x.key)])}`);
    } else if (!c.map) {
      report([...path], `context "${c.id}" needs a "map" from the source's words to outcomes`, { key: true });
    } else if (c.from !== "status") {
      const col = columns.find((x) => x.key === c.from)!;
      for (const word of Object.keys(c.map))
        if (col.values.length && !col.values.includes(word)) report([...path, "map", word], `"${word}" is not a value of column "${col.key}"${didYouMean(word, col.values)}`, { key: true });
    }
    contexts.push({ kind: "column", id: c.id, title: c.title, from: c.from, map: c.map ?? {}, source: c.source ?? null });
  });

  // ---- tables and rows
  const tables: Table[] = [];
  const codes: Code[] = [];
  const codeAt = new Map<string, Path>();
  const nameAt = new Map<string, { path: Path; name: string }>();
  const scopeIds = new Set<string>();
  const endpointsRaw: Raw[] = raw.api?.endpoints ?? [];

  raw.tables.forEach((t: Raw, ti: number) => {
    const tpath = ["tables", ti];
    if (tables.some((x) => x.id === t.id)) report([...tpath, "id"], `duplicate table "${t.id}"`);
    if (t.category !== undefined && !categoryIds.has(t.category)) report([...tpath, "category"], `unknown category "${t.category}"${didYouMean(t.category, categoryIds)}`);
    if (t.scope) {
      if (scopeIds.has(t.scope.id)) report([...tpath, "scope", "id"], `duplicate scope "${t.scope.id}"`);
      scopeIds.add(t.scope.id);
    }
    tables.push({
      id: t.id,
      title: t.title,
      intro: t.intro ?? null,
      headers: t.headers ?? [],
      category: t.category ?? null,
      scope: t.scope ? { id: t.scope.id, title: t.scope.title, source: t.scope.source ?? null } : null,
    });

    t.rows.forEach((r: Raw, ri: number) => {
      const rpath = [...tpath, "rows", ri];
      for (const key of Object.keys(r))
        if (!ROW_KEYS.has(key) && !columns.some((c) => c.key === key))
          report([...rpath, key], `unknown column "${key}"${didYouMean(key, [...ROW_KEYS, ...columns.map((c) => c.key)].filter((k) => !Object.hasOwn(r, k)))}`, { key: true });
      const category = r.category ?? t.category ?? null;
      if (r.category !== undefined && !categoryIds.has(r.category)) report([...rpath, "category"], `unknown category "${r.category}"${didYouMean(r.category, categoryIds)}`);
      checkErrataRefs(r.errata, [...rpath, "errata"]);

      const rowColumns: Record<string, ColumnValue> = {};
      for (const col of columns) rowColumns[col.key] = readColumn(col, r[col.key], [...rpath, col.key]);

      // A row is one code, or (composite with an "any" part) one code per domain value.
      for (const variant of expandRow(r, rpath)) {
        const { code, parts, namePrefix } = variant;
        if (pattern && !pattern.test(code)) {
          const hint = /^[0-9]+$/.test(code) && pattern.test(`0${code}`) ? `; did it lose a leading zero? "0${code}" would match` : "";
          report(variant.path, `code "${code}" does not match the code pattern ${raw.code.pattern}${hint}`);
        }
        const seen = codeAt.get(code);
        if (seen) {
          report(variant.path, `duplicate code "${code}" (first at line ${source.lineOf(seen)})`);
          continue;
        }
        codeAt.set(code, variant.path);

        const base = r.name ?? deriveName(r.message);
        if (base === null) {
          report(rpath, `cannot derive a name from message ${JSON.stringify(r.message)}: add "name"`, { key: true });
          continue;
        }
        const name = namePrefix + base;
        const namePath = r.name !== undefined ? [...rpath, "name"] : [...rpath, "message"];
        if (!isSafeIdentifier(name)) report(namePath, `"${name}" is not a usable TypeScript identifier: add "name"`);
        const clash = nameAt.get(normalizeName(name));
        if (clash) {
          report(
            namePath,
            `name "${name}" of code "${code}" collides with "${clash.name}" (line ${source.lineOf(clash.path)}); names must differ in more than case: add a distinct "name"`,
          );
        } else nameAt.set(normalizeName(name), { path: namePath, name });

        codes.push({
          code,
          name,
          message: r.message,
          status: r.status ?? t.status ?? null,
          description: r.description ?? null,
          category,
          table: t.id,
          row: ri + 1,
          columns: rowColumns,
          outcomes: {},
          parts,
          overrides: readOverrides(r, rpath),
          errata: r.errata ?? [],
        });
        codes[codes.length - 1]!.outcomes = outcomesOf(codes[codes.length - 1]!, rpath);
      }
    });
  });

  // ---- actions, transport
  const actions = (raw.actions ?? []).map((a: Raw, i: number) => {
    (a.codes as string[]).forEach((c, j) => {
      if (!codeAt.has(c)) report(["actions", i, "codes", j], `action "${a.id}" names code "${c}", which no table lists`);
    });
    return { id: a.id, title: a.title, codes: a.codes, source: a.source };
  });
  for (const [i, c] of contexts.entries())
    if (c.kind === "successCodes")
      c.successCodes.forEach((code, j) => {
        if (!codeAt.has(code)) report(["outcome", "contexts", i, "successCodes", j], `context "${c.id}" names code "${code}", which no table lists`);
      });
  const transport = raw.transport
    ? {
        title: raw.transport.title ?? null,
        headers: raw.transport.headers ?? [],
        rules: (raw.transport.rules as Raw[]).map((r, i) => {
          if ((raw.transport.rules as Raw[]).findIndex((x) => x.http === r.http) !== i)
            report(["transport", "rules", i, "http"], `duplicate transport rule for HTTP ${r.http}`);
          return {
            http: r.http,
            label: r.label ?? null,
            description: r.description ?? null,
            status: r.status ?? null,
            solution: r.solution ?? null,
            outcome: r.outcome,
          };
        }),
      }
    : null;

  checkGeneratedNames();
  const api = raw.api ? buildApi(raw.api) : null;
  if (raw.kind === "api" && !api) report([], `a spec of kind "api" needs an "api" section`, { key: true });
  // The API emitters read each endpoint's codes and the HTTP status from the code's parts.
  if (raw.kind === "api" && !composite)
    report(["code"], `an API's response code must be composite: its parts say the HTTP status (role: httpStatus) and the service (domain: endpoints.serviceCode)`, { key: true });
  if (raw.kind === "code-table" && raw.api) report(["api"], `a spec of kind "code-table" cannot have an "api" section (use kind: api)`, { key: true });

  if (diagnostics.length) return { diagnostics: unique(diagnostics) };
  return {
    diagnostics,
    spec: {
      kind: raw.kind,
      id: raw.id,
      title: raw.title,
      version: raw.version,
      typePrefix: raw.typePrefix,
      specFile,
      source: { provider: raw.source.provider, document: raw.source.document, seed: raw.source.seed ?? null, intro: raw.source.intro ?? null },
      pattern: raw.code.pattern,
      patternDescription: raw.code.description ?? null,
      composite,
      categories,
      columns,
      contexts,
      unknown: { outcome: raw.outcome.unknown.outcome, source: raw.outcome.unknown.source ?? null, reason: raw.outcome.unknown.reason ?? null },
      transport,
      actions,
      tables,
      codes,
      errata,
      api,
    },
  };

  // ---------------------------------------------------------------- helpers

  /** The type names the emitters derive from ids must not collide (never renamed silently). */
  function checkGeneratedNames(): void {
    const P = raw.typePrefix as string;
    const seen = new Map<string, string>();
    const claim = (name: string, what: string, path: Path) => {
      const first = seen.get(name);
      if (first) report(path, `${what} would generate the type ${name}, which ${first} already generates; choose another id`);
      else seen.set(name, what);
    };
    contexts.forEach((c, i) => {
      const id = i === 0 ? null : c.id;
      for (const o of OUTCOMES) claim(typeNames.outcomeCodes(P, id, o), `context "${c.id}"`, ["outcome", "contexts", i, "id"]);
      claim(typeNames.result(P, id), `context "${c.id}"`, ["outcome", "contexts", i, "id"]);
    });
    (raw.categories ?? []).forEach((c: Raw, i: number) => claim(typeNames.categoryCodes(P, c.id), `category "${c.id}"`, ["categories", i, "id"]));
    (raw.tables as Raw[]).forEach((t, i) => {
      if (t.scope) claim(typeNames.scopeCodes(P, t.scope.id), `scope "${t.scope.id}"`, ["tables", i, "scope", "id"]);
    });
  }

  function readColumn(col: Column, cell: unknown, path: Path): ColumnValue {
    if (cell === undefined || cell === null) return { text: null, value: null };
    const text = String(cell);
    if (col.type === "text") return { text, value: text };
    const matchValue = (word: string): string | undefined =>
      col.values.find((v) => (ignoreCase.get(col.key) ? v.toLowerCase() === word.toLowerCase() : v === word));
    if (col.type === "enum") {
      const v = matchValue(text.trim());
      if (v === undefined) report(path, `"${text}" is not one of the values of column "${col.key}": ${col.values.join(", ")}`);
      return { text, value: v ?? null };
    }
    const words = text.split(splitters.get(col.key)!).map((w) => w.trim()).filter(Boolean);
    const values: string[] = [];
    for (const w of words) {
      const v = matchValue(w);
      if (v === undefined) report(path, `"${w}" is not one of the values of column "${col.key}": ${col.values.join(", ")}`);
      else if (!values.includes(v)) values.push(v);
    }
    return { text, value: values };
  }

  function expandRow(r: Raw, rpath: Path): { code: string; parts: Record<string, string> | null; namePrefix: string; path: Path }[] {
    if (r.code !== undefined) {
      if (!composite) return [{ code: r.code, parts: null, namePrefix: "", path: [...rpath, "code"] }];
      if (r.code.length !== partLength) {
        report([...rpath, "code"], `code "${r.code}" has ${r.code.length} characters, but its parts (${composite.parts.map((p) => `${p.name} ${p.length}`).join(" + ")}) make ${partLength}`);
        return [];
      }
      const parts: Record<string, string> = {};
      let at = 0;
      for (const p of composite.parts) {
        parts[p.name] = r.code.slice(at, at + p.length);
        at += p.length;
        if (p.pattern && !partMatches(p.name, parts[p.name]!))
          report([...rpath, "code"], `part "${p.name}" of code "${r.code}" is "${parts[p.name]}", which does not match ${p.pattern}`);
      }
      return [{ code: r.code, parts, namePrefix: "", path: [...rpath, "code"] }];
    }
    if (!composite) {
      report([...rpath, "parts"], `"parts" needs code.composite`, { key: true });
      return [];
    }
    // Every part must be given; an "any" part expands over its domain.
    let variants: { parts: Record<string, string>; namePrefix: string }[] = [{ parts: {}, namePrefix: "" }];
    for (const p of composite.parts) {
      const given = r.parts[p.name] as string | undefined;
      if (given === undefined) {
        report([...rpath, "parts"], `missing part "${p.name}"`);
        return [];
      }
      const isAny = p.any !== null && given.toLowerCase() === p.any.toLowerCase();
      const values = isAny ? p.domain ?? [] : [given];
      if (!isAny) {
        if (given.length !== p.length) report([...rpath, "parts", p.name], `part "${p.name}" is "${given}": it must have ${p.length} characters`);
        else if (p.pattern && !partMatches(p.name, given)) report([...rpath, "parts", p.name], `part "${p.name}" is "${given}", which does not match ${p.pattern}`);
        if (p.domain && !p.domain.includes(given)) report([...rpath, "parts", p.name], `part "${p.name}" is "${given}", which is not one of ${p.domain.join(", ")}`);
      }
      variants = variants.flatMap((v) =>
        values.map((value) => ({
          parts: { ...v.parts, [p.name]: value },
          namePrefix: v.namePrefix + (p.domain ? endpointKey(value) : ""),
        })),
      );
    }
    for (const key of Object.keys(r.parts))
      if (!composite.parts.some((p) => p.name === key)) report([...rpath, "parts", key], `unknown part "${key}"${didYouMean(key, composite.parts.map((p) => p.name))}`, { key: true });
    return variants.map((v) => ({
      code: composite!.parts.map((p) => v.parts[p.name]).join(""),
      parts: v.parts,
      namePrefix: v.namePrefix,
      path: [...rpath, "parts"],
    }));
  }

  function endpointKey(serviceCode: string): string {
    return endpointsRaw.find((e) => e.serviceCode === serviceCode)?.key ?? "";
  }

  function readOverrides(r: Raw, rpath: Path): OutcomeOverride[] {
    return (r.outcomes ?? []).map((o: Raw, i: number) => {
      const part = composite?.parts.find((p) => p.name === (o.part ?? composite?.parts.find((x) => x.domain)?.name));
      if (!part) report([...rpath, "outcomes", i], `outcome overrides need a composite part`, { key: true });
      else
        (o.values as string[]).forEach((v, j) => {
          if (part.domain ? !part.domain.includes(v) : v.length !== part.length)
            report([...rpath, "outcomes", i, "values", j], `"${v}" is not a value of part "${part.name}"`);
        });
      return { part: part?.name ?? "", values: o.values, outcome: o.outcome, reason: o.reason };
    });
  }

  function outcomesOf(code: Code, rpath: Path): Record<string, Outcome> {
    const out: Record<string, Outcome> = {};
    // A word no context maps is one problem (a typo, usually), however many contexts read it.
    const unmapped = new Map<string, { path: Path; where: string; contexts: string[]; known: Set<string> }>();
    const absent = new Map<string, string[]>();
    for (const c of contexts) {
      let outcome: Outcome | undefined;
      if (c.kind === "successCodes") outcome = c.successCodes.includes(code.code) ? "success" : c.otherwise;
      else if (c.from === "parts") {
        const rule = composite?.rules.find((rule) => ruleMatches(rule, code.parts ?? {}));
        outcome = rule?.outcome;
        if (!outcome) report(rpath, `no rule in code.composite.rules gives code "${code.code}" an outcome (context "${c.id}")`, { key: true });
      } else {
        const word = c.from === "status" ? code.status : (code.columns[c.from]?.value as string | null);
        const where = c.from === "status" ? "status" : c.from;
        if (word === null || word === undefined) absent.set(where, [...(absent.get(where) ?? []), c.id]);
        else {
          outcome = Object.hasOwn(c.map, word) ? c.map[word] : undefined;
          if (!outcome) {
            const entry = unmapped.get(`${where}\0${word}`) ?? { path: rowHas(rpath, where) ? [...rpath, where] : rpath, where, contexts: [], known: new Set<string>() };
            entry.contexts.push(c.id);
            for (const k of Object.keys(c.map)) entry.known.add(k);
            unmapped.set(`${where}\0${word}`, entry);
          }
        }
      }
      for (const o of code.overrides) if (code.parts && o.values.includes(code.parts[o.part]!)) outcome = o.outcome;
      if (outcome) out[c.id] = outcome;
    }
    for (const [where, ids] of absent)
      report(rpath, `code "${code.code}" has no ${where}, so ${ids.length === 1 ? `context "${ids[0]}" gives` : `contexts ${ids.map((id) => `"${id}"`).join(", ")} give`} it no outcome`, { key: true });
    for (const [key, u] of unmapped) {
      const word = key.slice(key.indexOf("\0") + 1);
      const hint = didYouMean(word, u.known);
      const which = u.contexts.length === 1 ? `context "${u.contexts[0]}"` : `contexts ${u.contexts.map((id) => `"${id}"`).join(", ")}`;
      report(u.path, `${u.where} "${word}" has no outcome in ${which}${hint || " (map it under outcome.contexts)"}`);
    }
    return out;
  }

  function rowHas(rpath: Path, key: string): boolean {
    let node: any = raw;
    for (const p of rpath) node = node?.[p];
    return node !== undefined && node !== null && Object.hasOwn(node, key);
  }

  // ---------------------------------------------------------------- API

  function buildApi(a: Raw): Api {
    const endpoints: Endpoint[] = [];
    (a.endpoints as Raw[]).forEach((e, i) => {
      const epath = ["api", "endpoints", i];
      if (endpoints.some((x) => x.serviceCode === e.serviceCode)) report([...epath, "serviceCode"], `duplicate service code "${e.serviceCode}"`);
      if (endpoints.some((x) => x.key.toLowerCase() === e.key.toLowerCase())) report([...epath, "key"], `duplicate endpoint key "${e.key}" (keys must differ in more than case)`);
      const request = buildBody(e.request, [...epath, "request"]);
      const response = buildBody(e.response, [...epath, "response"]);
      const samples: Sample[] = (e.samples ?? []).map((s: Raw, si: number) => buildSample(s, [...epath, "samples", si], s.kind === "request" ? request : response));
      endpoints.push({ key: e.key, serviceCode: e.serviceCode, name: e.name, version: e.version, method: e.method, path: e.path, request, response, samples, callback: null });
      // The API emitters discriminate responses on this field, and give each service one success code.
      const codeField = response.fields.find((f) => f.key === a.responseCodeField);
      if (!codeField || codeField.type !== "string")
        report([...epath, "response", "fields"], `the response must declare "${a.responseCodeField}" (api.responseCodeField) as a string field`, { key: true });
      const http = composite?.parts.find((p) => p.role === "httpStatus");
      const service = composite?.parts.find((p) => p.domain);
      if (http && service) {
        const successes = codes.filter((c) => c.parts?.[service.name] === e.serviceCode && c.parts?.[http.name] === "200").length;
        if (successes !== 1) report([...epath, "serviceCode"], `service ${e.serviceCode} needs exactly one HTTP 200 response code in the tables, found ${successes}`);
      }
    });
    (a.endpoints as Raw[]).forEach((e, i) => {
      if (e.callback) endpoints[i]!.callback = buildCallback(e.callback, ["api", "endpoints", i, "callback"], endpoints[i]!, endpoints);
    });
    const header = (h: Raw) => ({ name: h.name, description: h.description ?? null, example: h.example ?? null });
    const errors = a.requestErrors ?? {};
    const requestErrors = {
      missing: rowNamed(errors.missing, ["api", "requestErrors", "missing"]),
      invalid: rowNamed(errors.invalid, ["api", "requestErrors", "invalid"]),
      malformed: rowNamed(errors.malformed, ["api", "requestErrors", "malformed"]),
    };
    return { responseCodeField: a.responseCodeField, requestErrors, headers: (a.headers ?? []).map(header), responseHeaders: (a.responseHeaders ?? []).map(header), endpoints };
  }

  /** A table row by its name (given or derived from its message), as api.requestErrors names it. */
  function rowNamed(name: string | undefined, path: Path): RowRef | null {
    if (name === undefined) return null;
    for (const t of raw.tables as Raw[])
      for (const [ri, r] of (t.rows as Raw[]).entries()) if ((r.name ?? deriveName(r.message)) === name) return { table: t.id, row: ri + 1 };
    report(path, `no table row is named "${name}"`);
    return null;
  }

  function buildCallback(c: Raw, path: Path, from: Endpoint, endpoints: Endpoint[]): Callback | null {
    const target = endpoints.find((x) => x.key === c.endpoint);
    if (!target) {
      report([...path, "endpoint"], `no endpoint has the key "${c.endpoint}"`);
      return null;
    }
    const echo: Record<string, string> = c.echo ?? {};
    for (const [to, source] of Object.entries(echo)) {
      if (!target.request.fields.some((f) => f.key === to)) report([...path, "echo", to], `callback field "${to}": the ${target.key} request declares no such field`, { key: true });
      const [, side, key] = source.split("/");
      const body = side === "request" ? from.request : from.response;
      if (!body.fields.some((f) => f.key === key)) report([...path, "echo", to], `${source}: the ${from.key} ${side} declares no field "${key}"`);
    }
    return { endpoint: target.key, echo };
  }

  function buildBody(b: Raw, path: Path): Body {
    return { headers: b.headers ?? [], fields: buildFields(b.fields, [...path, "fields"]) };
  }

  function buildFields(list: Raw[], path: Path): Field[] {
    const keys = new Set<string>();
    return list.map((f, i) => {
      const fpath = [...path, i];
      const key: string = f.key ?? f.name;
      if (keys.has(key)) report([...fpath, f.key ? "key" : "name"], `duplicate field "${key}"`);
      keys.add(key);
      if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) report([...fpath, f.key ? "key" : "name"], `field key "${key}" is not a plain JSON key: add "key" with an erratum`);
      if (f.key !== undefined && f.key !== f.name && !(f.errata ?? []).length) report([...fpath, "key"], `field "${f.name}" is read as "${f.key}": record why in "errata"`);
      if (f.fields && f.type !== "object") report([...fpath, "fields"], `only object fields can have nested fields`, { key: true });
      if (f.format === "amount" && !f.amount) report(fpath, `format amount needs "amount: { precision, scale }"`, { key: true });
      if (f.amount && !(f.amount.precision > f.amount.scale)) report([...fpath, "amount"], `amount precision (${f.amount.precision}) must be greater than its scale (${f.amount.scale})`);
      if (f.amount && f.format !== "amount") report([...fpath, "amount"], `"amount" needs format: amount`, { key: true });
      if ((f.format || f.maxLength || f.values) && f.type !== "string") report([...fpath, "type"], `format, maxLength and values apply to string fields only`);
      if (f.presence === "C" && !f.condition) report([...fpath, "presence"], `conditional field "${f.name}" needs "condition"`);
      if (f.presence !== "C" && f.condition) report([...fpath, "condition"], `"condition" applies to presence C only`, { key: true });
      if (f.nullable && !(f.errata ?? []).length) report([...fpath, "nullable"], `nullable field "${f.name}" must cite an erratum`);
      checkErrataRefs(f.errata, [...fpath, "errata"]);
      return {
        name: f.name,
        key,
        dataType: f.dataType ?? null,
        type: f.type,
        presence: f.presence,
        condition: f.condition ? { when: f.condition.when, text: f.condition.text ?? null } : null,
        length: f.length ?? null,
        maxLength: f.maxLength ?? null,
        format: f.format ?? null,
        amount: f.amount ? { precision: f.amount.precision, scale: f.amount.scale } : null,
        values: f.values ?? [],
        nullable: f.nullable === true,
        description: f.description ?? null,
        fields: buildFields(f.fields ?? [], [...fpath, "fields"]),
        errata: f.errata ?? [],
      };
    });
  }

  function buildSample(s: Raw, path: Path, body: Body): Sample {
    let json: unknown;
    try {
      json = JSON.parse(s.body);
    } catch (err) {
      report([...path, "body"], `sample body is not valid JSON: ${(err as Error).message}`);
    }
    const deviations: { pointer: string; erratum: string; fixture?: unknown }[] = s.deviations ?? [];
    deviations.forEach((d, i) => {
      if (!errataIds.has(d.erratum)) report([...path, "deviations", i, "erratum"], `unknown erratum "${d.erratum}"${didYouMean(d.erratum, errataIds.keys())}`);
      // Fixtures leave a deviating key out unless the deviation gives the value to use; a mandatory field cannot be left out.
      const top = body.fields.find((f) => `/${f.key}` === d.pointer);
      if (top?.presence === "M" && d.fixture === undefined)
        report([...path, "deviations", i], `"${top.key}" is mandatory: give "fixture", the value fixtures use instead of the sample's`, { key: true });
    });
    const allowed = new Set(deviations.map((d) => d.pointer));
    const visit = (value: unknown, fields: Field[], pointer: string) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return;
      for (const [k, v] of Object.entries(value)) {
        const p = `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        const field = fields.find((f) => f.key === k);
        if (!field) {
          if (!allowed.has(p)) report([...path, "body"], `sample names field "${k}" (${p}), which the ${s.kind} body does not declare; fix the key or record a deviation`);
        } else if (field.fields.length) visit(v, field.fields, p);
      }
    };
    if (json !== undefined) visit(json, body.fields, "");
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
}

/** Whether a composite rule applies to a code's parts. */
function ruleMatches(rule: { part: string; values: string[] | null; prefix: string | null }, parts: Record<string, string>): boolean {
  const value = parts[rule.part];
  if (value === undefined) return false;
  return rule.values ? rule.values.includes(value) : value.startsWith(rule.prefix ?? "");
}

function compile(
  source: string,
  path: Path,
  report: (path: Path, message: string) => void,
  flags = "",
): RegExp | null {
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (err) {
    report(path, `invalid regular expression ${JSON.stringify(source)}: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "")}`);
    return null;
  }
  // Patterns run in the generated parsers on untrusted input; an unsafe one is not even run here.
  const safety = checkRegexSafety(source);
  if (!safety.safe) {
    report(path, `regular expression ${JSON.stringify(source)} is refused: ${safety.reason}`);
    return null;
  }
  return regex;
}

/** One diagnostic per place and message: a row expanded over a domain (one code per service) is checked once per code. */
function unique(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
