/**
 * IAK prepaid and postpaid classifiers: unlisted codes are pending (never failed),
 * the HTTP status is read before the code, codes are strings ("00" is not 0), and
 * 143 belongs to the Game table (inquiry game only).
 */
import { describe, expect, it } from "vitest";
import * as postpaid from "../../../../generated/iak-postpaid/dist/index.js";
import * as prepaid from "../../../../generated/iak-prepaid/dist/index.js";

const unlistedReason =
  "IAK's own code for an undefined response (201 UNDEFINED RESPONSE CODE) is Pending, so a code the table does not list is pending, never failed — treating an unknown result as failed and retrying risks paying twice.";

describe("IAK prepaid: codes the table does not list are pending, never failed", () => {
  it.each(["01", "02", "05", "11", "15", "22", "38", "40", "99", "100", "200", "999", "000"])(
    "%j → pending, known: false",
    (code) => {
      expect(prepaid.isIakPrepaidCode(code)).toBe(false);
      expect(prepaid.describeIakPrepaidCode(code)).toBeUndefined();
      expect(prepaid.classifyIakPrepaidCode(code)).toEqual({ known: false, outcome: "pending", code, category: null, reason: unlistedReason });
    },
  );

  // Not of the pattern ^[0-9]{2,3}$: malformed, and pending like any code that says nothing (IAK's rule).
  it.each(["0", "", "abc", " 00", "00 ", "0000"])("%j → malformed, pending", (code) => {
    expect(prepaid.isIakPrepaidCode(code)).toBe(false);
    expect(prepaid.describeIakPrepaidCode(code)).toBeUndefined();
    expect(prepaid.classifyIakPrepaidCode(code)).toEqual({
      known: false,
      malformed: true,
      outcome: "pending",
      code: null,
      input: code,
      category: null,
      reason: `${JSON.stringify(code)} does not match ^[0-9]{2,3}$`,
    });
  });

  it("over every 1–3 digit string, only listed codes are ever success or failed", () => {
    const counts = { success: 0, pending: 0, failed: 0, listed: 0 };
    for (let len = 1; len <= 3; len++) {
      for (let n = 0; n < 10 ** len; n++) {
        const code = String(n).padStart(len, "0");
        const r = prepaid.classifyIakPrepaidCode(code);
        counts[r.outcome as "success" | "pending" | "failed"]++;
        if (r.known) counts.listed++;
        else expect(r.outcome, code).toBe("pending");
        expect(r.known, code).toBe(prepaid.isIakPrepaidCode(code));
      }
    }
    // 1110 strings; 33 listed: 1 success, 2 pending (39, 201), 30 failed.
    expect(counts).toEqual({ success: 1, pending: 1110 - 33 + 2, failed: 30, listed: 33 });
  });

  it("listed pending codes stay pending: 39 PROCESS and 201 UNDEFINED RESPONSE CODE", () => {
    expect(prepaid.classifyIakPrepaidCode("39")).toMatchObject({ known: true, outcome: "pending", code: "39", entry: { message: "PROCESS", status: "Pending" } });
    expect(prepaid.classifyIakPrepaidCode("201")).toMatchObject({
      known: true,
      outcome: "pending",
      code: "201",
      entry: { message: "UNDEFINED RESPONSE CODE", description: "The received response code is undefined yet. Please contact our Customer Service." },
    });
  });
});

describe("IAK postpaid: its own table, the same unlisted rule", () => {
  it.each(["12", "19", "21", "43", "143", "999"])("%j (not in the postpaid table) → pending", (code) => {
    expect(postpaid.classifyIakPostpaidCode(code)).toEqual({ known: false, outcome: "pending", code, category: null, reason: unlistedReason });
  });

  it("05 UNDEFINED ERROR is pending, 11 DUPLICATE REF ID and 42 are failed", () => {
    expect(postpaid.classifyIakPostpaidCode("05")).toMatchObject({ known: true, outcome: "pending", entry: { message: "UNDEFINED ERROR" } });
    expect(postpaid.classifyIakPostpaidCode("11")).toMatchObject({ known: true, outcome: "failed", entry: { message: "DUPLICATE REF ID" } });
    expect(postpaid.classifyIakPostpaidCode("42")).toMatchObject({ known: true, outcome: "failed", entry: { message: "PAYMENT REQUEST HAVEN'T BEEN RECEIVED" } });
  });
});

