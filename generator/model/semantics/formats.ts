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
import type { Field } from "../types.ts";

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

/** A calendar date `YYYY-MM-DD` (a source's "yyyy-MM-dd"); the day within its month is left to code, as for date-time. */
export const DATE_PATTERN = "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$";

export const DATE_TEXT = "a date YYYY-MM-DD (a real calendar date)";

/**
 * A time of day `HH:mm:ss` (a source's "HH:mm:ss"), with no fraction and no zone. JSON
 * Schema's "time" format requires a zone, so the schema carries the pattern alone.
 */
export const TIME_PATTERN = "^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$";

export const TIME_TEXT = "a time HH:mm:ss (hour 00–23, minute and second 00–59, no fraction, no zone)";

/** ISO 4217 alphabetic code: three capital letters. */
export const CURRENCY_PATTERN = "^[A-Z]{3}$";

export const CURRENCY_TEXT = "three capital letters (ISO 4217)";

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
export function stringFormat(f: Field): { kind: NonNullable<Field["format"]>; pattern: string; text: string } | null {
  switch (f.format) {
    case "amount":
      if (!f.amount) throw new Error(`field ${f.key}: format amount needs amount precision and scale`);
      return { kind: "amount", pattern: amountPattern(f.amount), text: amountText(f.amount) };
    case "currency":
      return { kind: "currency", pattern: CURRENCY_PATTERN, text: CURRENCY_TEXT };
    case "date-time":
      return { kind: "date-time", pattern: DATE_TIME_PATTERN, text: DATE_TIME_TEXT };
    case "date":
      return { kind: "date", pattern: DATE_PATTERN, text: DATE_TEXT };
    case "time":
      return { kind: "time", pattern: TIME_PATTERN, text: TIME_TEXT };
    default:
      return null;
  }
}

/**
 * The same test as `amountPattern`, as straight-line character-code checks
 * (a RegExp call costs more than the whole check). Emitted as the body of a
 * `(s: string) => boolean` function; the differential tests hold it to the
 * pattern.
 */
export function amountCheckBody(amount: { precision: number; scale: number }): string {
  amountPattern(amount); // validates precision and scale
  const integer = amount.precision - amount.scale;
  if (amount.scale === 0)
    return `const n = s.length;\nif (n < 1 || n > ${integer}) return false;\nfor (let i = 0; i < n; i++) {\nconst c = s.charCodeAt(i);\nif (c < 48 || c > 57) return false;\n}\nreturn true;`;
  const min = 1 + 1 + amount.scale;
  const max = integer + 1 + amount.scale;
  return (
    `const n = s.length;\nif (n < ${min} || n > ${max}) return false;\nconst dot = n - ${amount.scale + 1};\nif (s.charCodeAt(dot) !== 46) return false;\n` +
    `for (let i = 0; i < n; i++) {\nif (i === dot) continue;\nconst c = s.charCodeAt(i);\nif (c < 48 || c > 57) return false;\n}\nreturn true;`
  );
}

/** `CURRENCY_PATTERN` as character-code checks: exactly three of A–Z. */
export const CURRENCY_CHECK_BODY =
  "if (s.length !== 3) return false;\nconst a = s.charCodeAt(0), b = s.charCodeAt(1), c = s.charCodeAt(2);\nreturn a >= 65 && a <= 90 && b >= 65 && b <= 90 && c >= 65 && c <= 90;";

/**
 * The day-within-month rule (Feb 29 in leap years only), for month 1–12 and day 1–31: in the
 * generator (a sample's check, field-check.ts), and as the end of the emitted date checks below
 * (DAY_IN_MONTH; the Go runtime's dayInMonth is its twin, held to it by the conformance suite).
 */
export function isDayInMonth(year: number, month: number, day: number): boolean {
  if (day <= 28) return true;
  if (month === 2) return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= 30 || month === 1 || month === 3 || month === 5 || month === 7 || month === 8 || month === 10 || month === 12;
}

/** isDayInMonth's body as emitted text: `year`, `month` and `day` are in range already. */
const DAY_IN_MONTH = `if (day <= 28) return true;
if (month === 2) return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
return day <= 30 || month === 1 || month === 3 || month === 5 || month === 7 || month === 8 || month === 10 || month === 12;`;

/**
 * `DATE_TIME_PATTERN` plus the day-within-month rule, as one pass of
 * character-code checks (a RegExp call alone costs more than this). Emitted
 * as the body of `(s: string) => boolean`. charCodeAt past the end is NaN,
 * which fails every comparison, so no index needs a bounds check of its own.
 * Uses DIGIT_AT_FUNCTION.
 */
export const DATE_TIME_CHECK_BODY = `const n = s.length;
if (n < 20) return false;
if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
const year = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
const month = digitAt(s, 5) * 10 + digitAt(s, 6);
const day = digitAt(s, 8) * 10 + digitAt(s, 9);
const hour = digitAt(s, 11) * 10 + digitAt(s, 12);
const minute = digitAt(s, 14) * 10 + digitAt(s, 15);
const second = digitAt(s, 17) * 10 + digitAt(s, 18);
if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
let i = 19;
if (s.charCodeAt(i) === 46) {
i++;
const start = i;
while (i < n && digitAt(s, i) >= 0) i++;
if (i === start) return false;
}
const zone = s.charCodeAt(i);
if (zone === 90) {
if (i + 1 !== n) return false;
} else if (zone === 43 || zone === 45) {
if (i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false;
const zh = digitAt(s, i + 1) * 10 + digitAt(s, i + 2);
const zm = digitAt(s, i + 4) * 10 + digitAt(s, i + 5);
if (zh < 0 || zh > 23 || zm < 0 || zm > 59) return false;
} else return false;
${DAY_IN_MONTH}`;

/** `DATE_PATTERN` plus the day-within-month rule, as character-code checks. Uses DIGIT_AT_FUNCTION. */
export const DATE_CHECK_BODY = `if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
const year = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
const month = digitAt(s, 5) * 10 + digitAt(s, 6);
const day = digitAt(s, 8) * 10 + digitAt(s, 9);
if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return false;
${DAY_IN_MONTH}`;

/** `TIME_PATTERN` as character-code checks. Uses DIGIT_AT_FUNCTION. */
export const TIME_CHECK_BODY = `if (s.length !== 8 || s.charCodeAt(2) !== 58 || s.charCodeAt(5) !== 58) return false;
const hour = digitAt(s, 0) * 10 + digitAt(s, 1);
const minute = digitAt(s, 3) * 10 + digitAt(s, 4);
const second = digitAt(s, 6) * 10 + digitAt(s, 7);
return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;`;

/**
 * The helper DATE_TIME_CHECK_BODY calls: the digit at i, or -10000 where
 * there is none — enough to make any weighted sum of four digits negative,
 * so one range check per number also rejects non-digits.
 */
export const DIGIT_AT_FUNCTION = `function digitAt(s: string, i: number): number {
const c = s.charCodeAt(i) - 48;
return c >= 0 && c <= 9 ? c : -10000;
}`;
