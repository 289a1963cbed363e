// `codebook generate --watch` as a user runs it: a long-lived process on a scratch
// project and on a scratch copy of codebook itself (so that a template can be
// edited without touching this repository's templates/).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalSpec, project, snapshot, tempDir } from "./harness.ts";
import { repoRoot } from "../helpers.ts";

/** A running watcher and everything it printed so far. */
class Watcher {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(cli: string, cwd: string) {
    this.child = spawn(process.execPath, [cli, "generate", "--watch"], { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" } });
    this.child.stdout!.on("data", (d) => (this.stdout += d));
    this.child.stderr!.on("data", (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Resolves once `pattern` has matched `count` times in the stream (stdout by default). */
  async waitFor(pattern: RegExp, count = 1, stream: "stdout" | "stderr" = "stdout", timeoutMs = 60_000): Promise<void> {
    const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
    const deadline = Date.now() + timeoutMs;
    while ((this[stream].match(global) ?? []).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} x${count}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  runLines(): string[] {
    return this.stdout.split("\n").filter((l) => / in \d+\.\d\d s$/.test(l));
  }
}

const running: Watcher[] = [];
afterAll(() => {
  for (const w of running) w.child.kill("SIGKILL");
});

/** A copy of codebook laid out like an installed package, with templates of its own. */
let codebook: string;
beforeAll(() => {
  codebook = join(tempDir("codebook-installed-"), "codebook");
  mkdirSync(codebook);
  for (const d of ["dist", "templates", "schema"]) cpSync(join(repoRoot, d), join(codebook, d), { recursive: true });
  cpSync(join(repoRoot, "package.json"), join(codebook, "package.json"));
  symlinkSync(join(repoRoot, "node_modules"), join(codebook, "node_modules"), "dir");
});

describe("codebook generate --watch", () => {
  it("regenerates on spec, config and template changes, one line per run; survives a broken spec; exits 0 on SIGINT", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const spec = join(dir, "spec", "codes.yaml");
    const w = new Watcher(join(codebook, "dist", "cli.js"), dir);
    running.push(w);
    await w.waitFor(/^codebook: initial run: 11 written, 0 removed, 0 unchanged \(1 package\) in \d+\.\d\d s$/m);
    expect(w.stdout.split("\n")[0]).toMatch(/^codebook: watching .*templates\/typescript, codebook\.config\.yaml, spec \(Ctrl-C stops\)$/);

    // A spec edit: one line naming the file, what was written and how long it took.
    writeFileSync(spec, minimalSpec().replace("message: Failed", "message: Declined"));
    await w.waitFor(/^codebook: spec\/codes\.yaml changed: 6 written, 0 removed, 5 unchanged \(1 package\) in \d+\.\d\d s$/m);
    expect(readFileSync(join(dir, "generated", "codes", "catalog.json"), "utf8")).toContain('"message": "Declined"');

    // A burst of saves is one run (debounced).
    for (const m of ["Refused", "Rejected", "Denied"]) writeFileSync(spec, minimalSpec().replace("message: Failed", `message: ${m}`));
    await w.waitFor(/spec\/codes\.yaml changed/, 2);
    await new Promise((r) => setTimeout(r, 1000));
    expect(w.runLines()).toHaveLength(3);
    expect(readFileSync(join(dir, "generated", "codes", "catalog.json"), "utf8")).toContain('"message": "Denied"');

    // A broken spec: diagnostics, nothing written, the watcher lives on.
    const good = snapshot(join(dir, "generated"));
    writeFileSync(spec, minimalSpec().replace('- code: "01"', "- code: 01"));
    await w.waitFor(/^codebook: spec\/codes\.yaml changed: 1 problem; nothing was written, the last good output stays/m, 1, "stderr");
    expect(w.stderr).toMatch(/^spec\/codes\.yaml:\d+:\d+: "code" must be a string/m);
    expect(snapshot(join(dir, "generated"))).toEqual(good);

    // The fix is picked up.
    writeFileSync(spec, minimalSpec().replace("message: Failed", "message: Fixed"));
    await w.waitFor(/spec\/codes\.yaml changed: \d+ written/, 3);
    expect(readFileSync(join(dir, "generated", "codes", "catalog.json"), "utf8")).toContain('"message": "Fixed"');

    // The config.
    writeFileSync(join(dir, "codebook.config.yaml"), 'specDir: spec\noutDir: generated\nscope: "@acme"\n');
    await w.waitFor(/^codebook: codebook\.config\.yaml changed: \d+ written/m);
    expect(JSON.parse(readFileSync(join(dir, "generated", "codes", "package.json"), "utf8")).name).toBe("@acme/codes");

    // A template (of this copy of codebook).
    const template = join(codebook, "templates", "typescript", "README.md.hbs");
    writeFileSync(template, readFileSync(template, "utf8").replace("# {{name}}", "# {{name}} (edited template)"));
    await w.waitFor(/templates\/typescript\/README\.md\.hbs changed: 1 written/);
    expect(readFileSync(join(dir, "generated", "codes", "README.md"), "utf8")).toContain("# @acme/codes (edited template)");

    // Besides the broken spec, stderr holds only the warnings that the table changed under version 1.0.0.
    const notes = w.stderr.split("\n").filter((l) => l.startsWith("codebook:"));
    expect(notes.filter((l) => l.includes("1 problem; nothing was written"))).toHaveLength(1);
    expect(notes.filter((l) => !l.includes("1 problem")).every((l) => l.startsWith("codebook: warning: codes: the table changed but its version is still 1.0.0."))).toBe(true);
    w.child.kill("SIGINT");
    expect(await w.exited).toEqual({ code: 0, signal: null });
    expect(readFileSync(join(dir, "generated", ".codebook-manifest.json"), "utf8")).toContain('"codes"');
  }, 180_000);

  it("watches each spec's source document, and nothing else that editors leave beside the inputs (issue 20, item 8)", async () => {
    const dir = project(["iak-prepaid"]);
    const w = new Watcher(join(repoRoot, "dist", "cli.js"), dir);
    running.push(w);
    await w.waitFor(/initial run: \d+ written/);
    expect(w.stdout.split("\n")[0]).toContain(", spec, spec/sources/iak-prepaid.txt (Ctrl-C stops)");
    // Swap, backup, lock and scratch files, other files in the spec directory, and other source documents: no run.
    for (const name of [".iak-prepaid.yaml.swp", "iak-prepaid.yaml~", "#iak-prepaid.yaml#", "NOTES.md", "iak-prepaid.yaml.tmp", "sedAb12Cd"])
      writeFileSync(join(dir, "spec", name), "x\n");
    symlinkSync("user@host.4242:1700000000", join(dir, "spec", ".#iak-prepaid.yaml")); // Emacs's lock: a dangling link
    writeFileSync(join(dir, "spec", "sources", "not-a-seed.txt"), "x\n");
    await new Promise((r) => setTimeout(r, 1000));
    expect(w.runLines()).toHaveLength(1);
    // An edit of the source document is a run that names it.
    const seed = join(dir, "spec", "sources", "iak-prepaid.txt");
    writeFileSync(seed, `${readFileSync(seed, "utf8")}\n`);
    await w.waitFor(/^codebook: spec\/sources\/iak-prepaid\.txt changed: /m);
    expect(w.runLines()).toHaveLength(2);
    w.child.kill("SIGINT");
    expect(await w.exited).toEqual({ code: 0, signal: null });
  }, 120_000);

  it("exits 0 on SIGTERM, leaving no lock behind", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const w = new Watcher(join(repoRoot, "dist", "cli.js"), dir);
    running.push(w);
    await w.waitFor(/initial run: 11 written/);
    w.child.kill("SIGTERM");
    expect(await w.exited).toEqual({ code: 0, signal: null });
    expect(snapshot(join(dir, "generated")).has(".codebook-lock")).toBe(false);
  }, 120_000);

  it("a broken config at start is a usage error like plain generate: exit 2", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() }, "enumStyle: maybe\n");
    const w = new Watcher(join(repoRoot, "dist", "cli.js"), dir);
    running.push(w);
    expect(await w.exited).toEqual({ code: 2, signal: null });
    expect(w.stderr).toContain('"enumStyle" must be "const" or "enum"');
  }, 60_000);
});
