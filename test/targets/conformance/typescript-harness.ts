// The reference: the generated TypeScript package, which the rest of the test suite
// holds to the sources. It answers each case by calling the package's exports, the
// way an integrator does, and maps the results to the canonical answers.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Spec } from "../../../generator/model/types.ts";
import type { SpecSet } from "../spec-sets.ts";
import type { CaseFile } from "./cases.ts";
import type { Answers, ClassifyAnswer, HttpStatusAnswer, ParseAnswer, ResponseAnswer, TargetHarness, ValidateAnswer } from "./target-harness.ts";

type Fn = (...args: unknown[]) => any;
const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** A body that is not JSON text reaches the package as no body at all (undefined). */
function parseBody(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

function classifyAnswer(r: any): Pick<ClassifyAnswer, "kind" | "outcome" | "code" | "category" | "reason" | "entry"> {
  if (r.known) return { kind: "known", outcome: r.outcome, code: r.code, category: r.entry.category, reason: null, entry: { name: r.entry.name, message: r.entry.message, table: r.entry.table, row: r.entry.row } };
  if (r.malformed) return { kind: "malformed", outcome: r.outcome, code: null, category: null, reason: text(r.reason), entry: null };
  return { kind: "unlisted", outcome: r.outcome, code: r.code, category: r.category ?? null, reason: text(r.reason), entry: null };
}

export function parseAnswer(spec: Spec, p: any): ParseAnswer {
  const parts = p.kind === "malformed" ? null : Object.fromEntries(spec.composite!.parts.map((x) => [x.name, p[x.name] as string]));
  return {
    kind: p.kind,
    code: p.kind === "malformed" ? null : p.code,
    parts,
    category: text(p.category),
    message: text(p.message),
    description: text(p.description),
    outcome: p.kind === "malformed" ? null : p.outcome,
    endpoint: text(p.endpoint),
    name: text(p.name),
    reason: text(p.reason),
  };
}

export class TypeScriptHarness implements TargetHarness {
  readonly name = "typescript";
  private dir = "";

  async prepare(set: SpecSet): Promise<void> {
    this.dir = await set.typescriptDir();
  }

  async answer(spec: Spec, cases: CaseFile): Promise<Answers> {
    const m: Record<string, Fn> = await import(pathToFileURL(join(this.dir, spec.id, "dist", "index.js")).href);
    const P = spec.typePrefix;
    const p = P.charAt(0).toLowerCase() + P.slice(1);
    const classify = m[`classify${P}Code`]!;
    const isCode = m[`is${P}Code`]!;
    const describe = m[`describe${P}Code`]!;
    const actionsFor = spec.actions.length ? m[`${p}ActionsFor`]! : null;
    const answers: Answers = { classify: [], response: [], parse: [], httpStatus: [], validate: [] };
    for (const c of cases.classify) {
      const v = JSON.parse(c.value);
      answers.classify.push({
        ...classifyAnswer(classify(v, c.context)),
        isCode: isCode(v),
        describe: describe(v)?.name ?? null,
        actions: actionsFor && typeof v === "string" ? [...actionsFor(v)] : null,
      });
    }
    const response = m[`classify${P}Response`];
    for (const c of cases.response) {
      const r = response!(c.httpStatus, JSON.parse(c.code));
      answers.response.push(
        "httpStatus" in r
          ? ({ byStatus: true, outcome: r.outcome, reason: r.reason, code: r.code } as ResponseAnswer)
          : ({ byStatus: false, ...pickResponse(classifyAnswer(r)) } as ResponseAnswer),
      );
    }
    if (spec.api) this.api(spec, m, cases, answers);
    return answers;
  }

  private api(spec: Spec, m: Record<string, Fn>, cases: CaseFile, answers: Answers): void {
    const P = spec.typePrefix;
    const parse = m[`parse${P}ResponseCode`]!;
    for (const c of cases.parse) answers.parse.push(parseAnswer(spec, parse(JSON.parse(c.value))));
    const check = m[`check${P}HttpStatus`]!;
    for (const c of cases.httpStatus) {
      const r = check(c.httpStatus, parseBody(c.body));
      answers.httpStatus.push({ consistent: r.consistent, actOn: r.actOn, outcome: r.outcome, httpStatus: r.httpStatus, httpOutcome: r.httpOutcome, code: parseAnswer(spec, r.code), reason: r.reason } as HttpStatusAnswer);
    }
    for (const c of cases.validate) {
      const validate = m[`validate${P}${c.endpoint}${c.body === "request" ? "Request" : "Response"}`]!;
      const r = validate(JSON.parse(c.json), { strict: c.strict });
      answers.validate.push({ ok: r.ok, errors: r.ok ? [] : r.errors.map((e: any) => ({ path: e.path, rule: e.rule, message: e.message, field: e.field })) } as ValidateAnswer);
    }
  }
}

function pickResponse(a: ReturnType<typeof classifyAnswer>) {
  return { outcome: a.outcome, reason: a.reason, kind: a.kind, code: a.code, category: a.category };
}
