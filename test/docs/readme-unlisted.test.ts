// The package README states, per context, what a code the table does not list gets.
// An integrator acts on that text, so it must say what the package's classifier
// answers. This test reads the README's rule lines as a reader would (each clause
// in order; the first that applies decides), classifies a sample of unlisted codes
// with the generated package, and requires the two to agree, for every shipped and
// fixture spec. It reads no generator code: it holds the README to the classifier.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/load/load-specs.ts";
import type { Category, Spec } from "../../generator/model/types.ts";
import { fixtureSpecDir, generateFixtures, type FixturePackages } from "../fixture-packages.ts";
import { repoRoot } from "../helpers.ts";

type Classify = (code: unknown, context?: string) => { known: boolean; outcome: string };

/** One clause of a rule line: which unlisted codes it speaks of, and the outcome it states. */
interface Clause {
  text: string;
  applies: (code: string) => boolean;
  outcome: string;
}

/** The rule lines under "## Outcomes": `- rule` or `- In \`a\`, \`b\`: rule`, by context id. */
function ruleLines(readme: string, spec: Spec): Map<string, string> {
  const section = readme.slice(readme.indexOf("## Outcomes"));
  const bullets = section.slice(section.indexOf("\n\n- ") + 2, section.indexOf("\n\n", section.indexOf("\n\n- ") + 2)).split("\n");
  const byContext = new Map<string, string>();
  for (const bullet of bullets) {
    const line = bullet.replace(/^- /, "");
    const scoped = /^In ((?:`[^`]+`(?:, )?)+): (.*)$/.exec(line);
    if (scoped) for (const id of scoped[1]!.match(/`([^`]+)`/g)!) byContext.set(id.slice(1, -1), scoped[2]!);
    else for (const c of spec.contexts) byContext.set(c.id, line);
  }
  return byContext;
}

/** The code spans of a clause's condition: `a` or `b…`. */
function spans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** Whether a code has the composite parts' shape (their total length, each part of its pattern). */
function hasShape(spec: Spec, code: string): boolean {
  const parts = spec.composite?.parts ?? [];
  let at = 0;
  for (const p of parts) {
    if (p.pattern && !new RegExp(p.pattern).test(code.slice(at, at + p.length))) return false;
    at += p.length;
  }
  return code.length === at;
}

function offsetOf(spec: Spec, part: string): number {
  let at = 0;
  for (const p of spec.composite!.parts) {
    if (p.name === part) return at;
    at += p.length;
  }
  throw new Error(`no part ${part}`);
}

/** Whether a category claims a code, from its declared match (the README names the category by its label). */
function claims(spec: Spec, c: Category, code: string): boolean {
  const m = c.match!;
  if ("part" in m) return hasShape(spec, code) && m.values.some((v) => code.startsWith(v, offsetOf(spec, m.part)));
  if ("prefixes" in m) return m.prefixes.some((p) => code.startsWith(p));
  return new RegExp(m.pattern).test(code);
}

/** A rule line as clauses, in the order the README states them. */
function clauses(spec: Spec, line: string): Clause[] {
  const all = () => true;
  const out: Clause[] = [];
  const onlyBut = /^every code but (.*?) is \*\*(\w+)\*\*(?: in the table; a code the table does not list is \*\*(\w+)\*\*)?/.exec(line);
  if (onlyBut) return [{ text: line, applies: all, outcome: onlyBut[3] ?? onlyBut[2]! }];
  // Clauses are separated by "; " outside parentheses.
  let depth = 0;
  let start = 0;
  const pieces: string[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "(") depth++;
    else if (line[i] === ")") depth--;
    else if (depth === 0 && line.startsWith("; ", i)) {
      pieces.push(line.slice(start, i));
      start = i + 2;
    }
  }
  pieces.push(line.slice(start));
  // A source's own words may hold "; " too: a piece without an outcome belongs to the clause before it.
  const joined = pieces.reduce<string[]>((acc, p) => (/→ \*\*\w+\*\*/.test(p) || acc.length === 0 ? [...acc, p] : [...acc.slice(0, -1), `${acc[acc.length - 1]}; ${p}`]), []);
  for (const text of joined) {
    const stated = /→ \*\*(\w+)\*\*/.exec(text);
    if (!stated) throw new Error(`a README clause without an outcome: ${text}`);
    const condition = text.slice(0, stated.index).trim();
    const outcome = stated[1]!;
    if (/^(otherwise|any unlisted code)$/.test(condition)) {
      out.push({ text, applies: all, outcome });
      continue;
    }
    // A category clause: its matches, then "(label: description)".
    const open = condition.indexOf(" (", condition.lastIndexOf("`"));
    const label = open === -1 ? null : condition.slice(open + 2).split(/[:)]/)[0]!.trim();
    const category = label === null ? undefined : spec.categories.find((c) => c.label === label);
    if (category) {
      // The code's category is the first that claims it; the clause speaks of that category's codes.
      out.push({ text, applies: (code) => spec.categories.find((c) => c.match && claims(spec, c, code)) === category, outcome });
      continue;
    }
    const part = spec.composite?.parts.find((p) => condition.startsWith(`${p.name} `));
    if (part) {
      const at = offsetOf(spec, part.name);
      const tests = spans(condition).map((v) => (v.endsWith("…") ? { prefix: v.slice(0, -1), value: null } : { prefix: null, value: v }));
      const applies = (code: string) =>
        hasShape(spec, code) && tests.some((t) => (t.prefix !== null ? code.startsWith(t.prefix, at) : code.slice(at, at + part.length) === t.value));
      out.push({ text, applies, outcome });
      continue;
    }
    throw new Error(`a README clause this test cannot read: ${text}`);
  }
  return out;
}

