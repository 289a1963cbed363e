// The TypeScript examples in every generated package README compile against the package:
// a README that shows code which does not type-check would teach the wrong API.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../helpers.ts";
import { typecheck } from "../../../typecheck.ts";

/** What the examples assume the caller has: a response body and the caller's own functions. */
const ASSUMED: Record<string, string> = {
  body: "declare const body: { code: string; data: { rc: string } };",
  url: "declare const url: string;",
  headers: "declare const headers: Record<string, string>;",
  request: "declare const request: unknown;",
  log: "declare const log: { warn(message: string): void };",
  markPaid: "declare function markPaid(reference: string): void;",
  queryLater: "declare function queryLater(reason: string): void;",
  markFailed: "declare function markFailed(reason: string): void;",
};

/** The example, with declarations for what it uses but does not define itself. */
function module(code: string): string {
  const prelude = Object.entries(ASSUMED)
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(code) && !new RegExp(`\\b(const|let|function)\\s+${name}\\b`).test(code))
    .map(([, declaration]) => declaration);
  return `${code}\n${prelude.join("\n")}\nexport {};\n`;
}

const dir = mkdtempSync(join(tmpdir(), "codebook-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function examples(readme: string): string[] {
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe("README examples", () => {
  const ids = readdirSync(join(repoRoot, "generated"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

  it("every package README has at least one TypeScript example, and all of them type-check", () => {
    mkdirSync(join(dir, "node_modules", "@codebook"), { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const files: string[] = [];
    for (const id of ids) {
      symlinkSync(join(repoRoot, "generated", id), join(dir, "node_modules", "@codebook", id), "dir");
      const blocks = examples(readFileSync(join(repoRoot, "generated", id, "README.md"), "utf8"));
      expect(blocks.length, id).toBeGreaterThan(0);
      blocks.forEach((code, i) => {
        const file = `${id}-${i}.ts`;
        writeFileSync(join(dir, file), module(code));
        files.push(file);
      });
    }
    // The root README's example too.
    // (The codebook/mock and codebook/proxy examples are vitest files: test/mock/readme-example.test.ts and
    // test/proxy/readme-example.test.ts type-check and run them.)
    const root = examples(readFileSync(join(repoRoot, "README.md"), "utf8")).filter((c) => c.includes('from "@codebook/') && !/from "codebook\/(mock|proxy)"/.test(c));
    expect(root.length).toBeGreaterThan(0);
    root.forEach((code, i) => {
      writeFileSync(join(dir, `root-${i}.ts`), module(code));
      files.push(`root-${i}.ts`);
    });
    expect(typecheck(files, "strict", { cwd: dir })).toBe("");
  });
});
