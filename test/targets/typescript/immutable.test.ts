// Generated tables are immutable (issue 18, finding 1): a caller that changes a row it got back,
// an action list or an exported constant changes nothing for any other caller. Every exported
// table of every package (shipped specs; the fixture specs in both enum styles) is deep-frozen;
// then everything every function returns, over every listed code, unlisted and malformed ones,
// every context, HTTP status and fixture body, is attacked in every way an object can be
// changed (tests/generate/vandalize.ts), as is every exported table, and every answer is asked
// again: each must be what it was.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFixtures, type FixturePackages } from "../../fixture-packages.ts";
import { repoRoot, specIds } from "../../helpers.ts";
import { changed, exportedTables, probes, record, unfrozen, vandalize } from "./vandalize.ts";

interface Pkg {
  label: string;
  module: Record<string, unknown>;
  fixtures: Record<string, unknown>;
  codes: string[];
}

async function load(label: string, dir: string): Promise<Pkg> {
  const module = (await import(join(dir, "dist", "index.js"))) as Record<string, unknown>;
  const fixtures = (await import(join(dir, "dist", "fixtures.js"))) as Record<string, unknown>;
  const codes = (JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8")) as { codes: { code: string }[] }).codes.map((c) => c.code);
  return { label, module, fixtures, codes };
}

let fixtureConst: FixturePackages;
let fixtureEnum: FixturePackages;
const pkgs: Pkg[] = [];
beforeAll(async () => {
  for (const id of specIds()) pkgs.push(await load(id, join(repoRoot, "generated", id)));
  fixtureConst = await generateFixtures("const");
  fixtureEnum = await generateFixtures("enum");
  for (const f of [fixtureConst, fixtureEnum])
    for (const id of f.ids) pkgs.push(await load(`${id} (${f === fixtureEnum ? "enum" : "const"})`, join(f.dir, id)));
});
afterAll(() => {
  fixtureConst?.remove();
  fixtureEnum?.remove();
});

describe("generated tables are immutable", () => {
  it("the reproductions from the audit change nothing", async () => {
    const s = await import(join(repoRoot, "generated", "snap-qr-cpm", "dist", "index.js"));
    const d = await import(join(repoRoot, "generated", "doku-biller", "dist", "index.js"));
    const i = await import(join(repoRoot, "generated", "iak-prepaid", "dist", "index.js"));
    // Strict mode (ESM): the assignment throws in the caller's code; the row keeps its outcome.
    expect(() => {
      s.describeSnapQrCpmCode("4006001").outcome = "success";
    }).toThrow(TypeError);
    expect(s.describeSnapQrCpmCode("4006001").outcome).toBe("failed");
    expect(s.classifySnapQrCpmCode("4006001").outcome).toBe("failed");
    expect(s.parseSnapQrCpmResponseCode("4006001").outcome).toBe("failed");
    expect(s.checkSnapQrCpmHttpStatus(400, { responseCode: "4006001" }).outcome).toBe("failed");
    expect(() => d.dokuBillerActionsFor("0000").pop()).toThrow(TypeError);
    expect(d.dokuBillerActionsFor("0000")).toEqual(["holdPayment"]);
    expect(() => {
      i.describeIakPrepaidCode("06").outcome = "success";
    }).toThrow(TypeError);
    expect(i.classifyIakPrepaidCode("06").outcome).toBe("failed");
    // Sloppy mode: the same assignments are ignored silently, and change nothing either.
    // eslint-disable-next-line no-new-func
    new Function("s", "d", 's.describeSnapQrCpmCode("4006001").outcome = "success"; d.dokuBillerActionsFor("0000").length = 0;')(s, d);
    expect(s.classifySnapQrCpmCode("4006001").outcome).toBe("failed");
    expect(d.dokuBillerActionsFor("0000")).toEqual(["holdPayment"]);
  });

  it("every exported table of every package is deep-frozen", () => {
    const failures: string[] = [];
    let tables = 0;
    for (const p of pkgs)
      for (const [name, value] of exportedTables([p.module, p.fixtures])) {
        tables++;
        for (const path of unfrozen(value)) failures.push(`${p.label} ${name}${path}`);
      }
    expect(failures).toEqual([]);
    // Codes, categories, contexts, actions, HTTP rules, endpoints, services, header names, fixtures.
    expect(tables).toBeGreaterThan(pkgs.length * 3);
  });

  it("every row and action list a function returns is deep-frozen", () => {
    const failures: string[] = [];
    for (const p of pkgs)
      for (const [name, f] of Object.entries(p.module)) {
        if (typeof f !== "function" || !/^(describe\w+Code|\w+ActionsFor)$/.test(name)) continue;
        for (const code of p.codes) for (const path of unfrozen((f as (c: string) => unknown)(code))) failures.push(`${p.label} ${name}(${code})${path}`);
      }
    expect(failures).toEqual([]);
  });

  it.each([0, 1, 2])("attacking every answer and every table changes no later answer (package set %i)", (set) => {
    // Split in three only to keep each case's time reasonable: shipped, fixtures (const), fixtures (enum).
    const mine = set === 0 ? pkgs.slice(0, specIds().length) : pkgs.slice(specIds().length).filter((p) => p.label.endsWith(set === 1 ? "(const)" : "(enum)"));
    expect(mine.length).toBeGreaterThan(0);
    let calls = 0;
    let attempts = 0;
    let refusedOnShared = 0;
    const failures: string[] = [];
    for (const p of mine) {
      const ps = probes(p.module, p.fixtures, p.codes);
      const before = record(ps);
      const tables = exportedTables([p.module, p.fixtures]);
      const tablesBefore = tables.map(([, v]) => structuredClone(v));
      // A row met again is not attacked again: a frozen object that refused once refuses forever.
      const done = new WeakSet<object>();
      for (const probe of ps) {
        const damage = vandalize(probe.run(), undefined, done);
        calls++;
        attempts += damage.attempts;
      }
      for (const [, v] of tables) {
        const damage = vandalize(v, undefined, new WeakSet());
        attempts += damage.attempts;
        refusedOnShared += damage.refused;
      }
      for (const call of changed(ps, before)) failures.push(`${p.label}: ${call} answers differently`);
      tables.forEach(([name, v], i) => {
        if (JSON.stringify(v) !== JSON.stringify(tablesBefore[i])) failures.push(`${p.label}: ${name} changed`);
      });
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(mine.length * 50);
    // The shared tables refused what they were asked (an empty list's sort() has nothing to refuse).
    expect(refusedOnShared).toBeGreaterThan(0);
    expect(attempts).toBeGreaterThan(calls);
  });
});
