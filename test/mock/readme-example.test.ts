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
import { typecheck } from "../typecheck.ts";
import { readmeScenarioFile } from "./harness.ts";

const dir = mkdtempSync(join(tmpdir(), "codebook-mock-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** The README's example that starts with `// test/<name>` and imports codebook/mock. */
function example(name: string): string {
  const found = blocks.filter((b) => b.startsWith(`// test/${name} `) && b.includes('from "codebook/mock"'));
  expect(found, name).toHaveLength(1);
  return found[0]!;
}

it("the README's examples of codebook/mock are the two a test runs", () => {
  expect(blocks.filter((b) => b.includes('from "codebook/mock"')).map((b) => b.split("\n")[0])).toEqual([
    "// test/payment.test.ts — your integration against the sandbox",
    "// test/settlement.test.ts — pending then query then notify; timeout then query shows success",
  ]);
});

it("the README's startMock examples type-check and pass: the payment one, and both flows of its scenario file", () => {
  const payment = example("payment.test.ts");
  expect(payment).toContain("it.each(");
  mkdirSync(join(dir, "node_modules", "@codebook"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(repoRoot, join(dir, "node_modules", "codebook"), "dir");
  symlinkSync(join(repoRoot, "generated", "snap-qr-cpm"), join(dir, "node_modules", "@codebook", "snap-qr-cpm"), "dir");
  symlinkSync(join(repoRoot, "node_modules", "vitest"), join(dir, "node_modules", "vitest"), "dir");
  writeFileSync(join(dir, "payment.test.ts"), payment);
  writeFileSync(join(dir, "settlement.test.ts"), example("settlement.test.ts"));
  writeFileSync(join(dir, "sandbox-flows.yaml"), readmeScenarioFile("sandbox-flows.yaml"));

  expect(typecheck(["payment.test.ts", "settlement.test.ts"], "strict", { cwd: dir, extra: { skipLibCheck: true } })).toBe("");

  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));
  const vitest = join(dir, "node_modules", "vitest", "vitest.mjs");
  const r = spawnSync(process.execPath, [vitest, "run", "--root", dir, "--reporter", "verbose"], { cwd: repoRoot, encoding: "utf8", env: { ...env, NO_COLOR: "1" } });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toMatch(/holds the payment on 5046000/);
  expect(r.stdout).toMatch(/✓ settlement\.test\.ts > pending, then query, then notify: paid, and the notify says so/);
  expect(r.stdout).toMatch(/✓ settlement\.test\.ts > timeout, then query shows success: paid, never refunded or paid twice/);
  expect(r.stdout).toMatch(/Tests\s+\d+ passed/);
  expect(r.stdout).not.toMatch(/failed|skipped/);
});
