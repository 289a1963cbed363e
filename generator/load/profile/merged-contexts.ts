/** The merged contexts: dropped codes leave "only these succeed" lists, a profile's notes join their context, and its rule for unlisted codes replaces the base's. */
import type { Lint } from "../build/lint-context.ts";
import type { RawSpec, RawSpecOutcomeContext } from "../spec-schema.types.ts";
import type { BaseCodes } from "./base-codes.ts";
import type { ProfileOverrides } from "./overrides.ts";
import type { ProfileUnlisted } from "./profile-unlisted.ts";
import { type Origin, type Origins } from "./origins.ts";

export function mergeContexts(b: RawSpec, codes: BaseCodes, overrides: ProfileOverrides, unlisted: ProfileUnlisted, baseId: string, origins: Origins, lint: Lint): RawSpecOutcomeContext[] {
  return b.outcome.contexts.map((c, i) => {
    const cpath = ["outcome", "contexts", i];
    const notes: Record<string, string> = { ...(c.notes ?? {}) };
    const keys: Record<string, Origin> = {};
    for (const [code, o] of overrides.byCode)
      if (o.notes && Object.hasOwn(o.notes, c.id)) {
        notes[code] = o.notes[c.id]!;
        keys.notes = origins.inBase([...cpath, "notes"], { ...keys.notes?.keys, [code]: origins.inProfile([...overrides.at.get(code)!, "notes", c.id]) });
      }
    for (const code of Object.keys(notes)) if (codes.leftOut(code)) delete notes[code];
    const next: RawSpecOutcomeContext = { ...c };
    // The profile's rule for unlisted codes in this context: what it restates replaces the base's.
    const restated = unlisted.get(c.id);
    if (restated) {
      next.unlisted = origins.mark({ ...c.unlisted, ...restated }, origins.inProfile(["unlisted", c.id]));
      keys.unlisted = origins.inProfile(["unlisted", c.id]);
    }
    if (Object.keys(notes).length) next.notes = notes;
    else delete next.notes;
    if (c.successCodes) {
      next.successCodes = c.successCodes.filter((code) => !codes.leftOut(code));
      if (!next.successCodes.length) lint.report(["drop"], `context "${c.id}" of ${baseId} has no success code left once these codes are dropped`, { key: true });
    }
    return origins.mark(next, origins.inBase(cpath, keys));
  });
}
