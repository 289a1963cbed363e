/**
 * Where codebook's own files live (the spec-format schema, the templates),
 * whether it runs from source (generator/*.ts under vitest) or from the
 * bundled dist/cli.js inside node_modules.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "codebook") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`codebook: cannot find its package root above ${from}`);
    dir = parent;
  }
}

export const packageRoot: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const packageVersion: string = (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
export const specSchemaPath: string = join(packageRoot, "schema", "spec.schema.json");
export const templatesDir: string = join(packageRoot, "templates");
