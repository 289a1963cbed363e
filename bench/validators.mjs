// Validator throughput for the SNAP QR CPM payment request, in one process,
// with the same payloads for every contender:
//
//   generated  validateSnapQrCpmPaymentRequest (the package's straight-line code)
//   hand       bench/handwritten-payment-request.mjs (the floor)
//   ajv        Ajv2020({ allErrors: true }) + ajv-formats, compiled from the emitted payment-request.schema.json
//   zod        a zod 4 schema of the same body (valid bodies only: zod's errors are another contract)
//
// Each figure is the median of >= 5 interleaved runs. Prints a Markdown table.
// The package is generated/snap-qr-cpm (npm run generate; npm run bench
// generates first).
//
//   node bench/validators.mjs [--runs 7] [--ms 200]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { z } from "zod";
import { validatePaymentRequest as handwritten } from "./handwritten-payment-request.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SPEC_ID = "snap-qr-cpm";
const VALIDATOR = "validateSnapQrCpmPaymentRequest";
const SCHEMA = "payment-request.schema.json";
const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;

// ---- payloads: the same objects for every contender

const sample = {
  partnerReferenceNo: "2020102900000000000001",
  qrContent: "hduvY...",
  amount: { value: "12345678.00", currency: "IDR" },
  feeAmount: { value: "12345678.00", currency: "IDR" },
  merchantId: "00007100010926",
  subMerchantId: "310928924949487",
  title: "example",
  expiryTime: "2020-12-23T07:54:11+07:00",
  items: { productId: "12345", productName: "goods A", qty: "6", desc: "barang" },
  externalStoreId: "abcd",
  merchantName: "Merchant01",
  merchantLocation: "Jakarta Indonesia",
  acquirerName: "LinkAja",
  terminalId: "6476378",
  scannerInfo: { deviceId: "46252", deviceVersion: "v.1.0", deviceModel: "Scanner", deviceIp: "172.24.281.24" },
  additionalInfo: { deviceId: "12345679237", channel: "mobilephone" },
};

export const VALID = [
  sample,
  {
    partnerReferenceNo: "PARTNER001",
    qrContent: "00020101021226610014ID.CO.QRIS.WWW",
    amount: { value: "50000.00", currency: "IDR" },
    feeAmount: { value: "1000.00", currency: "IDR" },
    merchantId: "MERCH01",
    subMerchantId: "SUBMERCH01",
    title: "Coffee order",
    expiryTime: "2026-09-13T10:00:00+07:00",
    items: { name: "Latte", qty: 1 },
    externalStoreId: "STORE01",
    merchantName: "Merchant Name",
    merchantLocation: "Jakarta",
    acquirerName: "Acquirer Name",
    terminalId: "TERM01",
    scannerInfo: { deviceId: "DEVICE01", deviceVersion: "1.0.0", deviceModel: "Model X", deviceIp: "10.0.0.1" },
    additionalInfo: { note: "req-value" },
  },
  { partnerReferenceNo: "P-1", qrContent: "000201", merchantId: "M1", expiryTime: "2024-02-29T23:59:59Z" },
  { partnerReferenceNo: "P-2", qrContent: "000201", merchantId: "M2", expiryTime: "2024-12-31T00:00:00.123Z", amount: { value: "1.00", currency: "USD" } },
];

export const INVALID = [
  { ...VALID[1], items: [{ name: "Latte", qty: 1 }] }, // items must be an object
  { partnerReferenceNo: "", qrContent: "", merchantId: "" }, // expiryTime missing
  { ...sample, expiryTime: "60" }, // not a date-time
  { ...sample, amount: { value: "1,000.00", currency: "idr" } }, // bad amount and currency
  { ...sample, partnerReferenceNo: 123, amount: "10000.00" }, // wrong types
  { ...VALID[2], expiryTime: "2023-02-29T00:00:00Z", title: "x".repeat(300) }, // no such day, title too long
];

// ---- the zod 4 contender: the same rules zod can state (loose objects: unknown keys pass)

const money = z.looseObject({ value: z.string().regex(/^[0-9]{1,14}\.[0-9]{2}$/), currency: z.string().max(3).regex(/^[A-Z]{3}$/) });
export const zodPaymentRequest = z.looseObject({
  partnerReferenceNo: z.string().max(64),
  qrContent: z.string().max(512),
  amount: money.optional(),
  feeAmount: money.optional(),
  merchantId: z.string().max(64),
  subMerchantId: z.string().max(32).optional(),
  title: z.string().max(256).optional(),
  expiryTime: z.iso.datetime({ offset: true }).max(25),
  items: z.record(z.string(), z.unknown()).optional(),
  externalStoreId: z.string().max(64).optional(),
  merchantName: z.string().max(64).optional(),
  merchantLocation: z.string().max(64).optional(),
  acquirerName: z.string().max(64).optional(),
  terminalId: z.string().max(32).optional(),
  scannerInfo: z
    .looseObject({ deviceId: z.string().max(64).optional(), deviceVersion: z.string().max(128).optional(), deviceModel: z.string().max(128).optional(), deviceIp: z.string().max(64).optional() })
    .optional(),
  additionalInfo: z.record(z.string(), z.unknown()).optional(),
});

