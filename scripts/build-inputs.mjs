// What dist/ is built from, as one hash: every file under generator/ (the front-ends
// too: they are bundled), the build script and the tsconfig the declarations come from.
// The build writes it to dist/build-inputs.txt; the tests' global setup builds again only
// when it differs, so a tree `npm ci` has just built (its prepare step) is not built twice.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export const STAMP = "dist/build-inputs.txt";

export function buildInputsHash(root) {
  const files = readdirSync(join(root, "generator"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split("\\").join("/"))
    .concat(["scripts/build.mjs", "scripts/build-inputs.mjs", "tsconfig.build.json", "package.json"])
    .sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update("\0");
  return hash.digest("hex");
}
