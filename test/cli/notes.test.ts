// Notes per context and spec warnings through the command (in process): a note reaches TSDoc,
// describe…, the catalog and the README; a context that changes nothing is a warning,
// which prints without failing, and fails under --strict.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { project, runIn } from "./harness.ts";

/** Two contexts that differ on "01", and a third (`refund`, line 24) that changes nothing. */
function spec(extra = "", refund = true): string {
  return `codebook: 1
kind: code-table
id: cards
title: Card codes
version: 1.0.0
typePrefix: Cards
source:
  provider: Test
  document: Card codes
code:
  pattern: "^[0-9]{2}$"
outcome:
  contexts:
    - id: payment
      title: Payment
      from: status
      map: { Success: success, Pending: pending, Failed: failed }
      notes:
        "01": 3-D Secure is pending for credit cards${extra}
    - id: checkStatus
      title: Check status
      from: status
      map: { Success: success, Pending: failed, Failed: failed }
${refund ? `    - id: refund
      title: Refund
      from: status
      map: { Success: success, Pending: pending, Failed: failed }
` : ""}  unknown:
    outcome: unknown
tables:
  - id: main
    title: Codes
    rows:
      - { code: "00", message: OK, status: Success }
      - { code: "01", message: WAIT, status: Pending }
`;
}
const warning = `spec/cards.yaml:24:11: warning: context "refund" never changes an outcome: every code has the outcome it has in "payment" (the default); remove it, or attach notes to it`;

describe("spec warnings", () => {
  it("print with their place and do not fail lint or generate", async () => {
    const dir = project([], { "cards.yaml": spec() });
    const lint = await runIn(["lint"], dir);
    expect(lint.code).toBe(0);
    expect(lint.stderr.split("\n")[0]).toBe(warning);
    expect(lint.stderr).toContain("1 warning (`--strict` makes it an error).");
    expect(lint.stdout).toBe("codebook: 1 spec checked, no problems, 1 warning\n");
    const generate = await runIn(["generate"], dir);
    expect(generate.code).toBe(0);
    expect(generate.stderr.split("\n")[0]).toBe(warning);
    expect(existsSync(join(dir, "generated/cards/src/index.ts"))).toBe(true);
  });

  it("are errors under --strict: exit 1, and generate writes nothing", async () => {
    const dir = project([], { "cards.yaml": spec() });
    const lint = await runIn(["lint", "--strict"], dir);
    expect(lint.code).toBe(1);
    expect(lint.stderr.split("\n")[0]).toBe(warning.replace(": warning: ", ": "));
    expect(lint.stderr).toContain("1 problem found.");
    const generate = await runIn(["generate", "--strict"], dir);
    expect(generate.code).toBe(1);
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });

  it("appear in the --json report as problems with severity warning (errors under --strict)", async () => {
    const dir = project([], { "cards.yaml": spec() });
    const problem = { kind: "spec", file: "spec/cards.yaml", line: 24, column: 11, message: warning.replace(/^.*: warning: /, "") };
    const lint = JSON.parse((await runIn(["lint", "--json"], dir)).stdout);
    expect(lint).toMatchObject({ command: "lint", ok: true, exitCode: 0, packages: ["cards"], problems: [{ severity: "warning", ...problem }] });
    const strict = JSON.parse((await runIn(["lint", "--json", "--strict"], dir)).stdout);
    expect(strict).toMatchObject({ ok: false, exitCode: 1, problems: [{ severity: "error", ...problem }] });
    const generate = await runIn(["generate", "--json"], dir);
    expect(generate.code).toBe(0);
    expect(JSON.parse(generate.stdout).problems).toContainEqual({ severity: "warning", ...problem });
  });

  it("are not given for contexts that change an outcome or carry notes, and --strict then passes", async () => {
    const dir = project([], { "cards.yaml": spec("", false) });
    expect(await runIn(["lint", "--strict"], dir)).toMatchObject({ code: 0, stderr: "", stdout: "codebook: 1 spec checked, no problems\n" });
  });
});

describe("notes per context", () => {
  it("reach TSDoc, describe…, the catalog and the README", async () => {
    const dir = project([], { "cards.yaml": spec("", false) });
    expect((await runIn(["generate"], dir)).code).toBe(0);
    const src = readFileSync(join(dir, "generated/cards/src/index.ts"), "utf8");
    expect(src).toContain("- Note (payment): 3-D Secure is pending for credit cards");
    const pkg = await import(pathToFileURL(join(dir, "generated/cards/dist/index.js")).href);
    expect(pkg.describeCardsCode("01").notes).toEqual({ payment: "3-D Secure is pending for credit cards" });
    expect(pkg.describeCardsCode("00").notes).toEqual({});
    const catalog = JSON.parse(readFileSync(join(dir, "generated/cards/catalog.json"), "utf8"));
    expect(catalog.codes[1].notes).toEqual({ payment: "3-D Secure is pending for credit cards" });
    expect("notes" in catalog.codes[0]).toBe(false);
    const readme = readFileSync(join(dir, "generated/cards/README.md"), "utf8").replace(/ +/g, " ");
    expect(readme).toMatch(/\| `01` \| `Wait` \| WAIT \| payment: \*\*pending\*\*<br>checkStatus: \*\*failed\*\* \| —<br>\*\*Note \(payment\):\*\* 3-D Secure is pending for credit cards \|/);
  });

  it("must name a code the table lists", async () => {
    const dir = project([], { "cards.yaml": spec(`\n        "02": Unlisted`, false) });
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(`spec/cards.yaml:20:9: context "payment" has a note on code "02", which no table lists; did you mean "00"?`);
  });

  it("where every context agrees, the README shows each outcome once and says so", async () => {
    const agreeing = spec("", true).replace("map: { Success: success, Pending: failed, Failed: failed }", "map: { Success: success, Pending: pending, Failed: failed }\n      notes: { \"00\": Checked }").replace(
      "      title: Refund\n      from: status\n      map: { Success: success, Pending: pending, Failed: failed }\n",
      "      title: Refund\n      from: status\n      map: { Success: success, Pending: pending, Failed: failed }\n      notes: { \"01\": Refund pending }\n",
    );
    const dir = project([], { "cards.yaml": agreeing });
    expect((await runIn(["generate", "--strict"], dir)).code).toBe(0);
    const readme = readFileSync(join(dir, "generated/cards/README.md"), "utf8").replace(/ +/g, " ");
    expect(readme).toContain("Every context gives each code the table lists the same outcome, so the codes below show it once");
    expect(readme).not.toContain("The outcome of a code depends on the context");
    expect(readme).toMatch(/\| `01` \| `Wait` \| WAIT \| \*\*pending\*\* \|/);
  });
});
