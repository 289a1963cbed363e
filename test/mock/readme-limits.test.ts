// README.md's "Limits and hostile input" > "codebook mock" lists every limit the
// mock enforces with its value: each default of limits.ts is read back from the
// table row that names it, so a changed default without its README row fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { DEFAULT_LIMITS, ECHO_DEPTH, MAX_DELAY, MAX_HEADER_BYTES, REASON_HEADER_CHARS } from "../../generator/mock/limits.ts";
import { repoRoot } from "../helpers.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const limits = readme.split("\n## Limits and hostile input\n")[1]!.split("\n## ")[0]!;
const mock = limits.split("\n### codebook mock\n")[1]!.split("\n### ")[0]!;
const rows = mock.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");
const bytes = (n: number) => (n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${thousands(n)} bytes`);

it("every tunable limit has a row naming its option, with its default value", () => {
  for (const [key, value] of Object.entries(DEFAULT_LIMITS)) {
    const row = rows.find((r) => r.includes(`(\`${key}\`)`));
    expect(row, key).toBeDefined();
    const shown = key.endsWith("Timeout") ? `${thousands(value)} ms` : key.endsWith("Bytes") ? bytes(value) : `| ${thousands(value)} |`;
    expect(row, key).toContain(shown);
  }
  // And the option list above the table names every one of them.
  for (const key of Object.keys(DEFAULT_LIMITS)) expect(mock.split("\n|")[0], key).toContain(key);
});

it("the fixed bounds are listed with their values", () => {
  expect(rows.some((r) => r.includes(`${thousands(MAX_DELAY)} ms`))).toBe(true);
  expect(rows.some((r) => r.includes(`${ECHO_DEPTH} levels`))).toBe(true);
  expect(rows.some((r) => r.includes(`${thousands(REASON_HEADER_CHARS)} characters`))).toBe(true);
  expect(rows.some((r) => r.includes(bytes(MAX_HEADER_BYTES)))).toBe(true);
});
