// Fidelity of spec/doku-biller.yaml to its source document (its source.seed, spec/sources/doku-biller.txt).
// The copy puts every table cell on its own line; a row is its code line followed by its
// message, State and Description lines (State and Description may be missing).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { specDir } from "../helpers.ts";
import { describeFidelity } from "./fidelity.ts";

interface Row {
  code: string;
  name?: string;
  message: string;
  status?: string;
  operations?: string;
  description: string | null;
  errata?: string[];
}
interface Spec {
  categories: { id: string; label: string; description: string; match: { part: string; values: string[] } }[];
  actions: { id: string; codes: string[]; source: string }[];
  tables: { id: string; title: string; intro?: string; headers: string[]; category?: string; status?: string; rows: Row[] }[];
}

const isCode = (l: string) => /^(?:[0-9]{4}|(?:U0|U1|IT|SY|UE)[0-9]{2})$/.test(l);
// The generic checks; the source through the spec's source.seed. The copy has each code alone on its line.
const { text: seed } = describeFidelity("doku-biller", { codes: /^(?:[0-9]{4}|(?:U0|U1|IT|SY|UE)[0-9]{2})$/gm });
const spec = parse(readFileSync(join(specDir, "doku-biller.yaml"), "utf8")) as Spec;
const lines = seed.split("\n").map((l) => l.trim()).filter(Boolean);
const rows = spec.tables.flatMap((t) => t.rows.map((r) => ({ ...r, table: t })));
const row = (code: string) => rows.find((r) => r.code === code)!;

/** The seed's cells of each code row, in order. */
function seedRows(): { code: string; cells: string[] }[] {
  const out: { code: string; cells: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isCode(lines[i]!)) continue;
    const cells: string[] = [];
    for (let j = i + 1; j < lines.length && !isCode(lines[j]!) && !/^(Category "|Last updated|Error Code:)/.test(lines[j]!); j++) cells.push(lines[j]!);
    out.push({ code: lines[i]!, cells });
  }
  return out;
}

describe("doku-biller.yaml against the DOKU source", () => {
  it("has every row of the source, in source order (22 codes in 4 tables)", () => {
    expect(rows.map((r) => r.code)).toEqual(seedRows().map((r) => r.code));
    expect(spec.tables.map((t) => [t.id, t.rows.length])).toEqual([
      ["success", 2],
      ["user", 8],
      ["integration", 9],
      ["system", 3],
    ]);
  });

  it("keeps every cell of every row verbatim: message, State, Description", () => {
    for (const s of seedRows()) {
      const r = row(s.code);
      const cells = [r.message, r.operations, r.description].filter((c): c is string => typeof c === "string");
      expect(cells, s.code).toEqual(s.cells);
    }
  });

  it("keeps the table headers verbatim", () => {
    // "Code / Message / State / Detail" for success codes, "… / Description" for error categories.
    expect(spec.tables[0]!.headers).toEqual(lines.slice(lines.indexOf("Success Code") + 2, lines.indexOf("Success Code") + 6));
    for (const t of spec.tables.slice(1)) {
      const at = lines.indexOf(t.title);
      expect(at, t.title).toBeGreaterThan(0);
      expect(t.headers, t.title).toEqual(lines.slice(at + 1, at + 5));
    }
  });

  it("keeps the categories and their descriptions verbatim", () => {
    for (const c of spec.categories) expect(lines[lines.indexOf(c.label) + 1], c.label).toBe(c.description);
    expect(spec.categories.map((c) => c.match.values)).toEqual([["U0", "U1"], ["IT"], ["SY"], ["UE"]]);
  });

  it("quotes the source for its actions", () => {
    for (const a of spec.actions) expect(seed).toContain(a.source);
    expect(spec.actions.map((a) => [a.id, a.codes])).toEqual([
      ["holdPayment", ["0000", "5586"]],
      ["sendAdvice", ["5586"]],
    ]);
  });

  it("matches the source field by field on hand-checked rows", () => {
    const pick = (r: Row) => ({ message: r.message, operations: r.operations ?? null, description: r.description });
    expect(pick(row("0000"))).toEqual({
      message: "Success",
      operations: "Payment, Inquiry, Advice",
      description: "The server successfully processed the request, and the response contains the requested data or confirmation of the action performed.",
    });
    expect(pick(row("5586"))).toEqual({
      message: "Transaction on process/pending. hit advice to get final status transaction.",
      operations: "Payment",
      description: "The transaction is pending; the partner will receive a callback or must send an advice request to obtain the transaction status.",
    });
    expect(pick(row("U000"))).toEqual({ message: "Invalid billing id/phone number.", operations: "Inquiry, payment", description: "User fault, user need to re-input the billing number." });
    expect(pick(row("U002"))).toEqual({ message: "Blocked billing ID, please contact your billing provider.", operations: "Inquiry", description: null });
    expect(pick(row("U004"))).toEqual({
      message: "Duplicate Transaction, Please try with another customer biller",
      operations: "Payment",
      description: "User submit transaction with the same id pelanggan / phone number in the same time.",
    });
    expect(pick(row("U101"))).toEqual({
      message: "Tagihan Sudah Dibayar melalui CA lain",
      operations: "Inquiry, Payment",
      description: "Specifically for the LPL biller, for bills with response code 27, where the bill has already been paid elsewhere either after the inquiry or before the inquiry.",
    });
    expect(pick(row("IT01"))).toEqual({
      message: "Invalid parameter [ParamName] request.",
      operations: "Inquiry, payment, advice",
      description: "There is a formatting error in the parameter input, such as incorrect date or amount format.",
    });
    expect(pick(row("IT02"))).toEqual({ message: "Inquiry not found, please check inquiryid and customer_id from inquiry.", operations: null, description: null });
    expect(pick(row("IT07"))).toEqual({ message: "IP not registered.", operations: "Inquiry", description: "IP’s partner not registered in DOKU Biller." });
    expect(pick(row("IT09"))).toEqual({ message: "Duplicate Request ID, please check your system", operations: "Inquiry, Payment", description: null });
    expect(pick(row("SY00"))).toEqual({ message: "Internal server error", operations: "Inquiry, Payment. Advice", description: "Doku's system is under maintenance." });
    expect(pick(row("SY06"))).toEqual({
      message: "Temporary error from biller, please try again.",
      operations: null,
      description: "The product temporary close or biller system is under maintenance.",
    });
  });

  it("cites an erratum on every row the source leaves incomplete", () => {
    expect(row("IT02").errata).toEqual(["it02-no-state"]);
    expect(row("SY06").errata).toEqual(["sy06-no-state"]);
    expect(row("SY00").errata).toEqual(["sy00-state-period"]);
  });
});