// ---- the package under test

async function fromGenerated() {
  const dir = join(root, "generated", SPEC_ID);
  const index = join(dir, "dist", "index.js");
  const schema = join(dir, "schemas", SCHEMA);
  if (!existsSync(index) || !existsSync(schema)) return null;
  const pkg = await import(pathToFileURL(index).href);
  if (typeof pkg[VALIDATOR] !== "function") return null;
  return { source: `generated/${SPEC_ID}`, validate: pkg[VALIDATOR], schema: JSON.parse(readFileSync(schema, "utf8")) };
}

async function loadPackage() {
  const generated = await fromGenerated();
  if (!generated) throw new Error(`generated/${SPEC_ID} has no ${VALIDATOR}: run npm run generate first`);
  return generated;
}

/** ajv's standalone code for the schema (allErrors), written as a module and imported: no ajv at run time but its formats. */
async function standalone(schema) {
  const { default: standaloneCode } = await import("ajv/dist/standalone/index.js");
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true } });
  addFormats(ajv);
  const dir = join(root, "node_modules", ".cache", "codebook-bench");
  mkdirSync(dir, { recursive: true });
  // CommonJS: ajv's standalone code requires its runtime helpers and the formats.
  const file = join(dir, `standalone-${process.pid}.cjs`);
  writeFileSync(file, standaloneCode(ajv, ajv.compile(schema)));
  return createRequire(import.meta.url)(file);
}

// ---- measurement


/**
 * A measuring loop of its own for each contender and payload set: one shared
 * loop would make its call site megamorphic, so V8 would stop inlining the
 * fastest contenders and the figures would depend on the order they ran in.
 */
function measurer() {
  // eslint-disable-next-line no-new-func
  return new Function(
    "fn",
    "payloads",
    "ms",
    "state",
    `const n = payloads.length;
     let calls = 0;
     const start = performance.now();
     let now = start;
     do {
       for (let r = 0; r < 64; r++) for (let i = 0; i < n; i++) state.sink ^= fn(payloads[i]) ? 1 : 0;
       calls += 64 * n;
       now = performance.now();
     } while (now - start < ms);
     return (calls * 1000) / (now - start);`,
  );
}
const state = { sink: 0 };
const loops = new Map();

/** Calls per second of `fn` over `payloads`, for about `ms` milliseconds. */
function measure(key, fn, payloads, ms) {
  if (!loops.has(key)) loops.set(key, measurer());
  return loops.get(key)(fn, payloads, ms, state);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function parseArgs(argv) {
  const get = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
  };
  return { runs: Math.max(5, get("--runs", 11)), ms: get("--ms", 200) };
}

