/**
 * The generated code tables agree with their catalog.json for every code: the
 * classifier's outcome (in every context), describe()'s row, the guard and the
 * const object. Imports the published JavaScript (generated/<id>/dist/index.js).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as doku from "../../../../generated/doku-biller/dist/index.js";
import * as iakPostpaid from "../../../../generated/iak-postpaid/dist/index.js";
import * as iakPrepaid from "../../../../generated/iak-prepaid/dist/index.js";
import * as tokopedia from "../../../../generated/tokopedia-partner/dist/index.js";
import { repoRoot } from "../../../helpers.ts";

interface CatalogCode {
  code: string;
  name: string;
  message: string;
  outcome: string;
  category: string | null;
  description: string | null;
  status: string | null;
  outcomes?: Record<string, string>;
  actions?: string[];
  scope?: string | null;
  [column: string]: unknown;
}
interface Catalog {
  id: string;
  title: string;
  source: { document: string; provider: string };
  codes: CatalogCode[];
}

function catalog(id: string): Catalog {
  return JSON.parse(readFileSync(join(repoRoot, "generated", id, "catalog.json"), "utf8")) as Catalog;
}

interface Row {
  readonly code: string;
  readonly name: string;
  readonly message: string;
  readonly outcome: string;
  readonly category: string | null;
  readonly description: string | null;
  readonly status: string | null;
}
interface Classified {
  readonly known: boolean;
  readonly outcome: string;
  /** null for a malformed value. */
  readonly code: string | null;
}
interface Table {
  id: string;
  /** Listed codes, counted by hand from the source document. */
  count: number;
  first: [code: string, message: string];
  codes: Record<string, string>;
  isCode: (v: unknown) => boolean;
  describe: (code: string) => Row | undefined;
  classify: (code: string) => Classified & { entry?: Row };
}

const tables: Table[] = [
  {
    id: "iak-prepaid",
    count: 33, // 32 rows in "Response code" + 143 in "Game"
    first: ["00", "SUCCESS"],
    codes: iakPrepaid.IakPrepaidCode,
    isCode: iakPrepaid.isIakPrepaidCode,
    describe: (c) => iakPrepaid.describeIakPrepaidCode(c),
    classify: (c) => iakPrepaid.classifyIakPrepaidCode(c),
  },
  {
    id: "iak-postpaid",
    count: 51,
    first: ["00", "PAYMENT / INQUIRY SUCCESS"],
    codes: iakPostpaid.IakPostpaidCode,
    isCode: iakPostpaid.isIakPostpaidCode,
    describe: (c) => iakPostpaid.describeIakPostpaidCode(c),
    classify: (c) => iakPostpaid.classifyIakPostpaidCode(c),
  },
  {
    id: "doku-biller",
    count: 22, // 2 success + 8 U0/U1 + 9 IT + 3 SY
    first: ["0000", "Success"],
    codes: doku.DokuBillerCode,
    isCode: doku.isDokuBillerCode,
    describe: (c) => doku.describeDokuBillerCode(c),
    classify: (c) => doku.classifyDokuBillerCode(c),
  },
  {
    id: "tokopedia-partner",
    count: 30,
    first: ["00", "Success"],
    codes: tokopedia.TokopediaPartnerCode,
    isCode: tokopedia.isTokopediaPartnerCode,
    describe: (c) => tokopedia.describeTokopediaPartnerCode(c),
    classify: (c) => tokopedia.classifyTokopediaPartnerCode(c),
  },
];

