// codebook as a devDependency of an npm-workspaces monorepo, installed from its packed
// tarball: `npx codebook init`, a provider table written for this test, lint and
// generate, two consumer workspaces (ESM TypeScript and CommonJS) that import the
// generated package, and the Turborepo pipeline of examples/turbo/turbo.json run
// with real turbo: cache hits, a restore of the out dir byte for byte, a miss on a
// changed spec. Also checks examples/nx/project.json.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  CHECKOUT_STDOUT,
  cleanup,
  exec,
  files,
  installScripts,
  LEGACY_STDOUT,
  ok,
  pack,
  packageJson,
  repoRoot,
  schemaLine,
  scratch,
  scratchEnv,
  Timings,
  turboBin,
  typescriptVersion,
  writeConsumers,
  writeJson,
  writeSpec,
  type Run,
} from "./harness.ts";

const timings = new Timings("npm workspaces + turbo");
const env = scratchEnv();
const npmInstall = ["install", "--prefer-offline", "--no-audit", "--no-fund"];

let root: string;
let tarball: string;
let npmVersion: string;
let firstInstall: Run;
let initRun: Run;
let scaffoldRun: Run;
let scaffold: string;
let lintRun: Run;
let generateRun: Run;
let secondInstall: Run;
let buildRun: Run;
let checkoutRun: Run;
let legacyRun: Run;

const npx = (args: string[]) => exec("npx", ["--no", ...args], root, env);

beforeAll(async () => {
  const dir = scratch("npm");
  root = join(dir, "repo");
  [tarball, npmVersion] = await timings.time("npm pack (tarball into a temp dir)", () =>
    Promise.all([pack(dir), exec("npm", ["--version"], dir, env).then((r) => ok("npm --version", r).stdout.trim())]),
  );
  writeJson(join(root, "package.json"), {
    name: "payments",
    private: true,
    packageManager: `npm@${npmVersion}`,
    workspaces: ["packages/*", "generated/*"],
    scripts: { generate: "codebook generate" },
    devDependencies: { codebook: `file:${tarball}`, typescript: typescriptVersion },
  });
  writeFileSync(join(root, ".gitignore"), "node_modules/\n.turbo/\npackages/*/dist/\n");
  await timings.time("git init", async () => {
    ok("git init", await exec("git", ["init", "-q", "-b", "main"], root, gitEnv()));
    ok("git config", await exec("git", ["config", "user.name", "codebook e2e"], root, gitEnv()));
    ok("git config", await exec("git", ["config", "user.email", "e2e@codebook.invalid"], root, gitEnv()));
  });
  firstInstall = ok("npm install", await timings.time("npm install (codebook from the tarball, typescript)", () => exec("npm", npmInstall, root, env)));
  initRun = ok("codebook init", await timings.time("npx codebook init", () => npx(["codebook", "init"])));
  scaffoldRun = ok("codebook init acme-gateway", await timings.time("npx codebook init acme-gateway", () => npx(["codebook", "init", "acme-gateway"])));
  scaffold = readFileSync(join(root, "spec", "acme-gateway.yaml"), "utf8");
  writeSpec(join(root, "spec"));
  lintRun = await timings.time("npx codebook lint", () => npx(["codebook", "lint"]));
  generateRun = ok("codebook generate", await timings.time("npx codebook generate", () => npx(["codebook", "generate"])));
  writeConsumers(root, "*");
  secondInstall = ok("npm install", await timings.time("npm install (links the workspaces)", () => exec("npm", npmInstall, root, env)));
  buildRun = ok("build checkout", await timings.time("npm run build -w checkout (tsc)", () => exec("npm", ["run", "build", "--workspace", "checkout", "--", "--listFiles"], root, env)));
  [checkoutRun, legacyRun] = await timings.time("node: checkout and legacy", () =>
    Promise.all([exec(process.execPath, ["packages/checkout/dist/main.js"], root, env), exec(process.execPath, ["packages/legacy/index.js"], root, env)]),
  );
});

afterAll(() => {
  timings.print();
  cleanup();
});

