// The Go docs: the README's Go example and every module README's example compile and
// run against the generated modules, and `go doc` on a package reads like the
// TypeScript README's tables: every code with its constant and outcome, and the rules
// for codes the table does not list, as model/semantics states them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unlistedPolicy } from "../../../generator/model/semantics/unlisted.ts";
import { unlistedRuleItems } from "../../../generator/targets/go/doc-file.ts";
import { goNames } from "../../../generator/targets/go/names.ts";
import { goTarget } from "../../../generator/targets/go/target.ts";
import { modulePath } from "../../../generator/targets/go/options.ts";
import { repoRoot } from "../../helpers.ts";
import { shippedSet } from "../spec-sets.ts";
import { goFiles, mustGo, writeFiles } from "./toolchain.ts";

/** The module prefix the README's examples import. */
const README_OPTIONS = goTarget.readOptions({ module: "example.com/payments/codebook" });
const set = shippedSet();
let dir: string;

const goBlocks = (markdown: string): string[] => [...markdown.matchAll(/^```go\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const squash = (s: string) => s.replace(/\s+/g, " ");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "codebook-go-docs-"));
  for (const spec of set.specs) writeFiles(join(dir, "modules"), await goFiles(spec, README_OPTIONS));
  const requires = set.specs.map((s) => `require ${modulePath(README_OPTIONS, s)} v${s.version}\nreplace ${modulePath(README_OPTIONS, s)} => ${join(dir, "modules", s.id)}`);
  writeFileSync(join(dir, "go.mod"), `module example.com/docs\n\ngo 1.19\n\n${requires.join("\n\n")}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the Go examples", () => {
  it("in README.md compile and run", () => {
    const blocks = goBlocks(readFileSync(join(repoRoot, "README.md"), "utf8"));
    expect(blocks.length).toBeGreaterThan(0);
    blocks.forEach((code, i) => {
      const at = join(dir, "readme", String(i));
      mkdirSync(at, { recursive: true });
      writeFileSync(join(at, "main.go"), code);
      mustGo(["vet", `./readme/${i}`], dir);
      const out = mustGo(["run", `./readme/${i}`], dir);
      expect(out).toContain("check the status later");
      expect(out).toContain("pending httpStatus");
    });
  });

  it("in every module's README compile and run", () => {
    let n = 0;
    for (const spec of set.specs) {
      const readme = readFileSync(join(dir, "modules", spec.id, "README.md"), "utf8");
      for (const code of goBlocks(readme)) {
        const at = join(dir, "packages", `${spec.id}-${n}`);
        mkdirSync(at, { recursive: true });
        writeFileSync(join(at, "main.go"), code);
        mustGo(["vet", `./packages/${spec.id}-${n}`], dir);
        expect(mustGo(["run", `./packages/${spec.id}-${n}`], dir)).toMatch(/^(deliver|not final|failed|unknown)/);
        n++;
      }
    }
    expect(n).toBe(set.specs.length);
  });
});

describe("go doc", () => {
  it.each(set.specs.map((s) => [s.id, s] as const))("on %s lists every code and the rules for unlisted codes", (_id, spec) => {
    const doc = squash(mustGo(["doc"], join(dir, "modules", spec.id), { GOWORK: "off" }));
    for (const c of spec.codes) expect(doc).toContain(`${goNames.code(c)} ${JSON.stringify(c.code)}`);
    for (const ctx of spec.contexts) for (const rule of unlistedRuleItems(unlistedPolicy(spec, ctx))) expect(doc).toContain(squash(rule));
  });
});
