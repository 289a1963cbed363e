/**
 * transport.go: the source's HTTP-status rules as data, and ClassifyResponse,
 * which reads the status first and the response code where a rule leaves the
 * outcome to it. The rules and their reasons come from model/semantics/transport.ts.
 */
import { transportDecisions } from "../../model/semantics/transport.ts";
import type { Spec } from "../../model/types.ts";
import type { Decls } from "./classify-file.ts";
import { outcomeConst } from "./codes-file.ts";
import { commentText, docComment, goString } from "./syntax.ts";

function ruleLiteral(d: ReturnType<typeof transportDecisions>[number]): string {
  const r = d.rule;
  const props = [r.http === "other" ? "Other: true" : `HTTP: ${r.http}`];
  if (r.label !== null) props.push(`Label: ${goString(r.label)}`);
  if (r.description !== null) props.push(`Description: ${goString(r.description)}`);
  if (r.status !== null) props.push(`Status: ${goString(r.status)}`);
  if (r.solution !== null) props.push(`Solution: ${goString(r.solution)}`);
  props.push(d.decides ? `Outcome: ${outcomeConst(d.outcome)}` : "ByCode: true");
  return `\t{${props.join(", ")}},`;
}

export function transportFile(spec: Spec): Decls | null {
  const t = spec.transport;
  if (!t) return null;
  const decisions = transportDecisions(spec);
  const title = commentText(t.title ?? "HTTP status rules");
  const cases = decisions
    .filter((d) => d.rule.http !== "other")
    .map((d) => `\tcase ${d.rule.http}:\n${caseBody(d)}`)
    .join("\n");
  const other = decisions.find((d) => d.rule.http === "other");
  const fallback = (other ? caseBody(other) : "\t\treturn responseByCode(httpStatus, code)").replace(/^\t/gm, "");
  const decls = [
    `${docComment(["HTTPRule is one of the source's rules for reading an HTTP status before the response code."])}\ntype HTTPRule struct {\n` +
      "\t// HTTP is the status the rule names; zero when Other is set.\n\tHTTP int\n" +
      "\t// Other is set on the rule for every status no other rule names.\n\tOther bool\n" +
      "\t// Label, Description, Status and Solution are the source's words; empty where it has none.\n\tLabel       string\n\tDescription string\n\tStatus      string\n\tSolution    string\n" +
      "\t// ByCode is set where the response code decides; Outcome is then unused.\n\tByCode bool\n" +
      "\t// Outcome is what the status alone means, where ByCode is not set.\n\tOutcome Outcome\n}",
    `${docComment([`HTTPRules are the source's ${title}, in its order: how to read an HTTP status before the response code.`])}\nvar HTTPRules = []HTTPRule{\n${decisions.map(ruleLiteral).join("\n")}\n}`,
    `${docComment(["ResponseResult is what ClassifyResponse says of a whole response."])}\ntype ResponseResult struct {\n` +
      "\t// Outcome is what to act on.\n\tOutcome Outcome\n" +
      "\t// ByHTTPStatus is set where a rule of HTTPRules decides from the status alone: the code is not read.\n\tByHTTPStatus bool\n" +
      "\t// HTTPStatus is the status as given.\n\tHTTPStatus int\n" +
      "\t// Reason is the rule's words where the status decides; otherwise Code.Reason.\n\tReason string\n" +
      "\t// Code is the response code's classification where the status leaves the outcome to it; the zero Result otherwise.\n\tCode Result\n}",
    `${docComment([
      "ClassifyResponse classifies a whole response: its HTTP status first, per HTTPRules, then its response code in the default context where the status leaves the outcome to it (a string that is not of the code pattern is KindMalformed). It never panics.",
    ])}\nfunc ClassifyResponse(httpStatus int, code string) ResponseResult {\n\treturn ClassifyResponseValue(httpStatus, code)\n}`,
    `${docComment([
      "ClassifyResponseValue is ClassifyResponse for a code as encoding/json decodes it (into an any): where the status leaves the outcome to the code, it is read as ClassifyValue reads it. It never panics.",
    ])}\nfunc ClassifyResponseValue(httpStatus int, code any) ResponseResult {\n${cases ? `\tswitch httpStatus {\n${cases}\n\t}\n` : ""}${fallback}\n}`,
    `// responseByCode leaves the outcome to the response code.\nfunc responseByCode(httpStatus int, code any) ResponseResult {\n\tr := ClassifyValue(code, 0)\n\treturn ResponseResult{Outcome: r.Outcome, HTTPStatus: httpStatus, Reason: r.Reason, Code: r}\n}`,
  ];
  return { imports: [], decls, runtime: [] };

  function caseBody(d: (typeof decisions)[number]): string {
    if (!d.decides) return "\t\treturn responseByCode(httpStatus, code)";
    return `\t\treturn ResponseResult{Outcome: ${outcomeConst(d.outcome)}, ByHTTPStatus: true, HTTPStatus: httpStatus, Reason: ${goString(d.reason)}}`;
  }
}
