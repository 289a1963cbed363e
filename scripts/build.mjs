// Builds the codebook CLI and library into dist/ as plain JavaScript, so the
// `codebook` bin runs without a TypeScript loader (also when installed as a
// dependency). esbuild bundles our modules; npm dependencies stay external.
import { build } from "esbuild";
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: "generator/cli.ts", index: "generator/index.ts", "format-worker": "generator/format/format-worker.ts" },
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
