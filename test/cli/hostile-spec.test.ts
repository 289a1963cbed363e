// Issue 10, hostile input through the command (in process; the size and memory
// checks run the bin): every problem a spec's text can have is a positioned
// diagnostic (`spec/FILE:LINE:COL: message`) with exit 1, never a stack trace, and
// nothing is written. Before, an alias bomb crashed with
// `ReferenceError: Excessive alias count`, 10,000-deep nesting printed "Maximum call
// stack size exceeded" over a 20 KB code frame, and invalid UTF-8, a NUL byte,
// an unknown tag and an escaped lone surrogate passed silently into every output.
import { spawnSync } from "node:child_process";
import { existsSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, minimalSpec, project, runIn, tempDir } from "./harness.ts";

const base = minimalSpec();
/** `message: On process` is line 32 of the minimal spec; the value starts at column 18. */
const withMessage = (value: string) => base.replace("message: On process", `message: ${value}`);

function bomb(): string {
  const lines = ['  a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) lines.push(`  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
  return base.replace("tables:\n", `x-bomb:\n${lines.join("\n")}\n` + "tables:\n");
}

const cases: [string, () => string | Uint8Array, string][] = [
  [
    "invalid UTF-8 (the first bad byte)",
    // The byte offset counts the em dash on line 10 as three bytes; the column counts characters.
    () => Buffer.from(withMessage("On pr\u0000ocess")).map((b) => (b === 0 ? 0xff : b)),
    "spec/codes.yaml:32:23: the file is not valid UTF-8: byte 0xFF at offset 640; save the spec as UTF-8 (the source document's text, re-encoded)",
  ],
  ["a NUL byte", () => withMessage("On pro\u0000cess"), "spec/codes.yaml:32:24: control character U+0000 (NUL) is not allowed in a spec: delete it"],
  ["a DEL written raw", () => withMessage("On pro\u007fcess"), "spec/codes.yaml:32:24: control character U+007F (DEL) is not allowed in a spec: delete it"],
  ["an escaped control character", () => withMessage('"On \\0 process"'), "spec/codes.yaml:32:18: control character U+0000 (NUL) (written as an escape) is not allowed in a spec: delete it"],
  ["an escaped lone surrogate", () => withMessage('"On \\udc00 process"'), "spec/codes.yaml:32:18: lone surrogate U+DC00 (written as an escape) is not text: write the character itself, or delete it"],
  ["an unknown tag", () => withMessage('!js/function "function () {}"'), 'spec/codes.yaml:32:18: unknown YAML tag "!js/function": a spec is plain data; remove the tag (and quote the value if it is text)'],
  ["an alias bomb", bomb, "spec/codes.yaml:26:10: YAML aliases expand into more than 100 copies (an alias bomb?); write the values out instead of aliasing them"],
  ["an alias that names no anchor", () => withMessage("*onProcess"), "spec/codes.yaml:32:18: YAML alias *onProcess names no anchor before it: put &onProcess on the value it repeats, above this line, or write the value out (quote it if it is text)"],
  ["an alias inside its own anchor (a cyclic value)", () => `${base}x-loop: &loop\n  again: *loop\n`, "spec/codes.yaml:38:10: YAML alias *loop refers to a value that contains it (a cycle); a spec is a tree: write the value out"],
  ["10,000-deep flow nesting", () => withMessage(`${"[".repeat(10_000)}${"]".repeat(10_000)}`), "spec/codes.yaml:32:"],
  ["100-deep flow nesting (the parser copes; the limit does not): at the 60th bracket, level 65", () => withMessage(`${"[".repeat(100)}${"]".repeat(100)}`), "spec/codes.yaml:32:77: nesting deeper than 64 levels: a spec nests about ten; flatten this value"],
  ["a tab as indentation", () => base.replace("        message: On process", "\tmessage: On process"), "spec/codes.yaml:32:1: YAML syntax error: Tabs are not allowed as indentation; indent with spaces, not tabs"],
  [
    "an exponential code pattern",
    () => base.replace('"^[0-9]{2}$"', '"^([0-9]+)+$"'),
    'spec/codes.yaml:12:12: regular expression "^([0-9]+)+$" is refused: "([0-9]+)+" repeats a group that itself repeats ("[0-9]+"): nested quantifiers take exponential time on a near-match; write one repetition (e.g. "[0-9]+" alone, or a counted {n})',
  ],
  [
    "a file over the size limit",
    () => base + `# ${"x".repeat(4 * 1024 * 1024)}\n`,
    "spec/codes.yaml:1:1: spec file is 4195043 bytes, over the limit of 4194304 (4 MiB); split the provider's tables into several specs",
  ],
];

describe("hostile spec text: positioned, exit 1, no stack trace, nothing written", () => {
  it.each(cases)("%s", async (_name, text, headline) => {
    const dir = project([], { "codes.yaml": "" });
    writeFileSync(join(dir, "spec", "codes.yaml"), text());
    for (const command of ["lint", "generate"]) {
      const r = await runIn([command], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      const first = r.stderr.split("\n")[0]!;
      if (headline.endsWith(":")) expect(first.startsWith(headline)).toBe(true);
      else expect(first).toBe(headline);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error|Error:/);
      expect(r.stderr).toMatch(/1 problem found/);
      // The code frame stays short, whatever the line's length.
      for (const line of r.stderr.split("\n")) expect(line.length).toBeLessThan(400);
    }
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("10,000-deep nesting says so (not a call-stack message)", async () => {
    const dir = project([], { "codes.yaml": withMessage(`${"[".repeat(10_000)}${"]".repeat(10_000)}`) });
    const r = await runIn(["lint"], dir);
    expect(r.stderr.split("\n")[0]).toMatch(/^spec\/codes\.yaml:32:\d+: YAML nesting is too deep: a spec nests at most 64 levels$/);
    expect(r.stderr).not.toContain("call stack");
  });

  it("valid UTF-8 with a byte-order mark and multi-byte characters still lints", async () => {
    const dir = project([], { "codes.yaml": "" });
    writeFileSync(join(dir, "spec", "codes.yaml"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withMessage("Dalam proses — “tunggu” 🙂"))]));
    expect(await runIn(["lint"], dir)).toMatchObject({ code: 0, stderr: "" });
  });
});

describe("a spec too large to read is refused by its size, before a byte is read (issue 18)", () => {
  // Sparse files: the size is real to fstat, the disk holds nothing.
  const GiB = 1024 ** 3;

  it.each([
    // Over 2 GiB, Node cannot read a file into one buffer: ERR_FS_FILE_TOO_LARGE, exit 3, with a stack.
    ["3 GiB", 3 * GiB],
    ["1 GiB", GiB],
  ])("%s: lint and generate exit 1 with the positioned problem; generate writes nothing", async (_name, size) => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const big = join(dir, "spec", "big.yaml");
    writeFileSync(big, "");
    truncateSync(big, size);
    for (const command of ["lint", "generate", "generate --check"]) {
      const r = await runIn(command.split(" "), dir, {}, 120_000);
      expect(r.code, `${command}: ${r.stderr}`).toBe(1);
      expect(r.stderr.split("\n")[0]).toBe(`spec/big.yaml:1:1: spec file is ${size} bytes, over the limit of 4194304 (4 MiB); split the provider's tables into several specs`);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error|ERR_FS_FILE_TOO_LARGE/);
    }
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("a 1 GiB spec is refused in well under 1 GB of memory (it took 1.1 GB: read whole, then refused)", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const big = join(dir, "spec", "big.yaml");
    writeFileSync(big, "");
    truncateSync(big, GiB);
    // The command's own peak resident memory, reported at its exit by a preloaded module.
    const probe = join(tempDir(), "max-rss.cjs");
    writeFileSync(probe, 'process.on("exit", () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\\n`));\n');
    for (const command of ["lint", "generate"]) {
      const r = spawnSync(process.execPath, ["--require", probe, cli, command], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
      expect(r.status, r.stderr).toBe(1);
      const kb = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]);
      expect(kb, r.stderr).toBeGreaterThan(0);
      expect(kb, `${command}: peak RSS ${kb} KB`).toBeLessThan(512 * 1024);
    }
  });
});