describe.each(tables)("$id: catalog.json and the code table agree", (t) => {
  const cat = catalog(t.id);

  it("has the source's codes, in source order, each once", () => {
    expect(cat.id).toBe(t.id);
    expect(cat.codes.length).toBe(t.count);
    expect([cat.codes[0]!.code, cat.codes[0]!.message]).toEqual(t.first);
    expect(new Set(cat.codes.map((c) => c.code)).size).toBe(t.count);
    expect(Object.values(t.codes)).toEqual(cat.codes.map((c) => c.code));
    expect(Object.keys(t.codes)).toEqual(cat.codes.map((c) => c.name));
  });

  it.each(cat.codes.map((c) => [c.code, c] as const))("%s: classify, describe and guard match the catalog", (code, c) => {
    const r = t.classify(code);
    expect(r.known).toBe(true);
    expect(r.outcome).toBe(c.outcome);
    expect(r.code).toBe(code);
    expect(r.entry?.message).toBe(c.message);

    const row = t.describe(code);
    expect(row).toBeDefined();
    expect(row!.message).toBe(c.message);
    expect(row!.name).toBe(c.name);
    expect(row!.outcome).toBe(c.outcome);
    expect(row!.category).toBe(c.category);
    expect(row!.description).toBe(c.description);
    expect(row!.status).toBe(c.status);

    expect(t.isCode(code)).toBe(true);
    expect(t.codes[c.name]).toBe(code);
    expect(["success", "pending", "failed"]).toContain(c.outcome);
  });
});

describe("catalog extras", () => {
  it("tokopedia-partner: every context's outcome per code matches classify(code, context)", () => {
    const cat = catalog("tokopedia-partner");
    const contexts = ["payment", "checkStatus", "getToken", "healthCheck", "getBalance", "inquiry"] as const;
    let checked = 0;
    for (const c of cat.codes) {
      expect(Object.keys(c.outcomes!), c.code).toEqual([...contexts]);
      expect(c.outcomes!.payment, c.code).toBe(c.outcome);
      for (const ctx of contexts) {
        expect(tokopedia.classifyTokopediaPartnerCode(c.code, ctx).outcome, `${c.code} in ${ctx}`).toBe(c.outcomes![ctx]);
        checked++;
      }
      const row = tokopedia.describeTokopediaPartnerCode(c.code)!;
      expect(row.payment).toBe(c.payment);
      expect(row.checkStatus).toBe(c.checkStatus);
      expect(row.outcomes).toEqual(c.outcomes);
    }
    expect(checked).toBe(180);
  });

  it("doku-biller: dokuBillerActionsFor(code) and parts match the catalog", () => {
    const cat = catalog("doku-biller");
    for (const c of cat.codes) {
      expect(doku.dokuBillerActionsFor(c.code), c.code).toEqual(c.actions);
      expect(doku.describeDokuBillerCode(c.code)!.parts, c.code).toEqual(c.parts);
      expect(doku.describeDokuBillerCode(c.code)!.operations, c.code).toEqual(c.operations);
    }
    expect(cat.codes.filter((c) => c.actions!.length > 0).map((c) => [c.code, c.actions])).toEqual([
      ["0000", ["holdPayment"]],
      ["5586", ["holdPayment", "sendAdvice"]],
    ]);
  });

  it("iak-prepaid: only 143 is scoped (to inquiryGame), from the Game table", () => {
    const cat = catalog("iak-prepaid");
    // A table with scoped sub-tables gives every code a "scope": null where it applies everywhere.
    expect(cat.codes.every((c) => "scope" in c)).toBe(true);
    expect(cat.codes.filter((c) => c.scope !== null).map((c) => [c.code, c.scope, c.table, c.row])).toEqual([["143", "inquiryGame", "game", 1]]);
    for (const c of cat.codes) expect(iakPrepaid.describeIakPrepaidCode(c.code)!.scope, c.code).toBe(c.scope ?? null);
  });

  it("catalogs carry the contract's top-level fields", () => {
    expect(tables.map((t) => [catalog(t.id).title, catalog(t.id).source])).toEqual([
      ["IAK prepaid response codes", { document: "IAK Prepaid API — Response Code", provider: "IAK (iak.id)" }],
      ["IAK postpaid response codes", { document: "IAK Postpaid API — Response Code", provider: "IAK (iak.id)" }],
      ["DOKU Biller (H2H) response codes", { document: "DOKU Biller (H2H) API — Response Code", provider: "DOKU" }],
      [
        "Tokopedia digital-goods partner response codes",
        { document: "Tokopedia digital-goods partner API — Response Codes", provider: "Tokopedia" },
      ],
    ]);
  });
});
