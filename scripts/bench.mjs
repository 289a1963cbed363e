// npm run bench [-- --quick]: every figure of the README's benchmark section.
//
// - the generator on the five shipped specs (cold, unchanged, one spec edited, lint), and
//   cold generate ÷ the ts-morph import floor, paired run by run;
// - `generate --only snap-qr-cpm` ÷ openapi-typescript on an OpenAPI document built from
//   the same package (bench/openapi.mjs), paired;
// - synthetic corpora (bench/corpus.mjs): one spec edited with 100 tables ÷ with 5 (paired),
//   100 API specs cold (time, peak RSS), 1,000 tables of 100 codes cold, and generation time
//   against spec count for codebook and openapi-typescript (bench/results.svg);
// - validators (bench/validators.mjs), code lookups (bench/lookup.mjs) and bundle sizes
//   (bench/bundles.mjs);
// - the Go target (bench/go.mjs): go test -bench of Classify and a validator against
//   hand-written Go floors and the TypeScript classifier, and its share of generation.
// - codebook mock with flows and state on ÷ Stoplight Prism 5, the proxy's p50 overhead, and the
//   mock's RSS after 100,000 requests against after 1,000 (bench/mock.mjs).
//
// Each process figure is the median (min, max) of RUNS fresh processes; peak RSS comes from
// the process itself (bench/rss-preload.mjs). Writes bench/results.json, bench/results.md
// and bench/results.svg, and copies results.md into the README between the bench-results
// markers (a test holds the two together). --quick runs small corpora once or twice and
// writes its results to a temporary directory instead: a smoke test, not figures.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { apiCorpus, editSpec, tableCorpus } from "../bench/corpus.mjs";
import { openApiDocument } from "../bench/openapi.mjs";
import { bundles } from "../bench/bundles.mjs";
import { floorRatios, lookups } from "../bench/lookup.mjs";
import { main as validators } from "../bench/validators.mjs";
import { chart } from "../bench/chart.mjs";
import { goBench, goMarkdown } from "../bench/go.mjs";
import { mockBench } from "../bench/mock.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli.js");
const QUICK = process.argv.includes("--quick");
const RUNS = QUICK ? 1 : Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
/** Runs of the largest corpora (each takes a minute): the minimum the suite allows. */
const BIG_RUNS = QUICK ? 1 : 5;
const SIZES = QUICK ? { api: 4, tables: 20, chart: [1, 2, 4], edit: [5, 20] } : { api: 100, tables: 1000, chart: [1, 10, 50, 100], edit: [5, 100] };
const MARKERS = ["<!-- bench-results:start (written by npm run bench) -->", "<!-- bench-results:end -->"];
const outDir = QUICK ? mkdtempSync(join(tmpdir(), "codebook-bench-quick-")) : join(root, "bench");
const started = Date.now();
const scratchRoot = mkdtempSync(join(tmpdir(), "codebook-bench-"));
let scratchCount = 0;
const scratch = () => join(scratchRoot, String(scratchCount++));

