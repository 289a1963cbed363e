/**
 * What every check of a scenario file shares: the package it is checked
 * against, the problems and warnings found (each with its place,
 * `file:line:col` in a file), and probes that ask the package's own
 * validators whether a field path is declared and a value fits it.
 */
import { copyJson } from "./echo.ts";
import type { MockEndpoint, MockPackage, Validator } from "./load-package.ts";

export type Path = (string | number)[];
/** Where a value of the scenario data sits: "file:line:col", or null when unknown (scenarios given as data). */
export type Locate = (path: Path) => string | null;

export class Check {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];
  constructor(
    readonly pkg: MockPackage,
    private readonly where: string,
    private readonly locate: Locate,
  ) {}

  /** The place of `path`, or of its nearest ancestor that has one, or the file. */
  place(path: Path): string {
    for (let n = path.length; n >= 0; n--) {
      const at = this.locate(path.slice(0, n));
      if (at) return at;
    }
    return this.where;
  }

  problem(path: Path, label: string, message: string): void {
    this.problems.push(`${this.place(path)}: ${label}: ${message}`);
  }

  warning(path: Path, label: string, message: string): void {
    this.warnings.push(`${this.place(path)}: ${label}: ${message}`);
  }

  endpoint(key: string): MockEndpoint | undefined {
    return this.pkg.endpoints.find((e) => e.key === key);
  }

  get endpointKeys(): string {
    return this.pkg.endpoints.map((e) => e.key).join(", ");
  }
}

/** A code as messages show it: as it is when printable and short, else quoted and cut. */
export function shownCode(code: unknown): string {
  const s = typeof code === "string" ? code : JSON.stringify(code) ?? String(code);
  if (typeof code === "string" && /^[\x21-\x7e]{1,64}$/.test(code)) return code;
  return s.length > 64 ? `${s.slice(0, 61)}...` : s;
}

/** A code given as a YAML number (`code: 4036014`) is the code's digits. */
export function codeValue(raw: unknown): unknown {
  return typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : raw;
}

/** The dotted path as a JSON Pointer ("amount.value" -> "/amount/value"). */
export function pointerOf(path: string): string {
  return path
    .split(".")
    .map((s) => `/${s.replace(/~/g, "~0").replace(/\//g, "~1")}`)
    .join("");
}

/** A copy of `base` with `value` at the dotted `path` (objects made on the way). */
export function withValueAt(base: unknown, path: string, value: unknown): Record<string, unknown> {
  const root = (isObject(base) ? copyJson(base) : {}) as Record<string, unknown>;
  const segments = path.split(".");
  let v: Record<string, unknown> = root;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(v, segment) ? v[segment] : undefined;
    const child = isObject(next) ? next : {};
    define(v, segment, child);
    v = child;
  }
  define(v, segments[segments.length - 1]!, value);
  return root;
}

/**
 * What the validator says about `path` in `base` set to `value` (strict): null when
 * nothing, else the first problem at the path, below it, or at an ancestor that is
 * not declared, phrased with `what` ("the Query response with 2006100").
 * `onlyUndeclared`: report only a path the tables do not declare.
 */
export function fieldProblem(validate: Validator, base: unknown, path: string, value: unknown, what: string, onlyUndeclared = false): string | null {
  const pointer = pointerOf(path);
  const verdict = validate(withValueAt(base, path, value), { strict: true });
  if (verdict.ok) return null;
  for (const error of verdict.errors) {
    const related = error.path === pointer || error.path.startsWith(`${pointer}/`) || pointer.startsWith(`${error.path}/`);
    if (!related) continue;
    if (error.rule === "additionalProperties") return `${error.path.slice(1).split("/").join(".")} is not a declared field of ${what}`;
    if (!onlyUndeclared) return `${error.message} (${what})`;
  }
  return null;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
