// Builds the codebook CLI and library into dist/ as plain JavaScript, so the
// `codebook` bin runs without a TypeScript loader (also when installed as a
// dependency). esbuild bundles our modules; npm dependencies stay external.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { generatorSourceHashes } from "../generator/write/source-hash.js";
import { buildInputsHash, STAMP } from "./build-inputs.mjs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: "generator/cli/main.ts", index: "generator/index.ts", mock: "generator/mock/public-api.ts", proxy: "generator/proxy/public-api.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: false,
  banner: { js: "" },
  logLevel: "warning",
});

// The package ships dist/ without generator/: bake the generator's hashes for the toolchain fingerprints.
writeFileSync("dist/source-hash.json", JSON.stringify(generatorSourceHashes("generator")) + "\n");

// Declarations of the programmatic API (`import { generate } from "codebook"`): tsc emits
// them from the sources, whose relative imports (`from "./x.ts"`, and `import("./x.ts")`
// in inferred types) name .ts files; point them at the .js names.
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
for (const entry of readdirSync("dist/types", { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
  const path = join(entry.parentPath, entry.name);
  writeFileSync(path, readFileSync(path, "utf8").replace(/((?:from\s+|import\(\s*)["']\.{1,2}\/[^"']*)\.ts(["'])/g, "$1.js$2"));
}

// Last, so that an interrupted build leaves no stamp: the tests' setup then builds again.
writeFileSync(STAMP, buildInputsHash(".") + "\n");