/** One fresh process: wall time (ms) and peak RSS (MiB). */
function proc(command, args, cwd) {
  const rssFile = join(scratchRoot, "rss");
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(command, ["--import", pathToFileURL(join(root, "bench", "rss-preload.mjs")).href, ...args], { cwd, stdio: "pipe", env: { ...process.env, BENCH_RSS_FILE: rssFile } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} in ${cwd} exited ${r.status}: ${r.stderr}`);
  return { ms, rss: existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) / 1024 : NaN };
}
const codebook = (args, cwd) => proc(process.execPath, [cli, ...args], cwd);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

/** `runs` times: prepare (untimed), then the timed process. */
function series(runs, prepare, measure) {
  const ms = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const ctx = prepare();
    const r = measure(ctx);
    ms.push(r.ms);
    rss.push(r.rss);
  }
  return { seconds: stats(ms.map((x) => x / 1000)), rssMiB: stats(rss) };
}

/** A and B in turn, A B A B …, and the ratio A/B pair by pair. */
function paired(runs, a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return {
    a: { seconds: stats(as.map((r) => r.ms / 1000)), rssMiB: stats(as.map((r) => r.rss)) },
    b: { seconds: stats(bs.map((r) => r.ms / 1000)), rssMiB: stats(bs.map((r) => r.rss)) },
    ratio: stats(as.map((r, i) => r.ms / bs[i].ms)),
  };
}

function shipped() {
  const dir = scratch();
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, "spec"), join(dir, "spec"), { recursive: true });
  cpSync(join(root, "codebook.config.yaml"), join(dir, "codebook.config.yaml"));
  return dir;
}

if (!existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
codebook(["--version"], root); // warm the file cache, not the process
const log = (m) => process.stderr.write(`bench: ${m} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);

// ---- the five shipped specs
const results = { node: process.versions.node, cores: cpus().length, quick: QUICK, runs: RUNS, bigRuns: BIG_RUNS, generator: {}, targets: {} };
const g = results.generator;
{
  const cold = shipped();
  g.coldVsFloor = paired(RUNS, () => (rmSync(join(cold, "generated"), { recursive: true, force: true }), codebook(["generate"], cold)), () => proc(process.execPath, ["-e", "require('ts-morph')"], root));
  const unchanged = shipped();
  codebook(["generate"], unchanged);
  g.check = series(RUNS, () => unchanged, (d) => codebook(["generate", "--check"], d));
  g.unchanged = series(RUNS, () => unchanged, (d) => codebook(["generate"], d));
  g.editOne = series(RUNS, () => (editSpec(unchanged, "iak-prepaid"), unchanged), (d) => codebook(["generate"], d));
  g.lint = series(RUNS, () => unchanged, (d) => codebook(["lint"], d));
  log("shipped specs");
}

// ---- the peer: openapi-typescript on the same spec
const openapiRunner = join(root, "bench", "openapi.mjs");
async function openApiDocs(dir, n) {
  const doc = await openApiDocument(join(root, "generated", "snap-qr-cpm"));
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: n }, (_, i) => {
    const path = join(dir, `doc-${i}.json`);
    writeFileSync(path, JSON.stringify({ ...doc, info: { ...doc.info, title: `${doc.info.title} ${i}` } }));
    return path;
  });
}
{
  const dir = shipped();
  const [doc] = await openApiDocs(join(dir, "openapi"), 1);
  g.onlySnapVsOpenapiTs = paired(
    RUNS,
    () => (rmSync(join(dir, "generated"), { recursive: true, force: true }), codebook(["generate", "--only", "snap-qr-cpm"], dir)),
    () => proc(process.execPath, [openapiRunner, doc], dir),
  );
  log("openapi-typescript");
}

// ---- synthetic corpora
{
  const [small, large] = SIZES.edit.map((n) => {
    const dir = scratch();
    tableCorpus(root, dir, n, 100);
    codebook(["generate"], dir);
    return dir;
  });
  let turn = 0;
  g.editScaling = paired(
    RUNS,
    () => (editSpec(large, `table-${String(turn++ % SIZES.edit[1]).padStart(4, "0")}`), codebook(["generate"], large)),
    () => (editSpec(small, `table-${String(turn % SIZES.edit[0]).padStart(4, "0")}`), codebook(["generate"], small)),
  );
  log("edit scaling");
  const api = scratch();
  apiCorpus(root, api, SIZES.api);
  g.apiCorpus = series(BIG_RUNS, () => (rmSync(join(api, "generated"), { recursive: true, force: true }), api), (d) => codebook(["generate"], d));
  log(`${SIZES.api} API specs`);
  const tables = scratch();
  tableCorpus(root, tables, SIZES.tables, 100);
  g.tableCorpus = series(BIG_RUNS, () => (rmSync(join(tables, "generated"), { recursive: true, force: true }), tables), (d) => codebook(["generate"], d));
  log(`${SIZES.tables} tables`);
  g.scaling = [];
  for (const n of SIZES.chart) {
    const dir = n === SIZES.api ? api : scratch();
    if (n !== SIZES.api) apiCorpus(root, dir, n);
    const docs = await openApiDocs(join(dir, "openapi"), n);
    const point = n === SIZES.api ? { codebook: g.apiCorpus } : { codebook: series(BIG_RUNS, () => (rmSync(join(dir, "generated"), { recursive: true, force: true }), dir), (d) => codebook(["generate"], d)) };
    point.openapiTs = series(BIG_RUNS, () => dir, (d) => proc(process.execPath, [openapiRunner, ...docs], d));
    g.scaling.push({ specs: n, ...point });
  }
  log("scaling");
}

// ---- consumers: validators, lookups, bundles (in this process; the generator ran in others)
const v = await validators({ runs: QUICK ? 5 : 11, ms: QUICK ? 50 : 200, print: false });
results.validators = { source: v.source, opsPerSec: v.ops, ratios: v.ratios };
results.lookups = await lookups(root, { runs: QUICK ? 3 : 7, ms: QUICK ? 20 : 100 });
results.classifierFloor = floorRatios(results.lookups);
results.bundles = await bundles(root);
log("consumers");
// ---- the Go target: go test -bench against hand-written floors, and its share of generation
results.go = await goBench({ quick: QUICK });
log("go");

