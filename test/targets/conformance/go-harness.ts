// The Go side of the suite: the set's modules written by the Go target, and one Go
// program (generated here, per set) that imports every module through `replace`,
// reads a case file, runs each case through the generated code and prints the
// canonical answers. Where a function has a string and a decoded-value form
// (Classify and ClassifyValue, the validators' JSON text and value forms) the
// harness runs both and marks a case whose two answers differ.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { GeneratedFile } from "../../../generator/model/generated-file.ts";
import type { Spec } from "../../../generator/model/types.ts";
import { exported, goNames, packageName } from "../../../generator/targets/go/names.ts";
import { modulePath } from "../../../generator/targets/go/options.ts";
import type { SpecSet } from "../spec-sets.ts";
import { mustGo, testOptions, writeModules } from "../go/toolchain.ts";
import type { CaseFile } from "./cases.ts";
import type { Answers, TargetHarness } from "./target-harness.ts";

const PRELUDE = `package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
%IMPORTS%
)

type cases struct {
	Classify []struct {
		Value   string \`json:"value"\`
		Context string \`json:"context"\`
	} \`json:"classify"\`
	Response []struct {
		HTTPStatus int    \`json:"httpStatus"\`
		Code       string \`json:"code"\`
	} \`json:"response"\`
	Parse []struct {
		Value string \`json:"value"\`
	} \`json:"parse"\`
	HTTPStatus []struct {
		HTTPStatus int    \`json:"httpStatus"\`
		Body       string \`json:"body"\`
	} \`json:"httpStatus"\`
	Validate []struct {
		Endpoint string \`json:"endpoint"\`
		Body     string \`json:"body"\`
		Strict   bool   \`json:"strict"\`
		JSON     string \`json:"json"\`
	} \`json:"validate"\`
}

type answers struct {
	Classify   []map[string]any \`json:"classify"\`
	Response   []map[string]any \`json:"response"\`
	Parse      []map[string]any \`json:"parse"\`
	HTTPStatus []map[string]any \`json:"httpStatus"\`
	Validate   []map[string]any \`json:"validate"\`
}

func fatal(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(2)
}

// decode reads JSON text as an integrator's decoder does (numbers as json.Number).
func decode(text string) any {
	d := json.NewDecoder(bytes.NewReader([]byte(text)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		fatal("bad case value " + text + ": " + err.Error())
	}
	return v
}

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func classified(m map[string]any, kind, outcome, code, category, reason string) map[string]any {
	m["kind"], m["outcome"], m["category"], m["reason"] = kind, outcome, str(category), str(reason)
	m["code"] = nil
	if kind != "malformed" {
		m["code"] = code
	}
	return m
}

type verr struct{ path, rule, message, field string }

func validated(errs []verr) map[string]any {
	list := []any{}
	for _, e := range errs {
		list = append(list, map[string]any{"path": e.path, "rule": e.rule, "message": e.message, "field": str(e.field)})
	}
	return map[string]any{"ok": len(errs) == 0, "errors": list}
}

// sameErrors: the value form reports what the JSON text form reports; a Go map has no key order, so order aside.
func sameErrors(a, b []verr) bool {
	key := func(l []verr) []string {
		out := []string{}
		for _, e := range l {
			out = append(out, e.path+"\\x00"+e.rule+"\\x00"+e.message)
		}
		sort.Strings(out)
		return out
	}
	return reflect.DeepEqual(key(a), key(b))
}

func main() {
	if len(os.Args) != 4 {
		fatal("usage: harness <spec id> <cases.json> <answers.json>")
	}
	data, err := os.ReadFile(os.Args[2])
	if err != nil {
		fatal(err.Error())
	}
	var c cases
	if err := json.Unmarshal(data, &c); err != nil {
		fatal(err.Error())
	}
	var a *answers
	switch os.Args[1] {
%CASES%
	default:
		fatal("no spec " + os.Args[1])
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a); err != nil {
		fatal(err.Error())
	}
	if err := os.WriteFile(os.Args[3], out.Bytes(), 0o644); err != nil {
		fatal(err.Error())
	}
}
`;

