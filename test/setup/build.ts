// Builds dist/ before the tests, so tests that run the `codebook` command (a real
// process, as users run it) never see a stale build. A dist/ whose stamp matches the
// sources (scripts/build-inputs.mjs) is current: `npm ci` has just built it (the package's
// prepare step), and building it again would only cost the run its first seconds.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildInputsHash, STAMP } from "../../scripts/build-inputs.mjs";
import { repoRoot } from "../helpers.ts";

export default function setup(): void {
  const stamp = join(repoRoot, STAMP);
  const built = ["cli.js", "index.js", "mock.js", "proxy.js"].every((f) => existsSync(join(repoRoot, "dist", f)));
  if (built && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === buildInputsHash(repoRoot)) return;
  execFileSync(process.execPath, [join(repoRoot, "scripts", "build.mjs")], { cwd: repoRoot, stdio: "inherit" });
}
