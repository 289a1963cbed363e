/**
 * The transport rules (how the source reads an HTTP status before the response
 * code) with the reason a classifier gives when a status alone decides. Every
 * target's `classify…Response` answers with these texts.
 */
import type { Outcome, Spec, TransportRule } from "../types.ts";

/** A rule that decides by itself, or leaves the outcome to the response code. */
export type TransportDecision = { rule: TransportRule; decides: false } | { rule: TransportRule; decides: true; outcome: Outcome; reason: string };

/** The reason of a rule that decides: its label (or "HTTP <status>"), description, status and solution, joined by " — ". */
export function transportReason(r: TransportRule): string {
  return [r.label ?? `HTTP ${r.http}`, r.description, r.status ? `status ${r.status}` : null, r.solution].filter(Boolean).join(" — ");
}

/**
 * Each rule of the spec's transport table, in the source's order, with what it
 * decides. A status no rule names (and no "other" rule covers) leaves the outcome
 * to the response code.
 */
export function transportDecisions(spec: Spec): TransportDecision[] {
  return (spec.transport?.rules ?? []).map((rule) =>
    rule.outcome === "code" ? { rule, decides: false } : { rule, decides: true, outcome: rule.outcome, reason: transportReason(rule) },
  );
}