/** The runner of one spec: its package's API, called case by case. */
function runner(spec: Spec, p: string, fn: string): string {
  const actions = spec.actions.length
    ? `\t\t\tacts := []any{}\n\t\t\tfor _, x := range ${p}.ActionsFor(${p}.Code(s)) {\n\t\t\t\tacts = append(acts, string(x))\n\t\t\t}\n\t\t\tm["actions"] = acts\n`
    : "";
  const lines = [
    `func ${fn}(c *cases) *answers {`,
    "\ta := &answers{Classify: []map[string]any{}, Response: []map[string]any{}, Parse: []map[string]any{}, HTTPStatus: []map[string]any{}, Validate: []map[string]any{}}",
    "\tfor _, k := range c.Classify {",
    `\t\tctx, ok := ${p}.ParseContext(k.Context)`,
    '\t\tif !ok {\n\t\t\tfatal("unknown context " + k.Context)\n\t\t}',
    "\t\tv := decode(k.Value)",
    `\t\tm := map[string]any{"isCode": false, "describe": nil, "actions": nil, "entry": nil}`,
    `\t\tvar r ${p}.Result`,
    "\t\tif s, isString := v.(string); isString {",
    `\t\t\tr = ${p}.Classify(s, ctx)`,
    `\t\t\tif !reflect.DeepEqual(r, ${p}.ClassifyValue(s, ctx)) {\n\t\t\t\tm["classifyValueDiffers"] = true\n\t\t\t}`,
    `\t\t\tm["isCode"] = ${p}.IsCode(s)`,
    `\t\t\tif e := ${p}.Describe(${p}.Code(s)); e != nil {\n\t\t\t\tm["describe"] = e.Name\n\t\t\t}`,
    actions.trimEnd(),
    "\t\t} else {",
    `\t\t\tr = ${p}.ClassifyValue(v, ctx)`,
    "\t\t}",
    "\t\tif r.Entry != nil {",
    '\t\t\tm["entry"] = map[string]any{"name": r.Entry.Name, "message": r.Entry.Message, "table": r.Entry.Table, "row": r.Entry.Row}',
    "\t\t}",
    "\t\ta.Classify = append(a.Classify, classified(m, r.Kind.String(), r.Outcome.String(), string(r.Code), string(r.Category), r.Reason))",
    "\t}",
  ].filter((l) => l !== "");
  if (spec.transport)
    lines.push(
      "\tfor _, k := range c.Response {",
      "\t\tv := decode(k.Code)",
      `\t\tr := ${p}.ClassifyResponseValue(k.HTTPStatus, v)`,
      "\t\tm := map[string]any{}",
      `\t\tif s, ok := v.(string); ok && !reflect.DeepEqual(r, ${p}.ClassifyResponse(k.HTTPStatus, s)) {\n\t\t\tm["classifyResponseDiffers"] = true\n\t\t}`,
      "\t\tif r.ByHTTPStatus {",
      '\t\t\tm["byStatus"], m["outcome"], m["reason"], m["code"] = true, r.Outcome.String(), r.Reason, nil',
      '\t\t\tif s, ok := v.(string); ok {\n\t\t\t\tm["code"] = s\n\t\t\t}',
      "\t\t\ta.Response = append(a.Response, m)",
      "\t\t\tcontinue",
      "\t\t}",
      '\t\tm["byStatus"] = false',
      "\t\ta.Response = append(a.Response, classified(m, r.Code.Kind.String(), r.Outcome.String(), string(r.Code.Code), string(r.Code.Category), r.Reason))",
      "\t}",
    );
  if (spec.api) lines.push(...apiRunner(spec, p));
  lines.push("\treturn a", "}");
  return lines.join("\n");
}

