// `codebook init` as a user runs it: set up an empty repository, scaffold specs of
// both kinds, and the scaffolds lint clean and generate.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { runIn, snapshot, tempDir } from "./harness.ts";

/** The file a `# yaml-language-server: $schema=…` first line points at, resolved from the file's directory. */
function schemaOf(file: string): string {
  const first = readFileSync(file, "utf8").split("\n")[0]!;
  const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  expect(m, first).not.toBeNull();
  return resolve(dirname(file), m![1]!);
}

describe("codebook init (no id): sets up a repository", () => {
  it("writes codebook.config.yaml, spec/, and the .gitattributes and .prettierignore lines", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, ".git"));
    const r = await runIn(["init"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "codebook: created codebook.config.yaml",
        "codebook: created spec/",
        "codebook: marked generated/ as generated in .gitattributes",
        "codebook: added generated/ to .prettierignore",
        "codebook: next: `codebook init <id>` scaffolds a spec (--kind code-table or api)",
        "",
      ].join("\n"),
    );
    expect(existsSync(join(dir, "spec"))).toBe(true);
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe("/generated/** linguist-generated=true\n");
    expect(readFileSync(join(dir, ".prettierignore"), "utf8")).toBe("/generated/\n");
    expect(schemaOf(join(dir, "codebook.config.yaml"))).toBe(join(repoRoot, "schema", "config.schema.json"));
    expect(existsSync(schemaOf(join(dir, "codebook.config.yaml")))).toBe(true);
  });

  it("is idempotent and keeps what is there, adding only missing lines", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".gitattributes"), "* text=auto");
    writeFileSync(join(dir, ".prettierignore"), "/generated/\n");
    expect((await runIn(["init"], dir)).code).toBe(0);
    const config = readFileSync(join(dir, "codebook.config.yaml"), "utf8");
    const second = await runIn(["init"], dir);
    expect(second).toEqual({ code: 0, stdout: "codebook: next: `codebook init <id>` scaffolds a spec (--kind code-table or api)\n", stderr: "" });
    expect(readFileSync(join(dir, "codebook.config.yaml"), "utf8")).toBe(config);
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe("* text=auto\n/generated/** linguist-generated=true\n");
    expect(readFileSync(join(dir, ".prettierignore"), "utf8")).toBe("/generated/\n");
  });

  it("in a package of a monorepo: .prettierignore at the repository's top, naming the out dir from there", async () => {
    const top = tempDir();
    mkdirSync(join(top, ".git"));
    const pkg = join(top, "packages", "codes");
    mkdirSync(pkg, { recursive: true });
    expect((await runIn(["init"], pkg)).code).toBe(0);
    expect(readFileSync(join(top, ".prettierignore"), "utf8")).toBe("/packages/codes/generated/\n");
    expect(readFileSync(join(pkg, ".gitattributes"), "utf8")).toBe("/generated/** linguist-generated=true\n");
  });

  it("an empty spec directory afterwards is reported by generate, exit 2", async () => {
    const dir = tempDir();
    await runIn(["init"], dir);
    expect(await runIn(["generate"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("spec/ holds no specs") });
  });
});

