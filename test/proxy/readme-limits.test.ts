// README.md's "Limits and hostile input" > "codebook proxy" lists the proxy's own
// limits with their defaults: each is read back from the row that names it, and
// the shared ones must equal the mock's.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../generator/mock/limits.ts";
import { DEFAULT_PROXY_LIMITS } from "../../generator/proxy/limits.ts";
import { repoRoot } from "../helpers.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const section = readme.split("\n## Limits and hostile input\n")[1]!.split("\n## ")[0]!.split("\n### codebook proxy\n")[1]!.split("\n### ")[0]!;
const rows = section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

it("names every limit of startProxy, and gives the proxy's own with their defaults", () => {
  for (const key of Object.keys(DEFAULT_PROXY_LIMITS)) expect(section.split("\n|")[0], key).toContain(key);
  for (const key of ["maxBodyBytes", "maxResponseBytes", "upstreamTimeout", "maxRecordingBacklogBytes"] as const) {
    const row = rows.find((r) => r.includes(`(\`${key}\`)`));
    expect(row, key).toBeDefined();
    const value = DEFAULT_PROXY_LIMITS[key];
    expect(row, key).toContain(key.endsWith("Timeout") ? `${thousands(value)} ms` : `${thousands(value)} bytes`);
  }
  for (const key of ["headersTimeout", "requestTimeout", "keepAliveTimeout", "maxConnections", "maxBodyBytes"] as const) expect(DEFAULT_PROXY_LIMITS[key], key).toBe(DEFAULT_LIMITS[key]);
});
