/**
 * How deep a JSON text nests, found by one pass over its characters before
 * anything parses it. JSON.parse builds a value of any depth, but whatever
 * walks it next (JSON.stringify, structuredClone, a recursive reader in the
 * integrator's code) recurses per level; a body deeper than any spec can
 * describe is refused up front, with the spec's "malformed" code.
 */
import { ECHO_DEPTH } from "./limits.ts";

/**
 * Levels of objects and arrays a request or response body may nest: twice the
 * spec nesting limit. A declared field sits at most ECHO_DEPTH levels down and
 * a free-form value inside it (`additionalInfo`) may nest ECHO_DEPTH levels of
 * its own, so every body a spec can describe, echo included, fits.
 */
export const MAX_JSON_DEPTH = 2 * ECHO_DEPTH;

/** True when `text`, read as JSON, opens more than `max` objects and arrays inside one another. Brackets inside strings do not count. */
export function nestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
