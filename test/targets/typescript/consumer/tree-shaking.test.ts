// A program that imports only a guard bundles the code strings, nothing of the descriptive
// table (messages, descriptions) and nothing of other tables: the guard reads a set of its own.
// And a module imported for nothing bundles to nothing: every top-level statement of every
// generated module, its tables' freezing included, is one a bundler may drop (webpack: webpack.test.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot, specIds } from "../../../helpers.ts";

describe("tree-shakable guards", () => {
  it("a bundle importing only isIakPrepaidCode holds every code and no row", async () => {
    const index = join(repoRoot, "generated", "iak-prepaid", "dist", "index.js");
    const out = await build({
      stdin: { contents: `import { isIakPrepaidCode } from ${JSON.stringify(index)}; console.log(isIakPrepaidCode(process.argv[2]));`, resolveDir: repoRoot, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    const text = out.outputFiles[0]!.text;
    const catalog = JSON.parse(readFileSync(join(repoRoot, "generated", "iak-prepaid", "catalog.json"), "utf8")) as { codes: { code: string; message: string }[] };
    for (const c of catalog.codes) {
      expect(text).toContain(JSON.stringify(c.code));
      expect(text).not.toContain(c.message);
    }
    expect(text).not.toMatch(/classify|describe|Success/);
  });

  // The packages say "sideEffects": false, which lets a bundler drop a module imported for nothing
  // whatever it holds; the modules are copied where no package.json says so, to test what they hold.
  it.each(specIds().flatMap((id) => ["index.js", "fixtures.js"].map((file) => [id, file])))("%s/dist/%s imported for nothing bundles to nothing", async (id, file) => {
    const dir = mkdtempSync(join(tmpdir(), "codebook-pure-"));
    try {
      cpSync(join(repoRoot, "generated", id, "dist"), dir, { recursive: true });
      writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
      const out = await build({ stdin: { contents: `import "./${file}";`, resolveDir: dir, loader: "js" }, bundle: true, minify: true, format: "esm", write: false, logLevel: "silent" });
      expect(out.outputFiles[0]!.text).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
