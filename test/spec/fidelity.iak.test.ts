// Fidelity of spec/iak-prepaid.yaml and spec/iak-postpaid.yaml to their source documents
// (their source.seed: spec/sources/iak-prepaid.txt and spec/sources/iak-postpaid.txt).
import { describe, it, expect } from "vitest";
import { parse } from "yaml";
import fs from "node:fs";
import path from "node:path";
import { specDir } from "../helpers.ts";
import { describeFidelity } from "./fidelity.ts";

interface Row {
  code: string;
  name?: string;
  message: string;
  status: string;
  description: string | null;
  errata?: string[];
}
interface Table {
  id: string;
  title: string;
  intro?: string;
  headers: string[];
  scope?: { id: string; title: string; source?: string };
  rows: Row[];
}
interface Rule {
  http: number | "other";
  label: string;
  description: string;
  status: string;
  solution: string;
  outcome: string;
}
interface Erratum {
  id: string;
  at: string;
  source: string;
  codebook: string;
  reason: string;
}
interface Spec {
  id: string;
  kind: string;
  version: string;
  typePrefix: string;
  source: { provider: string; document: string; seed: string };
  code: { pattern: string };
  categories?: unknown;
  outcome: {
    contexts: { id: string; title: string; from: string; map: Record<string, string> }[];
    unknown: { outcome: string; source: string; reason: string };
  };
  transport: { title: string; headers: string[]; rules: Rule[] };
  tables: Table[];
  errata: Erratum[];
}

const loadSpec = (id: string): Spec => parse(fs.readFileSync(path.join(specDir, `${id}.yaml`), "utf8")) as Spec;

const prepaid = loadSpec("iak-prepaid");
const postpaid = loadSpec("iak-postpaid");
// The generic checks, and the source documents through each spec's source.seed.
// Prepaid rows are Markdown (`| 00 | SUCCESS | …`); postpaid runs the columns together (`00SUCCESS…`).
const prepaidSeed = describeFidelity("iak-prepaid", { codes: /^\| ([0-9]{2,3}) \|/gm }).text;
const postpaidSeed = describeFidelity("iak-postpaid", { codes: /^([0-9]{2,3})(?=[A-Z])/gm }).text;

const table = (spec: Spec, id: string): Table => {
  const t = spec.tables.find((x) => x.id === id);
  if (!t) throw new Error(`${spec.id}: no table ${id}`);
  return t;
};
/** The four source columns of one row, looked up by code. */
const rowOf = (t: Table) => (code: string) => {
  const matches = t.rows.filter((r) => r.code === code);
  const [match] = matches;
  if (matches.length !== 1 || !match) throw new Error(`${t.id}: ${matches.length} rows with code ${code}`);
  const { message, status, description } = match;
  return { code: match.code, message, status, description };
};

/** The loader's name derivation (see the task brief), to check effective names. */
const deriveName = (message: string): string => {
  const name = message
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + (w === w.toUpperCase() ? w.slice(1).toLowerCase() : w.slice(1)))
    .join("");
  return /^[0-9]/.test(name) ? `Code${name}` : name;
};

