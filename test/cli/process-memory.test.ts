// The command tunes its own process for memory (generator/cli/process-memory.ts): V8's heap
// growth, and mimalloc's options for the native bindings, which mimalloc reads once, when
// the first binding loads. The built CLI is watched from a preload that records what was
// set by the time the first native module opened.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEAP_GROWING_PERCENT, holdLessMemory, holdSteadyYoungGeneration } from "../../generator/cli/process-memory.ts";
import { generate } from "../../generator/run/pipeline.ts";
import { minimalSpec, project, run, tempDir } from "./harness.ts";

describe("holdLessMemory", () => {
  it("sets V8's heap growth and mimalloc's purge options, and reports them", () => {
    const env: NodeJS.ProcessEnv = {};
    const flags: string[] = [];
    const set = holdLessMemory(env, [], (f) => flags.push(f));
    expect(flags).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
    expect(env).toEqual({ MIMALLOC_PURGE_DELAY: "0", MIMALLOC_ARENA_EAGER_COMMIT: "0" });
    expect(set).toEqual([flags[0], "MIMALLOC_PURGE_DELAY=0", "MIMALLOC_ARENA_EAGER_COMMIT=0"]);
  });

  it("keeps what the user set: a heap growth in node's flags or NODE_OPTIONS, mimalloc's variables", () => {
    const flags: string[] = [];
    const env: NodeJS.ProcessEnv = { MIMALLOC_PURGE_DELAY: "25", NODE_OPTIONS: "--heap-growing-percent=30" };
    expect(holdLessMemory(env, [], (f) => flags.push(f))).toEqual(["MIMALLOC_ARENA_EAGER_COMMIT=0"]);
    expect(holdLessMemory({}, ["--heap-growing-percent=10"], (f) => flags.push(f))).not.toContainEqual(expect.stringContaining("heap"));
    expect(flags).toEqual([]);
    expect(env.MIMALLOC_PURGE_DELAY).toBe("25");
  });
});

describe("holdSteadyYoungGeneration (codebook mock and proxy)", () => {
  it("keeps V8's young generation at its initial size, unless the user sized it", () => {
    const flags: string[] = [];
    expect(holdSteadyYoungGeneration({}, [], (f) => flags.push(f))).toEqual(["--semi-space-growth-factor=1"]);
    expect(holdSteadyYoungGeneration({ NODE_OPTIONS: "--max-semi-space-size=8" }, [], (f) => flags.push(f))).toEqual([]);
    expect(holdSteadyYoungGeneration({}, ["--semi_space_growth_factor=2"], (f) => flags.push(f))).toEqual([]);
    expect(flags).toEqual(["--semi-space-growth-factor=1"]);
  });

  it("takes effect when set after startup: the young generation stays at 2 MiB under an allocation load that grows it to 32 MiB", () => {
    const program = (set: boolean) =>
      `${set ? 'require("node:v8").setFlagsFromString("--semi-space-growth-factor=1");' : ""}let keep=[];for(let i=0;i<3e6;i++){keep.push({a:i,b:"x"+i});if(keep.length>1000)keep=[]}` +
      'process.stdout.write(String(require("node:v8").getHeapSpaceStatistics().find((s)=>s.space_name==="new_space").space_size/1048576))';
    const size = (set: boolean) => Number(spawnSync(process.execPath, ["-e", program(set)], { encoding: "utf8" }).stdout);
    expect(size(false)).toBeGreaterThan(8);
    expect(size(true)).toBeLessThanOrEqual(2);
  });
});

describe("the command", () => {
  it("sets them before the first native binding loads", () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const record = join(tempDir(), "record.json");
    const preload = join(tempDir(), "watch.cjs");
    // Wraps v8.setFlagsFromString (synced into the ESM binding the CLI imports) and
    // process.dlopen, which loads every native module, and writes what it saw at exit.
    writeFileSync(
      preload,
      `const v8 = require("node:v8"), fs = require("node:fs");
const seen = { flags: [], atFirstBinding: null, bindings: 0 };
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (f) => { seen.flags.push(f); return setFlags(f); };
require("node:module").syncBuiltinESMExports();
const dlopen = process.dlopen;
process.dlopen = function (...args) {
  seen.bindings++;
  seen.atFirstBinding ??= { flags: [...seen.flags], purge: process.env.MIMALLOC_PURGE_DELAY ?? null, eager: process.env.MIMALLOC_ARENA_EAGER_COMMIT ?? null };
  return dlopen.apply(this, args);
};
process.on("exit", () => fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify(seen)));
`,
    );
    // Empty, as if unset, whatever the environment running the tests holds.
    const r = run(["generate"], dir, { NODE_OPTIONS: `--require ${preload}`, MIMALLOC_PURGE_DELAY: "", MIMALLOC_ARENA_EAGER_COMMIT: "" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const seen = JSON.parse(readFileSync(record, "utf8"));
    expect(seen.bindings).toBeGreaterThanOrEqual(2); // oxc-transform and oxfmt
    expect(seen.atFirstBinding).toEqual({ flags: [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`], purge: "0", eager: "0" });
  });

  it("is the command's alone: the API leaves its host's process as it was", async () => {
    const before = { purge: process.env.MIMALLOC_PURGE_DELAY, eager: process.env.MIMALLOC_ARENA_EAGER_COMMIT };
    const dir = project([], { "codes.yaml": minimalSpec() });
    await generate({ cwd: dir, keepFiles: false });
    expect({ purge: process.env.MIMALLOC_PURGE_DELAY, eager: process.env.MIMALLOC_ARENA_EAGER_COMMIT }).toEqual(before);
  });
});
