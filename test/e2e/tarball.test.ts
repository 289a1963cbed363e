// What `npm pack` ships: the CLI, its library and types, the schemas, templates and the
// format's docs, and nothing of the repository's tests, specs or generator sources. Every
// import in the shipped JavaScript and declarations resolves inside the tarball or to a
// declared dependency, the precompiled spec-schema validator ships once, and the
// package.json has no script a package manager runs on install.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, posix, relative } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { INSTALL_SCRIPTS, packDryRun, packageJson, repoRoot, type PackReport } from "./harness.ts";

let report: PackReport;
let paths: string[];
const pkg = packageJson(repoRoot) as {
  name: string;
  bin: Record<string, string>;
  exports: Record<string, unknown>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

beforeAll(async () => {
  report = await packDryRun();
  paths = report.files.map((f) => f.path).sort();
});

/** Every file below a directory of the repository, as repository paths. */
function repoFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(repoRoot, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

describe("npm pack: the file list", () => {
  it("holds the CLI, the library and its types, the schemas, every template and the format's docs", () => {
    for (const file of [
      "LICENSE",
      "README.md",
      "package.json",
      "dist/cli.js",
      "dist/index.js",
      "dist/types/index.d.ts",
      "dist/mock.js",
      "dist/types/mock/public-api.d.ts",
      "dist/source-hash.json",
      "schema/spec.schema.json",
      "schema/config.schema.json",
      "spec/README.md",
    ])
      expect(paths, file).toContain(file);
    const templates = repoFiles("templates");
    expect(templates.length).toBeGreaterThan(3);
    expect(paths.filter((p) => p.startsWith("templates/"))).toEqual(templates);
    // The bin and every export point at shipped files.
    expect(paths).toContain(posix.normalize(pkg.bin.codebook!));
    // The targets (values, not the subpath keys such as "./mock"), conditions included.
    const values = (v: unknown): string[] => (typeof v === "string" ? [v] : Object.values(v as object).flatMap(values));
    const targets = values(pkg.exports).map((t) => posix.normalize(t));
    expect(targets).toContain("dist/mock.js");
    for (const target of targets) expect(paths, target).toContain(target);
    expect(readFileSync(join(repoRoot, "dist/cli.js"), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("holds the shipped specs and the source documents their seeds name, so a profile can extend them and init --from copy them", () => {
    const specs = repoFiles("spec").filter((p) => /^spec\/[^/]+\.yaml$/.test(p));
    expect(specs.length).toBeGreaterThan(3);
    for (const spec of specs) {
      expect(paths, spec).toContain(spec);
      const seed = /^  seed: (\S+)$/m.exec(readFileSync(join(repoRoot, spec), "utf8"))![1]!;
      expect(paths, `${spec}'s seed`).toContain(posix.join("spec", seed));
    }
    expect(paths.filter((p) => p.startsWith("spec/sources/"))).toEqual(repoFiles("spec/sources").filter((p) => p.endsWith(".txt")));
  });

  it("the packaged spec/README.md links only to files the package has", () => {
    const readme = readFileSync(join(repoRoot, "spec/README.md"), "utf8");
    const links = [...readme.matchAll(/\]\((?!https?:|#)([A-Za-z0-9._/-]+)[)#]/g)].map((m) => posix.normalize(posix.join("spec", m[1]!)));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !paths.includes(l) && !paths.some((p) => p.startsWith(`${l.replace(/\/$/, "")}/`)))).toEqual([]);
    expect(readme).not.toMatch(/describeFidelity|test\/spec\/|sources\/README\.md/);
  });

  it("ships the turbo and Nx examples the README points to (issue 21, item 7)", () => {
    for (const file of ["examples/README.md", "examples/turbo/turbo.json", "examples/turbo/README.md", "examples/nx/project.json", "examples/nx/README.md"]) expect(paths, file).toContain(file);
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    for (const link of readme.matchAll(/\]\((examples\/[A-Za-z0-9._/-]+)\)/g)) expect(paths.some((p) => p === link[1] || p.startsWith(link[1]!.replace(/\/?$/, "/"))), link[1]).toBe(true);
  });

  it("holds nothing else: no tests, specs' repository notes, generator sources, generated packages, benchmarks or scripts", () => {
    const shipped = [/^LICENSE$/, /^README\.md$/, /^package\.json$/, /^spec\/README\.md$/, /^spec\/[a-z0-9-]+\.yaml$/, /^spec\/sources\/[a-z0-9-]+\.txt$/, /^schema\/[a-z-]+\.schema\.json$/, /^templates\//, /^examples\/(README\.md|turbo\/(README\.md|turbo\.json)|nx\/(README\.md|project\.json))$/, /^dist\/[^/]+\.(js|json)$/, /^dist\/types\/.+\.d\.ts$/];
    expect(paths.filter((p) => !shipped.some((re) => re.test(p)))).toEqual([]);
    for (const prefix of ["test/", "generator/", "generated/", "bench/", "scripts/", "node_modules/", ".ci/"])
      expect(paths.filter((p) => p.startsWith(prefix)), prefix).toEqual([]);
    expect(paths.filter((p) => /\.ts$/.test(p) && !p.endsWith(".d.ts"))).toEqual([]);
    expect(paths.filter((p) => /\.map$/.test(p))).toEqual([]);
  });

  it("every import of the shipped JavaScript and declarations resolves inside the tarball or to a declared dependency", () => {
    const builtins = new Set(builtinModules);
    const deps = new Set(Object.keys(pkg.dependencies));
    const unresolved: string[] = [];
    const code = paths.filter((p) => p.startsWith("dist/") && /\.(js|d\.ts)$/.test(p));
    expect(code.length).toBeGreaterThan(10);
    for (const file of code) {
      const text = readFileSync(join(repoRoot, file), "utf8");
      const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName);
      // Files a module loads by URL (the baked generator hash).
      for (const m of text.matchAll(/new URL\("(\.{1,2}\/[^"]+)", import\.meta\.url\)/g)) specifiers.push(m[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith(".")) {
          let target = posix.join(posix.dirname(file), specifier);
          if (file.endsWith(".d.ts")) target = target.replace(/\.js$/, ".d.ts");
          if (!paths.includes(target)) unresolved.push(`${file}: ${specifier}`);
        } else {
          const name = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
          if (!(builtins.has(specifier.replace(/^node:/, "")) || deps.has(name))) unresolved.push(`${file}: ${specifier}`);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  it("ships the precompiled spec-schema validator once, inside one dist chunk", () => {
    const validator = readFileSync(join(repoRoot, "generator/load/spec-schema.validator.js"), "utf8");
    const functions = [...validator.matchAll(/function (validate\d+)\(/g)].map((m) => m[1]!);
    expect(functions.length).toBeGreaterThan(3);
    const schemaId = (JSON.parse(readFileSync(join(repoRoot, "schema/spec.schema.json"), "utf8")) as { $id: string }).$id;
    expect(validator).toContain(JSON.stringify(schemaId));
    const js = paths.filter((p) => p.endsWith(".js"));
    expect(js.filter((p) => /validator/i.test(p))).toEqual([]);
    const count = (needle: string) => js.map((p) => [p, readFileSync(join(repoRoot, p), "utf8").split(needle).length - 1] as const).filter(([, n]) => n > 0);
    const holders = count(JSON.stringify(schemaId));
    expect(holders).toHaveLength(1);
    expect(holders[0]![1]).toBe(1);
    for (const name of functions) expect(count(`function ${name}(`), name).toEqual([[holders[0]![0], 1]]);
  });
});

describe("npm pack: package.json", () => {
  it("has no script a package manager runs when it installs codebook from a registry, a tarball or git", () => {
    // npm 11 asks for approval of `prepare` on a tarball, directory or git install, and
    // would then run a build that needs this repository: the build runs on pack instead.
    const lifecycle = [...INSTALL_SCRIPTS, "prepare"];
    expect(Object.keys(pkg.scripts).filter((s) => lifecycle.includes(s))).toEqual([]);
    expect(pkg.scripts.prepack).toBe("node scripts/build.mjs");
  });

  it("is what npm packs, and npm reports the tarball's size and entry count", () => {
    expect(report.files.find((f) => f.path === "package.json")!.size).toBe(readFileSync(join(repoRoot, "package.json")).length);
    expect(report.entryCount).toBe(paths.length);
    expect(report.size).toBeGreaterThan(0);
  });
});
