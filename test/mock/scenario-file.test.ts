// Issue 22 item 2: the scenario file format, checked against the package (its
// endpoints, declared fields and headers, response and callback bodies, codes)
// with every problem at file:line:col, and its JSON Schema (what editors use)
// agreeing with the mock: the README's file passes both, each structural
// mistake fails both.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { startMock } from "../../generator/mock/public-api.ts";
import { newAjv } from "../targets/typescript/api/ajv.ts";
import { run, tempDir } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";
import { readmeScenarioFile } from "./harness.ts";

const dir = tempDir("codebook-scenario-file-");
const schema = JSON.parse(readFileSync(join(repoRoot, "schema/mock-scenarios.schema.json"), "utf8"));
const validate = newAjv().compile(schema);
const refused = async (text: string, name = "bad.yaml") => {
  const file = join(dir, name);
  writeFileSync(file, text);
  const error = await startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: file }).then(
    async (m) => {
      await m.close();
      return null;
    },
    (err: Error) => err.message,
  );
  return { file, error };
};

const BAD = `flows:
  - name: broken
    start: { endpoint: Paymnt, code: "2026000" }
    reference:
      Payment: partnerRefNo
      Query: { header: X-NOT-A-HEADER }
    states:
      - name: pending
        until: { calls: 0 }
        answers:
          Query: { code: "2006100", fields: { latestTransactionStatus: 3, nope: 1 } }
          Cancel: { code: "2006200", then: gone }
      - name: paid
        final: true
        until: { seconds: 1 }
        answers:
          Query: toString
  - name: notifies
    start: { endpoint: Payment, code: "2026000" }
    reference: { Payment: partnerReferenceNo }
    states:
      - name: done
        notify: { latestTransactionStatus: "00", amount: { value: "1", currency: IDR } }
        answers: {}
idempotency:
  - { endpoint: Payment, reference: { header: X-EXTERNAL-ID }, within: week, code: "4096000" }
  - { endpoint: Payment, reference: partnerReferenceNo, after: success, within: day, code: 40960 }
`;

