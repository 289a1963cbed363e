// canonicalJson is written out by hand for speed (generator/model/content.ts). Its text is
// hashed into every manifest (a package's `table`), so it must stay what the first version,
// JSON.stringify with a key-sorting replacer, printed: that version is the oracle here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/load/load-specs.ts";
import { canonicalJson, tableContent } from "../../generator/model/content.ts";
import { sha256 } from "../../generator/write/manifest.ts";
import { repoRoot } from "../helpers.ts";

function oracle(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

/** A small deterministic generator (mulberry32): the same values every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keys that sort differently as strings and as JavaScript enumerates them, and other edges.
const KEYS = ["10", "9", "0", "01", "-1", "1.5", "4294967294", "4294967295", "b", "a", "A", "é", "", "__proto__x", "code", "ñ", " 1"];
const LEAVES: unknown[] = [null, undefined, true, false, 0, -0, 1.5, 1e21, -7, Number.NaN, Infinity, "", "text", 'quo"te\n', "\u2028", "😀"];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const r = next();
  if (depth > 3 || r < 0.4) return pick(LEAVES);
  if (r < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 6); i > 0; i--) o[pick(KEYS)] = value(next, depth + 1);
  return o;
}

describe("canonicalJson", () => {
  it("prints what the replacer version printed, for 5,000 generated values", () => {
    const next = random(20261128);
    for (let i = 0; i < 5000; i++) {
      const v = value(next, 0);
      expect(canonicalJson(v)).toBe(oracle(v));
    }
  });

  it("sorts keys as JavaScript enumerates a copy: integer keys first, numerically", () => {
    expect(canonicalJson({ b: 1, 10: 2, 9: 3, "01": 4, a: [undefined, { z: undefined, y: 0 }] })).toBe('{"9":3,"10":2,"01":4,"a":[null,{"y":0}],"b":1}');
  });

  it("gives every shipped spec the table hash recorded in the committed manifest", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "generated", ".codebook-manifest.json"), "utf8"));
    const { specs } = loadSpecs({ root: repoRoot, specDir: join(repoRoot, "spec") });
    expect(specs.length).toBeGreaterThanOrEqual(5);
    for (const spec of specs) {
      expect(tableContent(spec)).toBe(oracle({ ...spec, version: undefined, specFile: undefined }));
      expect(sha256(tableContent(spec))).toBe(manifest.packages[spec.id].table);
    }
  });
});
