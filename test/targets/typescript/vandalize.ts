// What a careless or hostile caller does to what a generated package hands out: every
// way of changing an object, tried on everything reachable from a value, and the
// answers of a package's every function over a fixed set of calls, to compare before
// and after. Shared by the immutability test and the never-throws fuzz.
import { isDeepStrictEqual } from "node:util";

export interface Damage {
  /** Mutations tried. */
  attempts: number;
  /** Mutations refused: a TypeError (strict mode) or a `false` (Reflect, sloppy mode). */
  refused: number;
}

/** Assignments and deletes in sloppy mode, where a frozen object refuses them silently (ESM and vitest are strict). */
// eslint-disable-next-line no-new-func
const sloppy = new Function("o", "k", "v", "o[k] = v; return delete o[k];") as (o: object, k: PropertyKey, v: unknown) => boolean;

/** A value of another kind than `v`, to assign in its place. */
function replacement(v: unknown): unknown {
  if (typeof v === "string") return v === "success" ? "failed" : "success";
  if (typeof v === "number") return -v - 1;
  if (typeof v === "boolean") return !v;
  if (v === null) return "vandalized";
  return Array.isArray(v) ? [] : {};
}

/**
 * Tries every mutation on `root` and on every object reachable from it that resists one (children
 * first, so a child is attacked before its parent's slot is replaced): assignment, delete, redefinition, new
 * properties, prototype swaps, sloppy-mode assignment, and for arrays push/pop/splice/reverse/
 * sort/fill/length. `skip` names objects to leave alone (the caller's own inputs, handed back
 * as `input`). Frozen objects in `done` were attacked before and are not again (a frozen object
 * that refused once refuses forever; the fuzz meets the same rows many times).
 */
export function vandalize(root: unknown, skip: (o: object) => boolean = () => false, done: WeakSet<object> = new WeakSet()): Damage {
  const damage: Damage = { attempts: 0, refused: 0 };
  const attempt = (f: () => unknown) => {
    damage.attempts++;
    try {
      if (f() === false) damage.refused++;
    } catch {
      damage.refused++;
    }
  };
  const visit = (v: unknown, depth: number): void => {
    if ((typeof v !== "object" && typeof v !== "function") || v === null || depth > 12 || done.has(v) || skip(v)) return;
    // Only what is frozen can be met again unchanged; a fresh answer is attacked once anyway.
    if (Object.isFrozen(v)) done.add(v);
    let keys: (string | symbol)[];
    try {
      keys = Reflect.ownKeys(v);
    } catch {
      return;
    }
    for (const k of keys) {
      let d: PropertyDescriptor | undefined;
      try {
        d = Reflect.getOwnPropertyDescriptor(v, k);
      } catch {
        continue;
      }
      if (d && "value" in d) visit(d.value, depth + 1);
    }
    const o = v as Record<string | symbol, unknown>;
    if (!Object.isFrozen(v)) {
      // A plain, changeable object: one assignment per property changes it (if it is shared, a later
      // answer shows it). Only if one is refused is the object attacked in every way below.
      let refused = false;
      for (const k of keys) {
        if (Array.isArray(v) && k === "length") continue;
        const before = damage.refused;
        attempt(() => {
          o[k] = replacement(o[k]);
        });
        if (damage.refused > before) refused = true;
      }
      if (Array.isArray(v)) attempt(() => (v as unknown[]).push("vandalized"));
      if (!refused) return;
    }
    for (const k of keys) {
      if (Array.isArray(v) && k === "length") continue;
      attempt(() => {
        o[k] = replacement(o[k]);
      });
      attempt(() => Object.defineProperty(v, k, { value: "vandalized", writable: true, configurable: true, enumerable: true }));
      attempt(() => sloppy(v, k, replacement(o[k])));
      attempt(() => delete o[k]);
    }
    attempt(() => {
      o["vandalized"] = true;
    });
    attempt(() => {
      o["outcome"] = "success";
    });
    attempt(() => Object.setPrototypeOf(v, { outcome: "success", known: true }));
    attempt(() => Reflect.set(v, "known", true));
    if (Array.isArray(v)) {
      const a = v as unknown[];
      attempt(() => a.push("vandalized"));
      attempt(() => a.pop());
      attempt(() => a.shift());
      attempt(() => a.unshift("vandalized"));
      attempt(() => a.splice(0, 1, "vandalized"));
      attempt(() => a.reverse());
      attempt(() => a.sort());
      attempt(() => a.fill("vandalized"));
      attempt(() => {
        a.length = 0;
      });
    }
  };
  visit(root, 0);
  return damage;
}

