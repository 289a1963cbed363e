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
// Each process figure is the median (min, max) of RUNS fresh processes, in wall seconds and CPU
// seconds (user + system of the child and everything it waited for, from /proc/self/stat's
// cutime/cstime around the child); peak RSS comes from the process itself (bench/rss-preload.mjs).
// A cold run is a user's: the old out dirs are moved aside first (a rename, untimed) and removed
// at the end of the bench, never deleted just before (ext4 then skips the inodes it has just
// freed: a third of a 1,000-table run); one labelled row keeps "deleted just before". The load
// average (os.loadavg) is recorded at the start and end of the bench and of each section. Writes bench/results.json, bench/results.md
// and bench/results.svg, and copies results.md into the README between the bench-results
// markers (a test holds the two together). --quick runs small corpora once or twice and
// writes its results to a temporary directory instead: a smoke test, not figures.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
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

/** CPU seconds of this process's reaped children (cutime + cstime, clock ticks of 1/100 s), or null without /proc. */
function childCpu() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100; // fields 16 and 17 of proc(5), counted after the name
  } catch {
    return null;
  }
}

/** One fresh process: wall time (ms), CPU seconds (user + system) and peak RSS (MiB). */
function proc(command, args, cwd) {
  const rssFile = join(scratchRoot, "rss");
  rmSync(rssFile, { force: true });
  const cpuBefore = childCpu();
  const start = process.hrtime.bigint();
  const r = spawnSync(command, ["--import", pathToFileURL(join(root, "bench", "rss-preload.mjs")).href, ...args], { cwd, stdio: "pipe", env: { ...process.env, BENCH_RSS_FILE: rssFile } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(" ")} in ${cwd} exited ${r.status}: ${r.stderr}`);
  const [rss, ownCpu] = existsSync(rssFile) ? readFileSync(rssFile, "utf8").split(" ").map(Number) : [NaN, NaN];
  const cpuAfter = childCpu();
  // Without /proc: the measured node process's own user + system (its workers included, children not).
  return { ms, rss: rss / 1024, cpu: cpuBefore === null || cpuAfter === null ? ownCpu : cpuAfter - cpuBefore };
}

/** The out dirs of a project moved aside (a rename: untimed, and nothing deleted); removed at the end of the bench. */
const asideRoot = join(scratchRoot, "aside");
let asideCount = 0;
function moveAside(dir) {
  mkdirSync(asideRoot, { recursive: true });
  for (const out of ["generated", "generated-go"]) if (existsSync(join(dir, out))) renameSync(join(dir, out), join(asideRoot, `${asideCount++}`));
  return dir;
}
/** The out dirs deleted just before the run: what `rm -rf generated generated-go && codebook generate` pays (the rm untimed). */
function deleteOut(dir) {
  for (const out of ["generated", "generated-go"]) rmSync(join(dir, out), { recursive: true, force: true });
  return dir;
}

const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const sections = [];
/** Runs a section, recording the 1-, 5- and 15-minute load averages at its start and end. */
async function section(name, fn) {
  const loadStart = load();
  const t0 = Date.now();
  await fn();
  sections.push({ name, loadStart, loadEnd: load(), seconds: (Date.now() - t0) / 1000 });
}
const codebook = (args, cwd) => proc(process.execPath, [cli, ...args], cwd);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

/** `runs` times: prepare (untimed), then the timed process. */
function series(runs, prepare, measure) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(measure(prepare()));
  return figures(rs);
}
const figures = (rs) => ({ seconds: stats(rs.map((r) => r.ms / 1000)), cpuSeconds: stats(rs.map((r) => r.cpu)), rssMiB: stats(rs.map((r) => r.rss)) });

/** A and B in turn, A B A B …, and the ratio A/B pair by pair. */
function paired(runs, a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return { a: figures(as), b: figures(bs), ratio: stats(as.map((r, i) => r.ms / bs[i].ms)), cpuRatio: stats(as.map((r, i) => r.cpu / bs[i].cpu)) };
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
results.load = { start: load() };
results.sections = sections;
await section("shipped specs", () => {
  const cold = shipped();
  // The floor is a bare node: generate loads no ts-morph (issue 23 item 5). The ts-morph import stays as a reference row.
  g.coldVsFloor = paired(RUNS, () => codebook(["generate"], moveAside(cold)), () => proc(process.execPath, ["-e", "0"], root));
  g.coldVsTsMorph = paired(RUNS, () => codebook(["generate"], moveAside(cold)), () => proc(process.execPath, ["-e", "require('ts-morph')"], root));
  const unchanged = shipped();
  codebook(["generate"], unchanged);
  g.check = series(RUNS, () => unchanged, (d) => codebook(["generate", "--check"], d));
  g.unchanged = series(RUNS, () => unchanged, (d) => codebook(["generate"], d));
  g.editOne = series(RUNS, () => (editSpec(unchanged, "iak-prepaid"), unchanged), (d) => codebook(["generate"], d));
  g.lint = series(RUNS, () => unchanged, (d) => codebook(["lint"], d));
  log("shipped specs");
});

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
await section("openapi-typescript", async () => {
  const dir = shipped();
  const [doc] = await openApiDocs(join(dir, "openapi"), 1);
  g.onlySnapVsOpenapiTs = paired(
    RUNS,
    () => codebook(["generate", "--only", "snap-qr-cpm"], moveAside(dir)),
    () => proc(process.execPath, [openapiRunner, doc], dir),
  );
  log("openapi-typescript");
});

// ---- synthetic corpora
await section("synthetic corpora", async () => {
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
  g.apiCorpus = series(BIG_RUNS, () => moveAside(api), (d) => codebook(["generate"], d));
  log(`${SIZES.api} API specs`);
  const tables = scratch();
  tableCorpus(root, tables, SIZES.tables, 100);
  // Moved aside (a user's cold run) and deleted just before, in turn: the second is its own row.
  const tablePairs = paired(BIG_RUNS, () => codebook(["generate"], moveAside(tables)), () => codebook(["generate"], deleteOut(tables)));
  g.tableCorpus = tablePairs.a;
  g.tableCorpusDeletedJustBefore = { ...tablePairs.b, ratio: tablePairs.ratio, cpuRatio: tablePairs.cpuRatio };
  log(`${SIZES.tables} tables`);
  g.scaling = [];
  for (const n of SIZES.chart) {
    const dir = n === SIZES.api ? api : scratch();
    if (n !== SIZES.api) apiCorpus(root, dir, n);
    const docs = await openApiDocs(join(dir, "openapi"), n);
    const point = n === SIZES.api ? { codebook: g.apiCorpus } : { codebook: series(BIG_RUNS, () => moveAside(dir), (d) => codebook(["generate"], d)) };
    point.openapiTs = series(BIG_RUNS, () => dir, (d) => proc(process.execPath, [openapiRunner, ...docs], d));
    g.scaling.push({ specs: n, ...point });
  }
  log("scaling");
});

// ---- consumers: validators, lookups, bundles (in this process; the generator ran in others)
const sectionStart = load();
const v = await validators({ runs: QUICK ? 5 : 11, ms: QUICK ? 50 : 200, print: false });
results.validators = { source: v.source, opsPerSec: v.ops, ratios: v.ratios };
results.lookups = await lookups(root, { runs: QUICK ? 3 : 7, ms: QUICK ? 20 : 100 });
results.classifierFloor = floorRatios(results.lookups);
results.bundles = await bundles(root);
log("consumers");
sections.push({ name: "consumers", loadStart: sectionStart, loadEnd: load() });
// ---- the Go target: go test -bench against hand-written floors, and its share of generation
await section("go", async () => (results.go = await goBench({ quick: QUICK })));
log("go");

// ---- codebook mock (flows and state on) against Stoplight Prism, the proxy's overhead, the mock's RSS
let mockMarkdown = "";
await section("mock", async () => {
  const { markdown, ...mockResults } = await mockBench({ root, quick: QUICK, log: (m) => log(`mock: ${m}`) });
  mockMarkdown = markdown;
  results.mock = mockResults;
});
const mockResults = results.mock;

// ---- targets (the issue's table), each with what was measured
const t = results.targets;
const floorRatio = g.coldVsFloor.ratio.median;
t["cold generate ÷ `node -e 0` floor (out dir moved aside)"] = { measured: floorRatio, target: "≤ 6×", met: floorRatio <= 6 };
t["cold generate --only snap-qr-cpm ÷ openapi-typescript, CPU seconds"] = { measured: g.onlySnapVsOpenapiTs.cpuRatio.median, target: "≤ 1.0×", met: g.onlySnapVsOpenapiTs.cpuRatio.median <= 1.0 };
t[`edit one spec, ${SIZES.edit[1]} tables ÷ ${SIZES.edit[0]}`] = { measured: g.editScaling.ratio.median, target: "≤ 1.2×", met: g.editScaling.ratio.median <= 1.2 };
t[`peak RSS, ${SIZES.api} API specs, cold (MiB)`] = { measured: g.apiCorpus.rssMiB.median, target: "≤ 400", met: g.apiCorpus.rssMiB.median <= 400 };
const tableLoad = sections.find((x) => x.name === "synthetic corpora");
const tableLoadMax = Math.max(tableLoad.loadStart[0], tableLoad.loadEnd[0]);
t[`${SIZES.tables} tables × 100 codes, cold, out dir moved aside (s; at load ${tableLoadMax.toFixed(1)})`] = { measured: g.tableCorpus.seconds.median, target: "≤ 12 at load ≤ 2", met: g.tableCorpus.seconds.median <= 12 && tableLoadMax <= 2 };
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
results.load.end = load();

// ---- Markdown
const s = (x) => `${x.toFixed(2)} s`;
const row = (label, st, unit = s) => `| ${label} | ${unit(st.median)} | ${unit(st.min)} | ${unit(st.max)} |`;
/** A process figure: wall seconds, then CPU seconds (user + system) in the same row. */
const prow = (label, f) => `| ${label} | ${s(f.seconds.median)} | ${s(f.seconds.min)} | ${s(f.seconds.max)} | ${s(f.cpuSeconds.median)} | ${s(f.cpuSeconds.min)} | ${s(f.cpuSeconds.max)} |`;
const rrow = (label, p) => `| ${label} | ${x2(p.ratio.median)} | ${x2(p.ratio.min)} | ${x2(p.ratio.max)} | ${x2(p.cpuRatio.median)} | ${x2(p.cpuRatio.min)} | ${x2(p.cpuRatio.max)} |`;
const la = (l) => l.map((x) => x.toFixed(2)).join(", ");
const mib = (x) => `${Math.round(x)} MiB`;
const x2 = (x) => `${x.toFixed(2)}×`;
const num = (x) => Math.round(x).toLocaleString("en-US");
const md = [
  `Generator: the five shipped specs and synthetic corpora; a fresh process per run, median (min, max) of ${RUNS} runs (${BIG_RUNS} for the ${SIZES.api}-API-spec and ${SIZES.tables}-table corpora and the chart); ratios are taken pair by pair, the two commands in turn. Wall seconds and CPU seconds (user + system of the process and what it waited for). A cold run starts as a user's does: the old out dirs moved aside (renamed, untimed) and removed after the bench, never deleted just before, except in the row that says so. Node ${results.node}, ${results.cores} cores; the whole suite took ${Math.round(results.seconds / 60)} min. Load average (1, 5, 15 min) at the start ${la(results.load.start)}, at the end ${la(results.load.end)}; per section: ${sections.map((x) => `${x.name} ${x.loadStart[0].toFixed(2)} → ${x.loadEnd[0].toFixed(2)}`).join("; ")}.`,
  "",
  "| Target | Measured | Target | Met |",
  "| --- | ---: | ---: | --- |",
  ...Object.entries(t).map(([k, r]) => `| ${k} | ${r.measured.toFixed(2)} | ${r.target} | ${r.met ? "yes" : "**no**"} |`),
  "",
  "| Scenario | Wall median | Min | Max | CPU median | Min | Max |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  prow("cold `codebook generate` (out dirs moved aside)", g.coldVsFloor.a),
  prow("`node -e 0` (the floor)", g.coldVsFloor.b),
  rrow("cold generate ÷ floor", g.coldVsFloor),
  prow("`node -e \"require('ts-morph')\"` (the old floor; generate no longer loads it)", g.coldVsTsMorph.b),
  rrow("cold generate ÷ the ts-morph import", g.coldVsTsMorph),
  prow("unchanged `codebook generate --check`", g.check),
  prow("unchanged `codebook generate`", g.unchanged),
  prow("`codebook generate` after editing one spec", g.editOne),
  prow("`codebook lint`", g.lint),
  prow("cold `codebook generate --only snap-qr-cpm`", g.onlySnapVsOpenapiTs.a),
  prow("openapi-typescript 7, the same API as an OpenAPI document", g.onlySnapVsOpenapiTs.b),
  rrow("`--only snap-qr-cpm` ÷ openapi-typescript", g.onlySnapVsOpenapiTs),
  prow(`edit one spec, ${SIZES.edit[1]} tables present`, g.editScaling.a),
  prow(`edit one spec, ${SIZES.edit[0]} tables present`, g.editScaling.b),
  prow(`cold, ${SIZES.api} API specs`, g.apiCorpus),
  prow(`cold, ${SIZES.tables} tables × 100 codes (out dirs moved aside)`, g.tableCorpus),
  prow(`cold, ${SIZES.tables} tables × 100 codes, out dirs deleted just before (\`rm -rf\` untimed, then generate)`, g.tableCorpusDeletedJustBefore),
  rrow("deleted just before ÷ moved aside", { ratio: { median: 1 / g.tableCorpusDeletedJustBefore.ratio.median, min: 1 / g.tableCorpusDeletedJustBefore.ratio.max, max: 1 / g.tableCorpusDeletedJustBefore.ratio.min }, cpuRatio: { median: 1 / g.tableCorpusDeletedJustBefore.cpuRatio.median, min: 1 / g.tableCorpusDeletedJustBefore.cpuRatio.max, max: 1 / g.tableCorpusDeletedJustBefore.cpuRatio.min } }),
  "",
  "| Peak RSS | Median | Min | Max |",
  "| --- | ---: | ---: | ---: |",
  row("cold `codebook generate`, shipped specs", g.coldVsFloor.a.rssMiB, mib),
  row(`cold, ${SIZES.api} API specs`, g.apiCorpus.rssMiB, mib),
  row(`cold, ${SIZES.tables} tables × 100 codes`, g.tableCorpus.rssMiB, mib),
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
