/**
 * DOKU biller codes are composite (XXYY: category + two-digit detail). An unlisted
 * code in a known category is failed in that category; a code that fits no category
 * is unknown. Only 0000 and 5586 hold the customer's payment; 5586 also asks for an
 * advice request.
 */
import { describe, expect, it } from "vitest";
import * as d from "../../../../generated/doku-biller/dist/index.js";

const categoryReason = (label: string, description: string) =>
  `Category ${label} (${description}): Listed under "Error Code"; only 0000 and 5586 hold the customer's payment.`;
const unknownReason = "A code that fits no category (neither U0/U1, IT, SY nor UE, nor a listed success code) has no meaning in the source.";

describe("unlisted codes in a known category are failed, with that category", () => {
  it.each([
    ["U005", "user", "U0 / U1", "Error caused by user mistakes (User Error)"],
    ["U055", "user", "U0 / U1", "Error caused by user mistakes (User Error)"],
    ["U099", "user", "U0 / U1", "Error caused by user mistakes (User Error)"],
    ["U100", "user", "U0 / U1", "Error caused by user mistakes (User Error)"],
    ["U199", "user", "U0 / U1", "Error caused by user mistakes (User Error)"],
    ["IT00", "integration", "IT", "Error due to partner system failure (H2H Integration)"],
    ["IT10", "integration", "IT", "Error due to partner system failure (H2H Integration)"],
    ["IT99", "integration", "IT", "Error due to partner system failure (H2H Integration)"],
    ["SY02", "system", "SY", "Error in DOKU switching system"],
    ["SY99", "system", "SY", "Error in DOKU switching system"],
    ["UE00", "unmapped", "UE", "Other errors that are not yet mapped"],
    ["UE01", "unmapped", "UE", "Other errors that are not yet mapped"],
    ["UE99", "unmapped", "UE", "Other errors that are not yet mapped"],
  ] as const)("%s → failed, %s", (code, category, label, description) => {
    expect(d.isDokuBillerCode(code)).toBe(false);
    expect(d.classifyDokuBillerCode(code)).toEqual({ known: false, outcome: "failed", code, category, reason: categoryReason(label, description) });
    expect(d.dokuBillerActionsFor(code)).toEqual([]);
  });
});

describe("codes that fit no category are unknown", () => {
  it.each([
    "9999", // all digits but not a listed success code
    "0001",
    "5587",
    "U255", // U2 is not a category
    "XX01",
  ])("%j → unknown, no category", (code) => {
    expect(d.classifyDokuBillerCode(code)).toEqual({ known: false, outcome: "unknown", code, category: null, reason: unknownReason });
    expect(d.dokuBillerActionsFor(code)).toEqual([]);
  });

  // Not of the code pattern: malformed, unknown (the rule for a code whose parts say nothing), no category.
  it.each(["U0ZZ", "U0 5", "UE1", "UE001", "u001", "it01", ""])("%j → malformed, unknown, no category", (code) => {
    expect(d.classifyDokuBillerCode(code)).toEqual({
      known: false,
      malformed: true,
      outcome: "unknown",
      code: null,
      input: code,
      category: null,
      reason: `${JSON.stringify(code)} does not match ^(?:[0-9]{4}|[A-Z][A-Z0-9][0-9]{2})$ (Our response codes consist of 4 digits in the format XXYY)`,
    });
    expect(d.dokuBillerActionsFor(code)).toEqual([]);
  });

  it("a number is not a code: 0 → malformed, unknown", () => {
    expect(d.isDokuBillerCode(0)).toBe(false);
    expect(d.classifyDokuBillerCode(0)).toMatchObject({ known: false, malformed: true, outcome: "unknown", code: null, input: 0, category: null });
  });
});

describe("success and pending codes, and their actions", () => {
  it("0000 is success: hold the payment", () => {
    expect(d.classifyDokuBillerCode("0000")).toMatchObject({ known: true, outcome: "success", code: "0000", entry: { message: "Success", category: null } });
    expect(d.dokuBillerActionsFor("0000")).toEqual(["holdPayment"]);
  });

  it("5586 is pending: hold the payment and send an advice request", () => {
    expect(d.classifyDokuBillerCode("5586")).toMatchObject({
      known: true,
      outcome: "pending",
      code: "5586",
      entry: { message: "Transaction on process/pending. hit advice to get final status transaction.", operations: ["Payment"] },
    });
    expect(d.dokuBillerActionsFor("5586")).toEqual(["holdPayment", "sendAdvice"]);
  });

  it("listed error codes are failed in their category, without actions", () => {
    expect(d.classifyDokuBillerCode("U000")).toMatchObject({ known: true, outcome: "failed", entry: { category: "user", message: "Invalid billing id/phone number." } });
    expect(d.classifyDokuBillerCode("IT02")).toMatchObject({ known: true, outcome: "failed", entry: { category: "integration", operations: null } });
    expect(d.describeDokuBillerCode("SY00")).toMatchObject({ category: "system", operations: ["Inquiry", "Payment", "Advice"], parts: { category: "SY", detail: "00" } });
    expect(d.dokuBillerActionsFor("U000")).toEqual([]);
  });

  it("the actions are exported as data with the source's words", () => {
    expect(d.DokuBillerActions.holdPayment.codes).toEqual(["0000", "5586"]);
    expect(d.DokuBillerActions.sendAdvice.codes).toEqual(["5586"]);
    expect(d.DokuBillerActions.holdPayment.source).toBe("When you get the response code bellow, hold the payment amount from customer.");
  });
});
