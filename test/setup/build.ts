// Builds dist/ once before the tests, so tests that run the `codebook` command
// (a real process, as users run it) never see a stale build.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../helpers.ts";

export default function setup(): void {
  execFileSync(process.execPath, [join(repoRoot, "scripts", "build.mjs")], { cwd: repoRoot, stdio: "inherit" });
}
