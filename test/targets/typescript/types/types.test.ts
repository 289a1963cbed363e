/**
 * Type-level tests of the generated packages: the fixtures in test/fixtures/types/
 * are compiled once with the TypeScript compiler API, against the packages'
 * published declarations (paths "@codebook/*" -> generated/<id>, whose package.json
 * "types" is dist/index.d.ts), strict, moduleResolution Bundler. Files in pass/ must
 * compile with no diagnostics; every file in fail/ must report exactly the errors
 * listed here (line and code), no more, no fewer.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../helpers.ts";

const fixtureDir = join(repoRoot, "test", "fixtures", "types");

let program: ts.Program;
let generalDiagnostics: readonly ts.Diagnostic[];

beforeAll(() => {
  const configPath = join(fixtureDir, "tsconfig.json");
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, fixtureDir, undefined, configPath);
  program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, configFileParsingDiagnostics: parsed.errors });
  generalDiagnostics = [...parsed.errors, ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
}, 60_000);

/** "line: TScode" for every diagnostic in one fixture file, in source order. */
function diagnosticsOf(fixture: string): string[] {
  const file = program.getSourceFile(join(fixtureDir, fixture));
  if (!file) throw new Error(`fixture ${fixture} is not part of the program`);
  const all = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
  return all
    .sort((a, b) => (a.start ?? 0) - (b.start ?? 0))
    .map((d) => `${file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: TS${d.code}`);
}

/** Full messages, for a readable failure. */
function messagesOf(fixture: string): string[] {
  const file = program.getSourceFile(join(fixtureDir, fixture))!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
    (d) => `${file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
  );
}

describe("type fixtures (TypeScript API, strict, moduleResolution Bundler)", () => {
  it("the fixture set is the expected one, and nothing outside a file is reported", () => {
    expect(readdirSync(join(fixtureDir, "pass")).sort()).toEqual(["exact-unions.ts", "narrowing.ts"]);
    expect(readdirSync(join(fixtureDir, "fail")).sort()).toEqual(["excluded-literals.ts", "exhaustiveness.ts", "narrowing.ts"]);
    expect(generalDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "))).toEqual([]);
    expect(program.getCompilerOptions().strict).toBe(true);
    expect(program.getCompilerOptions().moduleResolution).toBe(ts.ModuleResolutionKind.Bundler);
  });

  it("resolves each @codebook/<id> import to generated/<id>/dist/index.d.ts (what consumers get)", () => {
    const declarationFiles = program
      .getSourceFiles()
      .map((f) => relative(repoRoot, f.fileName).split("\\").join("/"))
      .filter((p) => p.startsWith("generated/"))
      .sort();
    expect(declarationFiles).toEqual([
      "generated/doku-biller/dist/index.d.ts",
      "generated/iak-postpaid/dist/index.d.ts",
      "generated/iak-prepaid/dist/index.d.ts",
      "generated/tokopedia-partner/dist/index.d.ts",
    ]);
    // skipLibCheck is off: the declarations themselves are checked too.
    for (const p of declarationFiles) {
      const file = program.getSourceFile(join(repoRoot, p))!;
      expect([...program.getSemanticDiagnostics(file)].map((d) => d.code), p).toEqual([]);
    }
  });

  it("pass/exact-unions.ts compiles: every union is exactly its codes (Equals + assignability both ways)", () => {
    expect(messagesOf("pass/exact-unions.ts")).toEqual([]);
  });

  it("pass/narrowing.ts compiles: switch narrowing per context, exhaustive switches with a never default", () => {
    expect(messagesOf("pass/narrowing.ts")).toEqual([]);
  });

  it("fail/excluded-literals.ts: every excluded literal, widening and inexact Equals is rejected", () => {
    expect(diagnosticsOf("fail/excluded-literals.ts"), messagesOf("fail/excluded-literals.ts").join("\n")).toEqual([
      "7: TS2322", // "00" is not an IakPrepaidPendingCode
      "8: TS2322", // "05" (postpaid's pending code) is not a prepaid pending code
      "9: TS2322", // "39" is not an IakPrepaidSuccessCode
      "10: TS2322", // "0" is not an IakPrepaidCode
      "11: TS2322", // 0 (a number) is not an IakPrepaidCode
      "12: TS2322", // "11" is only in the postpaid table
      "14: TS2322", // IakPrepaidCode does not widen into IakPrepaidPendingCode
      "16: TS2322", // string is not IakPrepaidCode
      "17: TS2344", // Equals<IakPrepaidPendingCode, "39"> is false (subset)
      "18: TS2344", // Equals<IakPrepaidPendingCode, "39" | "201" | "05"> is false (superset)
      "20: TS2322", // checkStatus pending is not payment pending
      "21: TS2322", // "30" is failed, not pending, in payment
      "22: TS2322", // "U005" is not a listed user code
      "23: TS2322", // UE has no listed codes: never
    ]);
  });

  it("fail/exhaustiveness.ts: a switch over outcome missing an arm does not compile", () => {
    expect(diagnosticsOf("fail/exhaustiveness.ts"), messagesOf("fail/exhaustiveness.ts").join("\n")).toEqual([
      "13: TS2322", // IAK prepaid without "failed": the failed arm is not assignable to never
      "29: TS2322", // Tokopedia payment without "unknown": the unlisted arm is not assignable to never
      "36: TS2366", // DOKU without "pending" and without a default: function lacks ending return
      "50: TS2678", // getToken has no "pending" outcome: the case is not comparable
    ]);
    const text = messagesOf("fail/exhaustiveness.ts").join("\n");
    expect(text).toContain('outcome: "failed"');
    expect(text).toContain('outcome: "unknown"');
  });

  it("fail/narrowing.ts: a narrowed code does not fit another outcome's union", () => {
    expect(diagnosticsOf("fail/narrowing.ts"), messagesOf("fail/narrowing.ts").join("\n")).toEqual([
      "7: TS2322", // a known pending code is not a success code
      "12: TS2322", // an unlisted code (string) is not a failed code
      "18: TS2322", // checkStatus pending codes are not payment pending codes
      "23: TS2322", // describe(string) may be undefined
      "27: TS2322", // an unlisted result's code may be null (the malformed arm)
    ]);
  });
});
