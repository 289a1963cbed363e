import { readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** ../shared (read-only source documents and conformance bodies); CODEBOOK_SHARED overrides. */
export const sharedDir: string = resolve(repoRoot, process.env.CODEBOOK_SHARED ?? "../shared");

/** Ids of the specs in spec/ (discovered, never listed by hand). */
export function specIds(dir: string = resolve(repoRoot, "spec")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => e.name.replace(/\.ya?ml$/, ""))
    .sort();
}
