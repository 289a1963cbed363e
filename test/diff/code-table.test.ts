// `codebook diff` on code tables, through the command (in process): copies of the shipped
// specs edited here, each change kind with its level. Several independent edits
// share a run (they touch different codes), and each test names what it checks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { changesOf, diffJson, edit, only, shipped, type JsonTable, type Run } from "./harness.ts";

const IAK_301 = `      - code: "301"
        message: EMAIL SEND LIMIT REACHED
        status: Failed
        description: You have reached the email sending limit for that Transaction ID, please try again tomorrow.
`;
const IAK_21 = `      - code: "21"
        message: NUMBER EXPIRED
        status: Failed
        description: Your phone number (customer_id) is expired. You can try other phone number.
`;

describe("IAK prepaid: codes, outcomes, texts, transport", () => {
  let table: JsonTable;
  let run: Run;
  beforeAll(async () => {
    const before = shipped("iak-prepaid");
    let after = before;
    // A status word with the same outcome ("Gagal" is failed, like "Failed").
    after = edit(after, "        Failed: failed\n  unknown:", "        Failed: failed\n        Gagal: failed\n  unknown:");
    after = edit(after, "message: BALANCE MAXIMUM LIMIT EXCEEDED\n        status: Failed", "message: BALANCE MAXIMUM LIMIT EXCEEDED\n        status: Gagal");
    after = edit(after, "name: InProcess\n        message: PROCESS\n        status: Pending", "name: InProcess\n        message: PROCESS\n        status: Failed");
    after = edit(after, "name: TransactionFailed", "name: TxFailed");
    after = edit(after, "message: REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY", "message: REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN ONE DAY");
    after = edit(after, "Your customer number (customer_id) has been blocked.", "Your customer number has been blocked.");
    // 301 goes; 77 (failed) and 78 (pending) come. Unlisted IAK codes are pending.
    after = edit(
      after,
      IAK_301,
      `      - code: "77"\n        message: NEW FAILURE\n        status: Failed\n        description: New.\n      - code: "78"\n        message: NEW PENDING\n        status: Pending\n        description: New.\n`,
    );
    // 21 moves from the main table into the inquiry-game table.
    after = edit(after, IAK_21, "");
    after = edit(after, '      - code: "143"\n', `${IAK_21}      - code: "143"\n`);
    after = edit(after, "      solution: Check the data error_details for error information.\n      outcome: failed", "      solution: Check the data error_details for error information.\n      outcome: pending");
    after = edit(after, 'codebook: Keeps the Solution "-" verbatim as the description (not null).', 'codebook: Keeps the Solution "-" verbatim as the description (never null).');
    ({ table, run } = await diffJson(before, after));
  });

  it("reports the table's versions and, for breaking changes under 1.0.0, suggests 2.0.0 and exits 1", async () => {
    expect(table).toMatchObject({ id: "iak-prepaid", from: "1.0.0", to: "1.0.0", suggestedVersion: "2.0.0" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("iak-prepaid: breaking changes without a major version bump (1.0.0 → 1.0.0); set version: 2.0.0");
  });

  it("outcome changed: breaking, in its context, with the status folded into the same change", async () => {
    expect(only(table, "outcome-changed", { code: "39" })).toMatchObject({ level: "breaking", context: "default", before: "pending", after: "failed" });
    expect(changesOf(table, "status-changed", "39")).toEqual([]);
  });

  it("status word changed with the same outcome: fix", async () => {
    expect(only(table, "status-changed", { code: "12" })).toMatchObject({ level: "fix", before: "Failed", after: "Gagal" });
    expect(changesOf(table, "outcome-changed", "12")).toEqual([]);
  });

  it("a new member name for the same code is one rename (breaking), not a removal plus an addition", async () => {
    expect(only(table, "code-renamed", { code: "07" })).toMatchObject({ level: "breaking", before: "TransactionFailed", after: "TxFailed" });
    expect(table.changes.filter((c) => c.code === "07").map((c) => c.kind)).toEqual(["code-renamed"]);
  });

  it("message and description changed: fix", async () => {
    expect(only(table, "message-changed", { code: "10" })).toMatchObject({
      level: "fix",
      before: "REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY",
      after: "REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN ONE DAY",
    });
    expect(only(table, "description-changed", { code: "13" }).level).toBe("fix");
  });

  it("code removed: breaking", async () => {
    expect(only(table, "code-removed", { code: "301" })).toMatchObject({ level: "breaking", before: "EmailSendLimitReached" });
  });

  it("code added with the outcome unlisted codes already had (pending): feature", async () => {
    expect(only(table, "code-added", { code: "78" })).toMatchObject({ level: "feature", after: "pending" });
  });

  it("code added that reclassifies its code (pending → failed): breaking, saying what it was", async () => {
    const c = only(table, "code-added", { code: "77" });
    expect(c).toMatchObject({ level: "breaking", before: "pending", after: "failed" });
    expect(c.message).toContain("unlisted, it was pending");
  });

  it("a code moved into a scoped sub-table: scope changed (breaking)", async () => {
    expect(only(table, "scope-changed", { code: "21" })).toMatchObject({ level: "breaking", after: "inquiryGame" });
    expect(changesOf(table, "code-removed", "21")).toEqual([]);
  });

  it("transport rule outcome changed: breaking, per HTTP status", async () => {
    expect(only(table, "transport-rule-changed", { field: "400" })).toMatchObject({ level: "breaking", before: "failed", after: "pending" });
  });

  it("erratum text changed: text-changed (fix)", async () => {
    expect(only(table, "text-changed", { field: "errata.code-12-no-solution" }).level).toBe("fix");
  });

  it("every message ends with the reason for its level; breaking changes come first", async () => {
    for (const c of table.changes) expect(c.message).toMatch(/ — \S/);
    const levels = table.changes.map((c) => c.level);
    expect(levels).toEqual([...levels].sort((a, b) => ["breaking", "feature", "fix"].indexOf(a) - ["breaking", "feature", "fix"].indexOf(b)));
  });

  it("reports nothing else", async () => {
    expect(table.changes.map((c) => `${c.kind} ${c.code ?? c.field}`).sort()).toEqual(
      [
        "code-added 77",
        "code-added 78",
        "code-removed 301",
        "code-renamed 07",
        "description-changed 13",
        "message-changed 10",
        "outcome-changed 39",
        "scope-changed 21",
        "status-changed 12",
        "text-changed errata.code-12-no-solution",
        "transport-rule-changed 400",
      ].sort(),
    );
  });
});

describe("IAK prepaid: the rules", () => {
  let table: JsonTable;
  beforeAll(async () => {
    const before = shipped("iak-prepaid");
    let after = before;
    after = edit(
      after,
      "        Failed: failed\n  unknown:\n    outcome: pending",
      "        Failed: failed\n    - id: inquiry\n      title: Inquiry\n      successCodes: [\"00\"]\n      otherwise: failed\n  unknown:\n    outcome: failed",
    );
    after = after.slice(0, after.indexOf("transport:\n")) + after.slice(after.indexOf("tables:\n"));
    after = edit(after, "typePrefix: IakPrepaid", "typePrefix: IakPre");
    after = edit(after, 'pattern: "^[0-9]{2,3}$"', 'pattern: "^[0-9]{2,4}$"');
    ({ table } = await diffJson(before, after));
  });

  it("the rule for unlisted codes changed: breaking, with the rule before and after", async () => {
    expect(only(table, "unlisted-rule-changed", { context: "default" })).toMatchObject({
      level: "breaking",
      before: "every unlisted code → pending",
      after: "every unlisted code → failed",
    });
  });

  it("context added: feature; transport rules removed, type prefix and code pattern changed: breaking", async () => {
    expect(only(table, "context-added", { context: "inquiry" }).level).toBe("feature");
    expect(only(table, "transport-removed").level).toBe("breaking");
    expect(only(table, "type-prefix-changed")).toMatchObject({ level: "breaking", before: "IakPrepaid", after: "IakPre" });
    expect(only(table, "code-pattern-changed").level).toBe("breaking");
    expect(table.changes.filter((c) => c.kind !== "text-changed")).toHaveLength(5);
  });
});

describe("Tokopedia: contexts, columns, categories", () => {
  let table: JsonTable;
  beforeAll(async () => {
    const before = shipped("tokopedia-partner");
    let after = before;
    const payment = before.slice(before.indexOf("    - id: payment\n"), before.indexOf("    - id: checkStatus\n"));
    const checkStatus = before.slice(before.indexOf("    - id: checkStatus\n"), before.indexOf("    - id: getToken\n"));
    after = edit(after, payment + checkStatus, checkStatus + payment);
    const getBalance = before.slice(before.indexOf("    - id: getBalance\n"), before.indexOf("    - id: inquiry\n"));
    after = edit(after, getBalance, "");
    after = edit(
      after,
      "    values: [Success, Pending, Failed and Retry, Failed and Refund]\n    description: Expected Behavior — Payment",
      "    values: [Success, Pending, Failed and Retry, Failed and Refund, Void]\n    description: Expected Behavior — Payment",
    );
    after = edit(after, "description: Wrong or expired token sent\n        category: credentialRelated\n        payment: Failed and Refund", "description: Wrong or expired token sent\n        category: credentialRelated\n        payment: Failed and Retry");
    after = edit(after, "with same Tokopedia ref_id\n        category: transactionalProblem", "with same Tokopedia ref_id\n        category: transactional");
    after = edit(after, "  - id: voidRefund\n    label: Void Refund\n", "  - id: voidRefund\n    label: Void Refund\n  - id: misc\n    label: Misc\n");
    after = edit(
      after,
      '      - code: "15"\n',
      '      - code: "16"\n        message: New\n        description: New\n        category: voidRefund\n        payment: Pending\n        checkStatus: Pending\n      - code: "15"\n',
    );
    ({ table } = await diffJson(before, after));
  });

  it("context removed and default context changed: breaking", async () => {
    expect(only(table, "context-removed", { context: "getBalance" }).level).toBe("breaking");
    expect(only(table, "default-context-changed")).toMatchObject({ level: "breaking", before: "payment", after: "checkStatus" });
  });

  it("a column cell changed without changing the outcome: column-changed (fix), no outcome change", async () => {
    expect(only(table, "column-changed", { code: "30" })).toMatchObject({ level: "fix", field: "payment", before: "Failed and Refund", after: "Failed and Retry" });
    expect(changesOf(table, "outcome-changed")).toEqual([]);
  });

  it("a column's values widened: feature", async () => {
    expect(only(table, "column-values-changed", { field: "payment" }).level).toBe("feature");
  });

  it("category changed: breaking; category added: feature", async () => {
    expect(only(table, "category-changed", { code: "13" })).toMatchObject({ level: "breaking", before: "transactionalProblem", after: "transactional" });
    expect(only(table, "category-added", { field: "misc" }).level).toBe("feature");
  });

  it("a new code where unlisted codes were unknown: breaking (the code path moves from escalation to a definite outcome)", async () => {
    expect(only(table, "code-added", { code: "16" })).toMatchObject({ level: "breaking", before: "unknown", after: "pending" });
  });
});

describe("DOKU: actions, categories, columns, composite parts", () => {
  let table: JsonTable;
  beforeAll(async () => {
    const before = shipped("doku-biller");
    let after = before;
    after = edit(
      after,
      `  - id: holdPayment
    title: Hold the customer's payment amount
    codes: ["0000", "5586"]
    source: "When you get the response code bellow, hold the payment amount from customer."
`,
      `  - id: notifyUser
    title: Tell the user
    codes: ["U002"]
    source: "New."
`,
    );
    after = edit(after, '    codes: ["5586"]', '    codes: ["5586", "U001"]');
    after = edit(
      after,
      `  - id: unmapped
    label: UE
    description: Other errors that are not yet mapped
    match: { part: category, values: [UE] }
    outcome: failed
    reason: Listed under "Error Code"; only 0000 and 5586 hold the customer's payment.
`,
      "",
    );
    // The operations column goes (with every cell), a note column comes.
    const operations = after.slice(after.indexOf("  - key: operations\n"), after.indexOf("outcome:\n"));
    after = edit(after, operations, "  - key: note\n    title: Note\n    type: text\n\n");
    const cells = after.match(/^ {8}operations: .*\n/gm) ?? [];
    expect(cells.length).toBeGreaterThan(10);
    after = after.replace(/^ {8}operations: .*\n/gm, "");
    after = edit(after, '        pattern: "^[0-9]{2}$"\n        description: "YY', '        pattern: "^[0-9][0-9]$"\n        description: "YY');
    after = edit(after, "actions:\n", "transport:\n  rules:\n    - { http: 200, outcome: code }\n    - { http: other, outcome: pending }\nactions:\n");
    after = edit(after, "      - code: SY06\n", "      - code: U005\n        message: New user error\n        category: user\n        status: Error\n        description: null\n      - code: SY06\n");
    ({ table } = await diffJson(before, after));
  });

  it("actions changed on a code: breaking, per code", async () => {
    expect(only(table, "actions-changed", { code: "0000" })).toMatchObject({ level: "breaking", before: "holdPayment", after: "" });
    expect(only(table, "actions-changed", { code: "5586" })).toMatchObject({ before: "holdPayment, sendAdvice", after: "sendAdvice" });
    expect(only(table, "actions-changed", { code: "U001" })).toMatchObject({ before: "", after: "sendAdvice" });
    expect(only(table, "actions-changed", { code: "U002" })).toMatchObject({ before: "", after: "notifyUser" });
  });

  it("action added: feature; action removed: breaking", async () => {
    expect(only(table, "action-added", { field: "notifyUser" }).level).toBe("feature");
    expect(only(table, "action-removed", { field: "holdPayment" }).level).toBe("breaking");
  });

  it("a category removed: breaking, and unlisted UExx codes lose their outcome (unlisted rule changed)", async () => {
    expect(only(table, "category-removed", { field: "unmapped" }).level).toBe("breaking");
    const rule = only(table, "unlisted-rule-changed", { context: "default" });
    expect(rule.before).toContain("category UE (unmapped) → failed");
    expect(rule.after).not.toContain("UE");
  });

  it("column removed: breaking; column added: feature", async () => {
    expect(only(table, "column-removed", { field: "operations" }).level).toBe("breaking");
    expect(only(table, "column-added", { field: "note" }).level).toBe("feature");
  });

  it("composite parts changed: breaking; transport rules added: feature", async () => {
    expect(only(table, "code-parts-changed").level).toBe("breaking");
    expect(only(table, "transport-added").level).toBe("feature");
  });

  it("a composite code added in a category whose unlisted codes were failed, as failed: feature", async () => {
    expect(only(table, "code-added", { code: "U005" })).toMatchObject({ level: "feature", after: "failed" });
  });
});

describe("what is not a change, and what codebook cannot itemise", () => {
  it("comments, YAML style and key order are no change: exit 0, no changes", async () => {
    const before = shipped("iak-prepaid");
    let after = edit(before, "# Two- or three-digit codes", "# Codes of two or three digits");
    after = edit(after, "  headers: [Status Code, Description, Status, Solution]", '  headers:\n    - Status Code\n    - Description\n    - "Status"\n    - Solution');
    after = edit(after, "        Success: success\n        Pending: pending\n", "        Pending: pending   # reordered\n        Success: success\n");
    const { run, table } = await diffJson(before, after);
    expect(table).toEqual({ id: "iak-prepaid", from: "1.0.0", to: "1.0.0", suggestedVersion: "1.0.0", changes: [] });
    expect(run.code).toBe(0);
  });

  it("composite rows are compared after expansion: a row written as parts instead of any-expansion is no change when the codes are the same", async () => {
    const before = shipped("snap-qr-cpm");
    const after = edit(before, '      - parts: { http: "504", service: any, case: "00" }', '      - parts:\n          http: "504"\n          service: ANY\n          case: "00"');
    expect((await diffJson(before, after)).table.changes).toEqual([]);
  });

  it("rows in another order: one text-changed (fix) saying codebook does not itemise it", async () => {
    const before = shipped("iak-prepaid");
    const row00 = before.slice(before.indexOf('      - code: "00"\n'), before.indexOf('      - code: "06"\n'));
    const after = edit(before, row00, "").replace('      - code: "07"\n', `${row00}      - code: "07"\n`);
    const { table, run } = await diffJson(before, after);
    expect(table.changes).toHaveLength(1);
    expect(table.changes[0]).toMatchObject({ level: "fix", kind: "text-changed" });
    expect(table.changes[0]!.message).toContain("does not itemise");
    expect(table.suggestedVersion).toBe("1.0.1");
    expect(run.code).toBe(0);
  });

  it("a code table that becomes an API: kind changed (breaking)", async () => {
    const fixtures = join(repoRoot, "test/fixtures/good-specs");
    const before = readFileSync(join(fixtures, "minimal.yaml"), "utf8");
    const after = edit(readFileSync(join(fixtures, "minimal-api.yaml"), "utf8"), "id: minimal-api", "id: minimal");
    expect(only((await diffJson(before, after)).table, "kind-changed")).toMatchObject({ level: "breaking", before: "code-table", after: "api" });
  });
});