describe("codebook init <id>: scaffolds a spec", () => {
  it.each(["code-table", "api"])("--kind %s: schema line, every required key, its rows; lints clean and generates", async (kind) => {
    const dir = tempDir();
    const r = await runIn(["init", "acme-gateway", "--kind", kind], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`codebook: created spec/acme-gateway.yaml (${kind}): fill in the TODOs`);
    const spec = join(dir, "spec", "acme-gateway.yaml");
    const text = readFileSync(spec, "utf8");
    expect(schemaOf(spec)).toBe(join(repoRoot, "schema", "spec.schema.json"));
    const schema = JSON.parse(readFileSync(schemaOf(spec), "utf8")) as { required: string[] };
    for (const key of schema.required) expect(text, key).toMatch(new RegExp(`^${key}:`, "m"));
    expect(text).toMatch(/^kind: (code-table|api)\b/m);
    expect(text).toContain(`kind: ${kind}`);
    expect(text).toContain("id: acme-gateway");
    expect(text).toContain("typePrefix: AcmeGateway");
    // An API has the rows a server answers to a bad request too, named by requestErrors (fixtures, mock).
    expect(text.match(/^\s+- code: "/gm)).toHaveLength(kind === "api" ? 4 : 1);
    if (kind === "api") expect(text).toMatch(/^  requestErrors:.*\n    missing: InvalidMandatoryField/m);
    expect(text).toContain("TODO");
    expect(await runIn(["lint"], dir)).toEqual({ code: 0, stdout: "codebook: 1 spec checked, no problems\n", stderr: "" });
    const g = await runIn(["generate"], dir);
    expect(g.code).toBe(0);
    const codes = readFileSync(join(dir, "generated", "acme-gateway", "src", kind === "api" ? "codes.ts" : "index.ts"), "utf8");
    expect(codes).toContain("export const AcmeGatewayCode");
    if (kind === "api") {
      expect(readFileSync(join(dir, "generated", "acme-gateway", "src", "api.ts"), "utf8")).toContain("export function validateAcmeGatewayExampleRequest(");
      expect(readFileSync(join(dir, "generated", "acme-gateway", "src", "fixtures.ts"), "utf8")).toMatch(/missing: "4000102"/);
    }
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  });

  it("sets the repository up first when it is not", async () => {
    const dir = tempDir();
    const r = await runIn(["init", "acme-gateway"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "codebook.config.yaml"))).toBe(true);
    expect(r.stdout).toContain("codebook: created spec/acme-gateway.yaml (code-table)");
  });

  it("honours the config's specDir", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "codebook.config.yaml"), "specDir: tables\noutDir: out\n");
    expect((await runIn(["init", "acme"], dir)).code).toBe(0);
    expect(existsSync(join(dir, "tables", "acme.yaml"))).toBe(true);
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe("/out/** linguist-generated=true\n");
  });

  it("never overwrites a spec, and refuses bad ids and kinds; exit 2", async () => {
    const dir = tempDir();
    expect((await runIn(["init", "acme"], dir)).code).toBe(0);
    const before = readFileSync(join(dir, "spec", "acme.yaml"), "utf8");
    expect(await runIn(["init", "acme"], dir)).toMatchObject({ code: 2, stderr: "codebook: spec/acme.yaml already exists; codebook init never overwrites a spec\n" });
    expect(readFileSync(join(dir, "spec", "acme.yaml"), "utf8")).toBe(before);
    expect(await runIn(["init", "Acme_Gateway"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("must be kebab-case") });
    expect(await runIn(["init", "acme2", "--kind", "grpc"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("--kind must be one of code-table, api, not \"grpc\"") });
    expect(await runIn(["init", "--kind", "api"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("--kind applies to `codebook init ID`") });
    expect(await runIn(["init", "a", "b"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("init takes at most one spec id") });
  });
});

describe("codebook init never writes through a link it did not make, and refuses before writing anything (issue 18)", () => {
  /** A repository and, beside it, a folder init must never touch. */
  function setup(): { dir: string; outside: string } {
    const dir = tempDir();
    mkdirSync(join(dir, ".git"));
    return { dir, outside: tempDir("codebook-outside-") };
  }

  it.each([
    // The scaffold was written wherever the link pointed, outside the repository.
    ["a dangling spec/acme.yaml link", ["init", "acme"], (dir: string, outside: string) => (mkdirSync(join(dir, "spec")), symlinkSync(join(outside, "acme.yaml"), join(dir, "spec", "acme.yaml"))), "spec/acme.yaml"],
    ["a spec/acme.yaml link to a file outside", ["init", "acme"], (dir: string, outside: string) => (mkdirSync(join(dir, "spec")), writeFileSync(join(outside, "acme.yaml"), "mine\n"), symlinkSync(join(outside, "acme.yaml"), join(dir, "spec", "acme.yaml"))), "spec/acme.yaml"],
    // Lines were appended to files outside the repository.
    ["a .gitattributes link to a file outside", ["init"], (dir: string, outside: string) => (writeFileSync(join(outside, "attributes"), "* text=auto\n"), symlinkSync(join(outside, "attributes"), join(dir, ".gitattributes"))), ".gitattributes"],
    ["a .prettierignore link to a file outside", ["init"], (dir: string, outside: string) => (writeFileSync(join(outside, "ignore"), "dist/\n"), symlinkSync(join(outside, "ignore"), join(dir, ".prettierignore"))), ".prettierignore"],
    ["a dangling .prettierignore link", ["init"], (dir: string, outside: string) => symlinkSync(join(outside, "ignore"), join(dir, ".prettierignore")), ".prettierignore"],
    ["a dangling codebook.config.yaml link", ["init"], (dir: string, outside: string) => symlinkSync(join(outside, "config.yaml"), join(dir, "codebook.config.yaml")), "codebook.config.yaml"],
    ["a spec directory that is a link to a folder outside", ["init", "acme"], (dir: string, outside: string) => symlinkSync(outside, join(dir, "spec")), "spec"],
  ])("%s: exit 2, one line naming it, nothing written inside or outside", async (_name, args, make, link) => {
    const { dir, outside } = setup();
    make(dir, outside);
    const before = [snapshot(dir), snapshot(outside)];
    const r = await runIn(args, dir);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: `codebook: ${link} is a symbolic link; codebook init never writes through a link it did not make. Replace it with the file or directory itself, or remove it, and run again\n`,
    });
    expect([snapshot(dir), snapshot(outside)]).toEqual(before);
  });

  it("a link above where init starts (an absolute --config through a linked directory) is the user's own, and is written through", async () => {
    const { dir, outside } = setup();
    mkdirSync(join(outside, "real"));
    symlinkSync(join(outside, "real"), join(outside, "link"));
    const r = await runIn(["init", "--config", join(outside, "link", "codebook.config.yaml")], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(outside, "real", "codebook.config.yaml"))).toBe(true);
    expect(existsSync(join(outside, "real", "spec"))).toBe(true);
  });

  it("a FIFO at .gitattributes is refused without blocking; nothing written", async () => {
    const { dir } = setup();
    execFileSync("mkfifo", [join(dir, ".gitattributes")]);
    const r = await runIn(["init"], dir, {}, 30_000);
    expect(r).toEqual({ code: 2, stdout: "", stderr: "codebook: .gitattributes is a FIFO (named pipe), not a regular file; codebook init adds a line to it, so it must be a regular file\n" });
    expect(existsSync(join(dir, "codebook.config.yaml"))).toBe(false);
  });

  // ENAMETOOLONG, exit 3 and a stack, after the config and both ignore lines were written.
  it.each([251, 101])("an id of %i characters: exit 2, one line, nothing written", async (length) => {
    const { dir } = setup();
    const id = `acme-${"x".repeat(length - 5)}`;
    const r = await runIn(["init", id], dir);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: `codebook: spec id "${id.slice(0, 40)}…" is ${length} characters, over the limit of 100 (it names the package, its folder and its spec file); choose a shorter id\n`,
    });
    expect(snapshot(dir)).toEqual(new Map());
  });

  it("an id of 100 characters scaffolds a spec that lints and generates", async () => {
    const { dir } = setup();
    const id = `acme-${"x".repeat(95)}`;
    expect((await runIn(["init", id], dir)).code).toBe(0);
    expect((await runIn(["lint"], dir)).code).toBe(0);
    expect((await runIn(["generate"], dir)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "generated", id, "package.json"), "utf8")).name).toBe(`@codebook/${id}`);
  });

  it("a spec that exists is refused before the config and lines are written", async () => {
    const { dir } = setup();
    writeFileSync(join(dir, "codebook.config.yaml"), "specDir: spec\noutDir: generated\n");
    mkdirSync(join(dir, "spec"));
    writeFileSync(join(dir, "spec", "acme.yml"), "mine\n");
    const before = snapshot(dir);
    expect(await runIn(["init", "acme"], dir)).toEqual({ code: 2, stdout: "", stderr: "codebook: spec/acme.yml already exists; codebook init never overwrites a spec\n" });
    expect(snapshot(dir)).toEqual(before);
  });
});
