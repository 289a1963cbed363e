/**
 * The string formats a field table can ask for, defined once: the validators
 * and the JSON Schema use the same pattern text, so they cannot drift apart.
 *
 * Every pattern is anchored and built from character classes and fixed
 * repetitions, with no nested quantifiers: matching is linear in the input
 * and cannot backtrack catastrophically. JSON Schema evaluates `pattern` with
 * ECMA-262 semantics; `$` without the m flag matches only at the end, so a
 * trailing newline is rejected by both.
 */
import type { Field } from "../../model/types.ts";

/**
 * ISO-8601 date-time, stricter than RFC 3339: `YYYY-MM-DDTHH:mm:ss`, an
 * optional fraction, then `Z` or `±HH:mm` (upper-case T and Z, colon in the
 * offset). The pattern bounds month 01–12, day 01–31, hour 00–23, minute and
 * second 00–59 and the offset to 23:59; the day-within-month check (leap years
 * included) is the only thing left to code. A leap second (`23:59:60`) does
 * not match: with second ≤ 59 in the pattern, ajv-formats' "date-time" (which
 * the schema also names) agrees on every string the pattern accepts, because
 * its only remaining check is the same day-within-month rule.
 */
export const DATE_TIME_PATTERN =
  "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$";

export const DATE_TIME_TEXT =
  "an ISO-8601 date-time YYYY-MM-DDTHH:mm:ss, optional fraction, then Z or ±HH:mm (a real calendar date; hour 00–23, minute and second 00–59, no leap second)";

/** ISO 4217 alphabetic code: three capital letters. */
export const CURRENCY_PATTERN = "^[A-Z]{3}$";

export const CURRENCY_TEXT = "three capital letters (ISO 4217), e.g. IDR";

/**
 * An amount per the source's "precision,scale" length (16,2): ASCII digits,
 * a dot and exactly `scale` decimals, at most precision − scale integer
 * digits; no sign, no exponent, no thousands separators, no spaces.
 */
export function amountPattern(amount: { precision: number; scale: number }): string {
  const integer = amount.precision - amount.scale;
  if (!Number.isInteger(integer) || integer < 1 || !Number.isInteger(amount.scale) || amount.scale < 0)
    throw new Error(`amount ${amount.precision},${amount.scale}: needs precision > scale >= 0`);
  return amount.scale > 0 ? `^[0-9]{1,${integer}}\\.[0-9]{${amount.scale}}$` : `^[0-9]{1,${integer}}$`;
}

export function amountText(amount: { precision: number; scale: number }): string {
  const integer = amount.precision - amount.scale;
  const example = amount.scale > 0 ? `10000.${"0".repeat(amount.scale)}` : "10000";
  return amount.scale > 0
    ? `an amount (${amount.precision},${amount.scale}): 1 to ${integer} digits, a dot and exactly ${amount.scale} decimals, no separators, e.g. ${example}`
    : `an amount (${amount.precision},0): 1 to ${integer} digits, no separators, e.g. ${example}`;
}

/** A field's string format, or null: the single place that reads Field.format. */
export function stringFormat(f: Field): { kind: "amount" | "currency" | "date-time"; pattern: string; text: string } | null {
  switch (f.format) {
    case "amount":
      if (!f.amount) throw new Error(`field ${f.key}: format amount needs amount precision and scale`);
      return { kind: "amount", pattern: amountPattern(f.amount), text: amountText(f.amount) };
    case "currency":
      return { kind: "currency", pattern: CURRENCY_PATTERN, text: CURRENCY_TEXT };
    case "date-time":
      return { kind: "date-time", pattern: DATE_TIME_PATTERN, text: DATE_TIME_TEXT };
    default:
      return null;
  }
}
