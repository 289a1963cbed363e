import { cpSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The repository root. */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The specs: every `*.yaml` directly in it is one package. */
export const specDir: string = join(repoRoot, "spec");

/**
 * The id of every spec in spec/, sorted: the packages `codebook generate` writes.
 * Tests iterate over this instead of naming specs, so a spec someone adds gets
 * every generic check without touching a test.
 */
export function specIds(): string[] {
  return readdirSync(specDir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => e.name.replace(/\.ya?ml$/, ""))
    .sort();
}

/** `source.seed` of a spec as written (relative to the spec's directory), or null. */
export function seedOf(id: string): string | null {
  const spec = parse(readFileSync(join(specDir, `${id}.yaml`), "utf8")) as { source?: { seed?: string } };
  return spec.source?.seed ?? null;
}

/**
 * Copies a shipped spec into a scratch project's spec directory together with
 * its source document, at the same path relative to the spec, so the copy lints.
 */
export function copySpec(id: string, toSpecDir: string): void {
  mkdirSync(toSpecDir, { recursive: true });
  cpSync(join(specDir, `${id}.yaml`), join(toSpecDir, `${id}.yaml`));
  const seed = seedOf(id);
  if (seed === null) return;
  mkdirSync(dirname(join(toSpecDir, seed)), { recursive: true });
  cpSync(join(specDir, seed), join(toSpecDir, seed));
}
