// The specs every target is held to: the shipped specs (spec/), the fixture specs
// (test/fixtures/good-specs/), the provider profiles (test/fixtures/profiles/, read
// in a scratch spec directory beside their bases), the unlisted-rules fixtures
// (test/fixtures/rules/, likewise) and the targets' corners
// (test/fixtures/target-specs/). Each set knows where its TypeScript
// packages are (the reference): the committed generated/ for the shipped specs, a
// scratch run of the real pipeline for the others.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { loadSpecs } from "../../generator/load/load-specs.ts";
import type { Spec } from "../../generator/model/types.ts";
import { generate } from "../../generator/run/pipeline.ts";
import { fixtureSpecDir } from "../fixture-packages.ts";
import { copySpec, repoRoot, specDir } from "../helpers.ts";

export interface SpecSet {
  name: "shipped" | "fixtures" | "profiles" | "rules" | "corners";
  /** The repository root the specs' paths are relative to. */
  root: string;
  specs: Spec[];
  /** The directory of each spec's generated TypeScript package (`<dir>/<id>/dist/index.js`). */
  typescriptDir(): Promise<string>;
  remove(): void;
}

function load(root: string, dir: string, only?: string[]): Spec[] {
  const r = loadSpecs({ root, specDir: dir, ...(only ? { only } : {}) });
  if (r.diagnostics.length) throw new Error(`${dir}: ${r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`).join("; ")}`);
  return r.specs.filter((s) => !only || only.includes(s.id));
}

/** A set whose TypeScript packages come from one pipeline run in a scratch project, made on first use. */
function scratchSet(name: SpecSet["name"], root: string, dir: string, specs: Spec[], cleanup: () => void): SpecSet {
  let out: Promise<string> | null = null;
  let generated: string | null = null;
  return {
    name,
    root,
    specs,
    typescriptDir() {
      out ??= (async () => {
        generated = mkdtempSync(join(tmpdir(), `codebook-${name}-ts-`));
        writeFileSync(join(generated, "codebook.config.yaml"), `specDir: ${JSON.stringify(dir)}\noutDir: out\n`);
        await generate({ cwd: generated });
        return join(generated, "out");
      })();
      return out;
    },
    remove() {
      if (generated) rmSync(generated, { recursive: true, force: true });
      cleanup();
    },
  };
}

export function shippedSet(): SpecSet {
  return { name: "shipped", root: repoRoot, specs: load(repoRoot, specDir), typescriptDir: async () => join(repoRoot, "generated"), remove() {} };
}

export function fixtureSet(): SpecSet {
  return scratchSet("fixtures", repoRoot, fixtureSpecDir, load(repoRoot, fixtureSpecDir), () => {});
}

/** The profiles, each read beside a copy of its base; only the profiles are in `specs` (their bases are the shipped specs). */
export function profileSet(): SpecSet {
  return copiedSet("profiles", "profiles");
}

/** The unlisted-rules fixtures (test/fixtures/rules/): a profile that restates them, a code table with two contexts. */
export function rulesSet(): SpecSet {
  return copiedSet("rules", "rules");
}

/** The specs of a fixture folder in a scratch spec directory, with a copy of each shipped base a profile among them extends. */
function copiedSet(name: SpecSet["name"], folder: string): SpecSet {
  const from = join(repoRoot, "test", "fixtures", folder);
  const root = mkdtempSync(join(tmpdir(), `codebook-${name}-`));
  const dir = join(root, "spec");
  mkdirSync(dir);
  const files = readdirSync(from).filter((f) => f.endsWith(".yaml"));
  for (const f of files) cpSync(join(from, f), join(dir, f));
  const bases = new Set(files.map((f) => (parse(readFileSync(join(from, f), "utf8")) as { extends?: string }).extends).filter((b) => b !== undefined));
  for (const base of bases) copySpec(base, dir);
  const ids = files.map((f) => f.replace(/\.yaml$/, ""));
  return scratchSet(name, root, dir, load(root, dir, ids), () => rmSync(root, { recursive: true, force: true }));
}

/** Specs written for the targets' corners (test/fixtures/target-specs/): composite codes whose parts are not ASCII. */
export function cornerSet(): SpecSet {
  const dir = join(repoRoot, "test", "fixtures", "target-specs");
  return scratchSet("corners", repoRoot, dir, load(repoRoot, dir), () => {});
}

/** Every set, in order. */
export function specSets(): SpecSet[] {
  return [shippedSet(), fixtureSet(), profileSet(), rulesSet(), cornerSet()];
}