/** Objects reachable from `values` through data properties (no getter runs, no trap escapes): the caller's own inputs. */
export function reachable(...values: unknown[]): Set<object> {
  const out = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if ((typeof v !== "object" && typeof v !== "function") || v === null || depth > 12 || out.has(v)) return;
    out.add(v);
    try {
      for (const k of Reflect.ownKeys(v)) {
        const d = Reflect.getOwnPropertyDescriptor(v, k);
        if (d && "value" in d) visit(d.value, depth + 1);
      }
    } catch {
      // A proxy or a revoked proxy: its contents are the caller's business.
    }
  };
  for (const v of values) visit(v, 0);
  return out;
}

/** Every exported value of a module namespace that is data, not a function. */
export function exportedTables(modules: Record<string, unknown>[]): [string, unknown][] {
  return modules.flatMap((m) => Object.entries(m).filter(([k, v]) => k !== "default" && typeof v === "object" && v !== null));
}

/** Objects reachable from `value` that are not frozen, by path ("" is the value itself). */
export function unfrozen(value: unknown, path = ""): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (v: unknown, at: string): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (!Object.isFrozen(v)) out.push(at || "(the value)");
    for (const [k, x] of Object.entries(v)) visit(x, `${at}/${k}`);
  };
  visit(value, path);
  return out;
}

export interface Probe {
  call: string;
  run: () => unknown;
}

/**
 * A fixed set of calls of every exported function of a package: every listed code, unlisted and
 * malformed ones, in every context, with HTTP statuses, and every validator on every fixture body.
 */
export function probes(module: Record<string, unknown>, fixtures: Record<string, unknown>, codes: string[]): Probe[] {
  const unlisted = codes.map((c) => c.replace(/[0-9](?=[0-9]*$)/, (d) => String((Number(d) + 5) % 10))).filter((c) => !codes.includes(c));
  const values: unknown[] = [...codes, ...unlisted, "", "zz", 0, null, undefined];
  const contexts = Object.keys((Object.entries(module).find(([k]) => /Contexts$/.test(k))?.[1] as object | undefined) ?? {});
  const bodies = exportedTables([fixtures]).flatMap(([name, v]) => (/(RequestFixture|SuccessResponseFixture)$/.test(name) ? [v] : /ResponseFixtures$/.test(name) ? Object.values(v as object) : []));
  const statuses = [200, 202, 400, 401, 404, 500, 504];
  const out: Probe[] = [];
  const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : typeof v === "object" && v !== null ? "{…}" : String(v));
  for (const [name, f] of Object.entries(module)) {
    if (typeof f !== "function") continue;
    const fn = f as (...args: unknown[]) => unknown;
    const add = (...args: unknown[]) => out.push({ call: `${name}(${args.map(show).join(", ")})`, run: () => fn(...args) });
    if (/^validate\w+$/.test(name)) {
      for (const b of bodies) for (const strict of [false, true]) add(b, { strict });
    } else if (/^classify\w+Code$/.test(name)) {
      for (const v of values) {
        add(v);
        for (const c of contexts) add(v, c);
      }
    } else if (/^classify\w+Response$/.test(name) || /^check\w+HttpStatus$/.test(name)) {
      for (const s of statuses) for (const v of values) add(s, /^check/.test(name) ? { responseCode: v } : v);
    } else {
      for (const v of values) add(v);
    }
  }
  return out;
}

/** The answers of `probes`, as independent copies (so nothing done to them later can change the record). */
export function record(ps: Probe[]): unknown[] {
  return ps.map((p) => structuredClone(p.run()));
}

/** The probes whose answer is not what `before` recorded. */
export function changed(ps: Probe[], before: unknown[]): string[] {
  return ps.flatMap((p, i) => (isDeepStrictEqual(structuredClone(p.run()), before[i]) ? [] : [p.call]));
}
