/**
 * `check<Prefix>HttpStatus(httpStatus, body)`: compares a response's HTTP
 * status with the HTTP part of its body's response code, and says which one
 * to act on and why. The decision is documented on the generated function.
 */
import type { Spec } from "../../../model/types.ts";
import { codeTableNames } from "../codes-module.ts";
import { pure } from "../frozen.ts";
import { lit, type Statement } from "../ts-module.ts";
import { apiModel } from "./api-model.ts";
import { docComment } from "./tsdoc.ts";

export function emitHttpStatus(spec: Spec): Statement[] {
  const m = apiModel(spec);
  const n = m.names;
  const c = codeTableNames(spec);
  const http = m.httpPart;
  const codeField = m.api.responseCodeField;
  const rules = (spec.composite?.rules ?? []).filter((r) => r.part === http.name);
  const ruleLines = rules.map((r) => {
    const cond = r.values ? r.values.map((v) => `status === ${lit(v)}`).join(" || ") : `status.startsWith(${lit(r.prefix!)})`;
    const reason = r.reason ?? r.source ?? `${http.name} ${r.values ? r.values.join(" or ") : `${r.prefix}…`}`;
    return `if (${cond}) return { outcome: ${lit(r.outcome)}, reason: ${lit(reason)} };`;
  });
  const noRule = spec.unknown.reason ?? spec.unknown.source ?? "The source gives no rule for this status.";
  const statusPattern = `^[0-9]{${http.length}}$`;

  const decision = [
    `Checks a response's HTTP status against the ${http.name} part of its body's ${codeField}, and says which one to act on and why.`,
    "",
    "The two should agree: the source builds every code as HTTP status + service code + case code. When they do not,",
    "the reading is the more cautious one — a transport failure or an unknown result is never reported as success,",
    "and when in doubt the outcome is pending (query the transaction before acting). In order:",
    "",
    `1. The body has no readable ${codeField} (missing, not a string, not ${spec.pattern}): act on the HTTP status.`,
    "   A status the rules read as failed stays failed; every other status (even 200) is pending, because a body",
    "   without a code does not confirm that anything happened.",
    `2. The status equals the code's ${http.name} part: act on the code. A known code has its row's outcome (per service where`,
    "   the source varies it); a code outside the tables keeps its failed reading when its part says failed, and is",
    "   pending otherwise — an unlisted code never confirms success.",
    "3. They differ, but the status and the code read the same outcome: act on the code (it is more specific).",
    "4. They differ and one side reads pending or unknown (e.g. HTTP 500 carrying a 200 success code): act on that side; pending.",
    "5. They differ, one side says success and the other failed: act on neither; pending. Only a status query settles it;",
    "   reporting failure could make the caller pay twice, reporting success could deliver without payment.",
    "",
    `The HTTP status alone is read by the source's rules for the ${http.name} part (${rules.map((r) => `${r.values ? r.values.join("/") : `${r.prefix}xx`} → ${r.outcome}`).join(", ")}; anything else unknown).`,
    `\`body\` is the parsed JSON body (its ${codeField} is read as an own property) or the code string itself. Never throws.`,
  ];

  return [
    `const HTTP_STATUS_PATTERN: RegExp = ${pure(`new RegExp(${lit(statusPattern)})`)};`,
    `${docComment(["What the HTTP status alone says, by the source's rules for the " + http.name + " part of a code."])}\nfunction httpStatusOutcome(${ruleLines.length ? "status" : "_status"}: string): { outcome: ${c.outcome} | "unknown"; reason: string } {\n${ruleLines.join("\n")}\nreturn { outcome: "unknown", reason: ${lit(noRule)} };\n}`,
    `${docComment([`The verdict of {@link ${n.checkHttp}}.`])}\nexport interface ${n.httpCheck} {\n` +
      `/** Whether the HTTP status equals the ${http.name} part of the body's code. */\nreadonly consistent: boolean;\n` +
      `/** Which reading decided the outcome: the body's code, the HTTP status, or neither (they contradict each other). */\nreadonly actOn: "responseCode" | "httpStatus" | "neither";\n` +
      `/** The outcome to act on. Never success unless both the transport and a listed code say so. */\nreadonly outcome: ${c.outcome};\n` +
      `/** The HTTP status as given. */\nreadonly httpStatus: number;\n` +
      `/** What the HTTP status alone says. */\nreadonly httpOutcome: ${c.outcome} | "unknown";\n` +
      `/** The body's ${codeField}, parsed. */\nreadonly code: ${n.parsed};\n` +
      `/** Why, in words. */\nreadonly reason: string;\n}`,
    `${docComment(decision)}\nexport function ${n.checkHttp}(httpStatus: number, body: unknown): ${n.httpCheck} {\n` +
      `let raw: unknown;\ntry {\nraw = typeof body === "string" ? body : typeof body === "object" && body !== null && !Array.isArray(body) && Object.hasOwn(body, ${lit(codeField)}) ? (body as Record<string, unknown>)[${lit(codeField)}] : undefined;\n} catch {\nraw = undefined;\n}\n` +
      `const code = ${n.parse}(raw);\n` +
      `const status = typeof httpStatus === "number" && Number.isInteger(httpStatus) ? String(httpStatus) : "";\n` +
      `const http = HTTP_STATUS_PATTERN.test(status) ? httpStatusOutcome(status) : { outcome: "unknown" as const, reason: "not an HTTP status" };\n` +
      `const shown = "HTTP " + (status || (typeof httpStatus === "number" ? String(httpStatus) : "status of type " + kindOf(httpStatus)));\n` +
      `const result = (consistent: boolean, actOn: ${n.httpCheck}["actOn"], outcome: ${c.outcome}, reason: string): ${n.httpCheck} => ({ consistent, actOn, outcome, httpStatus, httpOutcome: http.outcome, code, reason });\n` +
      `if (code.kind === "malformed") {\n` +
      `const why = shown + ": the body has no readable ${codeField} (" + code.reason + ")";\n` +
      `if (http.outcome === "failed") return result(false, "httpStatus", "failed", why + "; the status alone says failed: " + http.reason);\n` +
      `if (http.outcome === "pending") return result(false, "httpStatus", "pending", why + "; the status alone says pending: " + http.reason);\n` +
      `return result(false, "neither", "pending", why + "; the status alone cannot confirm the result, so pending: query the transaction before acting");\n}\n` +
      `const codeOutcome: ${c.outcome} = code.kind === "known" ? code.outcome : code.outcome === "failed" ? "failed" : "pending";\n` +
      `const about = code.kind === "known" ? code.code + " (" + code.message + ", " + code.outcome + ")" : code.code + " (not in the tables: " + code.reason + ")";\n` +
      `if (code[${lit(http.name)}] === status) return result(true, "responseCode", codeOutcome, shown + " matches " + about + "; acting on the code: " + codeOutcome);\n` +
      `const httpReading: ${c.outcome} = http.outcome === "unknown" ? "pending" : http.outcome;\n` +
      `const mismatch = shown + " does not match the ${http.name} part of " + about;\n` +
      `if (httpReading === codeOutcome) return result(false, "responseCode", codeOutcome, mismatch + "; both read " + codeOutcome + ", acting on the code");\n` +
      `if (httpReading === "pending") return result(false, "httpStatus", "pending", mismatch + "; the transport says the result is not known (" + http.reason + "), which the body cannot override: pending, query the transaction before acting");\n` +
      `if (codeOutcome === "pending") return result(false, "responseCode", "pending", mismatch + "; the code says the result is not final: pending, query the transaction before acting");\n` +
      `return result(false, "neither", "pending", mismatch + "; one says " + httpReading + ", the other " + codeOutcome + ": pending, query the transaction before acting");\n}`,
  ];
}
