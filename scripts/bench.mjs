// npm run bench: the generator's speed (cold generate, unchanged --check, one spec
// edited) and, when present, the validators' (bench/validators.mjs). Each figure
// is the median of RUNS runs of a fresh `codebook` process; prints Markdown tables.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

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

function measure(label, prepare, args) {
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
  return { label, median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

function editOneSpec(dir) {
  const path = join(dir, "spec", "iak-prepaid.yaml");
  writeFileSync(path, readFileSync(path, "utf8").replace("title: ", "title: Edited "));
}

if (!existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
run(["--version"], root); // warm the file cache, not the process

const rows = [
  measure("cold `codebook generate` (empty out dir)", () => {}, ["generate"]),
  measure("unchanged `codebook generate --check`", (d) => run(["generate"], d), ["generate", "--check"]),
  measure("unchanged `codebook generate`", (d) => run(["generate"], d), ["generate"]),
  measure("`codebook generate` after editing one spec", (d) => (run(["generate"], d), editOneSpec(d)), ["generate"]),
  measure("`codebook lint`", () => {}, ["lint"]),
];

console.log(`\n### Generator (median of ${RUNS} runs, fresh process each, node ${process.version})\n`);
console.log("| Scenario | Median | Min | Max |\n| --- | ---: | ---: | ---: |");
for (const r of rows) console.log(`| ${r.label} | ${(r.median / 1000).toFixed(2)} s | ${(r.min / 1000).toFixed(2)} s | ${(r.max / 1000).toFixed(2)} s |`);

// The validator benchmark runs in its own fresh process: the same conditions for every contender.
const validators = join(root, "bench", "validators.mjs");
if (existsSync(validators)) execFileSync(process.execPath, [validators], { cwd: root, stdio: "inherit" });
