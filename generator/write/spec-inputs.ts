/**
 * What a package is made from, for the manifest's `spec` hash: its spec's text,
 * and for a profile (`extends`) its bases' texts too, so an edit to a base
 * regenerates every profile of it. A spec that extends nothing hashes exactly
 * as before (its text alone).
 *
 * The up-to-date check runs before any YAML is parsed, so it finds the bases by
 * a top-level `extends:` line. Where that reading and the loader's disagree
 * (an unusual spelling), the hashes differ and the run goes the slow way,
 * which is correct; it never reuses stale output.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256 } from "./manifest.ts";

export function specInputsHash(texts: readonly (string | Buffer)[]): string {
  return texts.length === 1 ? sha256(texts[0]!) : sha256(texts.map((t) => sha256(t)).join("\n"));
}

const EXTENDS_LINE = /^extends:[ \t]*(["']?)([a-z][a-z0-9-]*)\1[ \t]*(?:#.*)?$/m;

/** The texts of a spec file and of the bases its `extends:` lines name, in that order. */
export function specInputTexts(specDir: string, path: string): Buffer[] {
  const texts: Buffer[] = [];
  const seen = new Set<string>();
  for (let file: string | null = path; file !== null && !seen.has(file); ) {
    seen.add(file);
    const text: Buffer = readFileSync(file);
    texts.push(text);
    const base: string | undefined = EXTENDS_LINE.exec(text.toString("utf8"))?.[2];
    file = base === undefined ? null : [`${base}.yaml`, `${base}.yml`].map((name) => join(specDir, name)).find((p) => existsSync(p)) ?? null;
  }
  return texts;
}
