// `codebook init` as a user runs it: set up an empty repository, scaffold specs of
// both kinds, and the scaffolds lint clean and generate.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { run, tempDir } from "./harness.ts";

/** The file a `# yaml-language-server: $schema=…` first line points at, resolved from the file's directory. */
function schemaOf(file: string): string {
  const first = readFileSync(file, "utf8").split("\n")[0]!;
  const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  expect(m, first).not.toBeNull();
  return resolve(dirname(file), m![1]!);
}

describe("codebook init (no id): sets up a repository", () => {
  it("writes codebook.config.yaml, spec/, and the .gitattributes and .prettierignore lines", () => {
    const dir = tempDir();
    mkdirSync(join(dir, ".git"));
    const r = run(["init"], dir);
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

  it("is idempotent and keeps what is there, adding only missing lines", () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".gitattributes"), "* text=auto");
    writeFileSync(join(dir, ".prettierignore"), "/generated/\n");
    expect(run(["init"], dir).code).toBe(0);
    const config = readFileSync(join(dir, "codebook.config.yaml"), "utf8");
    const second = run(["init"], dir);
    expect(second).toEqual({ code: 0, stdout: "codebook: next: `codebook init <id>` scaffolds a spec (--kind code-table or api)\n", stderr: "" });
    expect(readFileSync(join(dir, "codebook.config.yaml"), "utf8")).toBe(config);
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe("* text=auto\n/generated/** linguist-generated=true\n");
    expect(readFileSync(join(dir, ".prettierignore"), "utf8")).toBe("/generated/\n");
  });

  it("in a package of a monorepo: .prettierignore at the repository's top, naming the out dir from there", () => {
    const top = tempDir();
    mkdirSync(join(top, ".git"));
    const pkg = join(top, "packages", "codes");
    mkdirSync(pkg, { recursive: true });
    expect(run(["init"], pkg).code).toBe(0);
    expect(readFileSync(join(top, ".prettierignore"), "utf8")).toBe("/packages/codes/generated/\n");
    expect(readFileSync(join(pkg, ".gitattributes"), "utf8")).toBe("/generated/** linguist-generated=true\n");
  });

  it("an empty spec directory afterwards is reported by generate, exit 2", () => {
    const dir = tempDir();
    run(["init"], dir);
    expect(run(["generate"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("spec/ holds no specs") });
  });
});

describe("codebook init <id>: scaffolds a spec", () => {
  it.each(["code-table", "api"])("--kind %s: schema line, every required key, its rows; lints clean and generates", (kind) => {
    const dir = tempDir();
    const r = run(["init", "acme-gateway", "--kind", kind], dir);
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
    expect(run(["lint"], dir)).toEqual({ code: 0, stdout: "codebook: 1 spec checked, no problems\n", stderr: "" });
    const g = run(["generate"], dir);
    expect(g.code).toBe(0);
    const codes = readFileSync(join(dir, "generated", "acme-gateway", "src", kind === "api" ? "codes.ts" : "index.ts"), "utf8");
    expect(codes).toContain("export const AcmeGatewayCode");
    if (kind === "api") {
      expect(readFileSync(join(dir, "generated", "acme-gateway", "src", "api.ts"), "utf8")).toContain("export function validateAcmeGatewayExampleRequest(");
      expect(readFileSync(join(dir, "generated", "acme-gateway", "src", "fixtures.ts"), "utf8")).toMatch(/missing: "4000102"/);
    }
    expect(run(["generate", "--check"], dir).code).toBe(0);
  });

  it("sets the repository up first when it is not", () => {
    const dir = tempDir();
    const r = run(["init", "acme-gateway"], dir);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "codebook.config.yaml"))).toBe(true);
    expect(r.stdout).toContain("codebook: created spec/acme-gateway.yaml (code-table)");
  });

  it("honours the config's specDir", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "codebook.config.yaml"), "specDir: tables\noutDir: out\n");
    expect(run(["init", "acme"], dir).code).toBe(0);
    expect(existsSync(join(dir, "tables", "acme.yaml"))).toBe(true);
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe("/out/** linguist-generated=true\n");
  });

  it("never overwrites a spec, and refuses bad ids and kinds; exit 2", () => {
    const dir = tempDir();
    expect(run(["init", "acme"], dir).code).toBe(0);
    const before = readFileSync(join(dir, "spec", "acme.yaml"), "utf8");
    expect(run(["init", "acme"], dir)).toMatchObject({ code: 2, stderr: "codebook: spec/acme.yaml already exists; codebook init never overwrites a spec\n" });
    expect(readFileSync(join(dir, "spec", "acme.yaml"), "utf8")).toBe(before);
    expect(run(["init", "Acme_Gateway"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("must be kebab-case") });
    expect(run(["init", "acme2", "--kind", "grpc"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("--kind must be code-table or api") });
    expect(run(["init", "--kind", "api"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("--kind applies to `codebook init ID`") });
    expect(run(["init", "a", "b"], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining("init takes at most one spec id") });
  });
});
