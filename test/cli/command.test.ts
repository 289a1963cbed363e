// The `codebook` command as a user runs it: a real process on the built dist/cli.js.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, specIds } from "../helpers.ts";

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

  it("lint says what it checked in one line and exits 0 on the shipped specs", () => {
    expect(run(["lint"])).toEqual({ code: 0, stdout: `codebook: ${specIds().length} specs checked, no problems\n`, stderr: "" });
  });

  it("generate --check is green on the committed generated/ tree, in one line", () => {
    const r = run(["generate", "--check"]);
    expect(r).toEqual({ code: 0, stdout: expect.stringMatching(/^codebook: generated files are up to date \(\d+ packages, \d+ files checked\)\n$/), stderr: "" });
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
    const dir = project({ "iak-prepaid.yaml": readFileSync(join(repoRoot, "spec/iak-prepaid.yaml"), "utf8") });
    expect(run(["generate"], dir).code).toBe(0);
    const spec = join(dir, "spec", "iak-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("message: SUCCESS", "message: SUCCESSFUL"));
    const r = run(["generate", "--check"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  stale      generated/iak-prepaid/src/index.ts");
    expect(r.stderr).toContain('-    * `00` — SUCCESS');
    expect(r.stderr).toContain('+    * `00` — SUCCESSFUL');
  });

  it("works from another directory through --config", () => {
    const dir = project({ "iak-prepaid.yaml": readFileSync(join(repoRoot, "spec/iak-prepaid.yaml"), "utf8") });
    writeFileSync(join(dir, "codebook.config.yaml"), "specDir: spec\noutDir: out\nscope: \"@acme\"\n");
    const elsewhere = mkdtempSync(join(tmpdir(), "codebook-cwd-"));
    dirs.push(elsewhere);
    const r = run(["generate", "--config", join(dir, "codebook.config.yaml")], elsewhere);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "out", "iak-prepaid", "package.json"), "utf8")).name).toBe("@acme/iak-prepaid");
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
