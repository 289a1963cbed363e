// The README's vitest example of an integration against startMock is run as it
// is: written to a scratch project whose node_modules link codebook (this
// repository, so `codebook/mock` resolves through package.json exports to
// dist/), the generated package and vitest; type-checked with tsc --strict,
// then run by vitest in its own process from the repository root (where
// codebook.config.yaml names the out dir startMock reads).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "codebook-mock-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the README's startMock example type-checks and passes", () => {
  const blocks = [...readFileSync(join(repoRoot, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const example = blocks.filter((b) => b.includes('from "codebook/mock"'));
  expect(example).toHaveLength(1);
  expect(example[0]).toContain("it.each(");
  mkdirSync(join(dir, "node_modules", "@codebook"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(repoRoot, join(dir, "node_modules", "codebook"), "dir");
  symlinkSync(join(repoRoot, "generated", "snap-qr-cpm"), join(dir, "node_modules", "@codebook", "snap-qr-cpm"), "dir");
  symlinkSync(join(repoRoot, "node_modules", "vitest"), join(dir, "node_modules", "vitest"), "dir");
  writeFileSync(join(dir, "payment.test.ts"), example[0]!);

  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const args = ["--noEmit", "--strict", "--skipLibCheck", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--lib", "ES2022,DOM", "--types", "node", "--typeRoots", join(repoRoot, "node_modules", "@types"), "payment.test.ts"];
  const typed = spawnSync(process.execPath, [tsc, ...args], { cwd: dir, encoding: "utf8" });
  expect(typed.stdout + typed.stderr).toBe("");

  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));
  const vitest = join(dir, "node_modules", "vitest", "vitest.mjs");
  const r = spawnSync(process.execPath, [vitest, "run", "--root", dir, "--reporter", "verbose"], { cwd: repoRoot, encoding: "utf8", env: { ...env, NO_COLOR: "1" } });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toMatch(/holds the payment on 5046000/);
  expect(r.stdout).toMatch(/Tests\s+\d+ passed/);
  expect(r.stdout).not.toMatch(/failed|skipped/);
});
