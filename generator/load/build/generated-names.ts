/** The type names the emitters derive from ids must not collide (never renamed silently). */
import { typeNames } from "../../model/identifiers.ts";
import type { OutcomeContext } from "../../model/types.ts";
import { OUTCOMES } from "../../model/types.ts";
import type { RawSpec } from "../spec-schema.types.ts";
import type { Path } from "../yaml-source.ts";
import type { Lint } from "./lint-context.ts";

export function checkGeneratedNames(raw: RawSpec, contexts: readonly OutcomeContext[], lint: Lint): void {
  const P = raw.typePrefix;
  const seen = new Map<string, string>();
  const claim = (name: string, what: string, path: Path) => {
    const first = seen.get(name);
    if (first) lint.report(path, `${what} would generate the type ${name}, which ${first} already generates; choose another id`);
    else seen.set(name, what);
  };
  contexts.forEach((c, i) => {
    const id = i === 0 ? null : c.id;
    for (const o of OUTCOMES) claim(typeNames.outcomeCodes(P, id, o), `context "${c.id}"`, ["outcome", "contexts", i, "id"]);
    claim(typeNames.result(P, id), `context "${c.id}"`, ["outcome", "contexts", i, "id"]);
  });
  (raw.categories ?? []).forEach((c, i) => claim(typeNames.categoryCodes(P, c.id), `category "${c.id}"`, ["categories", i, "id"]));
  raw.tables.forEach((t, i) => {
    if (t.scope) claim(typeNames.scopeCodes(P, t.scope.id), `scope "${t.scope.id}"`, ["tables", i, "scope", "id"]);
  });
}
