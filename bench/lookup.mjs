// Code lookup throughput in the generated packages: classify, describe and parse over
// every code the spec lists, as many codes it does not list, and malformed values. Every
// shipped package's classifier is also timed against its hand-written floor
// (bench/handwritten-classify.mjs), after checking that the two give equal answers on every
// input. Each function has a measuring loop of its own (see validators.mjs, `measurer`);
// contenders run in turn, the order rotated each run. Returns ops/s medians.
//
//   node bench/lookup.mjs [--runs 7] [--ms 100]   (prints the rows as JSON)
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { floors } from "./handwritten-classify.mjs";

function measurer() {
  // eslint-disable-next-line no-new-func
  return new Function("fn", "inputs", "ms", "state", `const n = inputs.length; let calls = 0; const start = performance.now(); let now = start;
    do { for (let i = 0; i < n; i++) state.sink ^= fn(inputs[i]) === undefined ? 1 : 0; calls += n; now = performance.now(); } while (now - start < ms);
    return (calls * 1000) / (now - start);`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Codes of the same shape as the listed ones that the table does not list. */
function unlistedCodes(codes) {
  const listed = new Set(codes);
  const out = [];
  for (const c of codes) {
    const alt = c.replace(/[0-9](?=[0-9]*$)/, (d) => String((Number(d) + 5) % 10));
    if (!listed.has(alt)) out.push(alt);
  }
  return out.length ? out : ["not-a-code"];
}

/** Values that are not codes of `pattern`: near-miss strings, numbers, null, an object. */
function malformedValues(codes, pattern) {
  const re = new RegExp(pattern);
  const strings = [...codes.slice(0, 8).map((c) => ` ${c}`), ...codes.slice(0, 8).map((c) => `${c}x`), "", "x", "0000000000000"];
  return [...strings.filter((s) => !re.test(s)), Number(codes[0]), 200, null, undefined, {}, ["00"]];
}

const SHIPPED = ["iak-prepaid", "iak-postpaid", "doku-biller", "tokopedia-partner", "snap-qr-cpm"];
/** Packages whose describe and parse are timed too. */
const ALL_FUNCTIONS = ["iak-prepaid", "snap-qr-cpm"];

export async function lookups(root, { runs, ms }) {
  const packages = {};
  for (const id of SHIPPED) packages[id] = await import(pathToFileURL(resolve(root, "generated", id, "dist", "index.js")).href);
  const floor = floors(packages);
  const cases = [];
  for (const id of SHIPPED) {
    const pkg = packages[id];
    const catalog = JSON.parse(readFileSync(join(root, "generated", id, "catalog.json"), "utf8"));
    const codes = catalog.codes.map((c) => c.code);
    const pattern = readFileSync(join(root, "spec", `${id}.yaml`), "utf8").match(/^\s+pattern: "(.*)"$/m)[1].replace(/\\\\/g, "\\");
    const sets = { listed: codes, unlisted: unlistedCodes(codes), malformed: malformedValues(codes, pattern) };
    const pick = (prefix) => Object.entries(pkg).find(([k, v]) => k.startsWith(prefix) && k.endsWith(prefix === "parse" ? "ResponseCode" : "Code") && typeof v === "function")?.[1];
    const classify = pick("classify");
    // A fast wrong answer is no answer: the floor answers every input as the package does.
    for (const [set, inputs] of Object.entries(sets))
      for (const x of inputs) if (!isDeepStrictEqual(floor[id](x), classify(x))) throw new Error(`${id}: the hand-written floor and the generated classifier differ on ${set} ${JSON.stringify(x)}`);
    for (const [set, inputs] of Object.entries(sets)) {
      cases.push({ id, fn: "classify", set, f: classify, inputs });
      cases.push({ id, fn: "classify (hand-written floor)", set, f: floor[id], inputs });
      if (!ALL_FUNCTIONS.includes(id) || set === "malformed") continue;
      for (const fn of ["describe", "parse"]) {
        const f = pick(fn);
        if (f) cases.push({ id, fn, set, f, inputs });
      }
    }
  }
  const state = { sink: 0 };
  const samples = cases.map(() => []);
  const loops = cases.map(() => measurer());
  cases.forEach((c, i) => loops[i](c.f, c.inputs, ms / 2, state));
  for (let r = 0; r < runs; r++)
    for (let k = 0; k < cases.length; k++) {
      const i = (k + r) % cases.length;
      samples[i].push(loops[i](cases[i].f, cases[i].inputs, ms, state));
    }
  return cases.map((c, i) => ({ package: c.id, function: c.fn, codes: c.set, count: c.inputs.length, opsPerSec: median(samples[i]) }));
}

/** Generated classifier ÷ its hand-written floor, per package and input class. */
export function floorRatios(rows) {
  return rows
    .filter((r) => r.function === "classify")
    .map((r) => ({ package: r.package, codes: r.codes, ratio: r.opsPerSec / rows.find((f) => f.package === r.package && f.codes === r.codes && f.function === "classify (hand-written floor)").opsPerSec }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (flag, fallback) => (process.argv.includes(flag) ? Number(process.argv[process.argv.indexOf(flag) + 1]) : fallback);
  const rows = await lookups(join(dirname(fileURLToPath(import.meta.url)), ".."), { runs: arg("--runs", 7), ms: arg("--ms", 100) });
  for (const r of rows) console.log(`${r.package}\t${r.function}\t${r.codes}\t${Math.round(r.opsPerSec).toLocaleString("en-US")}`);
  for (const r of floorRatios(rows)) console.log(`${r.package}\tgenerated ÷ floor\t${r.codes}\t${r.ratio.toFixed(2)}x`);
}
