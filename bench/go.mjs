// The Go target's figures, called from npm run bench (scripts/bench.mjs) or alone:
//
//   node bench/go.mjs [--quick]
//
// - Classify of the generated IAK prepaid module on listed, unlisted and malformed
//   codes against a hand-written floor (bench/go/floor.go: a map lookup, the pattern
//   as a byte loop, the same answers; a test holds the floor to them), and against
//   the TypeScript classifier's ops/s on the same inputs;
// - the generated SNAP QR CPM payment-request validator against a hand-written Go
//   validator, on decoded bodies and from JSON text;
//   both with `go test -bench`, median of -count runs;
// - generation: the Go target's emit + finish of the shipped specs (and of a table
//   corpus) beside the TypeScript target's, in this process, paired run by run.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tableCorpus } from "./corpus.mjs";
import { INVALID, VALID } from "./validators.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const OUTCOME = { success: 1, pending: 2, failed: 3 };

/** The generator's Go and TypeScript targets and the loader, bundled from generator/ (it is TypeScript). */
async function generator() {
  const { build } = await import("esbuild");
  const cache = join(root, "node_modules", ".cache", "codebook-bench");
  mkdirSync(cache, { recursive: true });
  const entry = join(cache, "go-targets.mjs");
  await build({
    stdin: {
      contents: `export { loadSpecs } from "./generator/load/load-specs.ts";
        export { goTarget } from "./generator/targets/go/target.ts";
        export { modulePath } from "./generator/targets/go/options.ts";
        export { typescriptTarget } from "./generator/targets/typescript/target.ts";`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile: entry,
    logLevel: "warning",
  });
  return import(pathToFileURL(entry).href + `?t=${Date.now()}`);
}

const goEnv = (cache) => ({ ...process.env, GOFLAGS: "", GOPROXY: "off", GOTOOLCHAIN: "local", GOWORK: "off", CGO_ENABLED: "0", GOCACHE: join(cache, "build"), GOPATH: join(cache, "path") });

function writeFiles(dir, files) {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
}

/** Codes of the listed codes' shape that the table does not list (as bench/lookup.mjs makes them). */
function unlistedOf(codes) {
  const listed = new Set(codes);
  return codes.map((c) => c.replace(/[0-9](?=[0-9]*$)/, (d) => String((Number(d) + 5) % 10))).filter((c) => !listed.has(c));
}
const MALFORMED = ["", "0", "1234", " 00", "00 ", "abc", "0a", "９９", "x".repeat(40), "😀😀", "-1", "1.5", "\n", "00000", "a1", "1a"];

const goList = (xs) => `[]string{${xs.map((x) => JSON.stringify(x)).join(", ")}}`;

/** inputs.go: the floor's table and every benchmark's inputs. */
function inputsGo(iak, reason, sets) {
  const rows = iak.codes.map((c) => `\t{Code: ${JSON.stringify(c.code)}, Name: ${JSON.stringify(c.name)}, Message: ${JSON.stringify(c.message)}, Outcome: ${OUTCOME[c.outcomes[iak.contexts[0].id]]}},`);
  return `package bench\n\nvar iakRows = []floorRow{\n${rows.join("\n")}\n}\n\nconst iakUnlistedReason = ${JSON.stringify(reason)}\n\nvar listedCodes = ${goList(sets.listed)}\n\nvar unlistedCodes = ${goList(sets.unlisted)}\n\nvar malformedCodes = ${goList(sets.malformed)}\n\nvar validBodies = ${goList(VALID.map((b) => JSON.stringify(b)))}\n\nvar invalidBodies = ${goList(INVALID.map((b) => JSON.stringify(b)))}\n`;
}

/** `go test -bench` results: name → median CPU ns/op (the benchmarks report cpu-ns/op: wall time would measure the machine's other work too). */
function parseBench(out) {
  const runs = new Map();
  for (const m of out.matchAll(/^Benchmark(\S+?)(?:-\d+)?\s+\d+\s.*?([\d.]+) cpu-ns\/op/gm)) runs.set(m[1], [...(runs.get(m[1]) ?? []), Number(m[2])]);
  return new Map([...runs].map(([k, v]) => [k, median(v)]));
}

/** TypeScript classify ops/s on an input list, measured as bench/lookup.mjs measures. */
function tsOpsPerSec(classify, inputs, runs, ms) {
  const loop = new Function("fn", "inputs", "ms", "state", `const n = inputs.length; let calls = 0; const start = performance.now(); let now = start;
    do { for (let i = 0; i < n; i++) state.sink ^= fn(inputs[i]).outcome.length; calls += n; now = performance.now(); } while (now - start < ms);
    return (calls * 1000) / (now - start);`);
  const state = { sink: 0 };
  loop(classify, inputs, ms / 2, state);
  return median(Array.from({ length: runs }, () => loop(classify, inputs, ms, state)));
}

/** Emit + finish of every spec by a target, in ms. */
async function emitAll(stages, specs, options, outDir) {
  const run = { options, root, outDir };
  const start = performance.now();
  for (const spec of specs) await stages.finish(stages.emit(spec, run), spec, run);
  return performance.now() - start;
}

/** TypeScript alone and TypeScript with Go, in turn, run by run: the ratio of their sums. */
async function generation(g, specs, runs) {
  const go = await g.goTarget.load();
  const ts = await g.typescriptTarget.load();
  const goOptions = g.goTarget.readOptions({ module: "example.com/codebook" });
  const tsOptions = g.typescriptTarget.readOptions({});
  const tsOnly = [];
  const both = [];
  const goOnly = [];
  for (let i = 0; i < runs; i++) {
    tsOnly.push(await emitAll(ts, specs, tsOptions, "generated"));
    const t = await emitAll(ts, specs, tsOptions, "generated");
    const gms = await emitAll(go, specs, goOptions, "generated-go");
    both.push(t + gms);
    goOnly.push(gms);
  }
  const ratios = both.map((b, i) => b / tsOnly[i]);
  return { specs: specs.length, typescriptMs: median(tsOnly), goMs: median(goOnly), bothMs: median(both), ratio: median(ratios) };
}

export async function goBench({ quick = false } = {}) {
  const g = await generator();
  const loaded = g.loadSpecs({ root, specDir: join(root, "spec") });
  const byId = new Map(loaded.specs.map((s) => [s.id, s]));
  const iak = byId.get("iak-prepaid");
  const snap = byId.get("snap-qr-cpm");
  const scratch = mkdtempSync(join(tmpdir(), "codebook-bench-go-"));
  const cache = join(tmpdir(), "codebook-go-cache");
  try {
    const stages = await g.goTarget.load();
    const options = g.goTarget.readOptions({ module: "example.com/codebook" });
    for (const spec of [iak, snap]) writeFiles(join(scratch, "modules"), await stages.finish(stages.emit(spec, { options, root, outDir: "generated-go" }), spec, { options, root, outDir: "generated-go" }));
    const ts = await import(pathToFileURL(join(root, "generated", "iak-prepaid", "dist", "index.js")).href);
    const listed = iak.codes.map((c) => c.code);
    const sets = { listed, unlisted: unlistedOf(listed), malformed: MALFORMED.filter((s) => !/^[0-9]{2,3}$/.test(s)) };
    const reason = ts.classifyIakPrepaidCode(sets.unlisted[0]).reason;
    const benchDir = join(scratch, "bench");
    cpSync(join(root, "bench", "go"), benchDir, { recursive: true });
    writeFileSync(join(benchDir, "inputs.go"), inputsGo(iak, reason, sets));
    // From version 2 on a module's path ends in /vN (Go's import compatibility rule): the imports follow the specs' versions.
    const paths = [iak, snap].map((s) => ({ spec: s, path: g.modulePath(options, s) }));
    const testFile = join(benchDir, "bench_test.go");
    let test = readFileSync(testFile, "utf8");
    for (const { spec, path } of paths) test = test.replace(`"example.com/codebook/${spec.id}"`, JSON.stringify(path));
    writeFileSync(testFile, test);
    const requires = paths.map(({ spec, path }) => `require ${path} v${spec.version}\nreplace ${path} => ${join(scratch, "modules", spec.id)}`).join("\n\n");
    writeFileSync(join(benchDir, "go.mod"), `module example.com/codebook-bench\n\ngo 1.19\n\n${requires}\n`);
    const env = goEnv(cache);
    execFileSync("go", ["test", "-run", "TestFloorsAgree", "-count=1", "."], { cwd: benchDir, env, stdio: "pipe" });
    // One test binary; each contender runs in its own process, in turn with its rival, run by run: the ratios are paired.
    const bin = join(benchDir, "bench.test");
    execFileSync("go", ["test", "-c", "-o", bin, "."], { cwd: benchDir, env, stdio: "pipe" });
    const count = quick ? 2 : 7;
    const benchtime = quick ? "100ms" : "300ms";
    const one = (name) => {
      const [fn, ...sub] = name.split("/");
      const out = execFileSync(bin, ["-test.run", "^$", "-test.bench", [`^Benchmark${fn}$`, ...sub.map((x) => `^${x}$`)].join("/"), "-test.benchtime", benchtime], { cwd: benchDir, env, encoding: "utf8" });
      return parseBench(out).get(name);
    };
    const paired = (a, b, n, extra) => {
      const rows = [];
      for (let i = 0; i < count; i++) rows.push({ a: one(a) / n, b: one(b) / n, ...(extra ? { c: extra() } : {}) });
      return rows;
    };
    const classify = Object.entries(sets).map(([set, inputs]) => {
      const rows = paired(`Classify/generated/${set}`, `Classify/floor/${set}`, inputs.length, () => tsOpsPerSec(ts.classifyIakPrepaidCode, inputs, 3, quick ? 20 : 100));
      return {
        set,
        inputs: inputs.length,
        generatedNs: median(rows.map((r) => r.a)),
        floorNs: median(rows.map((r) => r.b)),
        ratioToFloor: median(rows.map((r) => r.a / r.b)),
        goOpsPerSec: 1e9 / median(rows.map((r) => r.a)),
        typescriptOpsPerSec: median(rows.map((r) => r.c)),
        ratioToTypeScript: median(rows.map((r) => 1e9 / r.a / r.c)),
      };
    });
    const validate = ["valid", "invalid"].map((set) => {
      const n = set === "valid" ? VALID.length : INVALID.length;
      const values = paired(`Validate/generated/${set}`, `Validate/floor/${set}`, n);
      const texts = paired(`Validate/generated-json/${set}`, `Validate/floor-json/${set}`, n);
      return {
        set,
        generatedNs: median(values.map((r) => r.a)),
        floorNs: median(values.map((r) => r.b)),
        ratioToFloor: median(values.map((r) => r.a / r.b)),
        generatedJsonNs: median(texts.map((r) => r.a)),
        floorJsonNs: median(texts.map((r) => r.b)),
        ratioJsonToFloor: median(texts.map((r) => r.a / r.b)),
      };
    });
    const shipped = await generation(g, loaded.specs, quick ? 2 : 5);
    const corpusDir = join(scratch, "corpus");
    tableCorpus(root, corpusDir, quick ? 50 : 1000, 100);
    const tables = g.loadSpecs({ root: corpusDir, specDir: join(corpusDir, "spec") }).specs;
    const corpus = await generation(g, tables, quick ? 1 : 3);
    return { go: execFileSync("go", ["version"], { encoding: "utf8" }).trim(), count, classify, validate, generation: { shipped, corpus } };
  } finally {
    // CODEBOOK_BENCH_KEEP=1 keeps the scratch module, to run its benchmarks by hand.
    if (process.env.CODEBOOK_BENCH_KEEP) console.error(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

/** The Go section of the results' Markdown. */
export function goMarkdown(r) {
  const num = (x) => Math.round(x).toLocaleString("en-US");
  const x2 = (x) => `${x.toFixed(2)}×`;
  return [
    `Go (${r.go}, \`go test -bench\`, median of ${r.count} paired runs of CPU time per operation, each contender in its own process in turn with its rival; TypeScript measured after each Go run, in wall time): the generated IAK prepaid \`Classify\` and the SNAP QR CPM payment-request validator against hand-written Go floors giving the same answers (bench/go/floor.go), and \`Classify\` against the TypeScript classifier on the same inputs:`,
    "",
    "| Classify, codes | Generated (ns) | Floor (ns) | ÷ floor | Go ops/s | TypeScript ops/s | Go ÷ TypeScript |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.classify.map((c) => `| ${c.set} (${c.inputs}) | ${c.generatedNs.toFixed(1)} | ${c.floorNs.toFixed(1)} | ${x2(c.ratioToFloor)} | ${num(c.goOpsPerSec)} | ${num(c.typescriptOpsPerSec)} | ${x2(c.ratioToTypeScript)} |`),
    "",
    "| Payment request, bodies | Generated (ns) | Floor (ns) | ÷ floor | From JSON text: generated (ns) | floor (ns) | ÷ floor |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.validate.map((v) => `| ${v.set} | ${num(v.generatedNs)} | ${num(v.floorNs)} | ${x2(v.ratioToFloor)} | ${num(v.generatedJsonNs)} | ${num(v.floorJsonNs)} | ${x2(v.ratioJsonToFloor)} |`),
    "",
    `Generation in one process (emit + finish; no lint, no writes), TypeScript alone and with Go, paired: the ${r.generation.shipped.specs} shipped specs ${num(r.generation.shipped.typescriptMs)} ms + Go ${num(r.generation.shipped.goMs)} ms (${x2(r.generation.shipped.ratio)}); ${r.generation.corpus.specs} tables × 100 codes ${num(r.generation.corpus.typescriptMs)} ms + Go ${num(r.generation.corpus.goMs)} ms (${x2(r.generation.corpus.ratio)}).`,
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await goBench({ quick: process.argv.includes("--quick") });
  console.log(JSON.stringify(r, null, 2));
  console.log(goMarkdown(r));
}
