/**
 * The package README.md, rendered from templates/README.md.hbs. This module
 * only prepares the view: groups of codes, context and transport rules,
 * errata, all cells escaped for GitHub-flavoured Markdown.
 */
import { posix } from "node:path";
import type { CategoryMatch, Spec } from "../../model/types.ts";
import { OUTCOMES } from "../../model/types.ts";
import { codeTableNames, malformedOutcome } from "./codes-module.ts";
import { unlistedPolicy, type UnlistedPolicy, type UnlistedRule } from "../../model/semantics/unlisted.ts";
import { fixtureNames } from "./fixtures/fixtures-module.ts";
import { htmlHeader, type GeneratedFile } from "../../model/generated-file.ts";
import { profileDifferences } from "../../artifacts/profile-differences.ts";
import { cell, codeCell, escapeMarkdown, inline, render } from "../../artifacts/templates.ts";

export function emitReadme(spec: Spec, packageName: string, apiMarkdown: string | null): GeneratedFile {
  const names = codeTableNames(spec);
  const defaultContext = spec.contexts[0]!;
  const multiContext = spec.contexts.length > 1;
  // Per-row outcomes only for contexts that read a column; "only these codes succeed" rules are stated once, above.
  const rowContexts = spec.contexts.filter((c) => c.kind === "column");
  // Where every context gives every code one outcome, a row shows it once (contextsAgree).
  const agree = contextsAgree(spec);
  const outcomeCell = (o: Record<string, string>) =>
    rowContexts.length > 1 && !agree ? rowContexts.map((c) => `${c.id}: **${o[c.id]}**`).join("<br>") : `**${o[defaultContext.id]}**`;

  // One group per category, or per source table where there are no categories.
  // An API's codes are listed per endpoint in its own section instead.
  const groups = spec.api
    ? []
    : spec.categories.length && spec.tables.length === 1
    ? [
        ...spec.categories.map((c) => ({ title: `${c.label}`, description: c.description, rows: spec.codes.filter((x) => x.category === c.id) })),
        { title: "Other codes", description: null, rows: spec.codes.filter((x) => x.category === null) },
      ]
    : spec.tables.map((t) => ({
        title: t.title,
        description:
          [t.intro, spec.categories.find((c) => c.id === t.category)?.description, t.scope ? `Applies only in: ${t.scope.title}.` : null]
            .filter(Boolean)
            .join(" ") || null,
        rows: spec.codes.filter((x) => x.table === t.id),
      }));

  // What an unlisted code gets, per context, rendered from the policy the classifiers are
  // generated from; contexts with the same rule share a line.
  const unlistedByRule = new Map<string, string[]>();
  for (const ctx of spec.contexts) {
    const rule = unlistedRuleLine(unlistedPolicy(spec, ctx));
    unlistedByRule.set(rule, [...(unlistedByRule.get(rule) ?? []), ctx.id]);
  }
  const unlisted = [...unlistedByRule].map(([rule, ids]) => (multiContext ? `In ${ids.map((id) => `\`${id}\``).join(", ")}: ${rule}` : rule));

  const exampleCode = spec.codes.find((c) => c.outcomes[defaultContext.id] === "pending") ?? spec.codes[0]!;
  const view = {
    header: htmlHeader(spec).trimEnd(),
    name: packageName,
    title: inline(spec.title),
    version: spec.version,
    prefix: spec.typePrefix,
    specFile: spec.specFile,
    specLink: `../../${spec.specFile}`,
    differences: profileDifferences(spec),
    source: { provider: inline(spec.source.provider), document: inline(spec.source.document) },
    seed: seedView(spec),
    names,
    categories: spec.categories,
    api: spec.api ? { endpoints: spec.api.endpoints, markdown: apiMarkdown ?? "" } : null,
    example: {
      code: exampleCode.code,
      context: multiContext ? spec.contexts[1]!.id : null,
      message: exampleCode.message,
      outcomes: [...OUTCOMES.filter((o) => spec.codes.some((c) => Object.values(c.outcomes).includes(o))), ...(hasUnknown(spec) ? ["unknown" as const] : [])].map(
        (outcome) => ({ outcome, advice: ADVICE[outcome] }),
      ),
    },
    unlisted,
    fixtures: fixtureView(spec),
    multiContext,
    malformed: malformedText(spec),
    contextsIntro: agree
      ? `Every context gives each code the table lists the same outcome, so the codes below show it once; the contexts differ only in their notes or for codes the table does not list. Pass one to \`${names.classify}(code, context)\`:`
      : `The outcome of a code depends on the context you pass to \`${names.classify}(code, context)\`:`,
    contexts: multiContext
      ? spec.contexts.map((c, i) => ({
          id: c.id,
          isDefault: i === 0,
          rule:
            c.kind === "successCodes"
              ? `${c.successCodes.map(codeCell).join(", ")} → success, every other code → ${c.otherwise}${c.source ? `: “${cell(c.source)}”` : ""}`
              : `${cell(c.title)}: the “${cell(spec.columns.find((x) => x.key === c.from)?.title ?? c.from)}” column (${Object.entries(c.map)
                  .map(([k, v]) => `${cell(k)} → ${v}`)
                  .join(", ")})`,
        }))
      : [],
    transport: spec.transport
      ? {
          title: inline(spec.transport.title ?? "HTTP status"),
          headers: (spec.transport.headers.length ? spec.transport.headers : ["HTTP status", "Description", "Status", "Solution"]).map(cell),
          rules: spec.transport.rules.map((r) => ({
            label: cell(r.label ?? String(r.http)),
            description: cell(r.description),
            status: cell(r.status),
            solution: cell(r.solution),
            outcome: r.outcome === "code" ? "the response code decides" : `**${r.outcome}**`,
          })),
        }
      : null,
    actions: spec.actions.map((a) => ({ id: a.id, title: cell(a.title), codes: a.codes.map(codeCell).join(", "), source: cell(a.source) })),
    groups: groups
      .filter((g) => g.rows.length)
      .map((g) => ({
        title: inline(g.title),
        description: g.description ? escapeMarkdown(g.description) : null,
        rows: g.rows.map((c) => ({ code: codeCell(c.code), name: codeCell(c.name), message: cell(c.message), outcome: outcomeCell(c.outcomes), description: [cell(c.description), ...notesOf(spec, c.code)].join("<br>") })),
      })),
    errata: spec.errata.map((e) => ({ id: e.id, at: cell(e.at), source: cell(e.source), codebook: cell(e.codebook), reason: cell(e.reason) })),
  };
  return { path: `${spec.id}/README.md`, content: render("typescript/README.md.hbs", view) };
}

