// A program that imports only a guard bundles the code strings, nothing of the descriptive
// table (messages, descriptions) and nothing of other tables: the guard reads a set of its own.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";

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
});
