// The README's codebook/proxy example, run as it is: type-checked with tsc
// --strict in a scratch project whose node_modules link codebook (this
// repository: `codebook/proxy` resolves through package.json exports to dist/)
// and the generated package, then run by vitest against `codebook mock` as the
// sandbox (SANDBOX_URL).
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startMock } from "../../generator/mock/public-api.ts";
import { tempDir } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";
import { typecheck } from "../typecheck.ts";

it("the README's startProxy example type-checks and passes against a sandbox", async () => {
  const blocks = [...readFileSync(join(repoRoot, "README.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const example = blocks.filter((b) => b.includes('from "codebook/proxy"'));
  expect(example).toHaveLength(1);
  const dir = tempDir("codebook-proxy-readme-");
  mkdirSync(join(dir, "node_modules", "@codebook"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(repoRoot, join(dir, "node_modules", "codebook"), "dir");
  symlinkSync(join(repoRoot, "generated", "snap-qr-cpm"), join(dir, "node_modules", "@codebook", "snap-qr-cpm"), "dir");
  symlinkSync(join(repoRoot, "node_modules", "vitest"), join(dir, "node_modules", "vitest"), "dir");
  writeFileSync(join(dir, "drift.test.ts"), example[0]!);

  expect(typecheck(["drift.test.ts"], "strict", { cwd: dir, extra: { skipLibCheck: true } })).toBe("");

  const sandbox = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot });
  try {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS"));
    const vitest = join(dir, "node_modules", "vitest", "vitest.mjs");
    const r = await new Promise<{ status: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [vitest, "run", "--root", dir, "--reporter", "verbose"], { cwd: repoRoot, env: { ...env, NO_COLOR: "1", SANDBOX_URL: sandbox.url } });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("close", (status) => resolve({ status, out }));
    });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/✓ drift\.test\.ts > the sandbox answers a payment with codes and bodies the spec knows/);
  } finally {
    await sandbox.close();
  }
});
