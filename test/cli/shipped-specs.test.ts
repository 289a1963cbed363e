// Shipped specs as bases (issue 20 item 3): a profile extends a spec codebook ships
// when the spec directory has none; the manifest records the base by its path inside
// the codebook package; `init --from` copies a shipped spec and its source document
// with a $schema line for this repository; `init <shipped id>` refuses and names --from.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { project, runIn } from "./harness.ts";
import { repoRoot } from "../helpers.ts";

const profile = readFileSync(join(repoRoot, "test/fixtures/profiles/acme-prepaid.yaml"), "utf8").replace(/^# yaml-language-server.*\n/, "");

describe("extends: a shipped spec", () => {
  it("resolves to codebook's own spec when the spec directory has none, and the manifest records it by its package path", async () => {
    const dir = project([], { "acme-prepaid.yaml": profile });
    const lint = await runIn(["lint"], dir);
    expect(lint.stderr).toBe("");
    expect(lint.code).toBe(0);
    const gen = await runIn(["generate", "--quiet"], dir);
    expect(gen.stderr).toBe("");
    expect(gen.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, "generated/.codebook-manifest.json"), "utf8")) as { packages: Record<string, { base?: unknown }> };
    const base = JSON.parse(readFileSync(join(repoRoot, "generated/.codebook-manifest.json"), "utf8")).packages["iak-prepaid"].version as string;
    expect(manifest.packages["acme-prepaid"]!.base).toEqual({ id: "iak-prepaid", version: base, path: "codebook/spec/iak-prepaid.yaml" });
    expect(JSON.stringify(manifest)).not.toContain(repoRoot);
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  });

  it("a spec of that id in the spec directory wins over the shipped one", async () => {
    const dir = project(["iak-prepaid"], { "acme-prepaid.yaml": profile });
    expect((await runIn(["generate", "--quiet"], dir)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, "generated/.codebook-manifest.json"), "utf8"));
    expect(manifest.packages["acme-prepaid"].base.path).toBe("spec/iak-prepaid.yaml");
  });

  it("a base neither here nor shipped names both lists", async () => {
    const dir = project([], { "acme-prepaid.yaml": profile.replace("extends: iak-prepaid", "extends: iak-prepiad") });
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `spec/acme-prepaid.yaml:7:10: no spec "iak-prepiad" to extend in the spec directory or among codebook's shipped specs; did you mean "iak-prepaid"? (specs: acme-prepaid; shipped: doku-biller, iak-postpaid, iak-prepaid, snap-qr-cpm, tokopedia-partner)`,
    );
  });
});

describe("codebook init --from", () => {
  it("copies the shipped spec and its source document, only the $schema line changed, and the copy lints and generates", async () => {
    const dir = project([]);
    const r = await runIn(["init", "--from", "snap-qr-cpm"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("codebook: created spec/snap-qr-cpm.yaml, a copy of codebook/spec/snap-qr-cpm.yaml");
    expect(r.stdout).toContain("codebook: created spec/sources/snap-qr-cpm.txt, its source document (codebook/spec/sources/snap-qr-cpm.txt)");
    const copy = readFileSync(join(dir, "spec/snap-qr-cpm.yaml"), "utf8").split("\n");
    const shipped = readFileSync(join(repoRoot, "spec/snap-qr-cpm.yaml"), "utf8").split("\n");
    expect(copy.slice(1)).toEqual(shipped.slice(1));
    const ref = /^# yaml-language-server: \$schema=(\S+)$/.exec(copy[0]!)![1]!;
    expect(existsSync(join(dir, "spec", ref))).toBe(true);
    expect(readFileSync(join(dir, "spec", ref), "utf8")).toBe(readFileSync(join(repoRoot, "schema/spec.schema.json"), "utf8"));
    expect(readFileSync(join(dir, "spec/sources/snap-qr-cpm.txt"))).toEqual(readFileSync(join(repoRoot, "spec/sources/snap-qr-cpm.txt")));
    expect((await runIn(["lint", "--strict"], dir)).code).toBe(0);
    expect((await runIn(["generate", "--quiet"], dir)).code).toBe(0);
    // The copy generates the shipped spec's package, to the byte.
    expect(readFileSync(join(dir, "generated/snap-qr-cpm/catalog.json"), "utf8")).toBe(readFileSync(join(repoRoot, "generated/snap-qr-cpm/catalog.json"), "utf8"));
  });

  it("never overwrites, and refuses an id it does not ship, --kind, or another id", async () => {
    const dir = project([]);
    expect((await runIn(["init", "--from", "snap-qr-cpm"], dir)).code).toBe(0);
    const again = await runIn(["init", "--from", "snap-qr-cpm"], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("spec/snap-qr-cpm.yaml already exists; codebook init never overwrites a spec or a source document");
    const none = await runIn(["init", "--from", "acme-pay"], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--from: codebook ships no spec "acme-pay" (shipped: doku-biller, iak-postpaid, iak-prepaid, snap-qr-cpm, tokopedia-partner)');
    expect((await runIn(["init", "--from", "iak-prepaid", "--kind", "api"], dir)).stderr).toContain("--kind and --from exclude each other");
    expect((await runIn(["init", "acme", "--from", "iak-prepaid"], dir)).stderr).toContain("--from copies the shipped spec under its own id");
    expect(existsSync(join(dir, "spec/iak-prepaid.yaml"))).toBe(false);
  });

  it("init with a shipped spec's id says one exists and names --from, writing no scaffold", async () => {
    const dir = project([]);
    const r = await runIn(["init", "snap-qr-cpm", "--kind", "api"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('codebook ships a spec "snap-qr-cpm" (codebook/spec/snap-qr-cpm.yaml); `codebook init --from snap-qr-cpm` copies it');
    expect(existsSync(join(dir, "spec/snap-qr-cpm.yaml"))).toBe(false);
  });
});