function commonChecks(spec: Spec, seedFile: string, seed: string) {
  it("has the package metadata", () => {
    expect(spec.kind).toBe("code-table");
    expect(spec.version).toBe("1.0.0");
    expect(spec.source.provider).toBe("IAK (iak.id)");
    expect(spec.source.seed).toBe(seedFile);
    expect(spec.code.pattern).toBe("^[0-9]{2,3}$");
    expect(spec.categories).toBeUndefined();
  });

  it("maps the Status column to outcomes, and unlisted codes to pending", () => {
    expect(spec.outcome.contexts).toEqual([
      { id: "default", title: "Any request", from: "status", map: { Success: "success", Pending: "pending", Failed: "failed" } },
    ]);
    expect(spec.outcome.unknown.outcome).toBe("pending");
    expect(seed).toContain(spec.outcome.unknown.source);
    expect(spec.outcome.unknown.source).toContain("201");
    expect(spec.outcome.unknown.source).toContain("UNDEFINED RESPONSE CODE");
    expect(spec.outcome.unknown.source).toContain("Pending");
  });

  it("gives every code as a string matching the pattern, unique across tables", () => {
    const codes = spec.tables.flatMap((t) => t.rows.map((r) => r.code));
    const re = new RegExp(spec.code.pattern);
    for (const c of codes) {
      expect(typeof c).toBe("string");
      expect(c).toMatch(re);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("only uses the source's status words", () => {
    for (const t of spec.tables) for (const r of t.rows) expect(["Success", "Failed", "Pending"]).toContain(r.status);
  });

  it("has unique, short enum member names (case-insensitively)", () => {
    const names = spec.tables.flatMap((t) => t.rows.map((r) => r.name ?? deriveName(r.message)));
    for (const n of names) {
      expect(n).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(n.length).toBeLessThanOrEqual(32);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it("links rows only to declared errata, and quotes the source verbatim in errata", () => {
    const ids = spec.errata.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of spec.tables) for (const r of t.rows) for (const e of r.errata ?? []) expect(ids).toContain(e);
    for (const e of spec.errata) expect(seed).toContain(e.source);
  });

  it("transcribes the HTTP Status Code rules verbatim", () => {
    expect(spec.transport.title).toBe("HTTP Status Code");
    expect(spec.transport.headers).toEqual(["Status Code", "Description", "Status", "Solution"]);
    expect(spec.transport.rules).toEqual([
      {
        http: 200,
        label: "200 - OK",
        description: "Everything worked as expected",
        status: "Success/Failed",
        solution: "Check list response code below.",
        outcome: "code",
      },
      {
        http: 400,
        label: "400 - Bad Request",
        description: "The request was unacceptable, often due to missing a required parameter",
        status: "Failed",
        solution: "Check the data error_details for error information.",
        outcome: "failed",
      },
      {
        http: "other",
        label: "OTHER",
        description: "Something went wrong on IAK's end",
        status: "Pending",
        solution: "Contact our customer service for more information.",
        outcome: "pending",
      },
    ]);
  });
}

// ---------------------------------------------------------------------------------------------
// Postpaid: the copy runs the four columns together on each line.

describe("iak-postpaid fidelity", () => {
  const lines = postpaidSeed.split("\n");
  const headerAt = lines.indexOf("Response codeDescriptionStatusSolution");
  const seedRows = lines.slice(headerAt + 1).filter((l) => l !== "");
  const main = table(postpaid, "main");
  const row = rowOf(main);

  commonChecks(postpaid, "sources/iak-postpaid.txt", postpaidSeed);

  it("has the ids and the single main table", () => {
    expect(postpaid.id).toBe("iak-postpaid");
    expect(postpaid.typePrefix).toBe("IakPostpaid");
    expect(postpaid.tables.map((t) => t.id)).toEqual(["main"]);
    expect(main.title).toBe("Response code");
    expect(main.intro).toBe("Below is all of response code for postpaid transaction.");
    expect(lines).toContain(main.intro);
    expect(main.headers).toEqual(["Response code", "Description", "Status", "Solution"]);
    expect(main.headers.join("")).toBe(lines[headerAt]);
  });

  it("has every row of the seed", () => {
    expect(headerAt).toBeGreaterThan(0);
    expect(seedRows).toHaveLength(51);
    expect(main.rows).toHaveLength(51);
  });

  it("gives back every seed line exactly from code + message + status + solution", () => {
    main.rows.forEach((r, i) => {
      expect(`${r.code}${r.message}${r.status}${r.description}`).toBe(seedRows[i]);
    });
  });

  it("transcribes the HTTP status lines exactly", () => {
    const at = lines.indexOf("Status CodeDescriptionStatusSolution");
    expect(at).toBeGreaterThanOrEqual(0);
    expect(postpaid.transport.headers.join("")).toBe(lines[at]);
    postpaid.transport.rules.forEach((rule, i) => {
      expect(`${rule.label}${rule.description}${rule.status}${rule.solution}`).toBe(lines[at + 1 + i]);
    });
  });

  it("splits messages that end in FAILED from the status", () => {
    expect(row("37")).toEqual({
      code: "37",
      message: "PAYMENT FAILED",
      status: "Failed",
      description: "Your payment failed, please try again later.",
    });
    expect(row("07")).toEqual({
      code: "07",
      message: "TRANSACTION FAILED",
      status: "Failed",
      description: "Your transaction has failed. Please try again.",
    });
    expect(row("09")).toEqual({
      code: "09",
      message: "INQUIRY FAILED",
      status: "Failed",
      description: "Your inquiry process failed. Please try to do the inquiry again.",
    });
  });

  it("transcribes rows field by field", () => {
    expect(row("00")).toEqual({
      code: "00",
      message: "PAYMENT / INQUIRY SUCCESS",
      status: "Success",
      description: "Your inquiry or payment is successfully processed.",
    });
    expect(row("01")).toEqual({
      code: "01",
      message: "INVOICE HAS BEEN PAID",
      status: "Failed",
      description:
        "The invoice with your inputted data has already been paid. You don’t need to pay it again, or you can check for your inputted customer_id.",
    });
    expect(row("05")).toEqual({
      code: "05",
      message: "UNDEFINED ERROR",
      status: "Pending",
      description: "Your transaction failed because of an undefined error. Please try again.",
    });
    expect(row("16")).toEqual({
      code: "16",
      message: "NUMBER DOESN'T MATCH THE OPERATOR",
      status: "Failed",
      description:
        "Your customer number (hp) that you’ve inputted doesn’t match with your desired operator (code). Please check again your customer number or change your operator.",
    });
    expect(row("17")).toEqual({
      code: "17",
      message: "BALANCE NOT ENOUGH",
      status: "Failed",
      description:
        "Your current balance is lower than the product price you want to buy. You can add more money into your deposit by doing top up on deposit menu (, or if you are in development mode, you can add your development deposit by clicking the + (plus) sign on development deposit menu (",
    });
    expect(row("18")).toEqual({
      code: "18",
      message: "THIS DESTINATION NUMBER HAS BEEN BLOCKED",
      status: "Failed",
      description: "The customer_id that you inputted is not in whitelist. You can add customer number whitelist in API Security menu whitelist ( on",
    });
    expect(row("31")).toEqual({
      code: "31",
      message: "TRANSACTION REJECTED DUE TO EXCEEDING MAXIMAL TOTAL BILL ALLOWED, MAXIMAL TOTAL BILL Rp50,000,000",
      status: "Failed",
      description: "Your current transaction is exceeding the maximum total bill allowed, maximum total bill is Rp50.000.000.",
    });
    expect(row("39")).toEqual({
      code: "39",
      message: "PENDING / TRANSACTION IN PROCESS",
      status: "Pending",
      description: "Your transaction is still being processed. You can check the status by using check-status API.",
    });
    expect(row("44")).toEqual({
      code: "44",
      message: "TRANSACTION FAILED DUE TO EXCEEDING MAXIMAL DAILY INQUIRY ALLOWED, MAXIMAL TOTAL DAILY INQUIRY 100 TIMES.",
      status: "Failed",
      description: "Your transaction is exceeding your today's inquiry limit, please pay up your previous transactions.",
    });
    expect(row("92")).toEqual({
      code: "92",
      message: "GENERAL ERROR",
      status: "Failed",
      description: "The received response code is undefined yet. Please contact our Customer Service.",
    });
    expect(row("102")).toEqual({
      code: "102",
      message: "INVALID IP ADDRESS",
      status: "Failed",
      description: "Your IP address isn’t allowed to make a transaction. You can add your IP address to your allowed IP address list in",
    });
    expect(row("103")).toEqual({
      code: "103",
      message: "TIMEOUT",
      status: "Failed",
      description: "Your current request exceeds the timeout limit. You can try to request it again.",
    });
    expect(row("109")).toEqual({
      code: "109",
      message: "SYSTEM CUT OFF",
      status: "Failed",
      description: "PLN product code cannot receive a request at 11PM until 1AM (GMT +7). Please try again when the service is available.",
    });
    expect(row("201")).toEqual({
      code: "201",
      message: "UNDEFINED RESPONSE CODE",
      status: "Pending",
      description: "The received response code is undefined yet. Please contact our Customer Service.",
    });
  });

  it("lists the codes in source order", () => {
    expect(main.rows.map((r) => r.code)).toEqual([
      "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "13", "14", "15", "16", "17", "18", "20",
      "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "44", "45", "76", "77", "91", "92",
      "93", "100", "101", "102", "103", "105", "106", "107", "108", "109", "110", "117", "201",
    ]);
  });

  it("names long messages explicitly", () => {
    const named = Object.fromEntries(main.rows.filter((r) => r.name).map((r) => [r.code, r.name]));
    expect(named["31"]).toBe("ExceedsMaximumTotalBill");
    expect(named["16"]).toBe("NumberDoesNotMatchOperator");
    expect(named["18"]).toBe("DestinationNumberBlocked");
  });

  it("links the slipped rows to their errata", () => {
    const linked = Object.fromEntries(main.rows.filter((r) => r.errata).map((r) => [r.code, r.errata]));
    expect(linked).toEqual({
      "05": ["code-05-pending-says-failed"],
      "17": ["code-17-links-missing"],
      "18": ["code-18-link-missing"],
      "31": ["code-31-amount-separators"],
      "35": ["code-35-id-for-is"],
      "92": ["code-92-reuses-201-solution"],
      "102": ["code-102-truncated"],
    });
    expect(postpaid.errata.map((e) => e.id).sort()).toEqual(
      [
        "run-together-columns",
        "code-05-pending-says-failed",
        "code-17-links-missing",
        "code-18-link-missing",
        "code-31-amount-separators",
        "code-35-id-for-is",
        "code-92-reuses-201-solution",
        "code-102-truncated",
      ].sort(),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Prepaid: Markdown tables, plus the Game table for inquiry game.

describe("iak-prepaid fidelity", () => {
  const lines = prepaidSeed.split("\n").map((l) => l.trimEnd());
  const mdRow = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const introAt = lines.indexOf("Below is all of response code for prepaid transaction.");
  const gameAt = lines.indexOf("Game");
  const isCodeRow = (l: string) => /^\| [0-9]{2,3} \|/.test(l);
  const mainLines = lines.slice(introAt, gameAt).filter(isCodeRow);
  const gameLines = lines.slice(gameAt).filter(isCodeRow);
  const main = table(prepaid, "main");
  const game = table(prepaid, "game");
  const row = rowOf(main);
  const gameRow = rowOf(game);

  commonChecks(prepaid, "sources/iak-prepaid.txt", prepaidSeed);

  it("has the ids and both tables", () => {
    expect(prepaid.id).toBe("iak-prepaid");
    expect(prepaid.typePrefix).toBe("IakPrepaid");
    expect(prepaid.tables.map((t) => t.id)).toEqual(["main", "game"]);
  });

  it("transcribes the table titles, intros, headers and scope verbatim", () => {
    expect(main.title).toBe("Response code");
    expect(main.intro).toBe("Below is all of response code for prepaid transaction.");
    expect(main.headers).toEqual(["Response code", "Description", "Status", "Solution"]);
    expect(lines[introAt + 1]).toBe(mdRow(main.headers));
    expect(main.scope).toBeUndefined();

    expect(game.title).toBe("Game");
    expect(game.intro).toBe("Below is additional response code that applied for inquiry game section only.");
    expect(lines[gameAt + 1]).toBe(game.intro);
    expect(game.headers).toEqual(["Response code", "Description", "Status", "Description"]);
    expect(lines[gameAt + 2]).toBe(mdRow(game.headers));
    expect(game.scope).toEqual({
      id: "inquiryGame",
      title: "Inquiry game",
      source: "Below is additional response code that applied for inquiry game section only.",
    });
  });

  it("transcribes the HTTP status rows exactly", () => {
    const at = lines.indexOf(mdRow(prepaid.transport.headers));
    expect(at).toBeGreaterThanOrEqual(0);
    prepaid.transport.rules.forEach((rule, i) => {
      expect(mdRow([rule.label, rule.description, rule.status, rule.solution])).toBe(lines[at + 2 + i]);
    });
  });

  it("has every row of both tables", () => {
    expect(introAt).toBeGreaterThan(0);
    expect(gameAt).toBeGreaterThan(introAt);
    expect(mainLines).toHaveLength(32);
    expect(main.rows).toHaveLength(32);
    expect(gameLines).toHaveLength(1);
    expect(game.rows).toHaveLength(1);
  });

  it("gives back every Markdown row exactly from code | message | status | solution", () => {
    main.rows.forEach((r, i) => expect(mdRow([r.code, r.message, r.status, r.description ?? ""])).toBe(mainLines[i]));
    game.rows.forEach((r, i) => expect(mdRow([r.code, r.message, r.status, r.description ?? ""])).toBe(gameLines[i]));
  });

  it("transcribes main rows field by field", () => {
    expect(row("00")).toEqual({ code: "00", message: "SUCCESS", status: "Success", description: "Transaction success." });
    expect(row("07")).toEqual({
      code: "07",
      message: "FAILED",
      status: "Failed",
      description: "Your current transaction has failed. Please try again.",
    });
    expect(row("12")).toEqual({ code: "12", message: "BALANCE MAXIMUM LIMIT EXCEEDED", status: "Failed", description: "-" });
    expect(row("14")).toEqual({
      code: "14",
      message: "INCORRECT DESTINATION NUMBER",
      status: "Failed",
      description: "Your customer_id that you’ve inputted isn’t a valid phone number. Please check again your customer_id.",
    });
    expect(row("17")).toEqual({
      code: "17",
      message: "INSUFFICIENT DEPOSIT",
      status: "Failed",
      description:
        "Your current deposit is lower than the product_price you want to buy. You can add more money into your deposit by doing top up on iak.id deposit menu, or if you are in development mode, you can add your development deposit by clicking the + (plus) sign on development deposit menu (https://developer.iak.id/sandbox-report).",
    });
    expect(row("39")).toEqual({
      code: "39",
      message: "PROCESS",
      status: "Pending",
      description:
        "Your current transaction is being processed, please wait until your transaction is fully processed. You can check the status by using check-status API or by receiving a callback (if you use callback).",
    });
    expect(row("102")).toEqual({
      code: "102",
      message: "INVALID IP ADDRESS",
      status: "Failed",
      description:
        "Your IP address isn’t allowed to make a transaction. You can add your IP address to your allowed IP address list in https://developer.iak.id/prod-setting.",
    });
    expect(row("121")).toEqual({
      code: "121",
      message: "MONTHLY TOP UP LIMIT EXCEEDED",
      status: "Failed",
      description: "This response code applies to OVO products.",
    });
    expect(row("141")).toEqual({
      code: "141",
      message: "INVALID USER ID / ZONE ID / SERVER ID / ROLENAME",
      status: "Failed",
      description:
        "Your inputted user ID / Zone ID / Server ID / Role name isn’t valid. Please try again with another user ID / Zone ID / Server ID / Role name. You can check on Inquiry Game Server.",
    });
    expect(row("201")).toEqual({
      code: "201",
      message: "UNDEFINED RESPONSE CODE",
      status: "Pending",
      description: "The received response code is undefined yet. Please contact our Customer Service.",
    });
    expect(row("202")).toEqual({
      code: "202",
      message: "MAXIMUM 1 NUMBER 1 TIME IN 1 DAY",
      status: "Failed",
      description:
        "You can only top up to a phone number once in a day (based on your developer setting). If you want to allow more than one top up to a phone number, you can go to https://developer.iak.id/ then choose API Setting menu, you can turn on “Allow multiple transactions for the same number” in development or production settings.",
    });
    expect(row("206")).toEqual({
      code: "206",
      message: "THIS DESTINATION NUMBER HAS BEEN BLOCKED",
      status: "Failed",
      description:
        "The customer_id that you inputted is blocked or not in whitelist. You can unblock it by remove customer number blacklist in API Security menu blacklist (https://developer.iak.id/end-user-blacklist) or add customer number whitelist in API Security menu whitelist (https://developer.iak.id/end-user-whitelist) on developer.iak.id.",
    });
    expect(row("301")).toEqual({
      code: "301",
      message: "EMAIL SEND LIMIT REACHED",
      status: "Failed",
      description: "You have reached the email sending limit for that Transaction ID, please try again tomorrow.",
    });
  });

  it("transcribes the Game row field by field", () => {
    expect(gameRow("143")).toEqual({
      code: "143",
      message: "INQUIRY NOT NEEDED",
      status: "Failed",
      description:
        "The inputted operator is a voucher type therefore it doesn't need the player id validation. You don’t need to hit inquiry on voucher purchase.",
    });
  });

  it("lists the codes in source order", () => {
    expect(main.rows.map((r) => r.code)).toEqual([
      "00", "06", "07", "10", "12", "13", "14", "16", "17", "18", "19", "20", "21", "39", "102", "106", "107", "110",
      "117", "121", "131", "132", "141", "142", "201", "202", "203", "204", "205", "206", "207", "301",
    ]);
    expect(game.rows.map((r) => r.code)).toEqual(["143"]);
  });

  it("names unclear or long messages explicitly", () => {
    const named = Object.fromEntries(prepaid.tables.flatMap((t) => t.rows.filter((r) => r.name).map((r) => [r.code, r.name])));
    expect(named["07"]).toBe("TransactionFailed");
    expect(named["39"]).toBe("InProcess");
    expect(named["206"]).toBe("DestinationNumberBlocked");
  });

  it("links the slipped rows to their errata", () => {
    const linked = Object.fromEntries(prepaid.tables.flatMap((t) => t.rows.filter((r) => r.errata).map((r) => [r.code, r.errata])));
    expect(linked).toEqual({ "12": ["code-12-no-solution"] });
    expect(prepaid.errata.map((e) => e.id)).toEqual(["code-12-no-solution", "game-duplicate-header"]);
  });
});
