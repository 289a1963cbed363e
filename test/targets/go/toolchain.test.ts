// The Go target's output through the real Go toolchain, for every shipped spec,
// fixture spec and profile: gofmt prints nothing to change (codebook writes gofmt's
// layout without running it), go vet is clean, and go build and go test (the
// generated examples) pass offline.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specSets, type SpecSet } from "../spec-sets.ts";
import { go, writeModules, writeWorkspace } from "./toolchain.ts";

const sets = specSets();
afterAll(() => sets.forEach((s) => s.remove()));

describe.each(sets.map((s) => [s.name, s] as [string, SpecSet]))("Go modules of the %s specs", (_name, set) => {
  let dir: string;
  let work: string;
  const packages = () => set.specs.map((s) => `./${s.id}/...`);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "codebook-go-toolchain-"));
    await writeModules(set.specs, dir);
    work = writeWorkspace(dir, set.specs);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are what gofmt prints", () => {
    const r = go(["-l", "."], dir, {}, "gofmt");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("pass go vet", () => {
    const r = go(["vet", ...packages()], dir, { GOWORK: work });
    expect(r.stderr + r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("build and pass go test (their examples), offline", () => {
    const r = go(["test", "-count=1", ...packages()], dir, { GOWORK: work });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // Every module's package has examples that ran; the fixtures packages have no tests of their own.
    for (const s of set.specs) expect(r.stdout).toMatch(new RegExp(`^ok\\s+example\\.com/codebook/${s.id}(/v\\d+)?\\s`, "m"));
  });
});
