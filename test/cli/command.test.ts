// The `codebook` command as a user runs it: a real process on the built dist/cli.js.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copySpec, repoRoot } from "../helpers.ts";

const cli = join(repoRoot, "dist", "cli.js");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(args: string[], cwd = repoRoot) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(specs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "codebook-cli-"));
  dirs.push(dir);
  mkdirSync(join(dir, "spec"));
  for (const [name, text] of Object.entries(specs)) writeFileSync(join(dir, "spec", name), text);
  return dir;
}

describe("codebook (the command)", () => {
  it("--help documents every command and option", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    for (const word of ["generate", "lint", "--config FILE", "--only ID", "--check", "--help", "--version", "specDir", "outDir", "scope", "enumStyle"])
      expect(r.stdout).toContain(word);
  });

  it("--version prints the package version", () => {
    const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
    expect(run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("lint prints nothing and exits 0 on the shipped specs", () => {
    expect(run(["lint"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("generate --check is green on the committed generated/ tree", () => {
    expect(run(["generate", "--check"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("a broken spec: every problem with file:line:col and a code frame on stderr, exit 1, nothing written", () => {
    const good = readFileSync(join(repoRoot, "test/fixtures/good-specs/minimal.yaml"), "utf8").replace("id: minimal", "id: codes");
    const bad = good.replace('- code: "01"', "- code: 01");
    const dir = project({ "codes.yaml": bad });
    const r = run(["generate"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^spec\/codes\.yaml:\d+:\d+: "code" must be a string: YAML reads 01 as the number 1, which loses its leading zero; write "01"\n/);
    expect(r.stderr).toMatch(/\n> *\d+ \|\s+- code: 01\n/);
    expect(r.stderr).toContain("1 problem found; nothing was written.");
    expect(() => readFileSync(join(dir, "generated", ".codebook-manifest.json"))).toThrow();
  });

  it("generate --check on a stale tree exits 1 and names the files", () => {
    const dir = project({});
    copySpec("iak-prepaid", join(dir, "spec"));
    expect(run(["generate"], dir).code).toBe(0);
    const spec = join(dir, "spec", "iak-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("message: SUCCESS", "message: SUCCESSFUL"));
    const r = run(["generate", "--check"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  stale    generated/iak-prepaid/src/index.ts");
    expect(r.stderr).toContain('-    * `00` — SUCCESS');
    expect(r.stderr).toContain('+    * `00` — SUCCESSFUL');
  });

  it("works from another directory through --config", () => {
    const dir = project({});
    copySpec("iak-prepaid", join(dir, "spec"));
    writeFileSync(join(dir, "codebook.config.yaml"), "specDir: spec\noutDir: out\nscope: \"@acme\"\n");
    const elsewhere = mkdtempSync(join(tmpdir(), "codebook-cwd-"));
    dirs.push(elsewhere);
    const r = run(["generate", "--config", join(dir, "codebook.config.yaml")], elsewhere);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "out", "iak-prepaid", "package.json"), "utf8")).name).toBe("@acme/iak-prepaid");
  });

  it("a seed that names no file, or an absolute path: file:line:col at the seed value on stderr, exit 1, nothing written", () => {
    // The minimal fixture has no seed; give it one of each kind, as two specs in one project.
    const base = readFileSync(join(repoRoot, "test/fixtures/good-specs/minimal.yaml"), "utf8");
    const withSeed = (id: string, seed: string) =>
      base.replace("id: minimal", `id: ${id}`).replace("  document: Example API — Response Code\n", `  document: Example API — Response Code\n  seed: ${seed}\n`);
    const absolute = join(repoRoot, "spec", "sources", "iak-prepaid.txt"); // exists, but only on this machine
    const dir = project({ "missing.yaml": withSeed("missing", "sources/missing.txt"), "absolute.yaml": withSeed("absolute", absolute) });
    mkdirSync(join(dir, "spec", "sources"));
    writeFileSync(join(dir, "spec", "sources", "missing.txt.bak"), "a file beside the named one is not the named one\n");
    const line = base.split("\n").indexOf("  document: Example API — Response Code") + 2;

    const r = run(["generate"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const headlines = r.stderr.split("\n").filter((l) => l.startsWith("spec/"));
    expect(headlines).toEqual([
      `spec/absolute.yaml:${line}:9: seed "${absolute}" is an absolute path; give the document's path relative to the spec file's directory (e.g. sources/<id>.txt)`,
      `spec/missing.yaml:${line}:9: seed "sources/missing.txt" names no file (looked for spec/sources/missing.txt); a seed is relative to the spec file's directory (e.g. sources/<id>.txt)`,
    ]);
    expect(r.stderr).toContain(`> ${line} |   seed: sources/missing.txt\n     |         ${"^".repeat("sources/missing.txt".length)}\n`);
    expect(r.stderr).toContain("2 problems found; nothing was written.");
    expect(() => readFileSync(join(dir, "generated", ".codebook-manifest.json"))).toThrow();

    // The same spec lints once the named file is there, resolved against the spec file's directory.
    writeFileSync(join(dir, "spec", "sources", "missing.txt"), "the source document\n");
    rmSync(join(dir, "spec", "absolute.yaml"));
    expect(run(["lint"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("usage and config errors exit 2", () => {
    expect(run(["frobnicate"]).code).toBe(2);
    expect(run(["lint", "--check"]).code).toBe(2);
    const r = run(["generate", "--only", "nope", "--check"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--only: no spec named "nope"');
    const dir = project({});
    writeFileSync(join(dir, "codebook.config.yaml"), "enumStyle: maybe\n");
    const bad = run(["lint"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"enumStyle" must be "const" or "enum"');
  });
});