/** Said beside a rule whose stated outcome is success: codebook answers pending instead. */
const NEVER_CONFIRMED = " (success is never confirmed for a code the table does not list)";

/** One context's rule for unlisted codes, as the README states it: each rule in the order the classifier tries them. */
function unlistedRuleLine(policy: UnlistedPolicy): string {
  const confirmed = (r: UnlistedRule) => (r.stated === "success" ? NEVER_CONFIRMED : "");
  const parts: string[] = [];
  for (const r of policy.rules) {
    if (r.kind === "success-codes") {
      const but = `${parts.length ? "otherwise, " : ""}every code but ${r.successCodes.map(codeCell).join(", ")}`;
      parts.push(r.stated === "success" ? `${but} is **success** in the table; a code the table does not list is **${r.outcome}**${NEVER_CONFIRMED}.` : `${but} is **${r.outcome}**.`);
      break;
    }
    if (r.kind === "part") {
      const values = r.test.kind === "part-values" ? r.test.values.map(codeCell).join(" or ") : codeCell(`${r.test.prefix}…`);
      parts.push(`${r.test.part} ${values} → **${r.outcome}**${confirmed(r) || (r.rule.reason ? ` (${escapeMarkdown(r.rule.reason)})` : "")}`);
    } else if (r.kind === "prefix") {
      parts.push(`${r.test.prefixes.map((p) => codeCell(`${p}…`)).join(" or ")} → **${r.outcome}**${confirmed(r) || (r.rule.reason ? ` (${escapeMarkdown(r.rule.reason)})` : "")}`);
    } else if (r.kind === "category") {
      const c = r.category;
      parts.push(`${matchCell(c.match!)} (${escapeMarkdown(c.label)}${c.description ? `: ${escapeMarkdown(c.description)}` : ""}) → **${r.outcome}**${confirmed(r)}`);
    } else {
      parts.push(`${parts.length ? "otherwise" : "any unlisted code"} → **${r.outcome}**${confirmed(r)}${r.why ? `: ${escapeMarkdown(r.why)}` : ""}`);
    }
  }
  return parts.join("; ");
}

/** The outcome of a malformed value, per context where they differ. */
function malformedText(spec: Spec): string {
  const byOutcome = new Map<string, string[]>();
  for (const c of spec.contexts) byOutcome.set(malformedOutcome(spec, c), [...(byOutcome.get(malformedOutcome(spec, c)) ?? []), c.id]);
  if (byOutcome.size === 1) return `**${[...byOutcome.keys()][0]}**`;
  return [...byOutcome].map(([o, ids]) => `${ids.map((id) => `\`${id}\``).join(", ")}: **${o}**`).join("; ");
}

/** A category's match as the README states it: the values or prefixes as code, a pattern as code. */
function matchCell(m: CategoryMatch): string {
  if ("part" in m) return m.values.map((v) => codeCell(`${v}…`)).join(" or ");
  if ("prefixes" in m) return m.prefixes.map((v) => codeCell(`${v}…`)).join(" or ");
  return `codes matching ${codeCell(m.pattern)}`;
}

/** What each outcome means for the caller; the reason codebook exists is that pending is not failed. */
const ADVICE = {
  success: "done: deliver, record the provider's reference",
  pending: "not final: do not retry or refund yet; check the status later",
  failed: "final failure: safe to release funds or retry with a new reference",
  unknown: "the source gives no meaning: treat as not final and escalate",
} as const;

/**
 * The source document's copy, as a path from the repository root and a link from the
 * package directory: `source.seed` is relative to the spec file's directory.
 */
function seedView(spec: Spec): { path: string; link: string } | null {
  if (spec.source.seed === null) return null;
  const path = posix.normalize(posix.join(posix.dirname(spec.specFile), spec.source.seed));
  return { path, link: `../../${path}` };
}

/** The notes the contexts attach to a code, as README cell lines. */
function notesOf(spec: Spec, code: string): string[] {
  return spec.contexts
    .filter((c) => c.notes?.[code] !== undefined)
    .map((c) => `**Note${spec.contexts.length > 1 ? ` (${c.id})` : ""}:** ${cell(c.notes![code]!)}`);
}

/** Whether every context gives every listed code the outcome the default gives it. */
export function contextsAgree(spec: Spec): boolean {
  const [first, ...rest] = spec.contexts;
  return rest.length > 0 && spec.codes.every((c) => rest.every((x) => c.outcomes[x.id] === c.outcomes[first!.id]));
}

function hasUnknown(spec: Spec): boolean {
  return spec.unknown.outcome === "unknown" && spec.contexts.some((c) => c.kind === "column");
}

/** The fixture exports the README names; the endpoint's name is source text. */
function fixtureView(spec: Spec) {
  const names = fixtureNames(spec);
  return { ...names, api: names.api && { ...names.api, endpoint: inline(names.api.endpoint) } };
}
