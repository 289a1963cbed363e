/**
 * The specs codebook ships (its package's `spec/` directory, with their source
 * documents in `spec/sources/`): a profile's base when the user's spec directory
 * has no spec of that id, and what `codebook init --from` copies. A shipped spec
 * is named by its path inside the codebook package (`codebook/spec/<id>.yaml`),
 * never by where the package happens to be installed, so diagnostics and the
 * manifest read the same on every machine.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../common/codebook-paths.ts";

/** The directory of the shipped specs in the installed (or checked-out) codebook. */
export const SHIPPED_SPEC_DIR: string = join(packageRoot, "spec");

/** How a shipped spec is named: its path inside the codebook package. */
export const SHIPPED_DISPLAY_PREFIX = "codebook/spec/";

export interface ShippedSpec {
  id: string;
  /** Where it is on this machine (read only). */
  path: string;
  /** Its name in diagnostics and the manifest: `codebook/spec/<id>.yaml`. */
  display: string;
}

/** The shipped spec of this id, or null. */
export function shippedSpec(id: string): ShippedSpec | null {
  for (const ext of [".yaml", ".yml"]) {
    const path = join(SHIPPED_SPEC_DIR, id + ext);
    if (existsSync(path)) return { id, path, display: `${SHIPPED_DISPLAY_PREFIX}${id}${ext}` };
  }
  return null;
}

/** The ids of every shipped spec, sorted. */
export function shippedSpecIds(): string[] {
  try {
    return readdirSync(SHIPPED_SPEC_DIR, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
      .map((e) => e.name.replace(/\.ya?ml$/, ""))
      .sort();
  } catch {
    return [];
  }
}
