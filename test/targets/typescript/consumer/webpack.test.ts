// webpack 5 (production mode: its own tree-shaking, then terser) drops the tables a program does
// not import (issue 21, item 1): every top-level table construction in the generated code is
// marked /* @__PURE__ */, freezing included, so a program that imports one guard ships the code
// strings and nothing else: at most 1 KB gzipped, no row, no other table.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import webpack from "webpack";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../helpers.ts";

const scratch = mkdtempSync(join(tmpdir(), "codebook-webpack-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Bundles `program` (its imports name generated packages by `PKG(id)`) in webpack's production mode. */
async function bundle(program: string): Promise<string> {
  const dir = mkdtempSync(join(scratch, "bundle-"));
  const entry = join(dir, "entry.mjs");
  writeFileSync(entry, program.replace(/PKG\(([\w-]+)(?:, ([\w.]+))?\)/g, (_m, id: string, file?: string) => JSON.stringify(join(repoRoot, "generated", id, "dist", file ?? "index.js"))));
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({ mode: "production", entry, target: "node", devtool: false, output: { path: dir, filename: "out.js" } }, (error, result) =>
      error || !result ? reject(error ?? new Error("webpack gave no result")) : resolve(result),
    ),
  );
  expect(stats.hasErrors(), stats.toString({ all: false, errors: true })).toBe(false);
  return readFileSync(join(dir, "out.js"), "utf8");
}

const catalog = (id: string) => JSON.parse(readFileSync(join(repoRoot, "generated", id, "catalog.json"), "utf8")) as { codes: { code: string; name: string; message: string }[] };
const gzipped = (text: string) => gzipSync(text, { level: 9 }).length;

describe("tree-shaking with webpack 5", () => {
  it("a bundle importing only isIakPrepaidCode is at most 1 KB gzipped and holds every code and nothing else", async () => {
    const text = await bundle(`import { isIakPrepaidCode } from PKG(iak-prepaid);\nconsole.log(isIakPrepaidCode(process.argv[2]));\n`);
    expect(gzipped(text)).toBeLessThanOrEqual(1024);
    for (const c of catalog("iak-prepaid").codes) {
      expect(text).toContain(JSON.stringify(c.code));
      // No row (its message), no member name of the code constant.
      expect(text).not.toContain(c.message);
      expect(text).not.toContain(c.name);
    }
    // Nothing of the other tables: no freezing, no pattern, no lookup map, no HTTP rules, no classifier.
    expect(text).not.toMatch(/freeze|RegExp|new Map|Bad Request|malformed|known/);
  });

  it("a bundle importing one guard of an API package holds nothing of its endpoints, validators or rows", async () => {
    const text = await bundle(`import { isSnapQrCpmCode } from PKG(snap-qr-cpm);\nconsole.log(isSnapQrCpmCode(process.argv[2]));\n`);
    expect(gzipped(text)).toBeLessThanOrEqual(1024);
    expect(text).toContain('"4006001"');
    expect(text).not.toMatch(/qr-cpm|partnerReferenceNo|Successful|Invalid Field Format|freeze|RegExp|new Map/);
  });

  it("a bundle importing one fixture holds that fixture, frozen, and no other", async () => {
    const text = await bundle(`import { snapQrCpmPaymentRequestFixture as f } from PKG(snap-qr-cpm, fixtures.js);\nconsole.log(Object.isFrozen(f), JSON.stringify(f));\n`);
    expect(text).toContain("merchantId");
    expect(text).toContain("freeze");
    // Other endpoints' fixtures, the response bodies and the index the mock serves are left out.
    expect(text).not.toMatch(/qr-cpm|responseMessage|originalPartnerReferenceNo|validateRequest/);
  });
});
