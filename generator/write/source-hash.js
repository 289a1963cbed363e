// The hash of codebook's generator sources, one part of the toolchain fingerprint
// (generator/write/manifest.ts). Plain JavaScript so that the build script can run
// it too: the build bakes the hash into dist/source-hash.json, because the
// published package ships dist/ but not generator/. Running from source (tests)
// computes the same hash from the same files, so both agree.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The front-ends (cli/: the command, init, watch, the report; diff/; mock/, the mock
 * server; proxy/, the validating proxy) shape no generated file: a change there must not
 * make every committed manifest stale. They are left out by folder.
 */
const FRONT_ENDS = new Set(["cli", "diff", "mock", "proxy"]);

/** sha256 over every generator/**\/*.{ts,js} file but the front-ends: its path (relative, forward slashes) and bytes, in sorted order. */
export function generatorSourceHash(generatorDir) {
  const files = readdirSync(generatorDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !FRONT_ENDS.has(relative(generatorDir, f).split(/[\\/]/)[0]))
    .sort();
  const h = createHash("sha256");
  for (const f of files) h.update(relative(generatorDir, f).split("\\").join("/")).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex");
}
