// codebook as a devDependency of a pnpm workspace, installed from its packed tarball:
// `pnpm install` needs no build approval, codebook runs from pnpm's symlinked
// node_modules/.pnpm layout (`pnpm exec codebook init`, lint, generate), and the same
// two consumers (ESM TypeScript, CommonJS) depend on the generated package with
// `workspace:*`.
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHECKOUT_STDOUT,
  cleanup,
  exec,
  installScripts,
  LEGACY_STDOUT,
  ok,
  pack,
  packageJson,
  pnpmBin,
  pnpmVersion,
  repoRoot,
  schemaLine,
  scratch,
  scratchEnv,
  Timings,
  typescriptVersion,
  writeConsumers,
  writeJson,
  writeSpec,
  type Run,
} from "./harness.ts";

const timings = new Timings("pnpm workspace");
const env = scratchEnv();
/** Shared across runs (content-addressed, safe for concurrent use): a warm store makes installs fast. */
const store = join(tmpdir(), "codebook-e2e-pnpm");
const pnpmInstall = ["install", "--no-frozen-lockfile", "--prefer-offline", "--reporter=append-only", "--store-dir", join(store, "store"), "--cache-dir", join(store, "cache")];

let root: string;
let firstInstall: Run;
let initRun: Run;
let scaffold: string;
let lintRun: Run;
let generateRun: Run;
let secondInstall: Run;
let buildRun: Run;
let checkoutRun: Run;
let legacyRun: Run;
let checkRun: Run;

const pnpm = (args: string[]) => exec(process.execPath, [pnpmBin, ...args], root, env);

beforeAll(async () => {
  const dir = scratch("pnpm");
  root = join(dir, "repo");
  const tarball = await timings.time("npm pack (tarball into a temp dir)", () => pack(dir));
  writeJson(join(root, "package.json"), {
    name: "payments",
    private: true,
    packageManager: `pnpm@${pnpmVersion}`,
    devDependencies: { codebook: `file:${tarball}`, typescript: typescriptVersion },
  });
  writeFileSync(join(root, "pnpm-workspace.yaml"), 'packages:\n  - "packages/*"\n  - "generated/*"\n');
  firstInstall = ok("pnpm install", await timings.time("pnpm install (codebook from the tarball, typescript)", () => pnpm(pnpmInstall)));
  initRun = ok("codebook init", await timings.time("pnpm exec codebook init", () => pnpm(["exec", "codebook", "init"])));
  ok("codebook init acme-gateway", await timings.time("pnpm exec codebook init acme-gateway", () => pnpm(["exec", "codebook", "init", "acme-gateway"])));
  scaffold = readFileSync(join(root, "spec", "acme-gateway.yaml"), "utf8");
  writeSpec(join(root, "spec"));
  lintRun = await timings.time("pnpm exec codebook lint", () => pnpm(["exec", "codebook", "lint"]));
  generateRun = ok("codebook generate", await timings.time("pnpm exec codebook generate", () => pnpm(["exec", "codebook", "generate"])));
  writeConsumers(root, "workspace:*");
  secondInstall = ok("pnpm install", await timings.time("pnpm install (links the workspaces)", () => pnpm(pnpmInstall)));
  buildRun = ok("build checkout", await timings.time("pnpm --filter checkout run build (tsc)", () => pnpm(["--filter", "checkout", "run", "build", "--listFiles"])));
  [checkoutRun, legacyRun, checkRun] = await timings.time("node: checkout and legacy; codebook generate --check", () =>
    Promise.all([
      exec(process.execPath, ["packages/checkout/dist/main.js"], root, env),
      exec(process.execPath, ["packages/legacy/index.js"], root, env),
      pnpm(["exec", "codebook", "generate", "--check"]),
    ]),
  );
});

afterAll(() => {
  timings.print();
  cleanup();
});

describe("installing codebook from its tarball with pnpm", () => {
  it(`pnpm ${pnpmVersion} installs it with no build approval: no ignored builds, and no installed package has an install script`, () => {
    const output = firstInstall.stdout + firstInstall.stderr;
    expect(output).not.toMatch(/ERR_PNPM_IGNORED_BUILDS|Ignored build scripts|approve-builds/);
    expect(output).toMatch(/\+ codebook 0\.\d+\.\d+/);
    expect(Number(pnpmVersion.split(".")[0])).toBeGreaterThanOrEqual(10);
    const tree = installScripts(join(root, "node_modules"));
    expect(tree.packages).toBeGreaterThan(10);
    expect(tree.withScripts).toEqual([]);
  });

  it("codebook is installed in pnpm's symlinked layout, and runs from there", () => {
    const real = realpathSync(join(root, "node_modules", "codebook"));
    expect(real).toContain(`${sep}node_modules${sep}.pnpm${sep}codebook@`);
    expect(packageJson(real).version).toBe((packageJson(repoRoot) as { version: string }).version);
    expect(lintRun).toMatchObject({ code: 0, stdout: "codebook: 1 spec checked, no problems\n", stderr: "" });
    expect(generateRun.stderr).toBe("");
    expect(generateRun.stdout).toContain("codebook: 1 package, 11 files: 11 created");
    expect(checkRun).toMatchObject({ code: 0, stderr: "" });
    expect(checkRun.stdout).toContain("codebook: generated files are up to date (1 package, 11 files checked)");
  });

  it("codebook init's $schema lines point through node_modules/codebook (stable across pnpm's store paths) and resolve", () => {
    expect(initRun.stdout).toContain("codebook: created codebook.config.yaml");
    for (const file of [".gitattributes", ".prettierignore"]) expect(existsSync(join(root, file)), file).toBe(true);
    const config = schemaLine(join(root, "codebook.config.yaml"));
    expect(config.ref).toBe("./node_modules/codebook/schema/config.schema.json");
    expect(existsSync(config.resolved)).toBe(true);
    expect(scaffold.split("\n")[0]).toBe("# yaml-language-server: $schema=../node_modules/codebook/schema/spec.schema.json");
    expect(existsSync(join(root, "spec", "../node_modules/codebook/schema/spec.schema.json"))).toBe(true);
    expect(existsSync(join(root, "spec", /The format: (\S+)/.exec(scaffold)![1]!))).toBe(true);
  });
});

describe("consuming the generated package from a pnpm workspace (workspace:*)", () => {
  it("each consumer links generated/acme-gateway into its own node_modules", () => {
    expect(secondInstall.stdout + secondInstall.stderr).not.toMatch(/ERR_PNPM|WARN/);
    for (const consumer of ["checkout", "legacy"])
      expect(realpathSync(join(root, "packages", consumer, "node_modules", "@codebook", "acme-gateway")), consumer).toBe(realpathSync(join(root, "generated", "acme-gateway")));
  });

  it("packages/checkout (ESM): tsc --strict under NodeNext type-checks against the generated .d.ts", () => {
    expect(buildRun.stdout).toContain(join(root, "generated", "acme-gateway", "dist", "index.d.ts"));
    expect(buildRun.stdout).not.toContain(join("acme-gateway", "src", "index.ts"));
  });

  it("packages/checkout runs with node: success, pending, failed, and an unlisted code pending as the spec says", () => {
    expect(checkoutRun).toMatchObject({ code: 0, stdout: CHECKOUT_STDOUT, stderr: "" });
  });

  it("packages/legacy (CommonJS) require()s the generated ES module and classifies the same way", () => {
    expect(legacyRun).toMatchObject({ code: 0, stdout: LEGACY_STDOUT, stderr: "" });
  });
});
