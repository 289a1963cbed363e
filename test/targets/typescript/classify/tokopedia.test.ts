/**
 * Tokopedia partner codes per context: payment (default) vs checkStatus, where
 * 30–33, 42, 60–64 and 14 are failed on payment but pending on check status; and the
 * four operations that treat only "00" as success and everything else, listed or
 * not, as failed.
 */
import { describe, expect, it } from "vitest";
import * as t from "../../../../generated/tokopedia-partner/dist/index.js";

const onlyOO = "Get token, Health check, get balance and Inquiry will only treat “00” Response Code as success and the rest as failed.";
const unknownReason =
  "The source says nothing about a code it does not list for Payment or Check Status. (For Get token, Health check, Get balance and Inquiry every code but “00” is already failed.)";

describe("payment vs checkStatus", () => {
  it.each([
    ["30", "Failed and Refund"],
    ["31", "Failed and Refund"],
    ["32", "Failed and Refund"],
    ["33", "Failed and Refund"],
    ["42", "Failed and Retry"],
    ["60", "Failed and Retry"],
    ["61", "Failed and Retry"],
    ["62", "Failed and Retry"],
    ["63", "Failed and Retry"],
    ["64", "Failed and Retry"],
    ["14", "Failed and Refund"],
  ] as const)("%s: failed on payment (%s), pending on check status", (code, paymentWord) => {
    expect(t.classifyTokopediaPartnerCode(code).outcome).toBe("failed");
    expect(t.classifyTokopediaPartnerCode(code, "payment").outcome).toBe("failed");
    expect(t.classifyTokopediaPartnerCode(code, "checkStatus").outcome).toBe("pending");
    const row = t.describeTokopediaPartnerCode(code);
    expect([row.payment, row.checkStatus]).toEqual([paymentWord, "Pending"]);
  });

  it("codes with the same outcome in both", () => {
    const both = (code: string) => [t.classifyTokopediaPartnerCode(code, "payment").outcome, t.classifyTokopediaPartnerCode(code, "checkStatus").outcome];
    expect(both("00")).toEqual(["success", "success"]);
    for (const code of ["01", "40", "41", "15"]) expect(both(code), code).toEqual(["pending", "pending"]);
    for (const code of ["02", "10", "11", "12", "13", "20", "21", "22", "23", "43", "44", "50", "51", "52"]) {
      expect(both(code), code).toEqual(["failed", "failed"]);
    }
  });

  it("15 Already Redeemed is pending in both, as the source says (erratum already-redeemed-pending)", () => {
    expect(t.classifyTokopediaPartnerCode("15")).toMatchObject({ known: true, outcome: "pending", entry: { message: "Already Redeemed", category: "voidRefund" } });
  });

  it("the default context is payment", () => {
    for (const code of Object.values(t.TokopediaPartnerCode)) {
      expect(t.classifyTokopediaPartnerCode(code), code).toEqual(t.classifyTokopediaPartnerCode(code, "payment"));
    }
  });

  it("an unlisted code is unknown in payment and in check status, never success or failed", () => {
    for (const code of ["99", "03", "45"]) {
      expect(t.classifyTokopediaPartnerCode(code), code).toEqual({ known: false, outcome: "unknown", code, category: null, reason: unknownReason });
      expect(t.classifyTokopediaPartnerCode(code, "checkStatus"), code).toEqual({ known: false, outcome: "unknown", code, category: null, reason: unknownReason });
    }
    // Not of the pattern ^[0-9]{2}$: malformed, and unknown here too.
    for (const code of ["0", "000", ""]) {
      const malformed = { known: false, malformed: true, outcome: "unknown", code: null, input: code, category: null, reason: `${JSON.stringify(code)} does not match ^[0-9]{2}$` };
      expect(t.classifyTokopediaPartnerCode(code), code).toEqual(malformed);
      expect(t.classifyTokopediaPartnerCode(code, "checkStatus"), code).toEqual(malformed);
    }
  });
});

describe.each(["getToken", "healthCheck", "getBalance", "inquiry"] as const)("%s: only 00 is success", (context) => {
  it('"00" is success', () => {
    expect(t.classifyTokopediaPartnerCode("00", context)).toMatchObject({ known: true, outcome: "success", code: "00" });
  });

  it("every other listed code is failed, including the pending ones (01, 40, 41, 15)", () => {
    const listed = Object.values(t.TokopediaPartnerCode).filter((c) => c !== "00");
    expect(listed.length).toBe(29);
    for (const code of listed) expect(t.classifyTokopediaPartnerCode(code, context), code).toMatchObject({ known: true, outcome: "failed", code });
  });

  it("an unlisted code is failed too, with the source's sentence as the reason", () => {
    for (const code of ["99", "03"]) {
      expect(t.classifyTokopediaPartnerCode(code, context), code).toEqual({ known: false, outcome: "failed", code, category: null, reason: onlyOO });
    }
    // A malformed value is failed as well: the context's rule says every code but 00 is.
    for (const code of ["0", "", "000", "ab"]) {
      expect(t.classifyTokopediaPartnerCode(code, context), code).toMatchObject({ known: false, malformed: true, outcome: "failed", code: null, input: code });
    }
  });
});

describe("inputs", () => {
  it("rejects an unknown context", () => {
    expect(() => t.classifyTokopediaPartnerCode("00", "void" as "payment")).toThrow(RangeError);
    expect(() => t.classifyTokopediaPartnerCode("00", "void" as "payment")).toThrow(
      'unknown context "void"; expected one of payment, checkStatus, getToken, healthCheck, getBalance, inquiry',
    );
  });

  it('"00" is not 0 and not "0"', () => {
    expect(t.isTokopediaPartnerCode("00")).toBe(true);
    expect(t.isTokopediaPartnerCode(0)).toBe(false);
    expect(t.isTokopediaPartnerCode("0")).toBe(false);
    expect(t.classifyTokopediaPartnerCode(0)).toMatchObject({ known: false, malformed: true, outcome: "unknown", code: null, input: 0 });
    expect(t.classifyTokopediaPartnerCode(0, "inquiry")).toMatchObject({ known: false, malformed: true, outcome: "failed", code: null, input: 0 });
  });

  it("categories follow the source's column, not the decade: 14 and 15 are Void Refund", () => {
    expect(t.describeTokopediaPartnerCode("14").category).toBe("voidRefund");
    expect(t.describeTokopediaPartnerCode("13").category).toBe("transactionalProblem");
    expect(t.TokopediaPartnerCategories.voidRefund.label).toBe("Void Refund");
  });
});
