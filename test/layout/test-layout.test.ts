// test/ mirrors generator/ (generator/ARCHITECTURE.md, "Tests"): every folder of tests is a
// generator folder's name, or a target's output module, or one of the few folders named for
// what they hold. A new top-level test folder that mirrors nothing fails here.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";

const dirs = (path: string) => readdirSync(join(repoRoot, path), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** Folders that hold something other than one stage's tests, each said in ARCHITECTURE.md. */
const NAMED_FOR_CONTENT = ["docs", "e2e", "fixtures", "layout", "setup", "spec"];
/** Within a target's tests: the modules of its output (and, for every target together, the conformance suite). */
const OUTPUT_MODULES = { typescript: ["api", "classify", "consumer", "fixtures", "types"], go: [] as string[] };

describe("the test layout", () => {
  it("every top-level test folder is a generator/ folder or named for what it holds", () => {
    const stages = new Set(dirs("generator"));
    expect(dirs("test").filter((d) => !stages.has(d) && !NAMED_FOR_CONTENT.includes(d))).toEqual([]);
  });

  it("every target's tests are in test/targets/<target>/, in folders its output has", () => {
    const targets = dirs("generator/targets");
    expect(dirs("test/targets").filter((d) => !targets.includes(d) && d !== "conformance")).toEqual([]);
    for (const target of targets) {
      const own = new Set([...dirs(`generator/targets/${target}`), ...(OUTPUT_MODULES[target as keyof typeof OUTPUT_MODULES] ?? [])]);
      expect(dirs(`test/targets/${target}`).filter((d) => !own.has(d)), target).toEqual([]);
    }
  });
});
