// Provider profiles (`extends`) through the command (in process): the fixtures in test/fixtures/profiles/
// (a SNAP QR CPM profile and an IAK prepaid profile) beside copies of their shipped bases.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { typecheck } from "../typecheck.ts";
import { project, runIn, snapshot, tempDir } from "./harness.ts";

const fixture = (name: string) => readFileSync(join(repoRoot, "test/fixtures/profiles", name), "utf8");
const profiles = { "acme-qr-cpm.yaml": fixture("acme-qr-cpm.yaml"), "acme-prepaid.yaml": fixture("acme-prepaid.yaml") };

/** The first line of each problem lint printed: `file:line:col: message`. */
function headlines(stderr: string): string[] {
  return stderr.split("\n").filter((l) => /^spec\/[^:]+:\d+:\d+: /.test(l));
}

describe("a profile over snap-qr-cpm and one over iak-prepaid", () => {
  let dir: string;
  let acme: Record<string, any>;
  let snap: Record<string, any>;
  let prepaid: Record<string, any>;
  let iak: Record<string, any>;
  beforeAll(async () => {
    dir = project(["snap-qr-cpm", "iak-prepaid"], profiles);
    const r = await runIn(["generate"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const load = (id: string) => import(pathToFileURL(join(dir, "generated", id, "dist", "index.js")).href);
    [acme, snap, prepaid, iak] = await Promise.all([load("acme-qr-cpm"), load("snap-qr-cpm"), load("acme-prepaid"), load("iak-prepaid")]);
  }, 120_000);

  it("lints clean, and generates a standalone package per profile that type-checks under the strictest flags", async () => {
    expect(await runIn(["lint"], dir)).toMatchObject({ code: 0, stdout: "codebook: 4 specs checked, no problems\n" });
    const pkg = JSON.parse(readFileSync(join(dir, "generated/acme-qr-cpm/package.json"), "utf8"));
    expect(pkg.name).toBe("@codebook/acme-qr-cpm");
    expect(pkg.dependencies ?? {}).toEqual({});
    const files = ["acme-qr-cpm", "acme-prepaid"].map((id) => join(dir, "generated", id, "src", "index.ts"));
    expect(typecheck(files, "strictest", { extra: { erasableSyntaxOnly: true } })).toBe("");
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  }, 120_000);

  it("classifies overridden, added, dropped and left-out codes as the profile says, and inherited ones as the base does", async () => {
    // 404 60 18: failed in the base, pending in the profile.
    expect(snap.classifySnapQrCpmCode("4046018").outcome).toBe("failed");
    expect(acme.classifyAcmeQrCpmCode("4046018")).toMatchObject({ known: true, outcome: "pending" });
    // An overridden message; the same row for another service keeps the base's.
    expect(acme.describeAcmeQrCpmCode("4036015").message).toBe("Transaction Not Permitted by Acme");
    expect(acme.describeAcmeQrCpmCode("4036115").message).toBe("Transaction Not Permitted.[reason]");
    // Added codes: one for one service, one expanded over the services the profile keeps.
    expect(acme.classifyAcmeQrCpmCode("4036090")).toMatchObject({ known: true, outcome: "failed", entry: { name: "PaymentCardBlockedByAcme" } });
    for (const code of ["4045990", "4046090", "4046190"]) expect(acme.isAcmeQrCpmCode(code), code).toBe(true);
    expect(acme.isAcmeQrCpmCode("4046290")).toBe(false);
    // Dropped, and left out with the endpoints (Cancel is service 62): not listed any more.
    expect(snap.isSnapQrCpmCode("4296000")).toBe(true);
    expect(acme.classifyAcmeQrCpmCode("4296000").known).toBe(false);
    expect(acme.isAcmeQrCpmCode("2006200")).toBe(false);
    expect(Object.keys(acme.AcmeQrCpmServices ?? acme.AcmeQrCpmEndpoints).length).toBe(3);
    // Inherited as the base has it.
    expect(acme.classifyAcmeQrCpmCode("2006000")).toMatchObject({ known: true, outcome: "success" });
    expect(acme.describeAcmeQrCpmCode("2026000").notes).toEqual({ default: "Acme sends this while the cardholder confirms the payment in the app." });
    expect(acme.describeAcmeQrCpmCode("2006000").notes).toEqual({});

    // The code-table profile.
    expect(iak.classifyIakPrepaidCode("39").outcome).toBe("pending");
    expect(prepaid.classifyAcmePrepaidCode("39")).toMatchObject({ known: true, outcome: "failed" });
    expect(prepaid.describeAcmePrepaidCode("39").notes).toEqual({ default: "Acme reuses 39 for a timed-out top-up." });
    expect(prepaid.classifyAcmePrepaidCode("88")).toMatchObject({ known: true, outcome: "pending", entry: { message: "ACME MAINTENANCE" } });
    expect(prepaid.describeAcmePrepaidCode("07").message).toBe("FAILED AT ACME");
    expect(iak.isIakPrepaidCode("06")).toBe(true);
    expect(prepaid.isAcmePrepaidCode("06")).toBe(false);
    expect(prepaid.classifyAcmePrepaidCode("00")).toMatchObject({ known: true, outcome: "success" });
  });

  it("validates the additionalInfo fields the profile adds, where the base accepts any object", async () => {
    const validate = acme.validateAcmeQrCpmPaymentRequest;
    const base = snap.validateSnapQrCpmPaymentRequest;
    const body = (additionalInfo: unknown) => ({ partnerReferenceNo: "2020102900000000000001", qrContent: "hduvY", merchantId: "00007100010926", additionalInfo });
    // Only the errors the profile adds, compared with the base's verdict on the same body.
    const added = (additionalInfo: unknown) => {
      const theirs = new Set(((base(body(additionalInfo)).errors ?? []) as { path: string }[]).map((e) => `${e.path}`));
      return ((validate(body(additionalInfo)).errors ?? []) as { path: string; rule: string }[]).filter((e) => !theirs.has(e.path)).map((e) => `${e.path} ${e.rule}`);
    };
    expect(added({ terminalId: "T-0001" })).toEqual([]);
    expect(added({ terminalId: "T-0001", deviceType: "MOBILE" })).toEqual([]);
    expect(added({})).toEqual(["/additionalInfo/terminalId required"]);
    expect(added({ terminalId: "T".repeat(17) })).toEqual(["/additionalInfo/terminalId maxLength"]);
    expect(added({ terminalId: "T-0001", deviceType: "KIOSK" })).toEqual(["/additionalInfo/deviceType enum"]);
    expect(added({ terminalId: 7 })).toEqual(["/additionalInfo/terminalId type"]);
    // The JSON Schema twin says the same.
    const schema = JSON.parse(readFileSync(join(dir, "generated/acme-qr-cpm/schemas/payment-request.schema.json"), "utf8"));
    expect(schema.properties.additionalInfo.required).toEqual(["terminalId"]);
    expect(schema.properties.additionalInfo.properties.terminalId.maxLength).toBe(16);
  });

  it("marks each catalog row inherited, overridden or added, and records the base; the base's catalog is unchanged", async () => {
    const catalog = JSON.parse(readFileSync(join(dir, "generated/acme-qr-cpm/catalog.json"), "utf8"));
    const row = (code: string) => catalog.codes.find((c: { code: string }) => c.code === code);
    const baseVersion = JSON.parse(readFileSync(join(dir, "generated/snap-qr-cpm/catalog.json"), "utf8")).version;
    expect(catalog.extends).toEqual({ id: "snap-qr-cpm", version: baseVersion, dropped: ["4296000"], removedEndpoints: ["Cancel", "Notify", "Refund"] });
    expect(row("4036015")).toMatchObject({ provenance: "overridden", message: "Transaction Not Permitted by Acme" });
    expect(row("4046018")).toMatchObject({ provenance: "overridden", outcome: "pending" });
    expect(row("4036090")).toMatchObject({ provenance: "added", outcome: "failed" });
    expect(row("2006000")).toMatchObject({ provenance: "inherited" });
    expect(row("2026000")).toMatchObject({ provenance: "overridden", notes: { default: "Acme sends this while the cardholder confirms the payment in the app." } });
    expect(new Set(catalog.codes.map((c: { provenance: string }) => c.provenance))).toEqual(new Set(["inherited", "overridden", "added"]));
    expect(catalog.codes).toHaveLength(63 * 3 - 1 + 1 + 3);
    const baseCatalog = readFileSync(join(dir, "generated/snap-qr-cpm/catalog.json"), "utf8");
    expect(baseCatalog).toBe(readFileSync(join(repoRoot, "generated/snap-qr-cpm/catalog.json"), "utf8"));
    expect(baseCatalog).not.toContain('"provenance"');
  });

  it("puts what differs from the base first in the README", async () => {
    // Table cells are padded to align columns: compare with runs of spaces collapsed.
    const readme = readFileSync(join(dir, "generated/acme-qr-cpm/README.md"), "utf8").replace(/ +/g, " ");
    const differences = readme.indexOf("## Differences from Bank Indonesia SNAP API QR CPM");
    expect(differences).toBeGreaterThan(0);
    expect(differences).toBeLessThan(readme.indexOf("## Install and import"));
    const section = readme.slice(differences, readme.indexOf("## Install and import"));
    expect(section).toContain("Codes: 3 overridden, 4 added, 1 dropped, 185 inherited.");
    expect(section).toContain("API Cancel Payment (service `62`)");
    expect(section).toContain("**Codes dropped** (the provider never returns them): `4296000`.");
    expect(section).toMatch(/\| `4046018` \| `PaymentInconsistentRequest` \| outcome: failed → pending \| Acme's guide says/);
    expect(section).toMatch(/\| `4036090` \| `PaymentCardBlockedByAcme` \| Card Blocked \| \*\*failed\*\* \|/);
    expect(section).toMatch(/\| Payment \| request \| `additionalInfo.terminalId` \| added \|/);
    // A profile's own erratum is listed with the base's.
    expect(readme).toContain("`acme-not-permitted`");
    expect(readme).toContain("`message-placeholders`");
  });
});

describe("a profile's inputs include its base", () => {
  it("an edit to the base regenerates the profile, also after `--only` on the base", async () => {
    const dir = project(["iak-prepaid"], { "acme-prepaid.yaml": profiles["acme-prepaid.yaml"] });
    expect((await runIn(["generate"], dir)).code).toBe(0);
    const spec = join(dir, "spec/iak-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("description: Transaction success.", "description: Transaction success, edited."));
    // Only the base regenerated: the profile is now stale, and --check says so.
    expect((await runIn(["generate", "--only", "iak-prepaid"], dir)).code).toBe(0);
    const check = await runIn(["generate", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("stale      generated/acme-prepaid/catalog.json");
    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("updated  generated/acme-prepaid/catalog.json");
    expect(readFileSync(join(dir, "generated/acme-prepaid/catalog.json"), "utf8")).toContain("Transaction success, edited.");
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
    // And an unchanged run stays unchanged.
    expect((await runIn(["generate"], dir)).stdout).toMatch(/0 created, 0 updated, 0 removed/);
  });

  it("`--only <profile>` finds the base outside the run and writes only the profile", async () => {
    const dir = project(["iak-prepaid"], { "acme-prepaid.yaml": profiles["acme-prepaid.yaml"] });
    const r = await runIn(["generate", "--only", "acme-prepaid"], dir);
    expect(r.code).toBe(0);
    expect([...snapshot(join(dir, "generated")).keys()].filter((p) => !p.startsWith(".")).every((p) => p.startsWith("acme-prepaid/"))).toBe(true);
  });
});

describe("lint of profiles", () => {
  const base = (extra: string, id = "acme") =>
    `codebook: 1\nid: ${id}\ntitle: Acme\nversion: 1.0.0\ntypePrefix: Acme\nextends: iak-prepaid\nsource:\n  provider: Acme\n  document: Acme codes\n${extra}`;

  it("names every override, drop, table and context that the base does not have, at its place", async () => {
    const text = base(
      [
        `drop: ["06", "99"]`,
        `overrides:`,
        `  "ABC":`,
        `    message: X`,
        `  "07":`,
        `    mesage: X`,
        `  "39":`,
        `    outcome: failed`,
        `  "13":`,
        `    outcome: { defualt: failed }`,
        `    reason: Acme`,
        `codes:`,
        `  - { code: "88", message: M, status: Pending, table: mian }`,
        `endpoints: [Payment]`,
        ``,
      ].join("\n"),
    );
    const dir = project(["iak-prepaid"], { "acme.yaml": text });
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(1);
    expect(headlines(r.stderr)).toEqual([
      `spec/acme.yaml:10:14: "99" is not a code of iak-prepaid; did you mean "19"?`,
      `spec/acme.yaml:12:3: "ABC" is not a code of iak-prepaid`,
      `spec/acme.yaml:15:5: an override cannot change "mesage"; did you mean "message"? (it changes name, message, status, description, category, errata, outcome, notes)`,
      `spec/acme.yaml:17:5: an overridden outcome needs a "reason" beside it`,
      `spec/acme.yaml:19:16: unknown context "defualt"; did you mean "default"? (iak-prepaid has default)`,
      `spec/acme.yaml:22:55: unknown table "mian"; did you mean "main"? (iak-prepaid has main, game)`,
      `spec/acme.yaml:23:1: "endpoints" applies to a profile of an API; "iak-prepaid" is a code table`,
    ]);
  });

  it("reports a missing base, a cycle and base keys a profile cannot restate", async () => {
    const dir = project(["iak-prepaid"], {
      "acme.yaml": base("").replace("extends: iak-prepaid", "extends: iak-prepiad"),
      "one.yaml": base("", "one").replace("extends: iak-prepaid", "extends: two"),
      "two.yaml": base("", "two").replace("extends: iak-prepaid", "extends: one"),
      "self.yaml": base(`code: { pattern: "^x$" }\n`, "self"),
    });
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(1);
    expect(headlines(r.stderr)).toEqual([
      `spec/acme.yaml:6:10: no spec "iak-prepiad" to extend in the spec directory or among codebook's shipped specs; did you mean "iak-prepaid"? (specs: acme, iak-prepaid, one, self, two; shipped: doku-biller, iak-postpaid, iak-prepaid, snap-qr-cpm, tokopedia-partner)`,
      `spec/one.yaml:6:10: extends forms a cycle: one → two → one`,
      `spec/self.yaml:10:1: a profile takes "code" from its base "iak-prepaid"; change rows with overrides, codes and drop`,
      `spec/two.yaml:6:10: extends forms a cycle: two → one → two`,
    ]);
  });

  it("checks field patches against the base's endpoints and fields", async () => {
    const text = fixture("acme-qr-cpm.yaml")
      .replace("  Payment:\n    request:", "  Paymnet:\n    request: []\n  Payment:\n    request:")
      .replace("          - name: acmeReference\n            type: string\n            presence: O\n", "          - name: acmeReference\n");
    const dir = project(["snap-qr-cpm"], { "acme-qr-cpm.yaml": text });
    const r = await runIn(["lint"], dir);
    expect(r.code).toBe(1);
    expect(headlines(r.stderr)).toEqual([
      `spec/acme-qr-cpm.yaml:44:3: snap-qr-cpm has no endpoint "Paymnet"; did you mean "Payment"? (it has Generate, Payment, Query, Cancel, Notify, Refund)`,
      `spec/acme-qr-cpm.yaml:68:13: "acmeReference" is not a field of Payment response additionalInfo; a new field needs "type" and "presence"`,
    ]);
  });

  it("reports a problem the merge causes at the profile's line, and one in the base at the base's", async () => {
    const dir = project(["iak-prepaid"], {
      "acme.yaml": base(`overrides:\n  "07":\n    category: nope\ncodes:\n  - { code: "00", message: Again, status: Success }\n`),
    });
    const r = await runIn(["lint"], dir);
    expect(headlines(r.stderr)).toEqual([`spec/acme.yaml:12:15: unknown category "nope"`, expect.stringMatching(/^spec\/acme\.yaml:14:13: duplicate code "00" \(first at line \d+\)$/)]);
  });
});

describe("codebook diff of a profile", () => {
  it("reports a change to the base as a change of the profile, never as unchanged", async () => {
    const dir = project(["iak-prepaid"], { "acme-prepaid.yaml": profiles["acme-prepaid.yaml"] });
    const before = tempDir();
    cpSync(join(dir, "spec"), before, { recursive: true });
    const spec = join(dir, "spec/iak-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("description: Transaction success.", "description: Transaction success, edited."));
    const r = await runIn(["diff", before, join(dir, "spec"), "--format", "json"], dir);
    // A message is a fix; the profile changed with its base, under the same version, and diff says so.
    expect(r.stderr).toBe("");
    const tables = JSON.parse(r.stdout).tables as { id: string; changes: { kind: string; code?: string }[] }[];
    const profile = tables.find((t) => t.id === "acme-prepaid")!;
    expect(profile.changes.map((c) => [c.kind, c.code])).toContainEqual(["description-changed", "00"]);
    // A single profile file resolves against the specs beside it.
    const one = await runIn(["diff", join(before, "acme-prepaid.yaml"), join(dir, "spec/acme-prepaid.yaml"), "--format", "json"], dir);
    expect(one.stderr).toBe("");
    expect(JSON.parse(one.stdout).tables.map((t: { id: string }) => t.id)).toEqual(["acme-prepaid"]);
  });

  it("--against a revision resolves a single profile file against its base at that revision", async () => {
    const dir = project(["iak-prepaid"], { "acme-prepaid.yaml": profiles["acme-prepaid.yaml"] });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });
    git("init", "-q");
    git("config", "user.name", "codebook test");
    git("config", "user.email", "test@example.invalid");
    git("add", "-A");
    git("commit", "-qm", "specs");
    const spec = join(dir, "spec/iak-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("description: Transaction success.", "description: Transaction success, edited."));
    const r = await runIn(["diff", "--against", "HEAD", "spec/acme-prepaid.yaml", "--format", "json"], dir);
    expect(r.stderr).toBe("");
    const tables = JSON.parse(r.stdout).tables as { id: string; changes: { kind: string; code?: string }[] }[];
    expect(tables.map((t) => t.id)).toEqual(["acme-prepaid"]);
    expect(tables[0]!.changes.map((c) => [c.kind, c.code])).toContainEqual(["description-changed", "00"]);
  });

  it("reports a note the profile adds", async () => {
    const dir = project(["iak-prepaid"], { "acme-prepaid.yaml": profiles["acme-prepaid.yaml"] });
    const before = tempDir();
    cpSync(join(dir, "spec"), before, { recursive: true });
    const spec = join(dir, "spec/acme-prepaid.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("Acme reuses 39 for a timed-out top-up.", "Acme reuses 39 for a top-up that timed out."));
    const r = await runIn(["diff", before, join(dir, "spec"), "--format", "json"], dir);
    const profile = JSON.parse(r.stdout).tables.find((t: { id: string }) => t.id === "acme-prepaid");
    expect(profile.changes.map((c: { kind: string; field?: string }) => `${c.kind} ${c.field}`)).toContain("text-changed outcome.contexts.default.notes");
  });
});
