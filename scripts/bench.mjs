// npm run bench: the generator's speed (cold generate, unchanged --check, one spec
// edited, lint) and the validators' (bench/validators.mjs, in its own process).
// Each generator figure is the median of RUNS runs of a fresh `codebook` process.
//
// The results are written to bench/results.md (committed) and copied into the
// README between the bench-results markers, so every figure the README quotes
// comes from a committed run (a test holds the two together).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MARKERS = ["<!-- bench-results:start (written by npm run bench) -->", "<!-- bench-results:end -->"];

function run(args, cwd) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, ...args], { cwd, stdio: "pipe" });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), "codebook-bench-"));
  cpSync(join(root, "spec"), join(dir, "spec"), { recursive: true });
  cpSync(join(root, "codebook.config.yaml"), join(dir, "codebook.config.yaml"));
  return dir;
}

function measure(label, prepare, args, target) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = scratch();
    try {
      prepare(dir);
      times.push(run(args, dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { label, median: median(times), min: Math.min(...times), max: Math.max(...times), target };
}

function editOneSpec(dir) {
  const path = join(dir, "spec", "iak-prepaid.yaml");
  writeFileSync(path, readFileSync(path, "utf8").replace("title: ", "title: Edited "));
}

if (!existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
run(["--version"], root); // warm the file cache, not the process

const rows = [
  measure("cold `codebook generate` (empty out dir)", () => {}, ["generate"], 1.5),
  measure("unchanged `codebook generate --check`", (d) => run(["generate"], d), ["generate", "--check"], 0.5),
  measure("unchanged `codebook generate`", (d) => run(["generate"], d), ["generate"], null),
  measure("`codebook generate` after editing one spec", (d) => (run(["generate"], d), editOneSpec(d)), ["generate"], null),
  measure("`codebook lint`", () => {}, ["lint"], null),
];

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const generator = [
  `Generator: the five shipped specs; fresh \`codebook\` process per run, median of ${RUNS}; Node ${process.versions.node}, ${cpus().length} cores.`,
  "",
  "| Scenario | Median | Min | Max | Target | Met |",
  "| --- | ---: | ---: | ---: | ---: | --- |",
  ...rows.map((r) => {
    const target = r.target === null ? "—" : `≤ ${r.target.toFixed(1)} s`;
    const met = r.target === null ? "—" : r.median / 1000 <= r.target ? "yes" : "**no**";
    return `| ${r.label} | ${s(r.median)} | ${s(r.min)} | ${s(r.max)} | ${target} | ${met} |`;
  }),
].join("\n");

// The validator benchmark runs in its own fresh process: the same conditions for every contender.
const validatorsScript = join(root, "bench", "validators.mjs");
const validators = existsSync(validatorsScript) ? execFileSync(process.execPath, [validatorsScript], { cwd: root, encoding: "utf8" }).trim() : "";

const results = [generator, validators].filter(Boolean).join("\n\n") + "\n";
process.stdout.write(results);
writeFileSync(join(root, "bench", "results.md"), `<!-- Written by npm run bench (scripts/bench.mjs); do not edit by hand. -->\n\n${results}`);
const readmePath = join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const [start, end] = MARKERS;
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block for the results`);
writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n\n${results}\n${readme.slice(to)}`);
console.error("bench: wrote bench/results.md and the README's results block");
