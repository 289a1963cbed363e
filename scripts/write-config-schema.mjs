// Writes schema/config.schema.json from the targets' option schemas
// (generator/config/config-schema.ts). The generator is TypeScript: esbuild bundles
// that module into a temporary file first. test/config/config-schema.test.ts fails
// when the committed schema is stale.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

// Inside the repository, so that the bundle resolves the generator's npm dependencies.
const cache = fileURLToPath(new URL("../node_modules/.cache", import.meta.url));
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, "codebook-config-schema-"));
try {
  const out = join(dir, "config-schema.mjs");
  await build({ entryPoints: ["generator/config/config-schema.ts"], outfile: out, bundle: true, platform: "node", format: "esm", packages: "external", logLevel: "warning" });
  const { configSchemaText } = await import(pathToFileURL(out).href);
  writeFileSync(new URL("../schema/config.schema.json", import.meta.url), configSchemaText());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