function apiRunner(spec: Spec, p: string): string[] {
  const parts = spec.composite!.parts.map((x) => `${JSON.stringify(x.name)}: q.Parts.${exported(x.name)}`).join(", ");
  const validators = spec.api!.endpoints.flatMap((e) =>
    (["request", "response"] as const).map((body) => {
      const name = body === "request" ? goNames.validateRequest(e.key) : goNames.validateResponse(e.key);
      return `\t\tcase ${JSON.stringify(`${e.key}/${body}`)}:\n\t\t\terrs, values = ${p}.${name}([]byte(k.JSON), opts), ${p}.${name}Value(decode(k.JSON), opts)`;
    }),
  );
  return [
    `\tparsed := func(q ${p}.ParsedCode) map[string]any {`,
    '\t\tkind := map[string]string{"known": "known", "unlisted": "unknown", "malformed": "malformed"}[q.Kind.String()]',
    '\t\tm := map[string]any{"kind": kind, "code": nil, "parts": nil, "category": str(string(q.Category)), "message": str(q.Message), "description": str(q.Description), "outcome": nil, "endpoint": nil, "name": str(q.Name), "reason": str(q.Reason)}',
    `\t\tif q.Kind != ${p}.KindMalformed {`,
    `\t\t\tm["code"], m["parts"], m["outcome"] = string(q.Code), map[string]any{${parts}}, q.Outcome.String()`,
    "\t\t}",
    '\t\tif q.Endpoint != nil {\n\t\t\tm["endpoint"] = q.Endpoint.Key\n\t\t}',
    "\t\treturn m",
    "\t}",
    "\tfor _, k := range c.Parse {",
    "\t\tv := decode(k.Value)",
    `\t\tq := ${p}.ParseResponseCodeValue(v)`,
    "\t\tm := parsed(q)",
    `\t\tif s, ok := v.(string); ok && !reflect.DeepEqual(q, ${p}.ParseResponseCode(s)) {\n\t\t\tm["parseValueDiffers"] = true\n\t\t}`,
    "\t\ta.Parse = append(a.Parse, m)",
    "\t}",
    "\tfor _, k := range c.HTTPStatus {",
    `\t\tr := ${p}.CheckHTTPStatus(k.HTTPStatus, []byte(k.Body))`,
    '\t\ta.HTTPStatus = append(a.HTTPStatus, map[string]any{"consistent": r.Consistent, "actOn": r.ActOn.String(), "outcome": r.Outcome.String(), "httpStatus": r.HTTPStatus, "httpOutcome": r.HTTPOutcome.String(), "code": parsed(r.Code), "reason": r.Reason})',
    "\t}",
    `\tconvert := func(list []${p}.ValidationError) []verr {`,
    "\t\tout := []verr{}",
    "\t\tfor _, e := range list {\n\t\t\tout = append(out, verr{e.Path, string(e.Rule), e.Message, e.Field})\n\t\t}",
    "\t\treturn out",
    "\t}",
    "\tfor _, k := range c.Validate {",
    `\t\topts := ${p}.ValidateOptions{Strict: k.Strict}`,
    `\t\tvar errs, values []${p}.ValidationError`,
    '\t\tswitch k.Endpoint + "/" + k.Body {',
    ...validators,
    '\t\tdefault:\n\t\t\tfatal("no validator for " + k.Endpoint + "/" + k.Body)',
    "\t\t}",
    "\t\tm := validated(convert(errs))",
    '\t\tif !sameErrors(convert(errs), convert(values)) {\n\t\t\tm["valueDiffers"] = true\n\t\t}',
    "\t\ta.Validate = append(a.Validate, m)",
    "\t}",
  ];
}

/** The harness program for a set: its go.mod (a replace per module) and main.go. */
export function harnessSources(specs: readonly Spec[], modulesDir: string): { goMod: string; main: string } {
  const aliases = specs.map((s, i) => ({ spec: s, p: `p${i}_${packageName(s)}`, fn: `run${i}` }));
  const imports = aliases.map((a) => `\t${a.p} ${JSON.stringify(modulePath(testOptions, a.spec))}`).join("\n");
  const switchCases = aliases.map((a) => `\tcase ${JSON.stringify(a.spec.id)}:\n\t\ta = ${a.fn}(&c)`).join("\n");
  const main = PRELUDE.replace("%IMPORTS%", `\n${imports}`).replace("%CASES%", switchCases) + "\n" + aliases.map((a) => runner(a.spec, a.p, a.fn)).join("\n\n") + "\n";
  const requires = specs.map((s) => `require ${modulePath(testOptions, s)} v${s.version}\nreplace ${modulePath(testOptions, s)} => ${join(modulesDir, s.id)}`).join("\n\n");
  return { goMod: `module example.com/conformance\n\ngo 1.19\n\n${requires}\n`, main };
}

export class GoHarness implements TargetHarness {
  readonly name = "go";
  private binary = "";

  /** `edit` changes a module's files before they are written: the test that shows the suite catches a difference uses it. */
  constructor(private readonly edit?: (spec: Spec, files: GeneratedFile[]) => GeneratedFile[]) {}

  async prepare(set: SpecSet, dir: string): Promise<void> {
    const modules = join(dir, "modules");
    await writeModules(set.specs, modules, this.edit);
    const harness = join(dir, "harness");
    mkdirSync(harness, { recursive: true });
    const { goMod, main } = harnessSources(set.specs, modules);
    writeFileSync(join(harness, "go.mod"), goMod);
    writeFileSync(join(harness, "main.go"), main);
    this.binary = join(harness, "harness");
    mustGo(["build", "-o", this.binary, "."], harness);
  }

  async answer(spec: Spec, _cases: CaseFile, casesPath: string): Promise<Answers> {
    const out = `${casesPath}.go-answers.json`;
    mustGo([spec.id, casesPath, out], ".", {}, this.binary);
    return JSON.parse(readFileSync(out, "utf8")) as Answers;
  }
}
