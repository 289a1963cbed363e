// The README's levels table is the documentation of every level rule: each kind, level
// (and body, where requests and responses differ) with the exact reason the diff prints.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { judge, RULES, type ChangeKind } from "../../generator/diff/levels.ts";
import { repoRoot } from "../helpers.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

function rows(): string[] {
  const out: string[] = [];
  for (const [kind, levels] of Object.entries(RULES))
    for (const [level, reason] of Object.entries(levels)) {
      if (typeof reason === "string") out.push(`| \`${kind}\` | ${level} | ${reason} |`);
      else for (const [side, text] of Object.entries(reason)) out.push(`| \`${kind}\` | ${level} (${side}) | ${text} |`);
    }
  return out;
}

describe("levels", () => {
  it("the README's levels table has a row for every rule, with the reason the diff prints", () => {
    const table = rows();
    expect(table.length).toBeGreaterThan(60);
    for (const row of table) expect(readme, row).toContain(`\n${row}\n`);
    const documented = readme.split("\n").filter((l) => /^\| `[a-z-]+` \| (breaking|feature|fix)/.test(l));
    expect(documented).toEqual(table);
  });

  it("an outcome change is always breaking; every kind has a reason for each of its levels", () => {
    expect(Object.keys(RULES["outcome-changed"])).toEqual(["breaking"]);
    expect(Object.keys(RULES["unlisted-rule-changed"])).toEqual(["breaking"]);
    expect(Object.keys(RULES["transport-rule-changed"])).toEqual(["breaking"]);
    expect(judge("breaking", { kind: "outcome-changed", what: "x" }).why).toBe(RULES["outcome-changed"].breaking);
    expect(judge("feature", { kind: "field-added", what: "x" }, "response").why).toBe(RULES["field-added"].feature.response);
    expect(() => judge("feature", { kind: "code-removed" as ChangeKind, what: "x" })).toThrow(/no feature rule for code-removed/);
    expect(() => judge("breaking", { kind: "field-added", what: "x" }, "response")).toThrow(/no breaking response rule/);
  });

  it("reasons are phrased for every target: no TypeScript term outside an explicit \"in TypeScript\" aside, and none in a breaking reason", () => {
    const typescriptOnly = /\bunions?\b|type guards?|exhaustive|\.d\.ts|\bthe types\b|\b(headers|category) type\b/;
    for (const row of rows()) {
      const reason = row.split(" | ").at(-1)!;
      expect(reason.replace(/\(in TypeScript[^)]*\)/g, ""), row).not.toMatch(typescriptOnly);
      if (/^\| `[a-z-]+` \| breaking/.test(row)) expect(reason, row).not.toMatch(/TypeScript/);
    }
  });
});
