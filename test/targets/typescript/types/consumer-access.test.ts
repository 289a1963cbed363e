// What a strict consumer writes against the published declarations (issue 21, items 3 and 8):
// `"malformed" in result` (the README's example), and a headers fixture read by its exact names,
// under the strictest flags (noUncheckedIndexedAccess included) and NodeNext resolution
// through the packages' exports, as an installed package is seen. Two programs: the files
// that must compile, and their broken twins that must not.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../helpers.ts";
import { typecheck } from "../../../typecheck.ts";

// `"malformed" in r` narrows to the malformed arm; `r.malformed` on a result that may be another arm is TS2339 (only
// the malformed arm has the key: giving the others `malformed?: never` would stop `in` from narrowing, a breaking change).
const MALFORMED = [
  'import { classifyIakPrepaidCode } from "@codebook/iak-prepaid";',
  "declare const value: unknown;",
  "const r = classifyIakPrepaidCode(value);",
  'export const input: unknown = "malformed" in r ? r.input : null;',
  "export const code: string | null = r.code;",
  'if ("malformed" in r) {',
  "  const nothing: null = r.code;",
  "  void nothing;",
  "}",
].join("\n");
// With an index signature, noUncheckedIndexedAccess made each read `string | undefined`.
const HEADERS = [
  'import { snapQrCpmPaymentRequestHeadersFixture as h } from "@codebook/snap-qr-cpm/fixtures";',
  'export const timestamp: string = h["X-TIMESTAMP"];',
  'export const partner: string = h["X-PARTNER-ID"];',
].join("\n");

const dir = mkdtempSync(join(tmpdir(), "codebook-consumer-access-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let good = "";
let bad = "";
beforeAll(() => {
  mkdirSync(join(dir, "node_modules", "@codebook"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const id of ["iak-prepaid", "snap-qr-cpm"]) symlinkSync(join(repoRoot, "generated", id), join(dir, "node_modules", "@codebook", id), "dir");
  const files = {
    "malformed.ts": MALFORMED,
    "headers.ts": HEADERS,
    // The narrowing is real: outside the malformed arm the code is not null.
    "malformed-bad.ts": MALFORMED.replace('if ("malformed" in r) {', 'if (!("malformed" in r)) {').replace('"malformed" in r ? r.input', "r.malformed ? r.input"),
    "headers-bad.ts": `${HEADERS}\nexport const typo = h["X-TIMESTAMPS"];`,
  };
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), `${code}\nexport {};\n`);
  good = typecheck(["malformed.ts", "headers.ts"], "strictest", { cwd: dir });
  bad = typecheck(["malformed-bad.ts", "headers-bad.ts"], "strictest", { cwd: dir });
}, 60_000);

describe("a strict consumer", () => {
  it('narrows with "malformed" in result, as the README shows; reading result.malformed on any result does not compile', () => {
    expect(good).toBe("");
    expect(bad).toMatch(/malformed-bad\.ts\(4,\d+\): error TS2339/);
    expect(bad).toMatch(/malformed-bad\.ts\(7,\d+\): error TS2322/);
  });

  it("reads a headers fixture by its exact names: a string each, and a misspelt name does not compile", () => {
    expect(good).toBe("");
    expect(bad).toMatch(/headers-bad\.ts\(4,\d+\): error TS(7053|2339|2551)/);
  });
});