// ---- codebook mock (flows and state on) against Stoplight Prism, the proxy's overhead, the mock's RSS
const { markdown: mockMarkdown, ...mockResults } = await mockBench({ root, quick: QUICK, log: (m) => log(`mock: ${m}`) });
results.mock = mockResults;

// ---- targets (the table), each with what was measured
const t = results.targets;
const floorRatio = g.coldVsFloor.ratio.median;
t["cold generate ÷ ts-morph import floor"] = { measured: floorRatio, target: "≤ 2.5×", met: floorRatio <= 2.5 };
t["cold generate --only snap-qr-cpm ÷ openapi-typescript"] = { measured: g.onlySnapVsOpenapiTs.ratio.median, target: "≤ 1.0×", met: g.onlySnapVsOpenapiTs.ratio.median <= 1.0 };
t[`edit one spec, ${SIZES.edit[1]} tables ÷ ${SIZES.edit[0]}`] = { measured: g.editScaling.ratio.median, target: "≤ 1.2×", met: g.editScaling.ratio.median <= 1.2 };
t[`peak RSS, ${SIZES.api} API specs, cold (MiB)`] = { measured: g.apiCorpus.rssMiB.median, target: "≤ 400", met: g.apiCorpus.rssMiB.median <= 400 };
t[`${SIZES.tables} tables × 100 codes, cold (s)`] = { measured: g.tableCorpus.seconds.median, target: "≤ 20", met: g.tableCorpus.seconds.median <= 20 };
t[`${SIZES.tables} tables × 100 codes, cold, peak RSS (MiB)`] = { measured: g.tableCorpus.rssMiB.median, target: "≤ 600", met: g.tableCorpus.rssMiB.median <= 600 };
t["bundle importing one guard, gzipped (KB)"] = { measured: results.bundles[0].gzip / 1024, target: "≤ 1, nothing from other tables", met: results.bundles[0].gzip <= 1024 && results.bundles[0].tableFree };
t["validators ÷ ajv (allErrors), valid"] = { measured: v.ratios["generated / ajv, valid"], target: "≥ 5×", met: v.ratios["generated / ajv, valid"] >= 5 };
t["validators ÷ ajv (allErrors), invalid"] = { measured: v.ratios["generated / ajv, invalid"], target: "≥ 3×", met: v.ratios["generated / ajv, invalid"] >= 3 };
t["hand-written floor ÷ validators, valid"] = { measured: v.ratios["hand-written / generated, valid"], target: "≤ 1.2×", met: v.ratios["hand-written / generated, valid"] <= 1.2 };
const slowest = results.classifierFloor.reduce((a, b) => (b.ratio < a.ratio ? b : a));
t["every classifier ÷ its hand-written floor, slowest of listed/unlisted/malformed"] = { measured: slowest.ratio, target: "≥ 1.0×", met: slowest.ratio >= 1.0 };
t["hand-written floor ÷ validators, invalid"] = { measured: v.ratios["hand-written / generated, invalid"], target: "≤ 1.2×", met: v.ratios["hand-written / generated, invalid"] <= 1.2 };
for (const c of results.go.classify) {
  t[`Go Classify ÷ hand-written Go floor, ${c.set}`] = { measured: c.ratioToFloor, target: "≤ 1.25×", met: c.ratioToFloor <= 1.25 };
  t[`Go Classify ÷ TypeScript classify (ops/s), ${c.set}`] = { measured: c.ratioToTypeScript, target: "≥ 3×", met: c.ratioToTypeScript >= 3 };
}
for (const v of results.go.validate) t[`Go payment-request validator ÷ hand-written Go validator, ${v.set}`] = { measured: v.ratioToFloor, target: "≤ 1.25×", met: v.ratioToFloor <= 1.25 };
const gen = results.go.generation;
t["TypeScript + Go ÷ TypeScript alone, emit + finish of the shipped specs"] = { measured: gen.shipped.ratio, target: "≤ 1.25×", met: gen.shipped.ratio <= 1.25 };
t[`TypeScript + Go ÷ TypeScript alone, emit + finish of ${gen.corpus.specs} tables`] = { measured: gen.corpus.ratio, target: "≤ 1.25×", met: gen.corpus.ratio <= 1.25 };
Object.assign(t, mockResults.targets);
results.seconds = (Date.now() - started) / 1000;

