// Code lookup throughput in the generated packages: classify, describe and parse over
// every code the spec lists, and over as many codes it does not list. Each function has
// a measuring loop of its own (see validators.mjs, `measurer`). Returns ops/s medians.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

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

export async function lookups(root, { runs, ms }) {
  const cases = [];
  for (const [id, index] of [["iak-prepaid", "index.js"], ["snap-qr-cpm", "index.js"]]) {
    const pkg = await import(pathToFileURL(resolve(root, "generated", id, "dist", index)).href);
    const codes = JSON.parse(readFileSync(join(root, "generated", id, "catalog.json"), "utf8")).codes.map((c) => c.code);
    const pick = (prefix) => Object.entries(pkg).find(([k, v]) => k.startsWith(prefix) && typeof v === "function")?.[1];
    for (const [fn, f] of [["classify", pick("classify")], ["describe", pick("describe")], ["parse", pick("parse")]]) {
      if (!f) continue;
      cases.push({ id, fn, set: "listed", f, inputs: codes });
      cases.push({ id, fn, set: "unlisted", f, inputs: unlistedCodes(codes) });
    }
  }
  const state = { sink: 0 };
  const samples = cases.map(() => []);
  const loops = cases.map(() => measurer());
  cases.forEach((c, i) => loops[i](c.f, c.inputs, ms / 2, state));
  for (let r = 0; r < runs; r++) cases.forEach((c, i) => samples[i].push(loops[i](c.f, c.inputs, ms, state)));
  return cases.map((c, i) => ({ package: c.id, function: c.fn, codes: c.set, count: c.inputs.length, opsPerSec: median(samples[i]) }));
}
