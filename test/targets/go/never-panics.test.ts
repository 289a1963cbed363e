// Nothing the generated Go exports panics, whatever it is given: random strings (bytes
// that are not UTF-8 included), every kind of Go value (NaN, huge integers, channels,
// nested maps and slices, json.Number text that is no number), Contexts that are not
// constants, HTTP statuses of any size, and bodies that are random bytes, truncated or
// byte-flipped fixtures, or nested 100,000 deep. A Go test, written here per module and
// run with go test beside the module's own examples.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import type { Spec } from "../../../generator/model/types.ts";
import { goNames, packageName } from "../../../generator/targets/go/names.ts";
import { modulePath } from "../../../generator/targets/go/options.ts";
import { specSets } from "../spec-sets.ts";
import { go, testOptions, writeModules, writeWorkspace } from "./toolchain.ts";

const sets = specSets();
afterAll(() => sets.forEach((s) => s.remove()));

const HELPERS = `
var rng = rand.New(rand.NewSource(19))

func randomString() string {
	alphabet := []string{"0", "9", "A", "z", " ", "\\n", "é", "😀", "\\x00", "\\xff", "\\xed\\xa0\\x80", "\\"", "\\\\", "-", "."}
	var b strings.Builder
	for i, n := 0, rng.Intn(40); i < n; i++ {
		b.WriteString(alphabet[rng.Intn(len(alphabet))])
	}
	return b.String()
}

func randomValue(depth int) any {
	switch rng.Intn(14) {
	case 0:
		return nil
	case 1:
		return rng.Intn(2) == 0
	case 2:
		return rng.NormFloat64() * 1e300
	case 3:
		return math.NaN()
	case 4:
		return math.Inf(-1)
	case 5:
		return json.Number(randomString())
	case 6:
		return uint64(math.MaxUint64)
	case 7:
		return make(chan int)
	case 8:
		return struct{ A int }{1}
	case 9, 10:
		if depth > 4 {
			return randomString()
		}
		m := map[string]any{}
		for i, n := 0, rng.Intn(5); i < n; i++ {
			m[randomString()] = randomValue(depth + 1)
		}
		return m
	case 11:
		if depth > 4 {
			return 1
		}
		return []any{randomValue(depth + 1), randomValue(depth + 1)}
	}
	return randomString()
}

func randomBody(seeds []string) []byte {
	// Deep nesting is slow to refuse, so rare; random bytes and truncations a tenth each; flipped bytes the rest.
	switch n := rng.Intn(200); {
	case n == 0:
		return []byte(strings.Repeat("[", 100000))
	case n <= 20:
		b := make([]byte, rng.Intn(64))
		rng.Read(b)
		return b
	case n <= 40:
		s := seeds[rng.Intn(len(seeds))]
		return []byte(s[:rng.Intn(len(s)+1)])
	}
	b := []byte(seeds[rng.Intn(len(seeds))])
	for i := 0; i < 3 && len(b) > 0; i++ {
		b[rng.Intn(len(b))] = byte(rng.Intn(256))
	}
	return b
}
`;

function testFile(spec: Spec): string {
  const p = packageName(spec);
  const lines = [
    `\t\tctx := ${p}.Context(rng.Intn(${spec.contexts.length + 3}))`,
    "\t\ts := randomString()",
    "\t\tv := randomValue(0)",
    `\t\t_ = ${p}.Classify(s, ctx)`,
    `\t\t_ = ${p}.ClassifyValue(v, ctx)`,
    `\t\t_ = ${p}.ClassifyValue(s, ctx)`,
    `\t\t_ = ${p}.IsCode(s)`,
    `\t\t_ = ${p}.Describe(${p}.Code(s))`,
    "\t\t_, _ = ctx.String(), ctx.Title()",
    `\t\t_, _ = ${p}.ParseContext(s)`,
    `\t\t_, _ = ${p}.Category(s).Label(), ${p}.Category(s).Description()`,
  ];
  if (spec.actions.length) lines.push(`\t\t_ = ${p}.ActionsFor(${p}.Code(s))`);
  if (spec.transport) lines.push(`\t\t_ = ${p}.ClassifyResponse(rng.Intn(2000)-500, s)`, `\t\t_ = ${p}.ClassifyResponseValue(int(rng.Int63()), v)`);
  if (spec.api) {
    lines.push(
      `\t\t_, _ = ${p}.ParseResponseCode(s), ${p}.ParseResponseCodeValue(v)`,
      `\t\t_ = ${p}.EndpointOf(s)`,
      "\t\tbody := randomBody(seeds)",
      `\t\t_ = ${p}.CheckHTTPStatus(rng.Intn(2000)-500, body)`,
      `\t\t_ = ${p}.CheckHTTPStatusValue(int(rng.Int63()), v)`,
      `\t\topts := ${p}.ValidateOptions{Strict: rng.Intn(2) == 0}`,
    );
    for (const e of spec.api.endpoints)
      for (const name of [goNames.validateRequest(e.key), goNames.validateResponse(e.key)]) lines.push(`\t\t_ = ${p}.${name}(body, opts)`, `\t\t_ = ${p}.${name}Value(v, opts)`);
  }
  const seeds = spec.api ? spec.api.endpoints.flatMap((e) => [`fixtures.${e.key}Request`, `fixtures.${e.key}SuccessResponse`]).join(", ") : "";
  const imports = ['"encoding/json"', '"math"', '"math/rand"', '"strings"', '"testing"', "", `${p} ${JSON.stringify(modulePath(testOptions, spec))}`];
  if (spec.api) imports.push(`"${modulePath(testOptions, spec)}/fixtures"`);
  return `package ${p}_test

import (
${imports.map((i) => (i ? `\t${i}` : "")).join("\n")}
)
${HELPERS}
func TestNothingPanics(t *testing.T) {
	seeds := []string{${seeds || '"{}"'}}
	_ = seeds
	for i := 0; i < 4000; i++ {
${lines.join("\n")}
	}
}
`;
}

it("nothing the Go modules export panics on any input", async () => {
  let checked = 0;
  for (const set of sets) {
    const dir = mkdtempSync(join(tmpdir(), "codebook-go-panics-"));
    try {
      await writeModules(set.specs, dir);
      for (const spec of set.specs) writeFileSync(join(dir, spec.id, "nopanic_test.go"), testFile(spec));
      const work = writeWorkspace(dir, set.specs);
      const r = go(["test", "-count=1", "-run", "TestNothingPanics", ...set.specs.map((s) => `./${s.id}`)], dir, { GOWORK: work });
      expect(r.stderr + r.stdout).not.toContain("panic");
      expect(r.status).toBe(0);
      checked += (r.stdout.match(/^ok\s/gm) ?? []).length;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  expect(checked).toBe(sets.reduce((n, s) => n + s.specs.length, 0));
});