/** Unlisted codes of the spec's pattern, built from its parts, category matches and listed codes. */
function sample(spec: Spec): string[] {
  const pattern = new RegExp(spec.pattern);
  const listed = new Set(spec.codes.map((c) => c.code));
  const out = new Set<string>();
  const digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
  const fill = (length: number, seed: number) => Array.from({ length }, (_, i) => digits[(seed * 7 + i * 3) % 10]).join("");
  if (spec.composite) {
    let codes = [""];
    for (const p of spec.composite.parts) {
      // The values the rules and categories name come first, so every clause is reached.
      const values = new Set<string>();
      for (const r of spec.composite.rules) {
        if (r.part !== p.name) continue;
        for (const v of r.values ?? []) values.add(v);
        if (r.prefix) for (let s = 0; s < 3; s++) values.add((r.prefix + fill(p.length, s)).slice(0, p.length));
      }
      for (const c of spec.categories) if (c.match && "part" in c.match && c.match.part === p.name) for (const v of c.match.values) values.add(v);
      for (let d = 0; d < 10; d++) values.add(String(d).repeat(p.length));
      for (let s = 0; s < 6; s++) values.add(fill(p.length, s));
      for (const code of spec.codes) if (code.parts) values.add(code.parts[p.name]!);
      codes = codes.flatMap((prefix) => [...values].slice(0, 14).map((v) => prefix + v));
    }
    codes.forEach((c) => out.add(c));
  }
  const length = spec.codes[0]!.code.length;
  for (const c of spec.categories) {
    const m = c.match;
    if (m && "prefixes" in m) for (const p of m.prefixes) for (let s = 0; s < 5; s++) out.add(p + fill(length - p.length, s));
  }
  const chars = ["0", "1", "5", "9", "A", "M", "Z"];
  for (const code of spec.codes)
    for (let i = 0; i < code.code.length; i++)
      for (const d of chars) {
        const once = code.code.slice(0, i) + d + code.code.slice(i + 1);
        out.add(once);
        for (let j = i + 1; j < once.length; j++) for (const e of chars) out.add(once.slice(0, j) + e + once.slice(j + 1));
      }
  return [...out].filter((c) => pattern.test(c) && !listed.has(c));
}

function checkSpec(spec: Spec, readme: string, classify: Classify): { compared: number; clausesUsed: number; clausesTotal: number } {
  const lines = ruleLines(readme, spec);
  let compared = 0;
  const used = new Set<string>();
  let total = 0;
  for (const ctx of spec.contexts) {
    const line = lines.get(ctx.id);
    expect(line, `${spec.id}: the README states the rule for context ${ctx.id}`).toBeDefined();
    const rule = clauses(spec, line!);
    total += rule.length;
    for (const code of sample(spec)) {
      const clause = rule.find((c) => c.applies(code));
      expect(clause, `${spec.id} ${ctx.id} ${code}: the README's rule ends with a clause for every code`).toBeDefined();
      used.add(`${ctx.id}\0${clause!.text}`);
      const result = spec.contexts.length > 1 ? classify(code, ctx.id) : classify(code);
      expect(result.known, `${spec.id} ${code} is unlisted`).toBe(false);
      expect({ code, context: ctx.id, readme: clause!.outcome }, `${spec.id}: README says "${clause!.text}"`).toEqual({ code, context: ctx.id, readme: result.outcome });
      compared++;
    }
  }
  return { compared, clausesUsed: used.size, clausesTotal: total };
}

describe("the package README's rule for unlisted codes says what the classifier answers", () => {
  const shipped = loadSpecs({ root: repoRoot, specDir: join(repoRoot, "spec") });
  it.each(shipped.specs.map((s) => [s.id, s] as const))("shipped: %s", async (id, spec) => {
    const pkg = (await import(join(repoRoot, "generated", id, "dist", "index.js"))) as Record<string, Classify>;
    const readme = readFileSync(join(repoRoot, "generated", id, "README.md"), "utf8");
    const { compared, clausesUsed, clausesTotal } = checkSpec(spec, readme, pkg[`classify${spec.typePrefix}Code`]!);
    expect(compared).toBeGreaterThan(20);
    // Every clause the README states is reached by some sampled code.
    expect(clausesUsed).toBe(clausesTotal);
  });

  const fixtureSpecs = loadSpecs({ root: repoRoot, specDir: fixtureSpecDir });
  let fixtures: FixturePackages;
  beforeAll(async () => {
    fixtures = await generateFixtures();
  }, 60_000);
  afterAll(() => fixtures?.remove());

  it("covers a success category and a success outcome.unknown among the fixture specs", () => {
    expect(fixtureSpecs.diagnostics).toEqual([]);
    expect(fixtureSpecs.specs.some((s) => s.categories.some((c) => c.outcome === "success"))).toBe(true);
    expect(fixtureSpecs.specs.some((s) => s.unknown.outcome === "success")).toBe(true);
    expect(fixtureSpecs.specs.some((s) => s.contexts.some((c) => c.kind === "successCodes" && c.otherwise === "success"))).toBe(true);
  });

  it.each(fixtureSpecs.specs.map((s) => [s.id, s] as const))("fixture: %s", async (id, spec) => {
    const pkg = (await import(join(fixtures.dir, id, "dist", "index.js"))) as Record<string, Classify>;
    const readme = readFileSync(join(fixtures.dir, id, "README.md"), "utf8");
    const { compared, clausesUsed, clausesTotal } = checkSpec(spec, readme, pkg[`classify${spec.typePrefix}Code`]!);
    expect(compared).toBeGreaterThan(5);
    expect(clausesUsed).toBe(clausesTotal);
  });
});
