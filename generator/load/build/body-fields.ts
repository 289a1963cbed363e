/** An endpoint's request or response body: its field table, nested fields included. */
import type { Body, Field } from "../../model/types.ts";
import type { RawBody, RawField } from "../spec-schema.types.ts";
import type { Path } from "../yaml-source.ts";
import { parsePattern } from "../../model/semantics/pattern.ts";
import { compileRegex } from "./compile-regex.ts";
import { checkErrataRefs } from "./errata.ts";
import type { Lint } from "./lint-context.ts";

export function buildBody(b: RawBody, path: Path, errataIds: ReadonlyMap<string, number>, lint: Lint): Body {
  return { headers: b.headers ?? [], fields: buildFields(b.fields, [...path, "fields"], errataIds, lint) };
}

function buildFields(list: readonly RawField[], path: Path, errataIds: ReadonlyMap<string, number>, lint: Lint): Field[] {
  const keys = new Set<string>();
  return list.map((f, i) => {
    const fpath = [...path, i];
    const key = f.key ?? f.name;
    if (keys.has(key)) lint.report([...fpath, f.key ? "key" : "name"], `duplicate field "${key}"`);
    keys.add(key);
    checkField(f, key, fpath, errataIds, lint);
    return {
      name: f.name,
      key,
      dataType: f.dataType ?? null,
      type: f.type,
      presence: f.presence,
      condition: f.condition ? { when: f.condition.when, text: f.condition.text ?? null } : null,
      length: f.length ?? null,
      maxLength: f.maxLength ?? null,
      format: f.format ?? null,
      pattern: f.pattern ?? null,
      amount: f.amount ? { precision: f.amount.precision, scale: f.amount.scale } : null,
      values: f.values ?? [],
      nullable: f.nullable === true,
      description: f.description ?? null,
      fields: buildFields(f.fields ?? [], [...fpath, "fields"], errataIds, lint),
      errata: f.errata ?? [],
    };
  });
}

/** What a field's keys say must agree with each other, and a departure from the source needs an erratum. */
function checkField(f: RawField, key: string, fpath: Path, errataIds: ReadonlyMap<string, number>, lint: Lint): void {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) lint.report([...fpath, f.key ? "key" : "name"], `field key "${key}" is not a plain JSON key: add "key" with an erratum`);
  if (f.key !== undefined && f.key !== f.name && !(f.errata ?? []).length) lint.report([...fpath, "key"], `field "${f.name}" is read as "${f.key}": record why in "errata"`);
  if (f.fields && f.type !== "object") lint.report([...fpath, "fields"], `only object fields can have nested fields`, { key: true });
  if (f.format === "amount" && !f.amount) lint.report(fpath, `format amount needs "amount: { precision, scale }"`, { key: true });
  if (f.amount && !(f.amount.precision > f.amount.scale)) lint.report([...fpath, "amount"], `amount precision (${f.amount.precision}) must be greater than its scale (${f.amount.scale})`);
  if (f.amount && f.format !== "amount") lint.report([...fpath, "amount"], `"amount" needs format: amount`, { key: true });
  if ((f.format || f.maxLength || f.values || f.pattern) && f.type !== "string") lint.report([...fpath, "type"], `format, pattern, maxLength and values apply to string fields only`);
  if (f.pattern !== undefined) checkFieldPattern(f, fpath, lint);
  if (f.presence === "C" && !f.condition) lint.report([...fpath, "presence"], `conditional field "${f.name}" needs "condition"`);
  if (f.presence !== "C" && f.condition) lint.report([...fpath, "condition"], `"condition" applies to presence C only`, { key: true });
  if (f.nullable && !(f.errata ?? []).length) lint.report([...fpath, "nullable"], `nullable field "${f.name}" must cite an erratum`);
  checkErrataRefs(f.errata, [...fpath, "errata"], errataIds, lint);
}

/**
 * A field's pattern runs in every target's validators on untrusted input: vetted like a code
 * pattern, and anchored, so that JSON Schema's `pattern` (which matches anywhere) and the
 * validators agree on what the source meant by it.
 */
function checkFieldPattern(f: RawField, fpath: Path, lint: Lint): void {
  const path = [...fpath, "pattern"];
  if (f.format) lint.report(path, `give "format" or "pattern", not both: a format is already a pattern`);
  if (!compileRegex(f.pattern!, path, lint)) return;
  const parsed = parsePattern(f.pattern!);
  const items = parsed.ok && parsed.tree.kind === "seq" ? parsed.tree.items : [];
  const [first, last] = [items[0], items[items.length - 1]];
  if (!(first?.kind === "assert" && first.what === "start" && last?.kind === "assert" && last.what === "end"))
    lint.report(path, `field pattern ${JSON.stringify(f.pattern)} must be anchored: start it with ^ and end it with $ (group alternatives: ^(?:a|b)$)`);
}
