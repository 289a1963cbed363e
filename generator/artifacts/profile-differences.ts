/**
 * The "Differences from <base>" section of a profile's README: what the profile
 * changes comes first, so a reader who knows the base reads only that. Every
 * cell goes through `cell()` (escaped for Markdown).
 */
import type { Spec } from "../model/types.ts";
import { cell, escapeMarkdown } from "./templates.ts";

export function profileDifferences(spec: Spec): string | null {
  const p = spec.profile;
  if (!p) return null;
  const byCode = new Map(spec.codes.map((c) => [c.code, c]));
  const out: string[] = [
    `## Differences from ${escapeMarkdown(p.base.title)}`,
    "",
    `This package is a profile of \`${p.base.id}\` ${p.base.version}: every code, type and validator of that package, with the changes below. In \`catalog.json\` each code's \`provenance\` says whether it is \`inherited\`, \`overridden\` or \`added\`.`,
    "",
  ];
  const summary = [
    `${p.overridden.length} overridden`,
    `${p.added.length} added`,
    `${p.dropped.length} dropped`,
    `${Object.values(p.provenance).filter((x) => x === "inherited").length} inherited`,
  ];
  out.push(`Codes: ${summary.join(", ")}.`, "");
  if (p.removedEndpoints.length) {
    out.push(`**Endpoints left out** (and their codes): ${p.removedEndpoints.map((e) => `${cell(e.name)} (service \`${e.serviceCode}\`)`).join(", ")}.`, "");
  }
  if (p.dropped.length) out.push(`**Codes dropped** (the provider never returns them): ${p.dropped.map((c) => `\`${c}\``).join(", ")}.`, "");
  if (p.overridden.length) {
    out.push("### Overridden codes", "", "| Code | Name | Changed | Why |", "| --- | --- | --- | --- |");
    for (const o of p.overridden) {
      const changes = o.changes.map((c) => `${cell(c.what)}: ${c.from === null ? "—" : cell(c.from)} → ${c.to === null ? "—" : cell(c.to)}`).join("<br>");
      out.push(`| \`${o.code}\` | \`${byCode.get(o.code)?.name ?? ""}\` | ${changes || "—"} | ${cell(o.reason)} |`);
    }
    out.push("");
  }
  if (p.added.length) {
    const contexts = spec.contexts;
    out.push("### Added codes", "", "| Code | Name | Message | Outcome |", "| --- | --- | --- | --- |");
    for (const code of p.added) {
      const c = byCode.get(code)!;
      const outcome = contexts.length > 1 ? contexts.map((x) => `${x.id}: **${c.outcomes[x.id]}**`).join("<br>") : `**${c.outcomes[contexts[0]!.id]}**`;
      out.push(`| \`${c.code}\` | \`${c.name}\` | ${cell(c.message)} | ${outcome} |`);
    }
    out.push("");
  }
  if (p.fields.length) {
    out.push("### Fields", "", "| Endpoint | Body | Field | Change |", "| --- | --- | --- | --- |");
    for (const f of p.fields)
      out.push(`| ${cell(f.endpoint)} | ${f.body} | \`${f.path}\` | ${f.change === "added" ? "added" : `overridden: ${f.keys.map((k) => `\`${k}\``).join(", ")}`} |`);
    out.push("");
  }
  return out.join("\n").trimEnd();
}
