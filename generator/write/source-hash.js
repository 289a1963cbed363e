// The hashes of codebook's generator sources, one part of each target's toolchain
// fingerprint (generator/write/manifest.ts). Plain JavaScript so that the build script
// can run it too: the build bakes the hashes into dist/source-hash.json, because the
// published package ships dist/ but not generator/. Running from source (tests)
// computes the same hashes from the same files, so both agree.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The front-ends (cli/: the command, init, watch, the report; diff/; mock/, the mock
 * server; proxy/, the validating proxy) shape no generated file: a change there must not make every committed
 * manifest stale. They are left out by folder. So is the list of targets
 * (targets/registry.ts): registering a target changes no other target's output.
 */
const FRONT_ENDS = new Set(["cli", "diff", "mock", "proxy"]);
const REGISTRY = "targets/registry.ts";

/**
 * sha256 over the generator's files, split by what they shape: `core` is every
 * generator/**\/*.{ts,js} file outside the front-ends and outside any target's folder
 * (it shapes every target's output); `targets[name]` is targets/<name>/'s files (they
 * shape that target's alone). Each hashes the path (relative, forward slashes) and
 * bytes of its files, in sorted order.
 */
export function generatorSourceHashes(generatorDir) {
  const files = readdirSync(generatorDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js)$/.test(e.name))
    .map((e) => relative(generatorDir, join(e.parentPath, e.name)).split("\\").join("/"))
    .filter((f) => !FRONT_ENDS.has(f.split("/")[0]) && f !== REGISTRY)
    .sort();
  const parts = new Map();
  for (const f of files) {
    const segments = f.split("/");
    const part = segments[0] === "targets" && segments.length > 2 ? segments[1] : "";
    if (!parts.has(part)) parts.set(part, createHash("sha256"));
    parts.get(part).update(f).update("\0").update(readFileSync(join(generatorDir, f))).update("\0");
  }
  const targets = {};
  for (const [part, h] of [...parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (part !== "") targets[part] = h.digest("hex");
  return { core: parts.get("")?.digest("hex") ?? "", targets };
}
