/**
 * Compares one body's field table (request or response) between versions,
 * field by JSON key, nested objects included. Every rule reads the direction
 * from the consumer's side (see levels.ts): a request is what they send, so
 * tightening it breaks them; a response is what they receive, so loosening it
 * breaks them.
 */
import type { Field } from "../model/types.ts";
import type { Change, Level } from "./levels.ts";
import { judge, type Side } from "./levels.ts";

/** How firmly a body must carry the field: what the generated types and validators enforce. */
function requiredness(f: Field, side: Side): number {
  if (f.presence === "M") return side === "request" ? 1 : 2;
  // A response field required "upon success" is required in the success body.
  if (side === "response" && f.presence === "C" && f.condition?.when === "success") return 1;
  return 0;
}

function presenceText(f: Field): string {
  return f.presence === "C" ? `C (${f.condition?.when ?? "unchecked"})` : f.presence;
}

/** Tightened on `side`: breaking for a request, a feature for a response; loosened: the reverse. */
function direction(side: Side, tightened: boolean): Level {
  return (side === "request") === tightened ? "breaking" : "feature";
}

export function compareFields(before: readonly Field[], after: readonly Field[], side: Side, endpoint: string, prefix: string = side): Change[] {
  const out: Change[] = [];
  for (const old of before) {
    const field = `${prefix}.${old.key}`;
    const now = after.find((f) => f.key === old.key);
    if (!now) out.push(judge("breaking", { kind: "field-removed", endpoint, field, before: presenceText(old), what: `${endpoint} ${field} removed` }, side));
    else out.push(...compareField(old, now, side, endpoint, field));
  }
  for (const now of after) {
    if (before.some((f) => f.key === now.key)) continue;
    const field = `${prefix}.${now.key}`;
    const level: Level = side === "request" && requiredness(now, side) > 0 ? "breaking" : "feature";
    out.push(judge(level, { kind: "field-added", endpoint, field, after: presenceText(now), what: `${endpoint} ${field} added (${presenceText(now)})` }, side));
  }
  return out;
}

function compareField(old: Field, now: Field, side: Side, endpoint: string, field: string): Change[] {
  const out: Change[] = [];
  const at = { endpoint, field };
  const push = (level: Level, kind: Change["kind"], before: string, after: string, what: string) =>
    out.push(judge(level, { kind, ...at, before, after, what: `${endpoint} ${field} ${what}: ${before} → ${after}` }, side));

  // ---- presence
  const [r0, r1] = [requiredness(old, side), requiredness(now, side)];
  if (r1 > r0) push(side === "request" ? "breaking" : "feature", "field-made-mandatory", presenceText(old), presenceText(now), "made mandatory");
  else if (r1 < r0) push(side === "request" ? "feature" : "breaking", "field-made-optional", presenceText(old), presenceText(now), "made optional");
  else if (presenceText(old) !== presenceText(now) || old.condition?.text !== now.condition?.text)
    push("fix", "field-presence-changed", presenceText(old), presenceText(now), "presence");

  // ---- type (null accepted is part of the type)
  const typeText = (f: Field) => (f.nullable ? `${f.type} | null` : f.type);
  if (old.type !== now.type) push("breaking", "field-type-changed", typeText(old), typeText(now), "type");
  else if (old.nullable !== now.nullable) push(direction(side, old.nullable), "field-type-changed", typeText(old), typeText(now), "type");

  // ---- maximum length (null: none)
  const lengthText = (f: Field) => (f.maxLength === null ? "no maximum" : `max ${f.maxLength}`);
  if (old.maxLength !== now.maxLength) {
    const tightened = now.maxLength !== null && (old.maxLength === null || now.maxLength < old.maxLength);
    push(direction(side, tightened), "field-length-changed", lengthText(old), lengthText(now), "length");
  } else if (old.length !== now.length) push("fix", "field-length-changed", old.length ?? "none", now.length ?? "none", "length text");

  // ---- format or pattern (a pattern is a format of the spec's own), and an amount's precision and scale
  const formatText = (f: Field) => f.format ?? (f.pattern !== null ? `pattern ${f.pattern}` : null);
  const [f0, f1] = [formatText(old), formatText(now)];
  if (f0 !== f1) {
    const level: Level = f0 === null ? direction(side, true) : f1 === null ? direction(side, false) : "breaking";
    push(level, "field-format-changed", f0 ?? "none", f1 ?? "none", "format");
  } else if (old.amount && now.amount && (old.amount.precision !== now.amount.precision || old.amount.scale !== now.amount.scale)) {
    const text = (f: Field) => `${f.amount!.precision},${f.amount!.scale}`;
    const digits = (f: Field) => f.amount!.precision - f.amount!.scale;
    const level: Level = old.amount.scale !== now.amount.scale ? "breaking" : direction(side, digits(now) < digits(old));
    push(level, "field-precision-changed", text(old), text(now), "precision,scale");
  }

  // ---- allowed values (none listed: any value)
  const values = (f: Field) => f.values.map((v) => v.value);
  const [v0, v1] = [values(old), values(now)];
  const added = v1.filter((v) => !v0.includes(v));
  const removed = v0.filter((v) => !v1.includes(v));
  const valuesText = (v: string[]) => (v.length ? v.join(", ") : "any");
  if (v0.length === 0 && v1.length > 0) push(direction(side, true), "field-values-changed", "any", valuesText(v1), "allowed values");
  else if (v0.length > 0 && v1.length === 0) push(direction(side, false), "field-values-changed", valuesText(v0), "any", "allowed values");
  else if (added.length || removed.length) {
    const level: Level = side === "request" ? (removed.length ? "breaking" : "feature") : added.length ? "breaking" : "feature";
    push(level, "field-values-changed", valuesText(v0), valuesText(v1), "allowed values");
  } else if (JSON.stringify(old.values) !== JSON.stringify(now.values)) push("fix", "field-values-changed", valuesText(v0), valuesText(v1), "value meanings");

  // ---- the source's text
  const doc = (f: Field) => JSON.stringify([f.name, f.dataType, f.description, f.errata]);
  if (doc(old) !== doc(now)) out.push(judge("fix", { kind: "field-doc-changed", ...at, what: `${endpoint} ${field} parameter name, data type or description changed` }));

  if (old.type === now.type && (old.fields.length || now.fields.length)) out.push(...compareFields(old.fields, now.fields, side, endpoint, field));
  return out;
}
