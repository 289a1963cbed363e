/**
 * A consumer project outside generated/: a scratch directory in os.tmpdir() whose
 * node_modules/@codebook/<id> are links to the generated packages, exactly as a
 * workspace or `npm link` would set them up — one for every spec in spec/.
 *
 * Two kinds of consumer run in it:
 * - hand-written ones (test/fixtures/consumer/) with provider-specific assertions;
 * - for every package, one written by the test from its catalog.json and exports
 *   (./generic.ts), so a spec someone adds is consumed without a new test.
 *
 * (a) `tsc --strict` type-checks consumer.ts and generic/<id>.ts under module/moduleResolution
 *     NodeNext (plus consumer.cts, a CommonJS TypeScript file) and under ESNext + Bundler;
 * (b) plain `node` imports the packages as ESM (consumer.mjs, generic.mjs);
 * (c) plain `node` require()s them from CommonJS (consumer.cjs, generic.cjs).
 * Every process's exit code and stdout are asserted.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, specIds } from "../../../helpers.ts";
import { expectations, packageApi, runtimeCheck, typedConsumer, type PackageApi } from "./generic.ts";

/** Every package: one per spec in spec/. */
const packages = specIds();
const scope = "@codebook";
const fixtures = join(repoRoot, "test", "fixtures", "consumer");
const tscBin = join(repoRoot, "node_modules", "typescript", "bin", "tsc");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let scratch: string;
let apis: Map<string, PackageApi>;
let nodenext: Promise<Run>;
let bundler: Promise<Run>;
let esm: Promise<Run>;
let cjs: Promise<Run>;
let genericEsm: Promise<Run>;
let genericCjs: Promise<Run>;

function tsconfig(compilerOptions: Record<string, unknown>, files: string[]): string {
  const base = { strict: true, noEmit: true, target: "ES2022", lib: ["ES2022"], types: [], skipLibCheck: false, pretty: false };
  return JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, files }, null, 2);
}

/** generic.mjs / generic.cjs: every package checked against its own catalog, one JSON object keyed by id. */
function genericRunner(kind: "esm" | "cjs"): string {
  const load = packages.map((id, i) =>
    kind === "esm" ? `import * as p${i} from ${JSON.stringify(`${scope}/${id}`)};` : `const p${i} = require(${JSON.stringify(`${scope}/${id}`)});`,
  );
  const expected = Object.fromEntries(packages.map((id) => [id, expectations(apis.get(id)!)]));
  const results = packages.map((id, i) => `  ${JSON.stringify(id)}: check(p${i}, expected[${JSON.stringify(id)}]),`);
  return [
    "// Written by test/targets/typescript/consumer/consumer.test.ts; not committed.",
    ...(kind === "cjs" ? ['"use strict";'] : []),
    ...load,
    `const expected = ${JSON.stringify(expected)};`,
    runtimeCheck,
    `process.stdout.write(JSON.stringify({\n${results.join("\n")}\n}) + "\\n");`,
    "",
  ].join("\n");
}

const genericFiles = packages.map((id) => `generic/${id}.ts`);

beforeAll(async () => {
  apis = new Map(await Promise.all(packages.map(async (id) => [id, await packageApi(id)] as const)));
  // realpath: on some systems os.tmpdir() is itself behind a symlink, and tsc prints real paths.
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "codebook-consumer-")));
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch-consumer", private: true, type: "module" }, null, 2));
  mkdirSync(join(scratch, "node_modules", scope), { recursive: true });
  for (const id of packages) {
    symlinkSync(join(repoRoot, "generated", id), join(scratch, "node_modules", scope, id), process.platform === "win32" ? "junction" : "dir");
  }
  for (const f of ["consumer.ts", "consumer.cts", "consumer.mjs", "consumer.cjs"]) copyFileSync(join(fixtures, f), join(scratch, f));
  mkdirSync(join(scratch, "generic"));
  for (const id of packages) writeFileSync(join(scratch, "generic", `${id}.ts`), typedConsumer(apis.get(id)!, scope));
  writeFileSync(join(scratch, "generic.mjs"), genericRunner("esm"));
  writeFileSync(join(scratch, "generic.cjs"), genericRunner("cjs"));
  writeFileSync(
    join(scratch, "tsconfig.nodenext.json"),
    tsconfig({ module: "NodeNext", moduleResolution: "NodeNext" }, ["consumer.ts", "consumer.cts", ...genericFiles]),
  );
  writeFileSync(join(scratch, "tsconfig.bundler.json"), tsconfig({ module: "ESNext", moduleResolution: "Bundler" }, ["consumer.ts", ...genericFiles]));
  // All six processes run concurrently; each test awaits its own.
  nodenext = run([tscBin, "-p", "tsconfig.nodenext.json", "--listFiles"], scratch);
  bundler = run([tscBin, "-p", "tsconfig.bundler.json", "--listFiles"], scratch);
  esm = run(["consumer.mjs"], scratch);
  cjs = run(["consumer.cjs"], scratch);
  genericEsm = run(["generic.mjs"], scratch);
  genericCjs = run(["generic.cjs"], scratch);
});

