// What a consumer ships: esbuild bundles (minified, ESM) of programs that import one
// guard, one classifier, one validator, or a whole package; bytes and gzipped bytes.
// "nothing from other tables" is checked: the guard bundle must not hold a row's message.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export async function bundles(root) {
  const dist = (id, file = "index.js") => resolve(root, "generated", id, "dist", file);
  const programs = [
    { what: "one guard (`isIakPrepaidCode`)", code: `import { isIakPrepaidCode as f } from ${JSON.stringify(dist("iak-prepaid"))}; console.log(f(process.argv[2]));` },
    { what: "one classifier (`classifyIakPrepaidCode`)", code: `import { classifyIakPrepaidCode as f } from ${JSON.stringify(dist("iak-prepaid"))}; console.log(f(process.argv[2]));` },
    { what: "one validator (`validateSnapQrCpmPaymentRequest`)", code: `import { validateSnapQrCpmPaymentRequest as f } from ${JSON.stringify(dist("snap-qr-cpm"))}; console.log(f(process.argv[2]));` },
    { what: "a whole package (`snap-qr-cpm`, every export)", code: `import * as p from ${JSON.stringify(dist("snap-qr-cpm"))}; console.log(p);` },
  ];
  const dir = mkdtempSync(join(tmpdir(), "codebook-bundle-"));
  try {
    const out = [];
    for (const [i, p] of programs.entries()) {
      writeFileSync(join(dir, `${i}.mjs`), p.code);
      await build({ entryPoints: [join(dir, `${i}.mjs`)], bundle: true, minify: true, format: "esm", platform: "neutral", outfile: join(dir, `${i}.out.js`), logLevel: "warning" });
      const text = readFileSync(join(dir, `${i}.out.js`));
      out.push({ what: p.what, bytes: text.length, gzip: gzipSync(text, { level: 9 }).length, text: text.toString("utf8") });
    }
    const message = JSON.parse(readFileSync(join(root, "generated", "iak-prepaid", "catalog.json"), "utf8")).codes[1].message;
    out[0].tableFree = !out[0].text.includes(message);
    for (const o of out) delete o.text;
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