describe("scenario file errors, each at its position", () => {
  it("flows and idempotency rules: endpoints, fields, headers, codes, states, callbacks", async () => {
    const { file, error } = await refused(BAD);
    const pattern = '"toString" does not match ^[0-9]{7}$ (response code = HTTP status code + service code + case code)';
    expect(error!.split("\n")).toEqual([
      `${file}:3:24: flow "broken": no endpoint "Paymnt" (endpoints: Generate, Payment, Query, Cancel, Notify, Refund)`,
      `${file}:5:16: flow "broken": reference "partnerRefNo": partnerRefNo is not a declared field of the Payment request`,
      `${file}:6:14: flow "broken": X-NOT-A-HEADER is not a request header of the spec (headers: Content-type, Authorization, Authorization-Customer, X-TIMESTAMP, X-SIGNATURE, ORIGIN, X-PARTNER-ID, X-EXTERNAL-ID, X-IP-ADDRESS, X-DEVICE-ID, X-LATITUDE, X-LONGITUDE, CHANNEL-ID)`,
      `${file}:9:25: flow "broken" state "pending": "calls" must be a whole number >= 1`,
      `${file}:11:72: flow "broken" state "pending": latestTransactionStatus must be a string, got number (the Query response with 2006100)`,
      `${file}:11:81: flow "broken" state "pending": nope is not a declared field of the Query response with 2006100`,
      `${file}:12:19: flow "broken" state "pending": Cancel has no "reference" in this flow: its requests cannot be matched to the transaction`,
      `${file}:12:44: flow "broken" state "pending": no state "gone" in this flow (states: pending, paid)`,
      `${file}:15:16: flow "broken" state "paid": "until" on the last state: there is no next state to go to (add one, or use an answer's "then")`,
      `${file}:17:18: flow "broken" state "paid": toString is not a response code of Query: ${pattern}`,
      `${file}:23:17: flow "notifies" state "done": "notify" is sent on entering a final state: add "final: true"`,
      `${file}:23:58: flow "notifies" state "done": amount.value must be an amount (16,2): 1 to 14 digits, a dot and exactly 2 decimals, no separators, e.g. 10000.00 (the Notify request (the callback))`,
      `${file}:26:72: idempotency rule 1: "within" is day (the same calendar day) or { seconds: N }`,
      `${file}:27:5: idempotency rule 2: give exactly one of "within" (day, or { seconds: N }) and "after" (success)`,
      `${file}:27:92: idempotency rule 2: 40960 is not a response code of Payment: ${pattern.replace("toString", "40960")}`,
    ]);
  });

  it("the CLI refuses it the same way: exit 2, the problems on stderr", () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, BAD);
    const r = run(["mock", "--spec", "snap-qr-cpm", "--port", "0", "--scenarios", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^codebook mock: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:24: flow "broken": no endpoint "Paymnt"`));
    expect(r.stderr.trim().split("\n")).toHaveLength(15);
  });

  it("top-level mistakes: an unknown key, nothing to serve, a duplicate flow name, a missing reference of the start endpoint", async () => {
    expect((await refused("scenario: []\nflows: []\n")).error).toMatch(/bad\.yaml:1:11: file: unknown key "scenario" \(expected \$schema, scenarios, flows, idempotency\)$/);
    expect((await refused("$schema: x.json\n")).error).toMatch(/bad\.yaml: expected scenarios, flows or idempotency rules \(or a list of scenarios\)$/);
    const twice = `flows:
  - { name: f, start: { endpoint: Payment, code: "2026000" }, reference: { Query: originalPartnerReferenceNo }, states: [{ name: a }] }
  - { name: f, start: { endpoint: Payment, code: "2026000" }, reference: { Payment: partnerReferenceNo }, states: [{ name: a }] }
`;
    const { file, error } = await refused(twice);
    expect(error!.split("\n")).toEqual([
      `${file}:2:74: flow "f": "reference" must say where Payment (the start endpoint) carries the reference`,
      `${file}:3:13: flow "f": another flow has this name`,
    ]);
  });

  it("flows given as data (startMock): the same checks, each problem by its flow and state", async () => {
    const flows = [{ name: "d", start: { endpoint: "Payment", code: "20260" }, reference: { Payment: "partnerReferenceNo" }, states: [{ name: "s", answers: { Query: "2006100" } }] }];
    await expect(startMock({ spec: "snap-qr-cpm", cwd: repoRoot, scenarios: { flows } })).rejects.toThrow(
      [
        'scenarios: flow "d": 20260 is not a response code of Payment: "20260" does not match ^[0-9]{7}$ (response code = HTTP status code + service code + case code)',
        'scenarios: flow "d" state "s": Query has no "reference" in this flow: its requests cannot be matched to the transaction',
      ].join("\n"),
    );
  });
});

describe("the JSON Schema (schema/mock-scenarios.schema.json)", () => {
  it("is shipped: package.json exports it and the README's file names it on its $schema line", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(manifest.exports["./schema/mock-scenarios.schema.json"]).toBe("./schema/mock-scenarios.schema.json");
    expect(manifest.files).toContain("schema");
    expect(readmeScenarioFile("sandbox-flows.yaml").split("\n")[0]).toBe("# yaml-language-server: $schema=./node_modules/codebook/schema/mock-scenarios.schema.json");
  });

  it("accepts the README's file (and the mock serves it), a bare list of scenarios, and a JSON file with $schema", async () => {
    const readme = readmeScenarioFile("sandbox-flows.yaml");
    expect(validate(parse(readme)), JSON.stringify(validate.errors)).toBe(true);
    expect((await refused(readme, "ok.yaml")).error).toBeNull();
    const list = [{ endpoint: "Payment", when: { partnerReferenceNo: "X" }, code: "5046000", delay: 10 }];
    expect(validate(list)).toBe(true);
    const json = { $schema: "./node_modules/codebook/schema/mock-scenarios.schema.json", scenarios: list };
    expect(validate(json)).toBe(true);
    expect((await refused(JSON.stringify(json), "ok.json")).error).toBeNull();
  });

  const structural: [string, unknown][] = [
    ["an unknown top-level key", { flow: [] }],
    ["a scenario without code", { scenarios: [{ when: { a: 1 } }] }],
    ["a scenario with an unknown key", { scenarios: [{ when: { partnerReferenceNo: "A" }, code: "5046000", dealy: 1 }] }],
    ["a negative delay", [{ when: { partnerReferenceNo: "A" }, code: "5046000", delay: -1 }]],
    ["a when value that is an object", [{ when: { partnerReferenceNo: {} }, code: "5046000" }]],
    ["a flow without states", { flows: [{ name: "f", start: { endpoint: "Payment", code: "2026000" }, reference: { Payment: "partnerReferenceNo" } }] }],
    ["a flow with no states", { flows: [{ name: "f", start: { endpoint: "Payment", code: "2026000" }, reference: { Payment: "partnerReferenceNo" }, states: [] }] }],
    ["until calls 0", { flows: [{ name: "f", start: { endpoint: "Payment", code: "2026000" }, reference: { Payment: "partnerReferenceNo" }, states: [{ name: "a", until: { calls: 0 } }, { name: "b" }] }] }],
    ["until with an unknown key", { flows: [{ name: "f", start: { endpoint: "Payment", code: "2026000" }, reference: { Payment: "partnerReferenceNo" }, states: [{ name: "a", until: { minutes: 1 } }, { name: "b" }] }] }],
    ["a reference that is a number", { flows: [{ name: "f", start: { endpoint: "Payment", code: "2026000" }, reference: { Payment: 5 }, states: [{ name: "a" }] }] }],
    ["an idempotency rule with both within and after", { idempotency: [{ endpoint: "Payment", reference: "partnerReferenceNo", code: "4096001", within: "day", after: "success" }] }],
    ["an idempotency rule with within: week", { idempotency: [{ endpoint: "Payment", reference: "partnerReferenceNo", code: "4096001", within: "week" }] }],
    ["a bad utcOffset", { idempotency: [{ endpoint: "Payment", reference: "partnerReferenceNo", code: "4096001", within: "day", utcOffset: "+7" }] }],
  ];
  it.each(structural)("refuses %s, as the mock does", async (_, value) => {
    expect(validate(value)).toBe(false);
    expect((await refused(JSON.stringify(value), "structural.json")).error).not.toBeNull();
  });
});
