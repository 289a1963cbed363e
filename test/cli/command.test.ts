// The `codebook` command as a user runs it: what it prints on success and failure, its
// exit codes, --json, --quiet and colour. Help, usage, the summary lines and colour run
// the built dist/cli.js as a process; the rest runs the same command in process (runIn).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, specIds } from "../helpers.ts";
import { minimalSpec, project, run, runIn, snapshot, tempDir } from "./harness.ts";

const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

describe("help, version and usage", () => {
  it("--help, -h and `help` document every command and option on stdout", async () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const r = run(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stderr).toBe("");
      for (const word of ["init [ID]", "generate", "lint", "diff OLD NEW", "--against REF", "mock --spec ID", "--notify-url URL", "--scenarios FILE", "publish", "--config FILE", "--only ID", "--check", "--watch", "--json", "--quiet", "--lock-timeout", "--kind", "--help", "--version", "specDir", "outDir", "scope", "enumStyle", "NO_COLOR", "Exit codes"])
        expect(r.stdout, word).toContain(word);
    }
  });

  it("--version and -v print the package version", async () => {
    expect(run(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    expect(run(["-v"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("an unknown command is named, with the commands there are; exit 2", async () => {
    const r = run(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('codebook: unknown command "frobnicate"; expected init, lint, generate, diff, mock, proxy, help\nRun `codebook help` for usage.\n');
  });

  it("no command prints the help on stderr, exit 2", async () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage:");
  });

  it("an option that does not apply, an unknown option or a stray argument is a usage error naming it; exit 2", async () => {
    expect(run(["lint", "--check"])).toMatchObject({ code: 2, stderr: "codebook: --check does not apply to lint\nRun `codebook lint --help` for usage.\n" });
    expect(run(["generate", "--check", "--watch"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--check and --watch do not go together") });
    expect(run(["generate", "--frob"])).toEqual({ code: 2, stdout: "", stderr: "codebook: unknown option --frob for generate\nRun `codebook generate --help` for usage.\n" });
    expect(run(["help", "generate"])).toMatchObject({ code: 0, stdout: expect.stringContaining("--lock-timeout SECONDS") });
    expect((run(["generate", "--help"])).stdout).toBe((run(["help", "generate"])).stdout);
    const json = run(["lint", "--json", "--frob"]);
    expect(json.code).toBe(2);
    expect(json.stderr).toBe("");
    expect(JSON.parse(json.stdout)).toMatchObject({ command: "lint", ok: false, exitCode: 2, problems: [{ severity: "error", kind: "usage", file: null, line: null, column: null, message: "unknown option --frob for lint" }] });
    expect(run(["lint", "extra"])).toMatchObject({ code: 2, stderr: expect.stringContaining("lint takes no arguments, got extra") });
    expect(run(["generate", "--lock-timeout", "soon"])).toMatchObject({ code: 2, stderr: expect.stringContaining('--lock-timeout expects seconds, got "soon"') });
    const r = run(["generate", "--only", "nope", "--check"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--only: no spec named "nope"');
  });
});

describe("one summary line on success", () => {
  it("lint says what it checked and exits 0 on the shipped specs", async () => {
    expect(run(["lint"])).toEqual({ code: 0, stdout: `codebook: ${specIds().length} specs checked, no problems\n`, stderr: "" });
  });

  it("generate --check is green on the committed out dirs, one line per target", async () => {
    expect(run(["generate", "--check"])).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^codebook: typescript: generated files are up to date \(\d+ packages, \d+ files checked\)\ncodebook: go: generated files are up to date \(\d+ packages, \d+ files checked\)\n$/),
      stderr: "",
    });
  });

  it("generate lists what it wrote, then says up to date when run again", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const first = run(["generate"], dir);
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n")[0]).toBe("codebook: 1 package, 11 files: 11 created, 0 updated, 0 removed, 0 unchanged");
    expect(first.stdout).toContain("  created  generated/codes/src/index.ts\n");
    expect(run(["generate"], dir)).toEqual({ code: 0, stdout: "codebook: 1 package, 11 files: 0 created, 0 updated, 0 removed, 11 unchanged\n", stderr: "" });
  });

  it("--quiet and -q silence the summary; problems still print", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    expect(run(["generate", "--quiet"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(run(["generate", "--check", "-q"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(run(["lint", "-q"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
    writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec().replace('- code: "01"', "- code: 01"));
    const r = run(["lint", "--quiet"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("spec/codes.yaml:");
  });
});

describe("spec problems", () => {
  it("generate: every problem with file:line:col and a code frame on stderr, exit 1, nothing written", async () => {
    const dir = project([], { "codes.yaml": minimalSpec().replace('- code: "01"', "- code: 01") });
    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^spec\/codes\.yaml:\d+:\d+: "code" must be a string: YAML reads 01 as the number 1, which loses its leading zero; write "01"\n/);
    expect(r.stderr).toMatch(/\n> *\d+ \|\s+- code: 01\n/);
    expect(r.stderr).toContain("1 problem found; nothing was written.");
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("lint reports the same problems and does not talk about writing", async () => {
    const dir = project([], { "codes.yaml": minimalSpec().replace('- code: "01"', "- code: 01") });
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("1 problem found.\n");
    expect(r.stderr).not.toContain("written");
  });

  it("a broken spec leaves an existing out dir byte for byte as it was", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    expect((await runIn(["generate"], dir)).code).toBe(0);
    const before = snapshot(join(dir, "generated"));
    writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec().replace("title: ", "title: [unclosed "));
    expect((await runIn(["generate"], dir)).code).toBe(1);
    expect(snapshot(join(dir, "generated"))).toEqual(before);
  });
});

describe("source documents", () => {
  it("a seed that names no file, or an absolute path: file:line:col at the seed value on stderr, exit 1, nothing written", async () => {
    // The minimal fixture has no seed; give it one of each kind, as two specs in one project.
    const base = minimalSpec("minimal");
    const withSeed = (id: string, seed: string) =>
      base.replace("id: minimal", `id: ${id}`).replace("  document: Example API — Response Code\n", `  document: Example API — Response Code\n  seed: ${seed}\n`);
    const absolute = join(repoRoot, "spec", "sources", "iak-prepaid.txt"); // exists, but only on this machine
    const dir = project([], { "missing.yaml": withSeed("missing", "sources/missing.txt"), "absolute.yaml": withSeed("absolute", absolute) });
    mkdirSync(join(dir, "spec", "sources"));
    writeFileSync(join(dir, "spec", "sources", "missing.txt.bak"), "a file beside the named one is not the named one\n");
    const line = base.split("\n").indexOf("  document: Example API — Response Code") + 2;

    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const headlines = r.stderr.split("\n").filter((l) => l.startsWith("spec/"));
    expect(headlines).toEqual([
      `spec/absolute.yaml:${line}:9: seed "${absolute}" is an absolute path; give the document's path relative to the spec file's directory (e.g. sources/<id>.txt)`,
      `spec/missing.yaml:${line}:9: seed "sources/missing.txt" names no file (looked for spec/sources/missing.txt); a seed is relative to the spec file's directory (e.g. sources/<id>.txt)`,
    ]);
    expect(r.stderr).toContain(`> ${line} |   seed: sources/missing.txt\n     |         ${"^".repeat("sources/missing.txt".length)}\n`);
    expect(r.stderr).toContain("2 problems found; nothing was written.");
    expect(existsSync(join(dir, "generated"))).toBe(false);

    // The same spec lints once the named file is there, resolved against the spec file's directory.
    writeFileSync(join(dir, "spec", "sources", "missing.txt"), "the source document\n");
    rmSync(join(dir, "spec", "absolute.yaml"));
    expect(await runIn(["lint"], dir)).toEqual({ code: 0, stdout: "codebook: 1 spec checked, no problems\n", stderr: "" });
  });
});

describe(".yml specs", () => {
  it("are read like .yaml: linted, generated, named in diagnostics", async () => {
    const dir = project([], { "codes.yml": minimalSpec() });
    expect(await runIn(["lint"], dir)).toMatchObject({ code: 0, stdout: "codebook: 1 spec checked, no problems\n" });
    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "generated", "codes", "src", "index.ts"), "utf8").split("\n")[0]).toBe("// Code generated by codebook from spec/codes.yml. DO NOT EDIT.");
    writeFileSync(join(dir, "spec", "codes.yml"), minimalSpec().replace('- code: "01"', "- code: 01"));
    expect((await runIn(["lint"], dir)).stderr).toMatch(/^spec\/codes\.yml:\d+:\d+: /);
  });

  it("the same id as .yaml and .yml is a problem, not a silent pick", async () => {
    const dir = project([], { "codes.yml": minimalSpec(), "codes.yaml": minimalSpec() });
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('spec/codes.yml:1:1: spec id "codes" is already spec/codes.yaml; keep one file per id');
  });
});

describe("config and directory errors: one clear line, exit 2", () => {
  it("no config and no spec/ in the current directory", async () => {
    const dir = tempDir();
    const r = await runIn(["generate"], dir);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `codebook: no codebook.config.yaml in ${dir} or above it, and no spec/ directory here: run \`codebook init\`, or pass --config FILE\n` });
  });

  it("a specDir that does not exist", async () => {
    const dir = project([], {}, "specDir: specs\n");
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`codebook: ${join(dir, "codebook.config.yaml")}: spec directory specs does not exist (specDir)\n`);
  });

  it("an empty spec directory says so", async () => {
    const dir = project([]);
    for (const command of ["lint", "generate"]) {
      const r = await runIn([command], dir);
      expect(r.code, command).toBe(2);
      expect(r.stderr).toBe("codebook: spec/ holds no specs (*.yaml or *.yml files); scaffold one with `codebook init <id>`\n");
    }
  });

  it("--config naming a missing file", async () => {
    expect(await runIn(["lint", "--config", "nope.yaml"], tempDir())).toEqual({ code: 2, stdout: "", stderr: "codebook: nope.yaml: config file not found\n" });
  });

  it("a bad option value", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() }, "enumStyle: maybe\n");
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"enumStyle" must be "const" or "enum"');
  });

  it.each([
    [".", "is the config file's own directory"],
    ["..", "holds the config file's directory"],
    ["/", "is the filesystem root"],
    ['""', 'must not be empty'],
    ["spec", "is the spec directory"],
  ])("outDir %s is refused (%s) and nothing is written", async (outDir, why) => {
    const dir = project([], { "codes.yaml": minimalSpec() }, `specDir: spec\noutDir: ${outDir}\n`);
    const before = snapshot(dir);
    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(why);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("a config that is not a regular file, or too large (issue 18): one line, exit 2, never blocks", () => {
  it.each([
    ["/dev/zero", () => "/dev/zero", "codebook: /dev/zero is a character device, not a regular file\n"],
    ["a FIFO", (dir: string) => (execFileSync("mkfifo", [join(dir, "pipe.yaml")]), "pipe.yaml"), "codebook: DIR/pipe.yaml is a FIFO (named pipe), not a regular file\n"],
    ["a directory", (dir: string) => (mkdirSync(join(dir, "conf.yaml")), "conf.yaml"), "codebook: DIR/conf.yaml is a directory, not a regular file\n"],
    ["over 1 MiB", (dir: string) => (writeFileSync(join(dir, "big.yaml"), `# ${"x".repeat(1024 * 1024)}\n`), "big.yaml"), "codebook: DIR/big.yaml is 1048579 bytes, over the limit of 1048576 (1 MiB)\n"],
  ])("--config %s", async (_name, make, stderr) => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const config = make(dir);
    for (const command of ["lint", "generate"]) expect(await runIn([command, "--config", config], dir, {}, 60_000)).toEqual({ code: 2, stdout: "", stderr: stderr.replace("DIR", dir) });
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });
});

describe("--json", () => {
  it("generate: files written, unchanged and removed; ok and exit code", async () => {
    const dir = project([], { "codes.yaml": minimalSpec(), "other.yaml": minimalSpec("other") });
    const first = JSON.parse((await runIn(["generate", "--json"], dir)).stdout);
    expect(first).toMatchObject({ command: "generate", check: false, ok: true, exitCode: 0, root: dir, packages: ["codes", "other"], unchanged: [], removed: [], problems: [] });
    expect(first.written).toHaveLength(22);
    expect(first.written).toContain("generated/codes/dist/index.js");
    renameSync(join(dir, "spec", "other.yaml"), join(dir, "other.yaml.bak"));
    const r = await runIn(["generate", "--json"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const second = JSON.parse(r.stdout);
    expect(second.written).toEqual([]);
    expect(second.unchanged).toHaveLength(11);
    expect(second.removed).toEqual(first.written.filter((p: string) => p.startsWith("generated/other/")));
  });

  it("lint and generate: spec problems with file, line, column and message; exit 1", async () => {
    const dir = project([], { "codes.yaml": minimalSpec().replace('- code: "01"', "- code: 01") });
    for (const command of ["lint", "generate"]) {
      const r = await runIn([command, "--json"], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe("");
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ command, ok: false, exitCode: 1, written: [] });
      expect(report.problems).toEqual([
        { severity: "error", kind: "spec", file: "spec/codes.yaml", line: expect.any(Number), column: expect.any(Number), message: expect.stringContaining("YAML reads 01 as the number 1") },
      ]);
      const line = readFileSync(join(dir, "spec", "codes.yaml"), "utf8").split("\n")[report.problems[0].line - 1] ?? "";
      expect(line.slice(report.problems[0].column - 1)).toBe("01");
    }
  });

  it("--check: each stale file is a problem at the line of its first change", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    await runIn(["generate"], dir);
    writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec().replace("message: Failed", "message: Declined"));
    const r = await runIn(["generate", "--check", "--json"], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ command: "generate", check: true, ok: false, exitCode: 1, written: [], removed: [] });
    const stale = report.problems.find((p: { file: string }) => p.file === "generated/codes/src/index.ts");
    expect(stale).toMatchObject({ severity: "error", kind: "stale", column: 1 });
    const lines = readFileSync(join(dir, "generated", "codes", "src", "index.ts"), "utf8").split("\n");
    // The region starts with up to two context lines; the change is in the first three lines shown.
    expect(lines.slice(stale.line - 1, stale.line + 2).some((l) => l.includes("Failed"))).toBe(true);
  });

  it("lint: the packages it checked and the root paths are relative to", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    expect(JSON.parse((await runIn(["lint", "--json"], dir)).stdout)).toEqual({
      command: "lint", check: false, ok: true, exitCode: 0, root: dir, packages: ["codes"], written: [], unchanged: [], removed: [], problems: [],
    });
  });

  it("config errors are problems without a place; exit 2; root is the config's directory, else the working directory", async () => {
    const empty = tempDir();
    const r = await runIn(["lint", "--json"], empty);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, exitCode: 2, root: empty, problems: [{ severity: "error", kind: "config", file: null, line: null, column: null }] });
    const broken = project([], { "codes.yaml": minimalSpec() }, "outDir: [\n");
    mkdirSync(join(broken, "sub"));
    expect(JSON.parse((await runIn(["generate", "--json"], join(broken, "sub"))).stdout)).toMatchObject({ exitCode: 2, root: broken, problems: [{ kind: "config" }] });
  });

  it("spec problems are sorted by file, line and column, as the text output is", async () => {
    const bad = minimalSpec().replace('- code: "01"', "- code: 01");
    const dir = project([], { "b.yaml": bad.replace("id: codes", "id: bbb"), "a.yaml": bad.replace("id: codes", "id: aaa").replace(/^title: .*$/m, "title: 7") });
    const problems = JSON.parse((await runIn(["lint", "--json"], dir)).stdout).problems as { file: string; line: number; column: number }[];
    expect(problems.length).toBeGreaterThanOrEqual(3);
    const key = (p: { file: string; line: number; column: number }) => [p.file, String(p.line).padStart(6, "0"), String(p.column).padStart(6, "0")].join(" ");
    expect(problems.map(key)).toEqual(problems.map(key).sort());
  });
});

describe("config lookup (the whole rule: test/config/config-lookup.test.ts)", () => {
  it("runs from a subdirectory of the project with the project's config", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const r = await runIn(["lint", "--json"], join(dir, "spec"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ root: dir, packages: ["codes"] });
  });

  it("names a codebook.config.json it will not read; exit 2", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "codebook.config.json"), "{}");
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`codebook: ${join(dir, "codebook.config.json")}: codebook reads its config from codebook.config.yaml only; move these options there (YAML accepts JSON as it is)\n`);
  });
});

