// The Go target's name checks (checkNames, checkSpecs): package names that are Go
// keywords or taken, specs whose ids give one package name, generated names that
// collide, struct fields that collide or cannot be tagged, and patterns Go's regexp
// cannot hold. And the checker knows every name: each exported identifier in the
// generated Go of every spec set is one it checks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../../generator/load/load-specs.ts";
import type { Spec } from "../../../generator/model/types.ts";
import { declaredNames, FIXTURES_PACKAGE } from "../../../generator/targets/go/names.ts";
import { goTarget } from "../../../generator/targets/go/target.ts";
import { fixtureSpecDir } from "../../fixture-packages.ts";
import { specSets } from "../spec-sets.ts";
import { goFiles, testOptions } from "./toolchain.ts";

const minimal = readFileSync(join(fixtureSpecDir, "minimal.yaml"), "utf8");
const minimalApi = readFileSync(join(fixtureSpecDir, "minimal-api.yaml"), "utf8");
const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Loads spec texts (file name → text) from a scratch spec directory. */
function specs(texts: Record<string, string>): Spec[] {
  const dir = mkdtempSync(join(tmpdir(), "codebook-go-names-"));
  scratch.push(dir);
  for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
  const r = loadSpecs({ root: dir, specDir: dir });
  expect(r.diagnostics).toEqual([]);
  return r.specs;
}

const withId = (text: string, id: string) => text.replace(/^id: .*$/m, `id: ${id}`);
const problems = (spec: Spec) => goTarget.checkNames(spec, testOptions);

describe("Go package names", () => {
  it("refuses a Go keyword, at the spec's id", () => {
    const [spec] = specs({ "func.yaml": withId(minimal, "func") });
    expect(problems(spec!)).toEqual([{ at: { kind: "spec", key: "id" }, message: expect.stringContaining('the Go package name "func" (the id without hyphens) is a Go keyword') }]);
  });

  it.each(["main", FIXTURES_PACKAGE])("refuses %s, a name that is taken", (id) => {
    const [spec] = specs({ [`${id}.yaml`]: withId(minimal, id) });
    expect(problems(spec!).map((p) => p.message)).toEqual([expect.stringContaining(`the Go package name "${id}" is taken`)]);
  });

  it("reports specs whose ids give one package name, at each of them", () => {
    expect(goTarget.checkIds!(["iak-prepaid", "iakprepaid", "other"], testOptions).map((f) => [f.id, f.problem.at, f.problem.message])).toEqual([
      ["iak-prepaid", { kind: "spec", key: "id" }, 'specs iak-prepaid and iakprepaid would both be the Go package "iakprepaid"; rename one of them'],
      ["iakprepaid", { kind: "spec", key: "id" }, 'specs iak-prepaid and iakprepaid would both be the Go package "iakprepaid"; rename one of them'],
    ]);
  });

  it("accepts every shipped, fixture and profile spec", () => {
    for (const set of specSets()) {
      for (const spec of set.specs) expect([spec.id, problems(spec)]).toEqual([spec.id, []]);
      expect(goTarget.checkIds!(set.specs.map((x) => x.id), testOptions)).toEqual([]);
      set.remove();
    }
  });
});