export async function main(options = parseArgs(process.argv.slice(2))) {
  const { runs, ms } = { runs: 7, ms: 200, ...options };
  const pkg = await loadPackage();
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const ajvValidate = ajv.compile(pkg.schema);
  const ajvFirst = new Ajv2020({ allErrors: false, strict: false });
  addFormats(ajvFirst);
  const ajvFirstValidate = ajvFirst.compile(pkg.schema);
  const ajvStandaloneValidate = await standalone(pkg.schema);

  // Every contender is a boolean function of the body, so the loops are alike.
  const contenders = {
    generated: (b) => pkg.validate(b).ok,
    hand: (b) => handwritten(b).ok,
    ajv: (b) => ajvValidate(b),
    ajvFirst: (b) => ajvFirstValidate(b),
    ajvStandalone: (b) => ajvStandaloneValidate(b),
    zod: (b) => zodPaymentRequest.safeParse(b).success,
  };

  // Same verdicts first: a fast wrong answer is no answer.
  for (const [name, fn] of Object.entries(contenders)) {
    for (const b of VALID) if (!fn(b)) throw new Error(`${name} rejects a valid payload: ${JSON.stringify(b).slice(0, 200)}`);
    if (name !== "zod") for (const b of INVALID) if (fn(b)) throw new Error(`${name} accepts an invalid payload: ${JSON.stringify(b).slice(0, 200)}`);
  }
  for (const b of INVALID) {
    const ours = pkg.validate(b);
    const floor = handwritten(b);
    const pairs = (r) => r.errors.map((e) => `${e.path} ${e.rule}`).sort().join(", ");
    if (pairs(ours) !== pairs(floor)) throw new Error(`hand-written and generated disagree: ${pairs(ours)} vs ${pairs(floor)}`);
  }

  const sets = { valid: VALID, invalid: INVALID };
  const plan = [
    ["generated", "valid"], ["hand", "valid"], ["ajv", "valid"], ["ajvFirst", "valid"], ["ajvStandalone", "valid"], ["zod", "valid"],
    ["generated", "invalid"], ["hand", "invalid"], ["ajv", "invalid"], ["ajvFirst", "invalid"], ["ajvStandalone", "invalid"],
  ];
  const samples = new Map(plan.map(([c, s]) => [`${c}/${s}`, []]));
  for (const [c, s] of plan) measure(`${c}/${s}`, contenders[c], sets[s], ms / 2); // warm-up
  for (let run = 0; run < runs; run++) {
    // Rotate the order every run so no contender always runs first (or last).
    for (let k = 0; k < plan.length; k++) {
      const [c, s] = plan[(k + run) % plan.length];
      samples.get(`${c}/${s}`).push(measure(`${c}/${s}`, contenders[c], sets[s], ms));
    }
  }
  const ops = Object.fromEntries([...samples].map(([k, v]) => [k, median(v)]));
  const ratios = {
    "generated / ajv, valid": ops["generated/valid"] / ops["ajv/valid"],
    "generated / ajv, invalid": ops["generated/invalid"] / ops["ajv/invalid"],
    "generated / ajv first-error, valid": ops["generated/valid"] / ops["ajvFirst/valid"],
    "generated / ajv first-error, invalid": ops["generated/invalid"] / ops["ajvFirst/invalid"],
    "generated / ajv standalone, valid": ops["generated/valid"] / ops["ajvStandalone/valid"],
    "generated / ajv standalone, invalid": ops["generated/invalid"] / ops["ajvStandalone/invalid"],
    "generated / zod, valid": ops["generated/valid"] / ops["zod/valid"],
    "hand-written / generated, valid": ops["hand/valid"] / ops["generated/valid"],
    "hand-written / generated, invalid": ops["hand/invalid"] / ops["generated/invalid"],
  };
  const targets = {
    "generated / ajv, valid": [">=", 5.0],
    "generated / ajv, invalid": [">=", 3.0],
    "generated / ajv first-error, valid": null,
    "generated / ajv first-error, invalid": null,
    "generated / ajv standalone, valid": null,
    "generated / ajv standalone, invalid": null,
    "generated / zod, valid": [">=", 8.0],
    "hand-written / generated, valid": ["<=", 1.2],
    "hand-written / generated, invalid": ["<=", 1.2],
  };

  const fmt = (x) => (x === undefined ? "—" : Math.round(x).toLocaleString("en-US"));
  const lines = [
    `Payment request validators, ${pkg.source}; Node ${process.versions.node}; median of ${runs} runs of ~${ms} ms; ${VALID.length} valid and ${INVALID.length} invalid payloads, the same for every contender.`,
    "",
    "| Contender | Valid bodies (ops/s) | Invalid bodies (ops/s) |",
    "| --- | ---: | ---: |",
    `| generated \`${VALIDATOR}\` | ${fmt(ops["generated/valid"])} | ${fmt(ops["generated/invalid"])} |`,
    `| hand-written (bench/handwritten-payment-request.mjs) | ${fmt(ops["hand/valid"])} | ${fmt(ops["hand/invalid"])} |`,
    `| ajv 2020 (allErrors) + ajv-formats, from schemas/${SCHEMA} | ${fmt(ops["ajv/valid"])} | ${fmt(ops["ajv/invalid"])} |`,
    `| ajv 2020 (first error only) + ajv-formats | ${fmt(ops["ajvFirst/valid"])} | ${fmt(ops["ajvFirst/invalid"])} |`,
    `| ajv 2020 standalone code (allErrors) + ajv-formats | ${fmt(ops["ajvStandalone/valid"])} | ${fmt(ops["ajvStandalone/invalid"])} |`,
    `| zod 4 | ${fmt(ops["zod/valid"])} | — |`,
    "",
    "| Ratio | Measured | Target | Met |",
    "| --- | ---: | ---: | --- |",
    ...Object.entries(ratios).map(([k, v]) => {
      if (!targets[k]) return `| ${k} | ${v.toFixed(2)}x | — | — |`;
      const [op, t] = targets[k];
      const met = op === ">=" ? v >= t : v <= t;
      return `| ${k} | ${v.toFixed(2)}x | ${op} ${t.toFixed(1)}x | ${met ? "yes" : "**no**"} |`;
    }),
  ];
  if (options.print !== false) console.log(lines.join("\n"));
  if (state.sink === 42) console.log(""); // keep the results observable
  return { source: pkg.source, runs, ms, ops, ratios, markdown: lines.join("\n") };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
