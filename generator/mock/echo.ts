/**
 * Copying request values into an answer (the success body's echoed fields,
 * the notify callback's). Request data is hostile: it may nest thousands of
 * levels (JSON.parse builds that without recursion; structuredClone and
 * JSON.stringify then overflow the stack), carry keys such as `__proto__`,
 * or fields the tables never declared. So a value is copied by a walk bounded
 * at ECHO_DEPTH levels (recursion, but never deeper than that), own keys only,
 * and the result is checked by the package's validator in strict mode: only
 * declared fields are echoed.
 */
import { ECHO_DEPTH } from "./limits.ts";
import type { ValidationError, Validator } from "./load-package.ts";

/**
 * A copy of JSON data, at most `depth` levels of objects and arrays (`{}` is one
 * level). Own enumerable keys only, each an own property of the copy (`__proto__`
 * too). A value deeper than the bound (or not JSON data) is copied as `{}` and
 * its path is added to `cut`: the caller decides whether that part mattered.
 */
export function copyJson(value: unknown, depth: number = ECHO_DEPTH, cut: string[][] = [], path: string[] = []): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "object" || depth <= 0) {
    cut.push([...path]);
    return {};
  }
  // `path` is one stack, pushed and popped, so that copying allocates nothing per value but the copy.
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      out[i] = copyJson(value[i], depth - 1, cut, path);
      path.pop();
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    path.push(key);
    const v = copyJson((value as Record<string, unknown>)[key], depth - 1, cut, path);
    path.pop();
    // An assignment to "__proto__" would set the copy's prototype instead of a key.
    if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}

/**
 * `base` with each of `values` (field -> value) copied in, as far as the result
 * passes `validate` strictly; otherwise `base` as it is. An undeclared key inside
 * an echoed field is left out (the validator names it); an echoed field with any
 * other problem, or cut at the depth bound where the cut part is not such an
 * undeclared key, keeps its fixture value: an echo is never silently truncated.
 * One validation when every echo is clean, which is the usual case.
 */
export function echoInto(base: Record<string, unknown>, values: [string, unknown][], validate: Validator): Record<string, unknown> {
  const body: Record<string, unknown> = { ...base };
  const echoed = new Set<string>();
  const cut: string[][] = [];
  for (const [key, value] of values) {
    body[key] = copyJson(value, ECHO_DEPTH, cut, [key]);
    echoed.add(key);
  }
  if (!echoed.size) return body;
  const first = validate(body, { strict: true });
  if (first.ok && !cut.length) return body;
  const removed: string[][] = [];
  const drop = (key: string) => {
    if (!echoed.delete(key)) return;
    if (Object.hasOwn(base, key)) body[key] = base[key];
    else delete body[key];
  };
  if (!first.ok)
    for (const error of first.errors) {
      const path = pointer(error);
      const key = path[0];
      if (key === undefined || !echoed.has(key)) continue;
      if (error.rule === "additionalProperties" && path.length > 1 && remove(body[key], path.slice(1))) removed.push(path);
      else drop(key);
    }
  for (const path of cut) if (!removed.some((r) => r.length <= path.length && r.every((s, i) => s === path[i]))) drop(path[0]!);
  return validate(body, { strict: true }).ok ? body : { ...base };
}

/** A JSON pointer ("/amount/extra") as its segments. */
function pointer(error: ValidationError): string[] {
  if (typeof error.path !== "string" || !error.path.startsWith("/")) return [];
  return error.path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Deletes the member at `path` inside `value` (a copy this module made); false when there is none. */
function remove(value: unknown, path: string[]): boolean {
  let v = value;
  for (const segment of path.slice(0, -1)) {
    if (typeof v !== "object" || v === null || !Object.hasOwn(v, segment)) return false;
    v = (v as Record<string, unknown>)[segment];
  }
  const last = path[path.length - 1]!;
  if (typeof v !== "object" || v === null || Array.isArray(v) || !Object.hasOwn(v, last)) return false;
  delete (v as Record<string, unknown>)[last];
  return true;
}
