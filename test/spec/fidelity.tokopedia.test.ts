// Fidelity of spec/tokopedia-partner.yaml to its source document (its source.seed, spec/sources/tokopedia-partner.txt).
import { readFileSync } from "node:fs";
import path from "node:path";
import { specDir } from "../helpers.ts";
import { describeFidelity } from "./fidelity.ts";
import { describe, it, expect } from "vitest";
import { parse } from "yaml";

interface Row {
  code: string;
  name?: string;
  message: string;
  description: string;
  category: string;
  payment: string;
  checkStatus: string;
  errata?: string[];
}

// The generic checks; the source through the spec's source.seed. A row is its category label
// (first row of a category only), then its code, then the message: `Transactional00Success…`.
const seedText = describeFidelity("tokopedia-partner", { codes: /^[A-Za-z ]*?([0-9]{2})(?=[A-Z])/gm }).text;
const spec = parse(readFileSync(path.join(specDir, "tokopedia-partner.yaml"), "utf8"));
const seedLines = seedText.split(/\r?\n/);

const table = spec.tables[0];
const rows: Row[] = table.rows;
const labelOf = new Map<string, string>(spec.categories.map((c: { id: string; label: string }) => [c.id, c.label]));

const HEADER_1 = "CategoryCodeMessageDescriptionExpected Behavior";
const HEADER_2 = "PaymentCheck Status";
const headerIndex = seedLines.indexOf(HEADER_1);
// The table's rows: from the line after the two header lines to the first blank line.
const firstRow = headerIndex + 2;
const endRow = seedLines.indexOf("", firstRow);
const seedRows = seedLines.slice(firstRow, endRow);

const RULE =
  "Get token, Health check, get balance and Inquiry will only treat \u201c00\u201d Response Code as success and the rest as failed.";
const RETRY_NOTE =
  "Retry behaviour can also cause Tokopedia to attempt to do transactions to our other Partners if available";
const BEHAVIOURS = ["Success", "Pending", "Failed and Retry", "Failed and Refund"];

function line(row: Row, i: number): string {
  const first = i === 0 || rows[i - 1]!.category !== row.category;
  return (first ? labelOf.get(row.category)! : "") + row.code + row.message + row.description + row.payment + row.checkStatus;
}

function byCode(code: string): Row {
  const row = rows.find((r) => r.code === code);
  if (!row) throw new Error(`no row ${code}`);
  return row;
}

