// Issue 10, hostile input: a 1 MB spec with a 5,000-code table lints and generates
// through the command (in process). Before, lint passed it and generate crashed with a stack
// trace ("The inferred type of this node exceeds the maximum length the compiler
// will serialize"): the codes constant's inferred type was too long for the
// declaration emitter (names of ~200 characters × 5,000 pass TypeScript's 1,000,000).
// The fixture is built here, so its size is stated, not stored.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { project, runIn } from "./harness.ts";

const LETTERS = ["C", "D", "E", "F", "G"];

/** 5 categories × 10 category values × 100 details = 5,000 composite codes, two contexts, a column, long messages. */
function largeSpec(): string {
  const rows: string[] = [];
  for (const letter of LETTERS)
    for (let digit = 0; digit < 10; digit++)
      for (let detail = 0; detail < 100; detail++) {
        const code = `${letter}${digit}${String(detail).padStart(2, "0")}`;
        const status = detail % 3 === 0 ? "Success" : detail % 3 === 1 ? "Pending" : "Failed";
        rows.push(
          `      - code: "${code}"`,
          `        message: Transaction ${code} was handled by the provider as described in the long form of section ${letter} paragraph ${digit}, entry ${detail}, of the integration guide that the merchant received when the account was opened and that every later revision of the guide repeats in the same words`,
          `        status: ${status}`,
          `        description: The provider documents code ${code} in its table with this sentence, which codebook copies verbatim.`,
          `        channel: ${detail % 2 ? "Web" : "App"}`,
        );
      }
  return [
    "codebook: 1",
    "kind: code-table",
    "id: large",
    "title: Large response codes",
    "version: 1.0.0",
    "typePrefix: Large",
    "source:",
    "  provider: Example",
    "  document: Example API — Response Code",
    "code:",
    '  pattern: "^[A-Z][0-9]{3}$"',
    "  composite:",
    "    parts:",
    "      - { name: category, length: 2 }",
    '      - { name: detail, length: 2, pattern: "^[0-9]{2}$" }',
    "categories:",
    ...LETTERS.map((l) => `  - { id: group${l}, label: ${l}, match: { part: category, values: [${Array.from({ length: 10 }, (_, d) => `${l}${d}`).join(", ")}] }, outcome: failed }`),
    "columns:",
    "  - { key: channel, title: Channel, type: enum, values: [Web, App] }",
    "outcome:",
    "  contexts:",
    "    - { id: default, title: Any request, from: status, map: { Success: success, Pending: pending, Failed: failed } }",
    '    - { id: inquiry, title: Inquiry, successCodes: ["C000"], otherwise: failed }',
    "  unknown:",
    "    outcome: unknown",
    "tables:",
    "  - id: main",
    "    title: Response codes",
    "    rows:",
    ...rows,
    "",
  ].join("\n");
}

describe("a 1 MB spec with 5,000 codes", () => {
  it("lints, generates (exit 0, no stack trace) and classifies", async () => {
    const dir = project([], { "large.yaml": largeSpec() });
    expect(statSync(join(dir, "spec/large.yaml")).size).toBeGreaterThan(1_000_000);

    const lint = await runIn(["lint"], dir);
    expect(lint.stderr).toBe("");
    expect(lint.code).toBe(0);

    const generate = await runIn(["generate"], dir);
    expect(generate.stderr).toBe("");
    expect(generate.code).toBe(0);

    const dts = readFileSync(join(dir, "generated/large/dist/index.d.ts"), "utf8");
    expect(dts).toContain('readonly TransactionG999WasHandledByTheProviderAsDescribedInTheLongFormOfSectionGParagraph9Entry99OfTheIntegrationGuideThatTheMerchantReceivedWhenTheAccountWasOpenedAndThatEveryLaterRevisionOfTheGuideRepeatsInTheSameWords: "G999";');
    // The package is ESM without dependencies: load its dist and classify a listed and an unlisted code.
    writeFileSync(join(dir, "generated/large/dist/package.json"), '{ "type": "module" }\n');
    const mod = (await import(pathToFileURL(join(dir, "generated/large/dist/index.js")).href)) as Record<string, (code: string) => Record<string, unknown>>;
    expect(mod.classifyLargeCode!("C000")).toMatchObject({ known: true, code: "C000", outcome: "success" });
    expect(mod.classifyLargeCode!("G998")).toMatchObject({ known: true, code: "G998", outcome: "failed" });
    expect(mod.classifyLargeCode!("H000")).toMatchObject({ known: false });
  });
});
