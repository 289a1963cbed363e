// Issue 20 items 1, 2, 6 and 7: per-context rules for unlisted codes (in a spec and restated
// by a profile), drop/overrides by parts and the 403xx11 notation, a code that reports on an
// earlier request, profile keys in a spec that extends nothing. In process, through the loader.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTexts, type SpecText } from "../../generator/load/load-specs.ts";
import { decideUnlisted, unlistedPolicy } from "../../generator/model/semantics/unlisted.ts";
import { compareSpecs } from "../../generator/diff/compare.ts";
import type { Spec } from "../../generator/model/types.ts";
import { repoRoot } from "../helpers.ts";

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const text = (id: string, body: string): SpecText => ({ id, display: `spec/${id}.yaml`, read: () => body, dir: null });
const snap = read("spec/snap-qr-cpm.yaml");

function lint(...texts: SpecText[]) {
  const r = loadTexts(texts, [], null);
  return { ...r, byId: new Map(r.specs.map((s) => [s.id, s])), headlines: r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`) };
}
const unlisted = (spec: Spec, code: string, ctx = 0) => decideUnlisted(unlistedPolicy(spec, spec.contexts[ctx]!), code);

describe("a profile of snap-qr-cpm that makes every unlisted code pending and drops codes over every service", () => {
  const r = lint(text("snap-qr-cpm", snap), text("pjp-qr-cpm", read("test/fixtures/rules/pjp-qr-cpm.yaml")));
  const pjp = r.byId.get("pjp-qr-cpm")!;
  it("lints clean", () => expect(r.headlines).toEqual([]));
  it("an unlisted 4xx code and 6006000 are pending; the base gives failed and unknown", () => {
    const base = r.byId.get("snap-qr-cpm")!;
    expect(unlisted(base, "4999900").outcome).toBe("failed");
    expect(unlisted(base, "6006000").outcome).toBe("unknown");
    expect(unlisted(pjp, "4999900").outcome).toBe("pending");
    expect(unlisted(pjp, "6006000")).toMatchObject({ outcome: "pending", reason: expect.stringContaining("6006000") });
  });
  it("the dropped codes are unlisted, on every service, and pending", () => {
    const codes = new Set(pjp.codes.map((c) => c.code));
    for (const s of ["59", "60", "61", "62", "79", "80"]) for (const c of [`403${s}11`, `403${s}12`, `403${s}13`, `404${s}06`, `404${s}15`]) expect(codes.has(c)).toBe(false);
    expect(pjp.profile!.dropped).toHaveLength(30);
    expect(unlisted(pjp, "4036011").outcome).toBe("pending");
    expect(pjp.profile!.unlisted).toEqual(["default"]);
    expect(pjp.profile!.actions).toEqual([{ id: "queryLater", change: "added" }]);
    expect(pjp.actions.find((a) => a.id === "queryLater")!.codes).toEqual(["2025900", "2026000", "2026100", "2026200", "2027900", "2028000"]);
  });
});

describe("a code table with two contexts whose unlisted rules differ by family", () => {
  const r = lint(text("payouts", read("test/fixtures/rules/payouts.yaml")));
  const spec = r.byId.get("payouts")!;
  it("lints clean", () => expect(r.headlines).toEqual([]));
  it("transfer: 5xx pending, 4xx failed; inquiry: 5xx pending, 4xx failed by otherwise; the category is kept in both", () => {
    expect(unlisted(spec, "503", 0)).toMatchObject({ outcome: "pending", category: "server" });
    expect(unlisted(spec, "409", 0)).toMatchObject({ outcome: "failed", category: "client" });
    expect(unlisted(spec, "999", 0)).toMatchObject({ outcome: "unknown", category: null });
    expect(unlisted(spec, "503", 1)).toMatchObject({ outcome: "pending", category: "server" });
    expect(unlisted(spec, "409", 1)).toMatchObject({ outcome: "failed", category: "client" });
  });
  it("a code that reports on an earlier request is pending (not its status's failed) and carries its action", () => {
    const c = spec.codes.find((x) => x.code === "402")!;
    expect(c.outcomes).toEqual({ transfer: "pending", inquiry: "pending" });
    expect(spec.actions[0]!.codes).toEqual(["402"]);
  });
});

describe("snap-qr-cpm 409 xx 01", () => {
  const r = lint(text("snap-qr-cpm", snap));
  const spec = r.byId.get("snap-qr-cpm")!;
  it("is pending with the action that queries the original, for every service", () => {
    for (const s of ["59", "60", "61", "62", "79", "80"]) {
      const c = spec.codes.find((x) => x.code === `409${s}01`)!;
      expect(c.outcomes.default).toBe("pending");
      expect(spec.actions.find((a) => a.id === "queryOriginal")!.codes).toContain(c.code);
    }
  });
  it("diff from 1.1.0 reports the change at level breaking, and 2.0.0 is enough", () => {
    const old = snap.replace("version: 2.0.0", "version: 1.1.0").replace(/        earlierRequest:\n          action: queryOriginal\n          reason: [^\n]*\n/, "").replace(/actions:\n  - id: queryOriginal[\s\S]*?\n\napi:/, "api:");
    const before = lint(text("snap-qr-cpm", old));
    expect(before.headlines).toEqual([]);
    const result = compareSpecs(before.byId.get("snap-qr-cpm")!, spec);
    const changes = JSON.stringify(result);
    expect(changes).toContain('"outcome-changed"');
    expect(changes).toContain('"breaking"');
    expect(changes).toContain("4096001");
  });
});

describe("diagnostics of the new keys", () => {
  const profile = (body: string) => lint(text("snap-qr-cpm", snap), text("p", `codebook: 1\nid: p\ntitle: P\nversion: 1.0.0\ntypePrefix: P\nextends: snap-qr-cpm\nsource: { provider: P, document: D }\n${body}`)).headlines;
  it("a code not in the base names its valid expansions", () => {
    expect(profile(`drop: ["4039911"]\n`)).toEqual([
      'spec/p.yaml:8:8: "4039911" is not a code of snap-qr-cpm; the codes it has for 403xx11 are 4035911, 4036011, 4036111, 4036211, 4037911, 4038011 (write "403xx11" for every service)',
    ]);
    expect(profile(`drop: ["403xx99"]\n`)[0]).toMatch(/^spec\/p\.yaml:8:8: "403xx99" stands for 4035999, .*; none is a code of snap-qr-cpm/);
  });
  it("a profile's restated rule needs a reason and a source; an unknown context is named", () => {
    expect(profile(`unlisted:\n  default:\n    unknown: { outcome: pending }\n  other:\n    rules: []\n`)).toEqual([
      'spec/p.yaml:10:5: a profile\'s outcome for unlisted codes needs "reason" and "source": the guide\'s words (source) and why they change the base\'s rule (reason)',
      'spec/p.yaml:11:3: unknown context "other" (snap-qr-cpm has default)',
    ]);
  });
  it("drop or overrides in a spec that extends nothing", () => {
    const plain = read("test/fixtures/good-specs/minimal.yaml").replace(/^id: .*$/m, "id: plain") + '\ndrop: ["00"]\n';
    const h = lint(text("plain", plain)).headlines;
    expect(h).toHaveLength(1);
    expect(h[0]).toMatch(/^spec\/plain\.yaml:\d+:1: "drop" applies to a profile, and this spec extends nothing: add "extends: <base id>" to make it a profile of that spec, or remove "drop"$/);
  });
});