describe("classifyIakPrepaidResponse: the HTTP status first, then the code", () => {
  const http400 =
    "400 - Bad Request — The request was unacceptable, often due to missing a required parameter — status Failed — Check the data error_details for error information.";
  const httpOther = "OTHER — Something went wrong on IAK's end — status Pending — Contact our customer service for more information.";

  it("400 is failed whatever the code says", () => {
    expect(prepaid.classifyIakPrepaidResponse(400, "00")).toEqual({ known: false, outcome: "failed", httpStatus: 400, code: "00", reason: http400 });
    expect(prepaid.classifyIakPrepaidResponse(400, "39").outcome).toBe("failed");
    expect(prepaid.classifyIakPrepaidResponse(400, undefined)).toEqual({ known: false, outcome: "failed", httpStatus: 400, code: null, reason: http400 });
  });

  it.each([
    [500, "00"],
    [502, "07"],
    [503, null],
    [0, "00"], // no HTTP response at all (network error): pending, never failed
    [201, "00"], // any status other than 200 and 400
    [404, "07"],
  ] as const)("%i with code %j → pending", (status, code) => {
    expect(prepaid.classifyIakPrepaidResponse(status, code)).toEqual({ known: false, outcome: "pending", httpStatus: status, code, reason: httpOther });
  });

  it("200 classifies by the code", () => {
    expect(prepaid.classifyIakPrepaidResponse(200, "00")).toMatchObject({ known: true, outcome: "success", code: "00" });
    expect(prepaid.classifyIakPrepaidResponse(200, "07")).toMatchObject({ known: true, outcome: "failed", code: "07" });
    expect(prepaid.classifyIakPrepaidResponse(200, "39")).toMatchObject({ known: true, outcome: "pending", code: "39" });
    expect(prepaid.classifyIakPrepaidResponse(200, "999")).toMatchObject({ known: false, outcome: "pending", code: "999" });
    expect(prepaid.classifyIakPrepaidResponse(200, "00")).toEqual(prepaid.classifyIakPrepaidCode("00"));
  });

  it("the rules are exported as data", () => {
    expect(prepaid.IakPrepaidHttpRules.map((r) => [r.http, r.status, r.outcome])).toEqual([
      [200, "Success/Failed", "code"],
      [400, "Failed", "failed"],
      ["other", "Pending", "pending"],
    ]);
  });

  it("postpaid reads the HTTP status the same way", () => {
    expect(postpaid.classifyIakPostpaidResponse(400, "00").outcome).toBe("failed");
    expect(postpaid.classifyIakPostpaidResponse(500, "00").outcome).toBe("pending");
    expect(postpaid.classifyIakPostpaidResponse(200, "05").outcome).toBe("pending");
    expect(postpaid.classifyIakPostpaidResponse(200, "11").outcome).toBe("failed");
  });
});

describe('codes are strings: "00" is not 0 and not "0"', () => {
  it("the guard and describe accept only the exact string", () => {
    expect(prepaid.isIakPrepaidCode("00")).toBe(true);
    expect(prepaid.isIakPrepaidCode("0")).toBe(false);
    expect(prepaid.isIakPrepaidCode(0)).toBe(false);
    expect(prepaid.isIakPrepaidCode(39)).toBe(false);
    expect(prepaid.describeIakPrepaidCode(0)).toBeUndefined();
    expect(prepaid.describeIakPrepaidCode(39)).toBeUndefined();
    expect(prepaid.describeIakPrepaidCode("00")?.message).toBe("SUCCESS");
  });

  it("a number is never success: 200 is malformed (pending), not a code", () => {
    expect(postpaid.classifyIakPostpaidCode(0)).toEqual({
      known: false,
      malformed: true,
      outcome: "pending",
      code: null,
      input: 0,
      category: null,
      reason: 'expected a string matching ^[0-9]{2,3}$, got the number 0, not the string "0"',
    });
    expect(prepaid.classifyIakPrepaidCode(200)).toMatchObject({ known: false, malformed: true, outcome: "pending", code: null, input: 200 });
    expect(prepaid.classifyIakPrepaidCode(200)).toHaveProperty("reason", 'expected a string matching ^[0-9]{2,3}$, got the number 200, not the string "200"');
    expect(prepaid.classifyIakPrepaidCode("0").outcome).toBe("pending");
    expect(prepaid.classifyIakPrepaidResponse(200, 0)).toMatchObject({ known: false, malformed: true, outcome: "pending", code: null, input: 0 });
    // What the HTTP status alone decides reports the code only when it is a string.
    expect(prepaid.classifyIakPrepaidResponse(400, 7)).toMatchObject({ outcome: "failed", code: null });
    expect(prepaid.classifyIakPrepaidResponse(400, "07")).toMatchObject({ outcome: "failed", code: "07" });
    expect(postpaid.isIakPostpaidCode(0)).toBe(false);
  });
});

describe("143 INQUIRY NOT NEEDED is scoped to inquiry game", () => {
  it("comes from the Game table with scope inquiryGame", () => {
    expect(prepaid.IakPrepaidCode.InquiryNotNeeded).toBe("143");
    expect(prepaid.describeIakPrepaidCode("143")).toMatchObject({
      code: "143",
      message: "INQUIRY NOT NEEDED",
      outcome: "failed",
      scope: "inquiryGame",
      table: "game",
      row: 1,
    });
    expect(prepaid.classifyIakPrepaidCode("143")).toMatchObject({ known: true, outcome: "failed", code: "143" });
  });

  it("is the only scoped code", () => {
    const scoped = Object.values(prepaid.IakPrepaidCode).filter((c) => prepaid.describeIakPrepaidCode(c).scope !== null);
    expect(scoped).toEqual(["143"]);
  });

  it("is not a postpaid code", () => {
    expect(postpaid.isIakPostpaidCode("143")).toBe(false);
    expect(postpaid.classifyIakPostpaidCode("143").outcome).toBe("pending");
  });
});
