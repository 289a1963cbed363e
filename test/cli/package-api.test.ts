// codebook as a dependency of another repository: `import { generate } from "codebook"`
// resolves to the built JavaScript and its declarations, and the bin runs.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { typecheck } from "../typecheck.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "codebook-dependent-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(repoRoot, join(dir, "node_modules", "codebook"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "dependent", private: true, type: "module" }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("codebook installed as a dependency", () => {
  it("type-checks `import { generate } from \"codebook\"` under NodeNext", () => {
    writeFileSync(
      join(dir, "use.ts"),
      [
        'import { generate, SpecError, type GenerateResult, type Diagnostic } from "codebook";',
        `const result: GenerateResult = await generate({ cwd: ${JSON.stringify(repoRoot)}, check: true });`,
        "const problems: number = result.problems.length;",
        "const first: Diagnostic | undefined = new SpecError([], new Map()).diagnostics[0];",
        "// @ts-expect-error: check is a boolean",
        'void generate({ check: "yes" });',
        "export { problems, first };",
        "",
      ].join("\n"),
    );
    expect(typecheck(["use.ts"], "strict", { cwd: dir })).toBe("");
  });

  it("runs generate through the package entry point and reports the committed tree current", () => {
    writeFileSync(
      join(dir, "run.mjs"),
      `import { generate } from "codebook";\nconst r = await generate({ cwd: ${JSON.stringify(repoRoot)}, check: true });\nconsole.log(JSON.stringify({ problems: r.problems.length, report: r.report }));\n`,
    );
    const out = execFileSync(process.execPath, ["run.mjs"], { cwd: dir, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ problems: 0, report: expect.stringMatching(/^codebook: typescript: generated files are up to date \(/) });
  });

  it("runs the bin from node_modules/.bin-style path", () => {
    const r = spawnSync(process.execPath, [join(dir, "node_modules", "codebook", "dist", "cli.js"), "lint"], { cwd: repoRoot, encoding: "utf8" });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: expect.stringMatching(/^codebook: \d+ specs checked, no problems\n$/), stderr: "" });
  });
});
