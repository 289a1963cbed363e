import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.ts";
import { repoRoot } from "../helpers.ts";

const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
const strictest = [
  "--noEmit",
  "--strict",
  "--target", "ES2022",
  "--module", "NodeNext",
  "--moduleResolution", "NodeNext",
  "--noUncheckedIndexedAccess",
  "--exactOptionalPropertyTypes",
  "--noImplicitReturns",
  "--types", "node",
];

function typecheck(files: string[], extra: string[]): string {
  try {
    execFileSync(process.execPath, [tsc, ...strictest, ...extra, ...files], { cwd: repoRoot, encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

describe("generated TypeScript sources", () => {
  it("type-check under the strictest flags, --isolatedDeclarations and --erasableSyntaxOnly", () => {
    const ids = readdirSync(join(repoRoot, "generated"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(ids.sort()).toEqual(["doku-biller", "iak-postpaid", "iak-prepaid", "snap-qr-cpm", "tokopedia-partner"]);
    const files = ids.map((id) => join("generated", id, "src", "index.ts"));
    expect(typecheck(files, ["--isolatedDeclarations", "--declaration", "--erasableSyntaxOnly"])).toBe("");
  });

  it("with enumStyle: enum, emit TypeScript enums that type-check", async () => {
    const dir = mkdtempSync(join(tmpdir(), "codebook-enum-"));
    writeFileSync(join(dir, "codebook.config.yaml"), `specDir: ${join(repoRoot, "spec")}\noutDir: out\nenumStyle: enum\n`);
    const result = await generate({ cwd: dir, only: ["iak-prepaid", "doku-biller", "tokopedia-partner"] });
    const source = result.files.find((f) => f.path === "iak-prepaid/src/index.ts")!.content;
    expect(source).toContain("export enum IakPrepaidCode {");
    expect(source).toContain('Success = "00",');
    expect(source).toContain("export type IakPrepaidPendingCode = IakPrepaidCode.InProcess | IakPrepaidCode.UndefinedResponseCode;");
    const files = ["iak-prepaid", "doku-biller", "tokopedia-partner"].map((id) => join(dir, "out", id, "src", "index.ts"));
    try {
      expect(typecheck(files, ["--isolatedDeclarations", "--declaration"])).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