describe("colour", () => {
  const broken = () => project([], { "codes.yaml": minimalSpec().replace('- code: "01"', "- code: 01") });

  it("never when piped (the default here), nor with NO_COLOR even when forced", async () => {
    const dir = broken();
    expect((run(["lint"], dir)).stderr).not.toContain("\x1b[");
    expect((run(["lint"], dir, { FORCE_COLOR: "1", NO_COLOR: "1" })).stderr).not.toContain("\x1b[");
  });

  it("FORCE_COLOR=1 colours diagnostics", async () => {
    const dir = broken();
    expect((run(["lint"], dir, { FORCE_COLOR: "1", NO_COLOR: "" })).stderr).toMatch(/\x1b\[1mspec\/codes\.yaml:\d+:\d+: /);
  });
});

describe("other directories", () => {
  it("works from another directory through --config", async () => {
    const dir = project(["iak-prepaid"], {}, 'specDir: spec\noutDir: out\nscope: "@acme"\n');
    const r = await runIn(["generate", "--config", join(dir, "codebook.config.yaml")], tempDir());
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "out", "iak-prepaid", "package.json"), "utf8")).name).toBe("@acme/iak-prepaid");
  });

  it("generate --check on a stale tree exits 1 and shows every changed region", async () => {
    const dir = project(["iak-prepaid"]);
    expect((await runIn(["generate"], dir)).code).toBe(0);
    const spec = join(dir, "spec", "iak-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("message: SUCCESS", "message: SUCCESSFUL").replace("message: PROCESS", "message: IN PROCESS"));
    const r = await runIn(["generate", "--check"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("  stale      generated/iak-prepaid/src/index.ts");
    expect(r.stderr).toContain("-    * `00` — SUCCESS");
    expect(r.stderr).toContain("+    * `00` — SUCCESSFUL");
    // The second edit is hundreds of lines further down: its own region, not cut off.
    expect(r.stderr).toContain("-    * `39` — PROCESS");
    expect(r.stderr).toContain("+    * `39` — IN PROCESS");
  });

  it("lint writes nothing, not even an out dir lock", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    mkdirSync(join(dir, "generated"));
    const before = snapshot(dir);
    expect((await runIn(["lint"], dir)).code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });
});
