/**
 * parse.go and httpstatus.go: the response-code parser (a code read into its
 * parts: known, unlisted with what its HTTP part implies, or malformed) and the
 * check of an HTTP status against the body's code, which says which of the two to
 * act on. The texts are the TypeScript package's; the HTTP-status rules come from
 * model/semantics/api.ts.
 */
import { apiFacts, httpStatusRules } from "../../model/semantics/api.ts";
import type { Spec } from "../../model/types.ts";
import type { Decls } from "./classify-file.ts";
import { outcomeConst } from "./codes-file.ts";
import { exported } from "./names.ts";
import { comment, docComment, goString } from "./syntax.ts";

export function parseFile(spec: Spec): Decls {
  const facts = apiFacts(spec);
  const parts = spec.composite!.parts;
  const service = exported(facts.servicePart.name);
  const field = facts.api.responseCodeField;
  const services = facts.endpoints.map((e) => e.endpoint.serviceCode).join(", ");
  const others = parts.filter((p) => p !== facts.servicePart).map((p) => `${goString(`${p.name} `)} + p.${exported(p.name)}`).join(' + ", " + ');
  let at = 0;
  const slices = parts.map((p) => {
    const s = `${exported(p.name)}: clip(code, ${at}, ${at + p.length})`;
    at += p.length;
    return s;
  });
  const decls = [
    `${docComment([
      `ParsedCode is a ${field} read by ParseResponseCode.`,
      `Kind is KindKnown for a row of the table (Category, Message, Description, Name and the endpoint of its service are set), KindUnlisted for a well-formed code the tables do not list (its ${facts.servicePart.name} or case is not listed: Outcome is what its ${facts.httpPart.name} part implies by the source's rules, OutcomeUnknown where none applies, and Endpoint is set where the service is known), and KindMalformed for anything that is not a string of ${spec.pattern}.`,
    ])}\ntype ParsedCode struct {\n` +
      "\t// Kind says whether the code is listed, unlisted or not a code at all.\n\tKind Kind\n" +
      "\t// Code is the code; empty when malformed.\n\tCode Code\n" +
      "\t// Parts are the code's parts; zero when malformed.\n\tParts Parts\n" +
      "\t// Category is a listed code's category.\n\tCategory Category\n" +
      "\t// Message is a listed code's message, verbatim from the source (servers may fill its placeholders).\n\tMessage string\n" +
      "\t// Description is a listed code's description, verbatim.\n\tDescription string\n" +
      "\t// Name is a listed code's name.\n\tName string\n" +
      "\t// Outcome is a listed code's outcome, or what an unlisted code's parts imply.\n\tOutcome Outcome\n" +
      "\t// Endpoint is the endpoint of the code's service, or nil where the service is not one of the API's.\n\tEndpoint *Endpoint\n" +
      "\t// Reason says why an unlisted code gets its outcome, or why a value is not a code.\n\tReason string\n}",
    `${docComment([
      `ParseResponseCode reads a ${field} (${spec.patternDescription ?? spec.pattern}).`,
      `Listed codes get their row; well-formed codes outside the tables get the outcome their ${facts.httpPart.name} part implies (a 5xx is pending, never failed); anything else is KindMalformed. It never panics.`,
    ])}\nfunc ParseResponseCode(code string) ParsedCode {\n\treturn parseCode(Classify(code, 0))\n}`,
    `${docComment(["ParseResponseCodeValue is ParseResponseCode for a value as encoding/json decodes it: only a string is a code."])}\nfunc ParseResponseCodeValue(v any) ParsedCode {\n\treturn parseCode(ClassifyValue(v, 0))\n}`,
    `${comment(["parseCode reads a code's classification (in the default context) into its parts."])}\nfunc parseCode(r Result) ParsedCode {\n` +
      "\tif r.Kind == KindMalformed {\n\t\treturn ParsedCode{Kind: KindMalformed, Reason: r.Reason}\n\t}\n" +
      `\tcode := string(r.Code)\n\tp := Parts{${slices.join(", ")}}\n\tendpoint := EndpointOf(p.${service})\n` +
      "\tif r.Kind == KindKnown {\n\t\te := r.Entry\n\t\treturn ParsedCode{Kind: KindKnown, Code: e.Code, Parts: p, Category: e.Category, Message: e.Message, Description: e.Description, Name: e.Name, Outcome: e.Outcome, Endpoint: endpoint}\n\t}\n" +
      `\twhy := ${goString(`${facts.servicePart.name} `)} + p.${service} + ${goString(` is not one of ${services}`)}\n` +
      `\tif endpoint != nil {\n\t\twhy = "the table has no row for " + ${others} + ${goString(` in ${facts.servicePart.name} `)} + p.${service} + " (" + endpoint.Name + ")"\n\t}\n` +
      '\treturn ParsedCode{Kind: KindUnlisted, Code: r.Code, Parts: p, Outcome: r.Outcome, Endpoint: endpoint, Reason: why + "; outcome " + r.Outcome.String() + ": " + r.Reason}\n}',
    `${comment(["clip is s[from:to] within s, as JavaScript's slice reads it: a code the pattern accepts may be shorter than its parts."])}\nfunc clip(s string, from, to int) string {\n\tif to > len(s) {\n\t\tto = len(s)\n\t}\n\tif from > to {\n\t\treturn ""\n\t}\n\treturn s[from:to]\n}`,
  ];
  return { imports: [], decls, runtime: [] };
}

function statusRuleLines(spec: Spec): string {
  const { rules, noRule } = httpStatusRules(spec);
  const lines = rules.map((r) => {
    const cond = r.test.kind === "values" ? r.test.values.map((v) => `status == ${goString(v)}`).join(" || ") : `strings.HasPrefix(status, ${goString(r.test.prefix)})`;
    return `\tif ${cond} {\n\t\treturn ${outcomeConst(r.outcome)}, ${goString(r.reason)}\n\t}`;
  });
  return [...lines, `\treturn OutcomeUnknown, ${goString(noRule)}`].join("\n");
}

export function httpStatusFile(spec: Spec): Decls {
  const facts = apiFacts(spec);
  const http = facts.httpPart.name;
  const field = facts.api.responseCodeField;
  const { rules, statusLength } = httpStatusRules(spec);
  const summary = rules.map((r) => `${r.test.kind === "values" ? r.test.values.join("/") : `${r.test.prefix}xx`} → ${r.outcome}`).join(", ");
  const decls = [
    `${docComment(["ActOn says which reading of a response decided its outcome."])}\ntype ActOn uint8`,
    `// What a response's outcome is read from.\nconst (\n\t// ActOnNeither: the HTTP status and the code contradict each other (the zero ActOn).\n\tActOnNeither ActOn = iota\n\t// ActOnResponseCode: the body's ${field}.\n\tActOnResponseCode\n\t// ActOnHTTPStatus: the HTTP status.\n\tActOnHTTPStatus\n)`,
    `${docComment(['String returns "neither", "responseCode" or "httpStatus".'])}\nfunc (a ActOn) String() string {\n\tswitch a {\n\tcase ActOnResponseCode:\n\t\treturn "responseCode"\n\tcase ActOnHTTPStatus:\n\t\treturn "httpStatus"\n\t}\n\treturn "neither"\n}`,
    `${docComment(["HTTPStatusCheck is the verdict of CheckHTTPStatus."])}\ntype HTTPStatusCheck struct {\n` +
      `\t// Consistent is set where the HTTP status equals the ${http} part of the body's code.\n\tConsistent bool\n` +
      "\t// ActOn is the reading that decided the outcome.\n\tActOn ActOn\n" +
      "\t// Outcome is what to act on: never success unless both the transport and a listed code say so.\n\tOutcome Outcome\n" +
      "\t// HTTPStatus is the status as given.\n\tHTTPStatus int\n" +
      "\t// HTTPOutcome is what the HTTP status alone says.\n\tHTTPOutcome Outcome\n" +
      `\t// Code is the body's ${field}, parsed.\n\tCode ParsedCode\n` +
      "\t// Reason says why, in words.\n\tReason string\n}",
    `${docComment([
      `CheckHTTPStatus checks a response's HTTP status against the ${http} part of its body's ${field} (the body is JSON text), and says which one to act on and why.`,
      "The two should agree: the source builds every code as HTTP status + service code + case code. When they do not, the reading is the more cautious one: a transport failure or an unknown result is never reported as success, and when in doubt the outcome is pending (query the transaction before acting). In order:",
      {
        items: [
          `the body has no readable ${field} (not JSON, no such field, not a string of ${spec.pattern}): act on the HTTP status; a status the rules read as failed stays failed, every other status (even 200) is pending, because a body without a code does not confirm that anything happened;`,
          `the status equals the code's ${http} part: act on the code; a listed code has its row's outcome, a code outside the tables keeps its failed reading when its part says failed and is pending otherwise (an unlisted code never confirms success);`,
          "they differ, but the status and the code read the same outcome: act on the code (it is more specific);",
          "they differ and one side reads pending or unknown (HTTP 500 carrying a 200 success code, say): act on that side, pending;",
          "they differ, one side says success and the other failed: act on neither, pending. Only a status query settles it: reporting failure could make the caller pay twice, reporting success could deliver without payment.",
        ],
      },
      `The HTTP status alone is read by the source's rules for the ${http} part (${summary}; anything else unknown). CheckHTTPStatus never panics.`,
    ])}\nfunc CheckHTTPStatus(httpStatus int, body []byte) HTTPStatusCheck {\n\tv, err := decodeJSON(body)\n\tif err != nil {\n\t\treturn checkHTTPStatus(httpStatus, nil, false)\n\t}\n\treturn CheckHTTPStatusValue(httpStatus, v)\n}`,
    `${docComment([`CheckHTTPStatusValue is CheckHTTPStatus for a body as encoding/json decodes it (a map), or for the ${field} itself (a string).`])}\nfunc CheckHTTPStatusValue(httpStatus int, body any) HTTPStatusCheck {\n\tif s, ok := body.(string); ok {\n\t\treturn checkHTTPStatus(httpStatus, s, true)\n\t}\n\tif o, ok := asObject(body); ok {\n\t\tcode, present := o.values[${goString(field)}]\n\t\treturn checkHTTPStatus(httpStatus, code, present)\n\t}\n\treturn checkHTTPStatus(httpStatus, nil, false)\n}`,
    `${comment(["httpStatusOutcome is what a status alone says, by the source's rules for the " + http + " part of a code."])}\nfunc httpStatusOutcome(status string) (Outcome, string) {\n${statusRuleLines(spec)}\n}`,
    checkFunction(http, field, statusLength),
  ];
  return { imports: rules.some((r) => r.test.kind === "prefix") ? ["strconv", "strings"] : ["strconv"], decls, runtime: ["json.go"] };
}

function checkFunction(http: string, field: string, statusLength: number): string {
  const pending = ": pending, query the transaction before acting";
  return (
    `${comment(["checkHTTPStatus decides, for a code that may be absent (present is false: JavaScript's undefined)."])}\nfunc checkHTTPStatus(httpStatus int, raw any, present bool) HTTPStatusCheck {\n` +
    `\tcode := ParsedCode{Kind: KindMalformed, Reason: notAString + "undefined"}\n\tif present {\n\t\tcode = ParseResponseCodeValue(raw)\n\t}\n` +
    `\tstatus := strconv.Itoa(httpStatus)\n\thttpOutcome, httpReason := OutcomeUnknown, "not an HTTP status"\n` +
    `\tif len(status) == ${statusLength} && status[0] != '-' {\n\t\thttpOutcome, httpReason = httpStatusOutcome(status)\n\t}\n` +
    "\tshown := \"HTTP \" + status\n" +
    "\tresult := func(consistent bool, actOn ActOn, outcome Outcome, reason string) HTTPStatusCheck {\n\t\treturn HTTPStatusCheck{Consistent: consistent, ActOn: actOn, Outcome: outcome, HTTPStatus: httpStatus, HTTPOutcome: httpOutcome, Code: code, Reason: reason}\n\t}\n" +
    "\tif code.Kind == KindMalformed {\n" +
    `\t\twhy := shown + ${goString(`: the body has no readable ${field} (`)} + code.Reason + ")"\n` +
    "\t\tswitch httpOutcome {\n\t\tcase OutcomeFailed:\n\t\t\treturn result(false, ActOnHTTPStatus, OutcomeFailed, why+\"; the status alone says failed: \"+httpReason)\n" +
    "\t\tcase OutcomePending:\n\t\t\treturn result(false, ActOnHTTPStatus, OutcomePending, why+\"; the status alone says pending: \"+httpReason)\n\t\t}\n" +
    "\t\treturn result(false, ActOnNeither, OutcomePending, why+\"; the status alone cannot confirm the result, so pending: query the transaction before acting\")\n\t}\n" +
    "\tcodeOutcome := code.Outcome\n\tabout := string(code.Code) + \" (\" + code.Message + \", \" + code.Outcome.String() + \")\"\n" +
    "\tif code.Kind == KindUnlisted {\n\t\tif codeOutcome != OutcomeFailed {\n\t\t\tcodeOutcome = OutcomePending\n\t\t}\n\t\tabout = string(code.Code) + \" (not in the tables: \" + code.Reason + \")\"\n\t}\n" +
    `\tif code.Parts.${exported(http)} == status {\n\t\treturn result(true, ActOnResponseCode, codeOutcome, shown+" matches "+about+"; acting on the code: "+codeOutcome.String())\n\t}\n` +
    "\thttpReading := httpOutcome\n\tif httpReading == OutcomeUnknown {\n\t\thttpReading = OutcomePending\n\t}\n" +
    `\tmismatch := shown + ${goString(` does not match the ${http} part of `)} + about\n` +
    "\tswitch {\n" +
    "\tcase httpReading == codeOutcome:\n\t\treturn result(false, ActOnResponseCode, codeOutcome, mismatch+\"; both read \"+codeOutcome.String()+\", acting on the code\")\n" +
    `\tcase httpReading == OutcomePending:\n\t\treturn result(false, ActOnHTTPStatus, OutcomePending, mismatch+"; the transport says the result is not known ("+httpReason+"), which the body cannot override${pending}")\n` +
    `\tcase codeOutcome == OutcomePending:\n\t\treturn result(false, ActOnResponseCode, OutcomePending, mismatch+"; the code says the result is not final${pending}")\n\t}\n` +
    `\treturn result(false, ActOnNeither, OutcomePending, mismatch+"; one says "+httpReading.String()+", the other "+codeOutcome.String()+"${pending}")\n}`
  );
}
