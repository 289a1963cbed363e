// The contract of the conformance suite (generator/ARCHITECTURE.md, "Adding a target"):
// a target registers only once its harness answers every case file exactly as the
// TypeScript package does. A harness is small and lives in the target's language: it
// reads the case file, runs each case through the generated code, and prints these
// canonical answers, one array per section, in case order.
import type { Spec } from "../../../generator/model/types.ts";
import type { CaseFile } from "./cases.ts";
import type { SpecSet } from "../spec-sets.ts";

/** What Classify says of a value. Text that is empty or absent is null (Go has no null string). */
export interface ClassifyAnswer {
  kind: "known" | "unlisted" | "malformed";
  outcome: "success" | "pending" | "failed" | "unknown";
  code: string | null;
  category: string | null;
  reason: string | null;
  /** The row of a listed code. */
  entry: { name: string; message: string; table: string; row: number } | null;
  /** IsCode and Describe of the same value (false and null for a value that is not a string). */
  isCode: boolean;
  describe: string | null;
  /** The actions for a string value, where the spec has actions (else null). */
  actions: string[] | null;
}

/** What the transport rules say of a whole response. */
export type ResponseAnswer =
  | { byStatus: true; outcome: string; reason: string; code: string | null }
  | { byStatus: false; outcome: string; reason: string | null; kind: string; code: string | null; category: string | null };

export interface ParseAnswer {
  kind: "known" | "unknown" | "malformed";
  code: string | null;
  parts: Record<string, string> | null;
  category: string | null;
  message: string | null;
  description: string | null;
  outcome: string | null;
  endpoint: string | null;
  name: string | null;
  reason: string | null;
}

export interface HttpStatusAnswer {
  consistent: boolean;
  actOn: "responseCode" | "httpStatus" | "neither";
  outcome: string;
  httpStatus: number;
  httpOutcome: string;
  code: ParseAnswer;
  reason: string;
}

export interface ValidateAnswer {
  ok: boolean;
  errors: { path: string; rule: string; message: string; field: string | null }[];
}

export interface Answers {
  classify: ClassifyAnswer[];
  response: ResponseAnswer[];
  parse: ParseAnswer[];
  httpStatus: HttpStatusAnswer[];
  validate: ValidateAnswer[];
}

/** One target's side of the suite. */
export interface TargetHarness {
  /** The target's name, for the report. */
  readonly name: string;
  /** Generates the set's packages under `dir` and builds whatever the harness needs, once per set. */
  prepare(set: SpecSet, dir: string): Promise<void>;
  /** The answers to one spec's case file (written at `casesPath` too, for harnesses in other languages). */
  answer(spec: Spec, cases: CaseFile, casesPath: string): Promise<Answers>;
}