afterAll(async () => {
  await Promise.allSettled([nodenext, bundler, esm, cjs, genericEsm, genericCjs]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** tsc --listFiles output without TypeScript's own lib files; an error line would show up here too. */
function projectFiles(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((line) => line !== "" && !line.includes("/node_modules/typescript/lib/"))
    .map((line) => line.split("\\").join("/"))
    .sort();
}

/** Every declaration file of every package: the consumers import them all. */
const declarations = packages
  .flatMap((id) =>
    readdirSync(join(repoRoot, "generated", id, "dist"))
      .filter((f) => f.endsWith(".d.ts"))
      .map((f) => join(repoRoot, "generated", id, "dist", f).split("\\").join("/")),
  )
  .sort();
/** tsc's diagnostics (pretty: false) for one file: `generic/<id>.ts(line,col): error TS…`. */
const errorsIn = (stdout: string, file: string) => stdout.split("\n").filter((line) => line.startsWith(`${file}(`));

describe("consumer project linked to the generated packages", () => {
  it("(a) tsc --strict, module/moduleResolution NodeNext: consumer.ts and consumer.cts compile", async () => {
    const r = await nodenext;
    expect(projectFiles(r.stdout)).toEqual(
      [...declarations, `${scratch}/consumer.cts`, `${scratch}/consumer.ts`, ...genericFiles.map((f) => `${scratch}/${f}`)].sort(),
    );
    expect(r.code).toBe(0);
  }, 60_000);

  it("(a) tsc --strict, module ESNext + moduleResolution Bundler: consumer.ts compiles", async () => {
    const r = await bundler;
    expect(projectFiles(r.stdout)).toEqual([...declarations, `${scratch}/consumer.ts`, ...genericFiles.map((f) => `${scratch}/${f}`)].sort());
    expect(r.code).toBe(0);
  }, 60_000);

  it("(b) plain node imports the packages as ESM and gets real values", async () => {
    const r = await esm;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith("\n")).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual({
      iak39: { known: true, outcome: "pending", code: "39", category: null },
      iak00: { known: true, outcome: "success", code: "00", category: null },
      iak07: { known: true, outcome: "failed", code: "07", category: null },
      iakUnlisted: { known: false, outcome: "pending", code: "999", category: null },
      iakDescribe39: "PROCESS",
      iakDescribe07: "Your current transaction has failed. Please try again.",
      iakIsZero: [true, false, false],
      iakResponse: ["failed", "pending", "failed"],
      iakConst: "201",
      postpaid05: { known: true, outcome: "pending", code: "05", category: null },
      tokopedia30: { payment: "failed", checkStatus: "pending", inquiry: "failed" },
      tokopedia01Inquiry: "failed",
      tokopediaUnlisted: { known: false, outcome: "unknown", code: "99", category: null },
      dokuU055: { known: false, outcome: "failed", code: "U055", category: "user" },
      dokuU0ZZ: { known: false, outcome: "unknown", code: null, category: null }, // not of the code pattern: malformed
      doku5586: { known: true, outcome: "pending", code: "5586", category: null, actions: ["holdPayment", "sendAdvice"] },
      exports: [
        "IakPrepaidCode,IakPrepaidHttpRules,classifyIakPrepaidCode,classifyIakPrepaidResponse,describeIakPrepaidCode,isIakPrepaidCode",
        "IakPostpaidCode,IakPostpaidHttpRules,classifyIakPostpaidCode,classifyIakPostpaidResponse,describeIakPostpaidCode,isIakPostpaidCode",
        "TokopediaPartnerCategories,TokopediaPartnerCode,TokopediaPartnerContexts,classifyTokopediaPartnerCode,describeTokopediaPartnerCode,isTokopediaPartnerCode",
        "DokuBillerActions,DokuBillerCategories,DokuBillerCode,classifyDokuBillerCode,describeDokuBillerCode,dokuBillerActionsFor,isDokuBillerCode",
      ],
    });
  }, 60_000);

  it("(c) require() from CommonJS gets the same module and real values", async () => {
    const r = await cjs;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      iak201: "pending",
      iak143: "inquiryGame",
      iakHttp: "pending",
      postpaid42: "failed",
      tokopedia15: ["pending", "failed"],
      dokuIT10: ["failed", "integration"],
      doku9999: "unknown",
      catalog: ["iak-prepaid", 33, "00", "SUCCESS"],
      isNamespace: "[object Module]",
    });
  }, 60_000);
});

describe.each(packages)("a consumer written from the catalog of %s", (id) => {
  const file = `generic/${id}.ts`;
  const catalogCodes = () => apis.get(id)!.catalog.codes.length;

  it("type-checks (tsc --strict) under NodeNext and under Bundler resolution, every @ts-expect-error needed", async () => {
    const [n, b] = await Promise.all([nodenext, bundler]);
    expect(errorsIn(n.stdout, file)).toEqual([]);
    expect(errorsIn(b.stdout, file)).toEqual([]);
    expect(projectFiles(n.stdout)).toContain(`${scratch}/${file}`);
    expect(projectFiles(b.stdout)).toContain(`${scratch}/${file}`);
  }, 60_000);

  it("imported from plain Node ESM: every code classifies, guards and describes as catalog.json says", async () => {
    const r = await genericEsm;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const result = (JSON.parse(r.stdout) as Record<string, { checked: number; failures: string[] }>)[id];
    expect(result).toEqual({ checked: catalogCodes(), failures: [] });
  }, 60_000);

  it("require()d from CommonJS: the same answers", async () => {
    const r = await genericCjs;
    expect(r.code).toBe(0);
    const result = (JSON.parse(r.stdout) as Record<string, { checked: number; failures: string[] }>)[id];
    expect(result).toEqual({ checked: catalogCodes(), failures: [] });
  }, 60_000);
});