describe("at lint time, with the Go target configured", () => {
  /** Lints spec texts as a run with the Go target does: its problems are diagnostics at the spec's text. */
  function lint(texts: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), "codebook-go-lint-"));
    scratch.push(dir);
    for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
    const r = loadSpecs({ root: dir, specDir: dir, targets: [{ target: goTarget, options: testOptions }] });
    return { specs: r.specs.map((x) => x.id), diagnostics: r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.message}`) };
  }

  it("reports a keyword, a pattern RE2 cannot hold and two ids of one package at file:line:col, and keeps the clean specs", () => {
    const r = lint({
      "go.yaml": withId(minimal, "go"),
      "look.yaml": withId(minimal, "look").replace('pattern: "^[0-9]{2}$"', 'pattern: "^(?!99)[0-9]{2}$"'),
      "iak-prepaid.yaml": withId(minimal, "iak-prepaid"),
      "iakprepaid.yaml": withId(minimal, "iakprepaid"),
      "fine.yaml": withId(minimal, "fine"),
    });
    expect(r.specs).toEqual(["fine"]);
    expect(r.diagnostics).toEqual([
      'go.yaml:4:5 the Go package name "go" (the id without hyphens) is a Go keyword; choose another id',
      'iak-prepaid.yaml:4:5 specs iak-prepaid and iakprepaid would both be the Go package "iakprepaid"; rename one of them',
      'iakprepaid.yaml:4:5 specs iak-prepaid and iakprepaid would both be the Go package "iakprepaid"; rename one of them',
      'look.yaml:12:12 the code pattern "^(?!99)[0-9]{2}$": Go\'s regexp (RE2) cannot express this pattern: it has a lookaround; write the pattern without one',
    ]);
  });
  it("reports a field pattern RE2 cannot hold at the field's pattern, nested too", () => {
    const text = readFileSync(join(fixtureSpecDir, "field-formats.yaml"), "utf8").replace('pattern: "^(?:JKT|SBY|BDG)-[0-9]{2}$"', 'pattern: "^(?!XXX)[A-Z]{3}-[0-9]{2}$"');
    const r = lint({ "field-formats.yaml": text });
    expect(r.specs).toEqual([]);
    expect(r.diagnostics).toEqual([
      'field-formats.yaml:70:26 field branch.code\'s pattern "^(?!XXX)[A-Z]{3}-[0-9]{2}$": Go\'s regexp (RE2) cannot express this pattern: it has a lookaround; write the pattern without one',
    ]);
  });
});

describe("Go names a spec derives", () => {
  it("reports an endpoint whose type is a code's constant, at the endpoint", () => {
    const text = minimalApi.replace("message: Failed\n", "message: Failed\n        name: Request\n").replace("key: Payment", "key: Code");
    const [spec] = specs({ "minimal-api.yaml": text });
    expect(problems(spec!)).toEqual([{ at: { kind: "endpoint", key: "Code" }, message: 'endpoint Code is named CodeRequest in Go, which is already code "4006001"; rename one of them' }]);
  });

  it("reports an endpoint whose names are the package's own (EndpointOf)", () => {
    const [spec] = specs({ "minimal-api.yaml": minimalApi.replace("key: Payment", "key: Of") });
    expect(problems(spec!).map((p) => [p.at, p.message])).toContainEqual([{ kind: "endpoint", key: "Of" }, "endpoint Of is named EndpointOf in Go, which is already a name every Go package of codebook declares; rename one of them"]);
  });

  it("reports an endpoint whose fixture is a fixtures type (Response)", () => {
    const [spec] = specs({ "minimal-api.yaml": minimalApi.replace("key: Payment", "key: Response") });
    expect(problems(spec!).map((p) => p.message)).toContainEqual("endpoint Response's fixture Response is already a name the fixtures package declares; rename the endpoint");
  });

  it("reports fields that are one Go field, and keys encoding/json cannot tag", () => {
    const fields = `          - name: partnerReferenceNo\n            type: string\n            presence: M\n          - name: merchantId\n            type: string\n            presence: O\n          - name: merchantID\n            type: string\n            presence: O\n          - name: plain\n            type: string\n            presence: O\n`;
    const text = minimalApi.replace("          - name: partnerReferenceNo\n            type: string\n            presence: M\n", fields);
    const [spec] = specs({ "minimal-api.yaml": text });
    // The loader admits only identifier-like keys today; the Go check guards the IR all the same.
    spec!.api!.endpoints[0]!.request.fields[3]!.key = "a,b";
    expect(problems(spec!).map((p) => p.message)).toEqual([
      'fields "merchantId" and "merchantID" are both MerchantID in Go; Go field names ignore case and separators',
      'field "a,b": encoding/json cannot name a struct field with this key (a comma, quote, backslash or other character its tags refuse)',
    ]);
  });
});

describe("patterns Go's regexp cannot hold", () => {
  it("are reported at the pattern, with what to do", () => {
    const [spec] = specs({ "minimal.yaml": minimal.replace('pattern: "^[0-9]{2}$"', 'pattern: "^(?!99)[0-9]{2}$"') });
    expect(problems(spec!)).toEqual([{ at: { kind: "spec", key: "pattern" }, message: 'the code pattern "^(?!99)[0-9]{2}$": Go\'s regexp (RE2) cannot express this pattern: it has a lookaround; write the pattern without one' }]);
  });

  it("include a count over RE2's 1,000, in a category", () => {
    const text = minimal.replace('pattern: "^[0-9]{2}$"', 'pattern: "^[0-9]{2}(?:[a-z]{0,1200})$"');
    const [spec] = specs({ "minimal.yaml": text });
    expect(problems(spec!).map((p) => p.message)).toEqual([expect.stringContaining("a count over 1000")]);
  });
});

describe("the name checks know every name the Go target declares", () => {
  const exportedNames = (content: string): string[] => {
    const out: string[] = [];
    let block: string | null = null;
    for (const line of content.split("\n")) {
      const top = /^(func|type|var|const) ([A-Z]\w*)/.exec(line);
      if (top) out.push(top[2]!);
      const open = /^(const|var) \($/.exec(line);
      if (open) block = open[1]!;
      else if (line === ")") block = null;
      else if (block) {
        const member = /^\t([A-Z]\w*)\b/.exec(line);
        if (member) out.push(member[1]!);
      }
    }
    return out;
  };

  it("in the main and the fixtures package of every spec", async () => {
    let checked = 0;
    for (const set of specSets()) {
      for (const spec of set.specs) {
        const names = declaredNames(spec);
        for (const f of await goFiles(spec)) {
          if (!f.path.endsWith(".go") || f.path.endsWith("_test.go")) continue;
          const known = f.path.includes(`/${FIXTURES_PACKAGE}/`) ? names.fixtures : names.main;
          for (const name of exportedNames(f.content)) {
            expect([spec.id, f.path, name, known.has(name)]).toEqual([spec.id, f.path, name, true]);
            checked++;
          }
        }
      }
      set.remove();
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