// ---- Markdown
const s = (x) => `${x.toFixed(2)} s`;
const row = (label, st, unit = s) => `| ${label} | ${unit(st.median)} | ${unit(st.min)} | ${unit(st.max)} |`;
const mib = (x) => `${Math.round(x)} MiB`;
const x2 = (x) => `${x.toFixed(2)}×`;
const num = (x) => Math.round(x).toLocaleString("en-US");
const md = [
  `Generator: the five shipped specs and synthetic corpora; a fresh process per run, median (min, max) of ${RUNS} runs (${BIG_RUNS} for the ${SIZES.api}-API-spec and ${SIZES.tables}-table corpora and the chart); ratios are taken pair by pair, the two commands in turn. Node ${results.node}, ${results.cores} cores; the whole suite took ${Math.round(results.seconds / 60)} min.`,
  "",
  "| Target | Measured | Target | Met |",
  "| --- | ---: | ---: | --- |",
  ...Object.entries(t).map(([k, r]) => `| ${k} | ${r.measured.toFixed(2)} | ${r.target} | ${r.met ? "yes" : "**no**"} |`),
  "",
  "| Scenario | Median | Min | Max |",
  "| --- | ---: | ---: | ---: |",
  row("cold `codebook generate` (empty out dir)", g.coldVsFloor.a.seconds),
  row("`node -e \"require('ts-morph')\"` (the floor)", g.coldVsFloor.b.seconds),
  row("cold generate ÷ floor", g.coldVsFloor.ratio, x2),
  row("unchanged `codebook generate --check`", g.check.seconds),
  row("unchanged `codebook generate`", g.unchanged.seconds),
  row("`codebook generate` after editing one spec", g.editOne.seconds),
  row("`codebook lint`", g.lint.seconds),
  row("cold `codebook generate --only snap-qr-cpm`", g.onlySnapVsOpenapiTs.a.seconds),
  row("openapi-typescript 7, the same API as an OpenAPI document", g.onlySnapVsOpenapiTs.b.seconds),
  row(`edit one spec, ${SIZES.edit[1]} tables present`, g.editScaling.a.seconds),
  row(`edit one spec, ${SIZES.edit[0]} tables present`, g.editScaling.b.seconds),
  row(`cold, ${SIZES.api} API specs`, g.apiCorpus.seconds),
  row(`cold, ${SIZES.api} API specs, peak RSS`, g.apiCorpus.rssMiB, mib),
  row(`cold, ${SIZES.tables} tables × 100 codes`, g.tableCorpus.seconds),
  row(`cold, ${SIZES.tables} tables × 100 codes, peak RSS`, g.tableCorpus.rssMiB, mib),
  "",
  "Generation time against spec count (copies of the SNAP QR CPM spec): [bench/results.svg](bench/results.svg).",
  "",
  v.markdown,
  "",
  `Code lookups (ops/s, median of ${QUICK ? 3 : 7}), over every listed code, as many unlisted ones, and malformed values; each classifier beside its hand-written floor (bench/handwritten-classify.mjs, the same answers):`,
  "",
  "| Package | Function | Listed codes | Unlisted codes | Malformed values |",
  "| --- | --- | ---: | ---: | ---: |",
  ...results.lookups
    .filter((l) => l.codes === "listed")
    .map((l) => {
      const of = (set) => results.lookups.find((u) => u.package === l.package && u.function === l.function && u.codes === set);
      return `| ${l.package} | ${l.function} | ${num(l.opsPerSec)} | ${num(of("unlisted").opsPerSec)} | ${of("malformed") ? num(of("malformed").opsPerSec) : "—"} |`;
    }),
  "",
  "| Package | Classifier ÷ floor, listed | unlisted | malformed |",
  "| --- | ---: | ---: | ---: |",
  ...[...new Set(results.classifierFloor.map((r) => r.package))].map((id) => `| ${id} | ${["listed", "unlisted", "malformed"].map((set) => x2(results.classifierFloor.find((r) => r.package === id && r.codes === set).ratio)).join(" | ")} |`),
  "",
  "Bundles (esbuild, minified ESM):",
  "",
  "| A program importing | Bytes | Gzipped |",
  "| --- | ---: | ---: |",
  ...results.bundles.map((b) => `| ${b.what} | ${num(b.bytes)} | ${num(b.gzip)} |`),
  "",
  goMarkdown(results.go),
  mockMarkdown,
].join("\n") + "\n";

writeFileSync(join(outDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
writeFileSync(join(outDir, "results.svg"), chart(g.scaling));
writeFileSync(join(outDir, "results.md"), `<!-- Written by npm run bench (scripts/bench.mjs); do not edit by hand. -->\n\n${md}`);
process.stdout.write(md);
if (!QUICK) {
  const readmePath = join(root, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const [start, end] = MARKERS;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block for the results`);
  writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n\n${md}\n${readme.slice(to)}`);
}
rmSync(scratchRoot, { recursive: true, force: true });
log(QUICK ? `quick run: results in ${outDir}` : "wrote bench/results.{json,md,svg} and the README's results block");
