// The layout the architecture states (generator/ARCHITECTURE.md, "Layers"): each
// folder of generator/ is a layer, and a module imports only its own layer and the
// layers below it, statically or dynamically, values or types alike. No import
// cycles, between files or between layers.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { LAYERS } from "./layers.ts";

const generatorDir = join(repoRoot, "generator");
const files = readdirSync(generatorDir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name) && !e.name.endsWith(".d.ts"))
  .map((e) => relative(generatorDir, join(e.parentPath, e.name)).split("\\").join("/"))
  .sort();

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(join(generatorDir, file), "utf8");
  return [...text.matchAll(SPECIFIER)].map((m) => normalize(join(dirname(file), m[1]!)).split("\\").join("/")).filter((f) => files.includes(f));
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

function layerOf(file: string): number {
  if (!file.includes("/")) return LAYERS.length; // index.ts: the API over everything
  const i = (LAYERS as readonly string[]).indexOf(file.split("/")[0]!);
  if (i === -1) throw new Error(`${file}: its folder is not a layer of generator/ARCHITECTURE.md`);
  return i;
}

describe("generator/'s imports", () => {
  it("finds the modules and their imports", () => {
    expect(files.length).toBeGreaterThan(50);
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
  });

  it("has no file at the top but the programmatic API, and every folder is a layer", () => {
    expect(files.filter((f) => !f.includes("/"))).toEqual(["index.ts"]);
    for (const f of files) expect(() => layerOf(f), f).not.toThrow();
  });

  it("never imports a layer above its own", () => {
    const upward = [...graph].flatMap(([from, tos]) => tos.filter((to) => layerOf(to) > layerOf(from)).map((to) => `${from} → ${to}`));
    expect(upward).toEqual([]);
  });

  it("keeps each target to its own folder: no file in targets/<a>/ imports targets/<b>/", () => {
    const target = (f: string) => (f.startsWith("targets/") && f.split("/").length > 2 ? f.split("/")[1]! : null);
    const targets = new Set(files.map(target).filter((t) => t !== null));
    expect(targets.size).toBeGreaterThan(1);
    const across = [...graph].flatMap(([from, tos]) =>
      tos.filter((to) => target(from) !== null && target(to) !== null && target(to) !== target(from)).map((to) => `${from} → ${to}`),
    );
    expect(across).toEqual([]);
  });

  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, "open");
      stack.push(f);
      for (const to of graph.get(f)!) {
        if (state.get(to) === "open") cycles.push([...stack.slice(stack.indexOf(to)), to].join(" → "));
        else if (!state.has(to)) visit(to);
      }
      stack.pop();
      state.set(f, "done");
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
