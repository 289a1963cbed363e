// `codebook lint` and `codebook generate` on a project with a broken spec, run
// through the pipeline's TypeScript sources (generator/run/pipeline.ts) the way
// generator/cli/main.ts calls them: both throw SpecError carrying every diagnostic
// (the CLI prints them and exits 1), and generate writes nothing at all.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { repoRoot } from "../helpers.ts";
import { afterEach, describe, expect, it } from "vitest";
import { diagnosticHeadline, formatDiagnostics, sortDiagnostics, SpecError } from "../../generator/load/diagnostics.ts";
import { generate, lint } from "../../generator/run/pipeline.ts";

const root = repoRoot;
const temps: string[] = [];

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A minimal project: codebook.config.yaml (`specDir: spec`) and spec/ holding copies of the given fixtures. */
function project(fixtures: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "codebook-lint-"));
  temps.push(dir);
  writeFileSync(join(dir, "codebook.config.yaml"), "specDir: spec\n");
  mkdirSync(join(dir, "spec"));
  for (const f of fixtures) copyFileSync(join(root, "test/fixtures", `${f}.yaml`), join(dir, "spec", `${f.split("/").pop()}.yaml`));
  return dir;
}

async function specError(run: Promise<unknown>): Promise<SpecError> {
  try {
    await run;
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error("expected a SpecError, but the run succeeded");
}

/** Every file under dir (relative path, bytes, mtime), to prove a directory untouched. */
function tree(dir: string): { path: string; bytes: string; mtimeMs: number }[] {
  const out: { path: string; bytes: string; mtimeMs: number }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        out.push({ path: `${relative(dir, p)}/`, bytes: "", mtimeMs: statSync(p).mtimeMs });
        walk(p);
      } else out.push({ path: relative(dir, p), bytes: readFileSync(p).toString("base64"), mtimeMs: statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

describe("codebook lint", () => {
  it("passes on a valid spec (the harness itself works)", async () => {
    const dir = project(["good-specs/minimal"]);
    const specs = await lint({ cwd: dir });
    expect(specs.map((s) => s.id)).toEqual(["minimal"]);
  });

  it("throws SpecError with the diagnostic, its path relative to the project, and a code frame", async () => {
    const dir = project(["bad-specs/duplicate-code"]);
    const err = await specError(lint({ cwd: dir }));
    expect(err.message).toBe("1 problem in spec");
    expect(err.diagnostics.map(diagnosticHeadline)).toEqual(['spec/duplicate-code.yaml:34:15: duplicate code "01" (first at line 31)']);
    expect(formatDiagnostics(err.diagnostics, err.sources)).toBe(
      [
        'spec/duplicate-code.yaml:34:15: duplicate code "01" (first at line 31)',
        "  33 |         status: Pending",
        '> 34 |       - code: "01"',
        "     |               ^^^^",
      ].join("\n"),
    );
  });

  it("reports the problems of every spec file in one run, sorted by file and position", async () => {
    const dir = project(["bad-specs/unknown-category", "bad-specs/code-yaml-number", "bad-specs/several-problems"]);
    const err = await specError(lint({ cwd: dir }));
    expect(err.message).toBe("6 problems in spec");
    expect(sortDiagnostics(err.diagnostics).map(diagnosticHeadline)).toEqual([
      'spec/code-yaml-number.yaml:28:15: "code" must be a string: YAML reads 00 as the number 0, which loses its leading zero; write "00"',
      'spec/several-problems.yaml:30:13: action "holdPayment" names code "03", which no table lists',
      'spec/several-problems.yaml:41:17: status "Suspect" has no outcome in context "default" (map it under outcome.contexts)',
      'spec/several-problems.yaml:42:19: unknown category "users"; did you mean "user"?',
      'spec/several-problems.yaml:43:15: duplicate code "01" (first at line 39)',
      'spec/unknown-category.yaml:40:19: unknown category "users"; did you mean "user"?',
    ]);
  });

  it("reports a YAML syntax error with its frame", async () => {
    const dir = project(["bad-specs/yaml-duplicate-key"]);
    const err = await specError(lint({ cwd: dir }));
    expect(formatDiagnostics(err.diagnostics, err.sources)).toBe(
      [
        "spec/yaml-duplicate-key.yaml:33:9: YAML syntax error: Map keys must be unique",
        "  32 |         message: On process",
        "> 33 |         message: In progress",
        "     |         ^",
      ].join("\n"),
    );
  });
});

describe("codebook generate on a broken spec", () => {
  it("throws the same SpecError and leaves an existing out dir byte-for-byte untouched", async () => {
    const dir = project(["bad-specs/duplicate-code"]);
    // Output of an earlier run: a manifest claiming a package for this spec, its file, and a file of someone else's.
    const out = join(dir, "generated");
    mkdirSync(join(out, "duplicate-code"), { recursive: true });
    writeFileSync(join(out, "sentinel.txt"), "not codebook's: must survive\n");
    writeFileSync(join(out, "duplicate-code", "index.ts"), "// stale output of an earlier run\nexport const stale = true;\n");
    writeFileSync(
      join(out, ".codebook-manifest.json"),
      JSON.stringify({ toolchain: "earlier", packages: { "duplicate-code": { spec: "0".repeat(64), files: { "duplicate-code/index.ts": "0".repeat(64) } } } }, null, 2) + "\n",
    );
    const before = tree(dir);

    const err = await specError(generate({ cwd: dir }));
    expect(err.diagnostics.map(diagnosticHeadline)).toEqual(['spec/duplicate-code.yaml:34:15: duplicate code "01" (first at line 31)']);
    expect(tree(dir)).toEqual(before);
    expect(readFileSync(join(out, "sentinel.txt"), "utf8")).toBe("not codebook's: must survive\n");
  });

  it("does not create the out dir", async () => {
    const dir = project(["bad-specs/unmapped-status"]);
    const err = await specError(generate({ cwd: dir }));
    expect(err.diagnostics.map(diagnosticHeadline)).toEqual([
      'spec/unmapped-status.yaml:33:17: status "Suspect" has no outcome in context "default" (map it under outcome.contexts)',
    ]);
    expect(existsSync(join(dir, "generated"))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(["codebook.config.yaml", "spec"]);
  });

  it("with check, throws SpecError too and writes nothing", async () => {
    const dir = project(["bad-specs/yaml-unclosed-quote"]);
    const before = tree(dir);
    const err = await specError(generate({ cwd: dir, check: true }));
    expect(err.diagnostics.map(diagnosticHeadline)).toEqual(['spec/yaml-unclosed-quote.yaml:31:18: YAML syntax error: Missing closing "quote']);
    expect(tree(dir)).toEqual(before);
  });
});