describe("tokopedia-partner spec vs. source", () => {
  it("reads the seed's two-level header", () => {
    expect(headerIndex).toBeGreaterThan(0);
    expect(seedLines[headerIndex + 1]).toBe(HEADER_2);
    expect(table.headers).toEqual([
      "Category",
      "Code",
      "Message",
      "Description",
      "Expected Behavior \u2014 Payment",
      "Expected Behavior \u2014 Check Status",
    ]);
    expect(table.headers.slice(0, 4).join("") + "Expected Behavior").toBe(HEADER_1);
    expect(spec.columns.map((c: { title: string }) => c.title).join("")).toBe(HEADER_2);
  });

  it("has one row per source row", () => {
    expect(seedRows).toHaveLength(30);
    expect(rows).toHaveLength(30);
    expect(rows).toHaveLength(seedRows.length);
  });

  it("reproduces every source line exactly, field by field", () => {
    rows.forEach((row, i) => {
      expect(line(row, i), `row ${i} (${row.code})`).toBe(seedRows[i]);
    });
  });

  it("lists the categories in source order, each as one contiguous run", () => {
    const runs = rows.map((r) => r.category).filter((c, i, a) => i === 0 || a[i - 1] !== c);
    expect(runs).toEqual(spec.categories.map((c: { id: string }) => c.id));
    expect(spec.categories.map((c: { label: string }) => c.label)).toEqual([
      "Transactional",
      "Transactional problem",
      "User Related",
      "Credential related",
      "Request related",
      "Product related",
      "Server related",
      "Void Refund",
    ]);
  });

  it("keeps the source order: Void Refund 14 and 15 come last, after 64", () => {
    expect(rows.map((r) => r.code)).toEqual([
      "00", "01", "02", "10", "11", "12", "13", "20", "21", "22", "23", "30", "31", "32", "33",
      "40", "41", "42", "43", "44", "50", "51", "52", "60", "61", "62", "63", "64", "14", "15",
    ]);
  });

  it("keeps codes as strings", () => {
    for (const row of rows) {
      expect(typeof row.code).toBe("string");
      expect(row.code).toMatch(new RegExp(spec.code.pattern));
    }
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(byCode("00").code).toBe("00");
    expect(byCode("00").code).not.toBe("0");
  });

  it("uses only the four behaviour words", () => {
    for (const col of spec.columns) expect(col.values).toEqual(BEHAVIOURS);
    for (const row of rows) {
      expect(BEHAVIOURS).toContain(row.payment);
      expect(BEHAVIOURS).toContain(row.checkStatus);
    }
  });

  it("has no status field (the behaviour columns are the statuses)", () => {
    for (const row of rows) expect(row).not.toHaveProperty("status");
    expect(table).not.toHaveProperty("status");
  });

  it("transcribes hand-checked rows", () => {
    expect(byCode("00")).toEqual({
      code: "00",
      message: "Success",
      description: "Transaction is success",
      category: "transactional",
      payment: "Success",
      checkStatus: "Success",
    });
    expect(byCode("01")).toEqual({
      code: "01",
      message: "On process",
      description: "The transaction is still in progress, need to do check status",
      category: "transactional",
      payment: "Pending",
      checkStatus: "Pending",
    });
    expect(byCode("02")).toEqual({
      code: "02",
      message: "Failed",
      description: "Transaction is failed",
      category: "transactional",
      payment: "Failed and Retry",
      checkStatus: "Failed and Retry",
    });
    expect(byCode("12")).toEqual({
      code: "12",
      message: "Transaction not found",
      description: "No transaction was found for given Tokopedia ref_id",
      category: "transactionalProblem",
      payment: "Failed and Retry",
      checkStatus: "Failed and Retry",
    });
    expect(byCode("22")).toEqual({
      code: "22",
      message: "Online payment blocked",
      description: "Cannot do payment on the online channel, need to do offline payment method on the biller",
      category: "userRelated",
      payment: "Failed and Refund",
      checkStatus: "Failed and Refund",
    });
    expect(byCode("30")).toEqual({
      code: "30",
      message: "Invalid token",
      description: "Wrong or expired token sent",
      category: "credentialRelated",
      payment: "Failed and Refund",
      checkStatus: "Pending",
      errata: ["check-status-pending"],
    });
    expect(byCode("40")).toEqual({
      code: "40",
      name: "PartnerTimeout",
      message: "Timeout",
      description: "Timeout from partner\u2019s side",
      category: "requestRelated",
      payment: "Pending",
      checkStatus: "Pending",
      errata: ["curly-apostrophes"],
    });
    expect(byCode("42")).toEqual({
      code: "42",
      message: "Invalid parameter",
      description: "Missing required parameter",
      category: "requestRelated",
      payment: "Failed and Retry",
      checkStatus: "Pending",
      errata: ["check-status-pending"],
    });
    expect(byCode("44")).toEqual({
      code: "44",
      message: "Invalid transaction amount",
      description: "Wrong amount sent or does not match with user existing bill",
      category: "requestRelated",
      payment: "Failed and Refund",
      checkStatus: "Failed and Refund",
    });
    expect(byCode("50")).toEqual({
      code: "50",
      message: "Product out of stock",
      description: "Product is out of stock",
      category: "productRelated",
      payment: "Failed and Retry",
      checkStatus: "Failed and Retry",
    });
    expect(byCode("60")).toEqual({
      code: "60",
      message: "Access is not allowed",
      description: "Tokopedia\u2019s IP is blocked or no API access is allowed",
      category: "serverRelated",
      payment: "Failed and Retry",
      checkStatus: "Pending",
      errata: ["check-status-pending", "curly-apostrophes"],
    });
    expect(byCode("62")).toEqual({
      code: "62",
      name: "PartnerServerError",
      message: "Server error",
      description: "Internal error on Partner\u2019s server",
      category: "serverRelated",
      payment: "Failed and Retry",
      checkStatus: "Pending",
      errata: ["check-status-pending", "curly-apostrophes"],
    });
    expect(byCode("14")).toEqual({
      code: "14",
      message: "Ineligible Product",
      description: "Product is not eligible to given user or client number",
      category: "voidRefund",
      payment: "Failed and Refund",
      checkStatus: "Pending",
      errata: ["void-refund-order", "void-refund-context", "check-status-pending", "label-casing"],
    });
    expect(byCode("15")).toEqual({
      code: "15",
      message: "Already Redeemed",
      description: "Tried to void already active or redeemed transaction",
      category: "voidRefund",
      payment: "Pending",
      checkStatus: "Pending",
      errata: ["void-refund-order", "void-refund-context", "already-redeemed-pending", "label-casing"],
    });
  });

  it("maps the behaviour words for payment and check status", () => {
    const [payment, checkStatus] = spec.outcome.contexts;
    const map = { Success: "success", Pending: "pending", "Failed and Retry": "failed", "Failed and Refund": "failed" };
    expect(payment).toEqual({ id: "payment", title: "Payment", from: "payment", map });
    expect(checkStatus).toEqual({ id: "checkStatus", title: "Check Status", from: "checkStatus", map });
  });

  it("keeps the only-“00” rule sentence verbatim", () => {
    expect(seedLines).toContain(RULE);
    const only00 = spec.outcome.contexts.slice(2);
    expect(only00.map((c: { id: string; title: string }) => [c.id, c.title])).toEqual([
      ["getToken", "Get token"],
      ["healthCheck", "Health check"],
      ["getBalance", "Get balance"],
      ["inquiry", "Inquiry"],
    ]);
    for (const c of only00) {
      expect(c.source).toBe(RULE);
      expect(c.successCodes).toEqual(["00"]);
      expect(c.otherwise).toBe("failed");
      expect(c).not.toHaveProperty("from");
    }
    expect(spec.outcome.unknown.outcome).toBe("unknown");
    expect(spec.errata.find((e: { id: string }) => e.id === "only-00-rule").source).toBe(RULE);
  });

  it("keeps the retry note verbatim", () => {
    expect(seedLines).toContain(RETRY_NOTE);
    expect(spec.errata.find((e: { id: string }) => e.id === "retry-other-partners").source).toBe(RETRY_NOTE);
  });

  it("accounts for every non-blank line of the seed", () => {
    const accounted = new Set<string>([
      "Skip to main content", // page chrome (erratum page-chrome)
      "Have a feedback?", // page chrome
      table.title,
      HEADER_1,
      HEADER_2,
      ...rows.map(line),
      RULE,
      RETRY_NOTE,
    ]);
    for (const l of seedLines) if (l.trim() !== "") expect(accounted, l).toContain(l);
  });

  it("references only declared errata, and every erratum is well formed", () => {
    const ids = spec.errata.map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of rows) for (const id of row.errata ?? []) expect(ids).toContain(id);
    for (const e of spec.errata) {
      for (const k of ["id", "at", "source", "codebook", "reason"]) expect(typeof e[k], `${e.id}.${k}`).toBe("string");
    }
  });

  it("gives every row a unique enum member name", () => {
    const derive = (m: string) =>
      m
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join("");
    const names = rows.map((r) => r.name ?? derive(r.message));
    for (const n of names) expect(n).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(rows.length);
  });
});
