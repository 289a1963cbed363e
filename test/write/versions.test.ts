// A package's version is its spec's `version`. `generate` warns (stderr, exit 0) when a
// table's content changed but its version did not, and, when packages are published,
// when a package's files changed under an unchanged table and version; --check never warns.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copySpec, repoRoot } from "../helpers.ts";

const cli = join(repoRoot, "dist", "cli.js");
let dir: string;
const spec = () => join(dir, "spec", "iak-prepaid.yaml");
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const change = (from: string, to: string) => {
  const text = readFileSync(spec(), "utf8");
  expect(text.split(from)).toHaveLength(2);
  writeFileSync(spec(), text.replace(from, to));
};
const manifest = () => JSON.parse(readFileSync(join(dir, "generated", ".codebook-manifest.json"), "utf8")) as { packages: Record<string, { version?: string; table?: string }> };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "codebook-versions-"));
  copySpec("iak-prepaid", join(dir, "spec"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generate and package versions", () => {
  it("the package's version is the spec's version, shown in its README; the manifest records it and the table's hash", () => {
    const r = run("generate");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const pkg = JSON.parse(readFileSync(join(dir, "generated", "iak-prepaid", "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg.version).toBe("1.0.0");
    expect(readFileSync(join(dir, "generated", "iak-prepaid", "README.md"), "utf8")).toContain("**Version 1.0.0**, the version of the table");
    expect(manifest().packages["iak-prepaid"]).toMatchObject({ version: "1.0.0", table: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("a comment edit is no table change: no warning", () => {
    const table = manifest().packages["iak-prepaid"]!.table;
    change("# Two- or three-digit codes", "# Codes of two or three digits");
    const r = run("generate");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(manifest().packages["iak-prepaid"]!.table).toBe(table);
  });

  it("a row change under the same version: a warning naming the package and pointing at codebook diff", () => {
    change("message: PROCESS\n", "message: PROCESSING\n");
    const r = run("generate");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "codebook: warning: iak-prepaid: the table changed but its version is still 1.0.0. Run `codebook diff --against HEAD` to see what changed and the version it needs, then set version in spec/iak-prepaid.yaml.\n",
    );
  });

  it("generate --check does not warn", () => {
    change("message: PROCESSING\n", "message: PROCESS\n");
    const r = run("generate", "--check");
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("warning");
  });

  it("a row change with a new version: no warning", () => {
    change("version: 1.0.0", "version: 1.0.1");
    const r = run("generate");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(manifest().packages["iak-prepaid"]!.version).toBe("1.0.1");
  });

  it("publishing: files that change under an unchanged table and version (a config change here; a codebook upgrade alike) warn", () => {
    writeFileSync(join(dir, "codebook.config.yaml"), "publish:\n  license: MIT\n  publishConfig: { access: restricted }\n");
    const r = run("generate");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("codebook: warning: iak-prepaid: the generated files changed but the table and its version 1.0.1 did not");
    expect(r.stderr).toContain("bump the patch version in spec/iak-prepaid.yaml before publishing");
    const pkg = JSON.parse(readFileSync(join(dir, "generated", "iak-prepaid", "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg).toMatchObject({ license: "MIT", publishConfig: { access: "restricted" } });
    expect(pkg.private).toBeUndefined();
  });

  it("not publishing: changed files under the same version do not warn (the packages are private)", () => {
    writeFileSync(join(dir, "codebook.config.yaml"), 'scope: "@acme"\n');
    const r = run("generate");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const pkg = JSON.parse(readFileSync(join(dir, "generated", "iak-prepaid", "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: "@acme/iak-prepaid", private: true, license: "UNLICENSED" });
  });
});
