// The formats date and time and a field's own pattern, in the generated TypeScript
// validators (good-specs/field-formats.yaml): what each accepts and refuses, with the
// rule and message a caller sees. The Go target's answers on the same values are held
// to these by the conformance suite (test/targets/conformance/bodies.ts).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../../../generator/run/pipeline.ts";
import { fixtureSpecDir } from "../../../fixture-packages.ts";

type Result = { ok: boolean; errors?: { path: string; rule: string; message: string }[] };
let validate: (body: unknown) => Result;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "codebook-field-formats-"));
  mkdirSync(join(root, "spec"));
  cpSync(join(fixtureSpecDir, "field-formats.yaml"), join(root, "spec", "field-formats.yaml"));
  writeFileSync(join(root, "codebook.config.yaml"), "specDir: spec\noutDir: out\n");
  await generate({ cwd: root });
  const api = await import(pathToFileURL(join(root, "out", "field-formats", "dist", "api.js")).href);
  validate = api.validateFieldFormatsSettlementRequest;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const valid = { settlementDate: "2026-10-14", cutOffTime: "23:59:59", batchNo: "ABC123456", branch: { code: "JKT-01", label: "jakarta pusat" } };
const errorsWith = (change: Record<string, unknown>) => validate({ ...valid, ...change }).errors?.map((e) => [e.path, e.rule, e.message]) ?? [];

describe("date, time and pattern fields", () => {
  it("the sample request is valid", () => {
    expect(validate(valid)).toMatchObject({ ok: true });
  });

  it("date: YYYY-MM-DD and a real calendar date", () => {
    for (const ok of ["2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"]) expect(errorsWith({ settlementDate: ok }), ok).toEqual([]);
    for (const bad of ["14-10-2026", "2026-02-30", "2023-02-29", "1900-02-29", "2026-13-01", "2026-10-00", "2026-1-14", "20261014", "２026-10-14"])
      expect(errorsWith({ settlementDate: bad }), bad).toEqual([["/settlementDate", "date", "settlementDate must be a date YYYY-MM-DD (a real calendar date)"]]);
    // Too long for its maxLength (10) as well: both rules are reported.
    for (const long of ["2026-10-14T00:00:00Z", "2026-10-14\n"]) expect(errorsWith({ settlementDate: long }).map(([, rule]) => rule).sort(), long).toEqual(["date", "maxLength"]);
  });

  it("time: HH:mm:ss, 00:00:00 to 23:59:59, no fraction or zone", () => {
    for (const ok of ["00:00:00", "23:59:59", "12:30:05"]) expect(errorsWith({ cutOffTime: ok }), ok).toEqual([]);
    for (const bad of ["24:00:00", "23:60:00", "23:59:60", "7:00:00", "07:00", "07:00:00Z", "07:00:00.5", "07:00:00+07:00"])
      expect(errorsWith({ cutOffTime: bad }), bad).toEqual([["/cutOffTime", "time", "cutOffTime must be a time HH:mm:ss (hour 00–23, minute and second 00–59, no fraction, no zone)"]]);
  });

  it("pattern: the whole value matches, at the top and nested, non-ASCII classes by character", () => {
    for (const bad of ["abc123456", "ABC1234567", "ABC12345", "ABC123456\n", " ABC123456"])
      expect(errorsWith({ batchNo: bad }), bad).toEqual([["/batchNo", "pattern", "batchNo must match ^[A-Z]{3}[0-9]{6}$"]]);
    expect(errorsWith({ branch: { code: "BDG-99", label: "àÿ é" } })).toEqual([]);
    expect(errorsWith({ branch: { code: "MDN-01", label: "Jakarta" } })).toEqual([
      ["/branch/code", "pattern", "branch.code must match ^(?:JKT|SBY|BDG)-[0-9]{2}$"],
      ["/branch/label", "pattern", "branch.label must match ^[a-zà-ÿ ]{1,20}$"],
    ]);
    expect(errorsWith({ branch: { code: "JKT-01", label: "a".repeat(21) } })).toEqual([["/branch/label", "pattern", "branch.label must match ^[a-zà-ÿ ]{1,20}$"]]);
  });

  it("a value of another type is a type error, not a format error", () => {
    expect(errorsWith({ settlementDate: 20261014 }).map(([, rule]) => rule)).toEqual(["type"]);
  });
});
