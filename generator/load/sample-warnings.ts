/**
 * What a sample's fixture changes, said at load time. Fixtures start from the
 * document's samples and are made to fit the body (artifacts/fixtures/api-fixtures.ts,
 * `sampleFixture`); a sample that no longer fits, most often a base's sample under a
 * profile that tightened a field, gets a warning per repaired field, at that field's
 * declaration (a field a profile changed or added points into the profile). A
 * required field that allows any string cannot be repaired without making a value
 * up: that is an error, which a sample of the spec's own answers.
 */
import { sampleFixture } from "../artifacts/fixtures/api-fixtures.ts";
import { apiFacts } from "../model/semantics/api.ts";
import type { Spec } from "../model/types.ts";
import type { Diagnostic } from "./diagnostics.ts";
import type { Path, YamlSource } from "./yaml-source.ts";
import type { Repair } from "../model/semantics/field-check.ts";

export function sampleDiagnostics(spec: Spec, source: YamlSource): { warnings: Diagnostic[]; errors: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  if (!spec.api) return { warnings, errors };
  const facts = apiFacts(spec);
  facts.endpoints.forEach(({ endpoint: e, success }, ei) => {
    for (const kind of ["request", "response"] as const) {
      const sample = e.samples.find((s) => s.kind === kind);
      if (!sample) continue;
      const { repairs, unfilled } = sampleFixture(e, sample, facts.api.responseCodeField, success.code);
      // A profile's warning may sit in its base's file: say whose fixture it is.
      const name = `${spec.profile ? `${spec.id}: ` : ""}the ${e.key} ${kind} sample`;
      const remedy = spec.profile
        ? `give a sample that has it (a profile gives its own under samples: ${e.key})`
        : `record the sample's departure as a deviation with the value fixtures use (deviations: pointer, erratum, fixture)`;
      const at = (indexes: number[]): Path => ["api", "endpoints", ei, kind, ...indexes.flatMap((i) => ["fields", i])];
      for (const r of repairs) warnings.push(source.at(at(r.indexes), repairText(name, r)));
      for (const u of unfilled)
        errors.push(
          source.at(
            at(u.indexes),
            `${name}${u.problem === "is required and missing" ? ` has no ${u.path}, which is required` : `'s ${u.path} ${u.problem}`}, and the field allows any string: ${remedy}`,
          ),
        );
    }
  });
  return { warnings, errors };
}

function repairText(sample: string, r: Repair): string {
  if (r.before === undefined) return `${sample} has no ${r.path}, which is required: its fixture uses ${JSON.stringify(r.after)}`;
  if (r.after === undefined) return `${sample}'s ${r.path} ${r.problem}: its fixture leaves it out`;
  return `${sample}'s ${r.path} ${r.problem} (${JSON.stringify(r.before)}): its fixture uses ${JSON.stringify(r.after)}`;
}