function gitEnv(): NodeJS.ProcessEnv {
  // No user or system git config: a developer's commit.gpgsign or hooks never apply.
  return { ...env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
}

describe("installing codebook from its tarball with npm", () => {
  it("installs without an install-scripts warning, and no installed package has an install script", () => {
    expect(firstInstall.stdout + firstInstall.stderr).not.toMatch(/install-scripts|allowScripts|approve/i);
    expect(firstInstall.stderr).not.toMatch(/\bwarn\b/i);
    const tree = installScripts(join(root, "node_modules"));
    expect(tree.packages).toBeGreaterThan(10);
    expect(tree.withScripts).toEqual([]);
    expect(packageJson(join(root, "node_modules", "codebook")).version).toBe((packageJson(repoRoot) as { version: string }).version);
    expect(readFileSync(join(root, "node_modules", ".bin", "codebook"), "utf8")).toBe(readFileSync(join(repoRoot, "dist", "cli.js"), "utf8"));
  });

  it("codebook init writes the config, spec/, .gitattributes and .prettierignore; its $schema lines point into node_modules/codebook", () => {
    expect(initRun.stdout).toBe(
      [
        "codebook: created codebook.config.yaml",
        "codebook: created spec/",
        "codebook: marked generated/ as generated in .gitattributes",
        "codebook: added generated/ to .prettierignore",
        "codebook: next: `codebook init <id>` scaffolds a spec (--kind code-table or api)",
        "",
      ].join("\n"),
    );
    expect(readFileSync(join(root, ".gitattributes"), "utf8")).toBe("/generated/** linguist-generated=true\n");
    expect(readFileSync(join(root, ".prettierignore"), "utf8")).toBe("/generated/\n");
    const config = schemaLine(join(root, "codebook.config.yaml"));
    expect(config.ref).toBe("./node_modules/codebook/schema/config.schema.json");
    expect(existsSync(config.resolved)).toBe(true);
    expect(readFileSync(join(root, "codebook.config.yaml"), "utf8")).toMatch(/^specDir: spec$[\s\S]*^outDir: generated$/m);

    expect(scaffoldRun.stdout).toContain("codebook: created spec/acme-gateway.yaml (code-table)");
    expect(scaffold).toContain("id: acme-gateway");
    expect(scaffold.split("\n")[0]).toBe("# yaml-language-server: $schema=../node_modules/codebook/schema/spec.schema.json");
    const formatDoc = /The format: (\S+)/.exec(scaffold)![1]!;
    expect(formatDoc).toBe("../node_modules/codebook/spec/README.md");
    expect(existsSync(join(root, "spec", formatDoc))).toBe(true);
    // The spec written for this test keeps the scaffold's schema line, and it resolves.
    const spec = schemaLine(join(root, "spec", "acme-gateway.yaml"));
    expect(spec.ref).toBe("../node_modules/codebook/schema/spec.schema.json");
    expect(existsSync(spec.resolved)).toBe(true);
  });

  it("npx codebook lint and generate on the provider table written for this test", () => {
    expect(lintRun).toMatchObject({ code: 0, stdout: "codebook: 1 spec checked, no problems\n", stderr: "" });
    expect(generateRun.stderr).toBe("");
    expect(generateRun.stdout).toContain("codebook: 1 package, 11 files: 11 created");
    for (const file of ["package.json", "README.md", "catalog.json", "src/index.ts", "dist/index.js", "dist/index.d.ts"])
      expect(generateRun.stdout).toContain(`created  generated/acme-gateway/${file}`);
    expect(packageJson(join(root, "generated", "acme-gateway"))).toMatchObject({ name: "@codebook/acme-gateway", version: "1.0.0", private: true });
    const catalog = JSON.parse(readFileSync(join(root, "generated", "acme-gateway", "catalog.json"), "utf8")) as { codes: { code: string; outcome: string }[] };
    expect(catalog.codes.map((c) => `${c.code}:${c.outcome}`)).toEqual(["00:success", "09:pending", "68:pending", "91:pending", "05:failed", "14:failed", "51:failed", "96:failed"]);
  });
});

describe("the shipped specs, from the installed tarball (issue 20, item 3)", () => {
  // A second project beside the monorepo, run with the monorepo's installed codebook: the
  // monorepo's own spec directory (and so its turbo hashes) stays as the tests below expect.
  let project: string;
  const codebook = (args: string[], cwd: string) => exec(join(root, "node_modules", ".bin", "codebook"), args, cwd, env);
  beforeAll(() => {
    project = join(root, "..", "profiles");
    mkdirSync(join(project, "spec"), { recursive: true });
    writeFileSync(join(project, "codebook.config.yaml"), "specDir: spec\noutDir: generated\n");
  });

  it("a profile extends the installed snap-qr-cpm, with no copy of it: lint and generate name the packaged base", async () => {
    writeFileSync(join(project, "spec", "pjp-qr-cpm.yaml"), readFileSync(join(repoRoot, "test/fixtures/rules/pjp-qr-cpm.yaml"), "utf8"));
    expect(await codebook(["lint"], project)).toMatchObject({ code: 0, stdout: "codebook: 1 spec checked, no problems\n", stderr: "" });
    const generated = ok("generate", await codebook(["generate", "--quiet"], project));
    expect(generated.stderr).toBe("");
    const catalog = JSON.parse(readFileSync(join(project, "generated", "pjp-qr-cpm", "catalog.json"), "utf8")) as { extends: { id: string; version: string } };
    expect(catalog.extends).toMatchObject({ id: "snap-qr-cpm", version: (parse(readFileSync(join(repoRoot, "spec", "snap-qr-cpm.yaml"), "utf8")) as { version: string }).version });
    // The manifest records the base it was built from: the installed package's file.
    expect(readFileSync(join(project, "generated", ".codebook-manifest.json"), "utf8")).toContain("codebook/spec/snap-qr-cpm.yaml");
  });

  it("init --from copies the shipped spec and its source document; the copy lints, and its $schema line resolves", async () => {
    const from = join(project, "..", "copy");
    mkdirSync(from);
    ok("init", await codebook(["init"], from));
    const r = ok("init --from", await codebook(["init", "--from", "snap-qr-cpm"], from));
    expect(r.stdout).toContain("spec/snap-qr-cpm.yaml");
    const copy = readFileSync(join(from, "spec", "snap-qr-cpm.yaml"), "utf8");
    const shipped = readFileSync(join(repoRoot, "spec", "snap-qr-cpm.yaml"), "utf8");
    // Only the $schema line differs from the shipped file.
    expect(copy.split("\n").slice(1)).toEqual(shipped.split("\n").slice(1));
    expect(existsSync(schemaLine(join(from, "spec", "snap-qr-cpm.yaml")).resolved)).toBe(true);
    expect(readFileSync(join(from, "spec", "sources", "snap-qr-cpm.txt"), "utf8")).toBe(readFileSync(join(repoRoot, "spec", "sources", "snap-qr-cpm.txt"), "utf8"));
    expect(await codebook(["lint"], from)).toMatchObject({ code: 0, stdout: "codebook: 1 spec checked, no problems\n" });
  });
});

describe("consuming the generated package from npm workspaces", () => {
  it("the workspace link: node_modules/@codebook/acme-gateway is generated/acme-gateway", () => {
    expect(secondInstall.stderr).not.toMatch(/\bwarn\b/i);
    expect(readFileSync(join(root, "node_modules", "@codebook", "acme-gateway", "package.json"), "utf8")).toBe(
      readFileSync(join(root, "generated", "acme-gateway", "package.json"), "utf8"),
    );
  });

  it("packages/checkout (ESM): tsc --strict under NodeNext type-checks against the generated .d.ts", () => {
    expect(buildRun.stdout).toContain(join(root, "generated", "acme-gateway", "dist", "index.d.ts"));
    expect(buildRun.stdout).not.toContain(join("acme-gateway", "src", "index.ts"));
    expect(buildRun.stdout).toContain(join(root, "node_modules", "typescript", "lib"));
    const tsconfig = JSON.parse(readFileSync(join(root, "packages", "checkout", "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: "NodeNext", moduleResolution: "NodeNext" });
  });

  it("packages/checkout runs with node: success, pending, failed, and an unlisted code pending as the spec says", () => {
    expect(checkoutRun).toMatchObject({ code: 0, stdout: CHECKOUT_STDOUT, stderr: "" });
  });

  it("packages/legacy (CommonJS) require()s the generated ES module and classifies the same way", () => {
    expect(packageJson(join(root, "packages", "legacy")).type).toBe("commonjs");
    expect(legacyRun).toMatchObject({ code: 0, stdout: LEGACY_STDOUT, stderr: "" });
  });
});

interface Summary {
  tasks: { taskId: string; hash: string; inputs: Record<string, string>; dependencies: string[]; cache: { status: "HIT" | "MISS" } }[];
}

describe("Turborepo: examples/turbo/turbo.json in this monorepo, with real turbo", () => {
  const turboEnv = {
    ...env,
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    TURBO_NO_UPDATE_NOTIFIER: "1",
    // Never remote: no API, no token, no team.
    TURBO_API: "",
    TURBO_TOKEN: "",
    TURBO_TEAM: "",
  };
  /** `turbo run TASK` with the local cache only; returns the run and its --summarize report. */
  async function turbo(task: string, step: string): Promise<{ run: Run; summary: Summary }> {
    const runs = join(root, ".turbo", "runs");
    const before = new Set(existsSync(runs) ? readdirSync(runs) : []);
    const run = ok(`turbo run ${task}`, await timings.time(step, () => exec(process.execPath, [turboBin, "run", task, "--cache=local:rw", "--summarize", "--ui=stream", "--no-update-notifier"], root, turboEnv)));
    const fresh = readdirSync(runs).filter((f) => !before.has(f));
    expect(fresh).toHaveLength(1);
    return { run, summary: JSON.parse(readFileSync(join(runs, fresh[0]!), "utf8")) as Summary };
  }
  const generateTask = (s: { summary: Summary }) => s.summary.tasks.find((t) => t.taskId === "//#generate")!;
  const commit = async (message: string) => {
    ok("git add", await exec("git", ["add", "-A"], root, gitEnv()));
    ok("git commit", await exec("git", ["commit", "-q", "-m", message], root, gitEnv()));
  };

  describe("out dir not committed (gitignored): turbo's cache holds it", () => {
    let first: { run: Run; summary: Summary };
    let second: { run: Run; summary: Summary };
    let restored: { run: Run; summary: Summary };
    let outputs: Map<string, Buffer>;
    let restoredOutputs: Map<string, Buffer>;
    let checkAfterRestore: Run;

    beforeAll(async () => {
      cpSync(join(repoRoot, "examples", "turbo", "turbo.json"), join(root, "turbo.json"));
      writeFileSync(join(root, ".gitignore"), `${readFileSync(join(root, ".gitignore"), "utf8")}generated/\n`);
      await commit("payments monorepo with codebook");
      first = await turbo("generate", "turbo run generate (1: empty cache)");
      outputs = files(join(root, "generated"));
      second = await turbo("generate", "turbo run generate (2)");
      rmSync(join(root, "generated"), { recursive: true });
      restored = await turbo("generate", "turbo run generate (3: out dir deleted)");
      restoredOutputs = files(join(root, "generated"));
      checkAfterRestore = await timings.time("npx codebook generate --check", () => npx(["codebook", "generate", "--check"]));
    });

    it("the first run executes codebook generate (cache miss), the second is a cache hit with the same hash", () => {
      expect(generateTask(first).cache.status).toBe("MISS");
      expect(first.run.stdout).toContain("codebook: 1 package, 11 files: 0 created, 0 updated, 0 removed, 11 unchanged");
      expect(Object.keys(generateTask(first).inputs).sort()).toEqual(["codebook.config.yaml", "package.json", "spec/acme-gateway.yaml", "spec/sources/acme-gateway.txt", "turbo.json"]);
      expect(generateTask(second)).toMatchObject({ hash: generateTask(first).hash, cache: { status: "HIT" } });
      expect(second.run.stdout).toContain("cache hit, replaying logs");
    });

    it("after the out dir is deleted, a cache hit restores every file byte for byte, and codebook generate --check passes", () => {
      expect(generateTask(restored)).toMatchObject({ hash: generateTask(first).hash, cache: { status: "HIT" } });
      expect(outputs.size).toBe(12);
      expect([...outputs.keys()]).toContain(".codebook-manifest.json");
      expect([...restoredOutputs.keys()].sort()).toEqual([...outputs.keys()].sort());
      for (const [path, bytes] of outputs) expect(restoredOutputs.get(path)!.equals(bytes), path).toBe(true);
      expect(checkAfterRestore).toMatchObject({ code: 0, stderr: "" });
      expect(checkAfterRestore.stdout).toContain("codebook: generated files are up to date (1 package, 11 files checked)");
    });

    it("build in a consumer depends on //#generate: turbo runs generate (cached) first, then checkout's tsc", async () => {
      const build = await turbo("build", "turbo run build (generate cached, checkout tsc)");
      const checkout = build.summary.tasks.find((t) => t.taskId === "checkout#build")!;
      expect(checkout.dependencies).toContain("//#generate");
      expect(checkout.cache.status).toBe("MISS");
      expect(generateTask(build).cache.status).toBe("HIT");
      expect(readFileSync(join(root, "packages", "checkout", "dist", "main.js"), "utf8")).toContain('from "@codebook/acme-gateway"');
    });

    it("changing a spec is a cache miss that regenerates; the run after it is a hit again", async () => {
      const path = join(root, "spec", "acme-gateway.yaml");
      const text = readFileSync(path, "utf8");
      const edited = text.replace("version: 1.0.0", "version: 1.0.1").replace("description: The account balance is too low.", "description: The account balance is too low to pay.");
      expect(edited).not.toBe(text);
      writeFileSync(path, edited);
      const changed = await turbo("generate", "turbo run generate (4: spec changed)");
      expect(generateTask(changed).cache.status).toBe("MISS");
      expect(generateTask(changed).hash).not.toBe(generateTask(first).hash);
      expect(changed.run.stdout).toContain("updated  generated/acme-gateway/catalog.json");
      expect(changed.run.stdout + changed.run.stderr).not.toContain("warning");
      expect(readFileSync(join(root, "generated", "acme-gateway", "catalog.json"), "utf8")).toContain("The account balance is too low to pay.");
      expect(packageJson(join(root, "generated", "acme-gateway")).version).toBe("1.0.1");
      const again = await turbo("generate", "turbo run generate (5)");
      expect(generateTask(again)).toMatchObject({ hash: generateTask(changed).hash, cache: { status: "HIT" } });
    });
  });

  describe("out dir committed: turbo also hashes the committed outputs", () => {
    it("the committed files are inputs too: a hit while they match; a hand edit is a miss that codebook repairs; a deleted out dir comes back byte for byte", async () => {
      writeFileSync(join(root, ".gitignore"), readFileSync(join(root, ".gitignore"), "utf8").replace("generated/\n", ""));
      await commit("commit the out dir");
      const committed = files(join(root, "generated"));
      const first = await turbo("generate", "committed: turbo run generate (1)");
      expect(Object.keys(generateTask(first).inputs)).toEqual(expect.arrayContaining(["generated/.codebook-manifest.json", "generated/acme-gateway/catalog.json", "spec/acme-gateway.yaml"]));
      const second = await turbo("generate", "committed: turbo run generate (2)");
      expect(generateTask(second)).toMatchObject({ hash: generateTask(first).hash, cache: { status: "HIT" } });

      const readme = join(root, "generated", "acme-gateway", "README.md");
      writeFileSync(readme, `${readFileSync(readme, "utf8")}\nA hand edit.\n`);
      const edited = await turbo("generate", "committed: turbo run generate (3: a generated file edited)");
      expect(generateTask(edited).cache.status).toBe("MISS");
      expect(edited.run.stdout).toContain("updated  generated/acme-gateway/README.md");

      rmSync(join(root, "generated"), { recursive: true });
      await turbo("generate", "committed: turbo run generate (4: out dir deleted)");
      const back = files(join(root, "generated"));
      expect([...back.keys()].sort()).toEqual([...committed.keys()].sort());
      for (const [path, bytes] of committed) expect(back.get(path)!.equals(bytes), path).toBe(true);
      expect(await exec("git", ["status", "--porcelain"], root, gitEnv())).toMatchObject({ code: 0, stdout: "" });
    });
  });
});

describe("examples/: the pipeline snippets users copy", () => {
  const config = () => readFileSync(join(root, "codebook.config.yaml"), "utf8");
  const setting = (key: string) => new RegExp(`^${key}: (\\S+)`, "m").exec(config())![1]!;

  it("turbo.json: the generate task's inputs are the config and the spec dir `codebook init` wrote, its outputs the out dir", () => {
    const turbo = JSON.parse(readFileSync(join(repoRoot, "examples", "turbo", "turbo.json"), "utf8")) as { tasks: Record<string, { inputs?: string[]; outputs?: string[]; dependsOn?: string[] }> };
    const generate = turbo.tasks["//#generate"]!;
    expect(generate.inputs).toEqual(["codebook.config.yaml", `${setting("specDir")}/**`]);
    expect(generate.outputs).toEqual([`${setting("outDir")}/**`]);
    for (const name of ["build", "typecheck", "test"]) expect(turbo.tasks[name]!.dependsOn).toContain("//#generate");
  });

  it("nx/project.json: a cacheable target running `codebook generate`, with the same inputs and outputs and the codebook version as an input", () => {
    const project = JSON.parse(readFileSync(join(repoRoot, "examples", "nx", "project.json"), "utf8")) as {
      name: string;
      targets: Record<string, { executor: string; options: { command: string }; inputs: unknown[]; outputs: string[]; cache: boolean }>;
    };
    expect(project.name).toMatch(/^[a-z][a-z0-9-]*$/);
    const target = project.targets.generate!;
    expect(target).toMatchObject({ executor: "nx:run-commands", options: { command: "codebook generate" }, cache: true });
    expect(target.inputs).toEqual(["{projectRoot}/codebook.config.yaml", `{projectRoot}/${setting("specDir")}/**/*`, { externalDependencies: ["codebook"] }]);
    expect(target.outputs).toEqual([`{projectRoot}/${setting("outDir")}`]);
    // The README names the project as the file does.
    expect(readFileSync(join(repoRoot, "examples", "nx", "README.md"), "utf8")).toContain(`nx run ${project.name}:generate`);
  });
});
