/**
 * A generated package's version is its spec's `version`. The manifest records,
 * per package, that version and a hash of the table's content (the IR, so a
 * comment or formatting edit is no change), so `generate` can tell when a table
 * changed while its version did not, and say so.
 */
import { canonicalJson, tableContent } from "../model/content.ts";
import type { Spec } from "../model/types.ts";
import { sha256, type Manifest } from "./manifest.ts";

/** What the manifest records about a package's version. */
export function versionRecord(spec: Spec): { version: string; table: string; base?: { id: string; version: string; path: string } } {
  const base = spec.profile?.base;
  return { version: spec.version, table: sha256(tableContent(spec)), ...(base ? { base: { id: base.id, version: base.version, path: base.file } } : {}) };
}

/**
 * Warnings for the packages this run regenerated:
 * - a table whose content changed while its version did not (always: a row
 *   change under an old version number is how a consumer gets surprised);
 * - when the packages are published, files that changed while neither the
 *   table nor its version did (a codebook upgrade or a config change): a
 *   registry must never see two different packages under one version.
 */
export function versionWarnings(specs: readonly Pick<Spec, "id" | "version" | "specFile">[], previous: Manifest | null, next: Manifest, publishing: boolean): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    const before = previous?.packages[spec.id];
    const now = next.packages[spec.id];
    if (!before || !now || before.version === undefined || before.table === undefined || before.version !== spec.version) continue;
    if (before.table !== now.table)
      out.push(
        `codebook: warning: ${spec.id}: the table changed but its version is still ${spec.version}. ` +
          `Run \`codebook diff --against HEAD\` to see what changed and the version it needs, then set version in ${spec.specFile}.`,
      );
    else if (publishing && canonicalJson(before.files) !== canonicalJson(now.files))
      out.push(
        `codebook: warning: ${spec.id}: the generated files changed but the table and its version ${spec.version} did not (a codebook upgrade or a config change). ` +
          `A published version must not change: bump the patch version in ${spec.specFile} before publishing.`,
      );
  }
  return out;
}
