// Where codebook finds its config (issue 21, item 6): the nearest codebook.config.yaml
// in the working directory or above it, stopping at the repository root; a config in a
// form codebook does not read is an error that names the file. In process: the lookup
// is a pure function of the directory tree.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, findConfigFile, loadConfig } from "../../generator/config/config.ts";

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A scratch tree: every key a file path (a trailing slash: a directory) with its text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "codebook-lookup-"));
  scratch.push(root);
  // The scratch root is a repository root, so the search never leaves it.
  mkdirSync(join(root, ".git"));
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith("/")) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  }
  return root;
}

function configError(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("the nearest config", () => {
  it("is found from a subdirectory, and paths resolve against its directory", () => {
    const root = tree({ "codebook.config.yaml": "specDir: spec\noutDir: out\n", "spec/": "", "spec/deep/er/": "" });
    expect(findConfigFile(undefined, join(root, "spec", "deep", "er"))).toBe(join(root, "codebook.config.yaml"));
    const config = loadConfig(undefined, join(root, "spec", "deep"));
    expect(config.root).toBe(root);
    expect(config.specDir).toBe(join(root, "spec"));
    expect(config.outDir).toBe(join(root, "out"));
  });

  it("is the closest one: a package's config wins over the monorepo's", () => {
    const root = tree({ "codebook.config.yaml": "outDir: a\n", "packages/pay/codebook.config.yml": "outDir: b\n", "packages/pay/src/": "" });
    expect(findConfigFile(undefined, join(root, "packages", "pay", "src"))).toBe(join(root, "packages", "pay", "codebook.config.yml"));
    expect(findConfigFile(undefined, join(root, "packages"))).toBe(join(root, "codebook.config.yaml"));
  });

  it("is not looked for above the repository root", () => {
    const outer = tree({ "codebook.config.yaml": "outDir: a\n", "repo/.git/": "", "repo/src/": "" });
    expect(findConfigFile(undefined, join(outer, "repo", "src"))).toBeNull();
    expect(configError(() => loadConfig(undefined, join(outer, "repo", "src")))).toMatch(/^no codebook\.config\.yaml in .*src or above it, and no spec\/ directory here/);
  });

  it("--config still names the file, relative to the working directory", () => {
    const root = tree({ "conf/x.yaml": "outDir: a\n", "codebook.config.yaml": "outDir: b\n" });
    expect(findConfigFile("conf/x.yaml", root)).toBe(join(root, "conf", "x.yaml"));
    expect(configError(() => findConfigFile("nope.yaml", root))).toBe("nope.yaml: config file not found");
  });
});

describe("config forms codebook does not read", () => {
  for (const name of ["codebook.config.json", "codebook.config.js", "codebook.config.ts"])
    it(`${name} is an error naming the file, found here or on the way up`, () => {
      const root = tree({ [name]: '{ "outDir": "x" }', "sub/": "" });
      for (const cwd of [root, join(root, "sub")]) expect(configError(() => findConfigFile(undefined, cwd))).toBe(`${join(root, name)}: codebook reads its config from codebook.config.yaml only; move these options there (YAML accepts JSON as it is)`);
    });

  it('a "codebook" key in package.json is an error naming package.json', () => {
    const root = tree({ "package.json": JSON.stringify({ name: "x", codebook: { outDir: "x" } }), "sub/": "" });
    expect(configError(() => findConfigFile(undefined, join(root, "sub")))).toBe(`${join(root, "package.json")}: codebook does not read a "codebook" key in package.json; move its options to ${join(root, "codebook.config.yaml")}`);
  });

  it("a package.json without the key, or one that is not JSON, is not codebook's business", () => {
    const root = tree({ "package.json": "{ not json", "a/package.json": JSON.stringify({ name: "a" }), "a/b/": "", "codebook.config.yaml": "outDir: x\n" });
    expect(findConfigFile(undefined, join(root, "a", "b"))).toBe(join(root, "codebook.config.yaml"));
  });

  it("is an error beside a YAML config too (which one holds the options meant is not codebook's guess)", () => {
    const root = tree({ "codebook.config.yaml": "outDir: x\n", "codebook.config.json": "{}" });
    expect(configError(() => findConfigFile(undefined, root))).toContain("codebook.config.json: codebook reads its config from codebook.config.yaml only");
  });
});
