// The `publish` block of codebook.config.yaml: validated with clear messages; without
// it every package is private and grants no license; with it, package.json carries
// the license, repository (one directory per package) and publishConfig.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../generator/config/config.ts";
import * as api from "../../../generator/targets/typescript/api/api-module.ts";
import { emitPackage } from "../../../generator/targets/typescript/package-files.ts";
import { loadSpecs } from "../../../generator/load/load-specs.ts";
import { repoRoot } from "../../helpers.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function config(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "codebook-publish-"));
  dirs.push(dir);
  writeFileSync(join(dir, "codebook.config.yaml"), text);
  mkdirSync(join(dir, "spec"));
  return loadConfig(undefined, dir);
}

const spec = loadSpecs({ root: repoRoot, specDir: join(repoRoot, "spec"), only: ["iak-prepaid"] }).specs[0]!;
const packageJson = (text: string) => {
  const c = config(text);
  const json = emitPackage(spec, c, api).find((f) => f.path === "iak-prepaid/package.json")!.content;
  return JSON.parse(json) as Record<string, unknown>;
};

describe("publish", () => {
  it("absent: private, no license granted (UNLICENSED), no repository or publishConfig", () => {
    const pkg = packageJson("scope: \"@codebook\"\n");
    expect(pkg).toMatchObject({ private: true, license: "UNLICENSED", version: "1.0.0" });
    expect(pkg.repository).toBeUndefined();
    expect(pkg.publishConfig).toBeUndefined();
  });

  it("present: the license, the repository with this package's directory, and publishConfig; not private", () => {
    const pkg = packageJson(
      'publish:\n  license: MIT\n  repository: { url: "git+https://example.com/acme/codes.git", directory: generated/ }\n  publishConfig: { access: public, registry: "https://npm.example.com/", tag: next, provenance: true }\n',
    );
    expect(pkg.private).toBeUndefined();
    expect(pkg).toMatchObject({
      license: "MIT",
      repository: { type: "git", url: "git+https://example.com/acme/codes.git", directory: "generated/iak-prepaid" },
      publishConfig: { access: "public", registry: "https://npm.example.com/", tag: "next", provenance: true },
    });
  });

  it("a repository given as a URL is kept as written", () => {
    expect(packageJson("publish: { license: Apache-2.0, repository: github:acme/codes }\n")).toMatchObject({ license: "Apache-2.0", repository: "github:acme/codes" });
  });

  it.each([
    ["publish: true\n", '"publish" must be a mapping'],
    ["publish: { repository: x }\n", '"publish.license" is required'],
    ["publish: { license: MIT, licence: MIT }\n", 'unknown option "publish.licence"'],
    ["publish: { license: MIT, repository: { type: git } }\n", '"publish.repository.url" is required'],
    ["publish: { license: MIT, repository: { url: x, branch: main } }\n", 'unknown option "publish.repository.branch"'],
    ["publish: { license: MIT, publishConfig: { access: open } }\n", '"publish.publishConfig.access" must be "public" or "restricted"'],
    ["publish: { license: MIT, publishConfig: { registry: npm.example.com } }\n", '"publish.publishConfig.registry" must be an http(s) URL'],
    ["publish: { license: MIT, publishConfig: { provenance: yes please } }\n", '"publish.publishConfig.provenance" must be true or false'],
    ["publish: { license: MIT, publishConfig: { otp: 1 } }\n", 'unknown option "publish.publishConfig.otp"'],
  ])("%s → ConfigError", (text, message) => {
    expect(() => config(text)).toThrow(ConfigError);
    expect(() => config(text)).toThrow(message);
  });
});
