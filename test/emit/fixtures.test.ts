// Every fixture of every generated package passes that package's own validators,
// and the grouped code lists hold every code of the catalog with its outcome.
// Specs are discovered (specIds), so a new spec is covered without touching this file.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { run, tempDir } from "../cli/harness.ts";
import { repoRoot, specIds } from "../helpers.ts";

const generated = join(repoRoot, "generated");
type Validator = (input: unknown, options?: { strict?: boolean }) => { ok: boolean; errors?: unknown[] };
interface EndpointFixtures {
  key: string;
  successCode: string;
  validateRequest: string;
  validateResponse: string;
  request: unknown;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  responses: Record<string, Record<string, unknown>>;
  requestErrors: Record<string, string | null>;
}
interface Catalog {
  codes: { code: string; outcome: string; outcomes?: Record<string, string>; message: string }[];
}

async function load(id: string, out = generated) {
  const generated = out;
  const pkg = JSON.parse(readFileSync(join(generated, id, "package.json"), "utf8"));
  const entry = pkg.exports["./fixtures"];
  const fixtures = await import(pathToFileURL(join(generated, id, entry.default)).href);
  const main = await import(pathToFileURL(join(generated, id, pkg.exports["."].default)).href);
  const catalog = JSON.parse(readFileSync(join(generated, id, "catalog.json"), "utf8")) as Catalog;
  return { pkg, entry, fixtures, main, catalog };
}

describe.each(specIds())("fixtures of %s", (id) => {
  it("are in the package README: every name it gives is an export, and its example runs", async () => {
    const { pkg, fixtures } = await load(id);
    const readme = readFileSync(join(generated, id, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Test fixtures"), readme.indexOf("\n## ", readme.indexOf("## Test fixtures") + 1));
    const named = [...section.matchAll(/`([a-z][A-Za-z0-9]*(?:Fixtures?|Cases|ByOutcome|ByContext))`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const name of named) expect(Object.keys(fixtures), name).toContain(name);
    // The example is plain JavaScript: run it against this package's dist/.
    const example = section.slice(section.indexOf("```ts\n") + 6, section.indexOf("```", section.indexOf("```ts\n") + 6));
    const dir = tempDir();
    const url = (entry: string) => pathToFileURL(join(generated, id, entry)).href;
    const script = example
      .replace(`from "${pkg.name}/fixtures"`, `from ${JSON.stringify(url(pkg.exports["./fixtures"].default))}`)
      .replace(`from "${pkg.name}"`, `from ${JSON.stringify(url(pkg.exports["."].default))}`);
    writeFileSync(join(dir, "example.mjs"), script);
    await expect(import(pathToFileURL(join(dir, "example.mjs")).href)).resolves.toBeDefined();
  });

  it("are a subpath export with types, next to the main entry", async () => {
    const { entry } = await load(id);
    expect(entry).toEqual({ types: "./dist/fixtures.d.ts", default: "./dist/fixtures.js" });
    expect(readFileSync(join(generated, id, "dist", "fixtures.d.ts"), "utf8")).toContain("CodeCases");
  });

  it("group every code of the catalog by outcome and context, and list it as a case", async () => {
    const { fixtures, catalog } = await load(id);
    const names = Object.keys(fixtures);
    const prefix = names.find((n) => n.endsWith("CodesByOutcome"))!.replace(/CodesByOutcome$/, "");
    const byOutcome = fixtures[`${prefix}CodesByOutcome`] as Record<string, string[]>;
    const byContext = fixtures[`${prefix}CodesByContext`] as Record<string, Record<string, string[]>>;
    const cases = fixtures[`${prefix}CodeCases`] as { code: string; context: string; outcome: string }[];
    for (const c of catalog.codes) {
      expect(byOutcome[c.outcome], c.code).toContain(c.code);
      for (const [context, outcome] of Object.entries(c.outcomes ?? {})) {
        expect(byContext[context]![outcome], `${c.code} in ${context}`).toContain(c.code);
        expect(cases).toContainEqual({ code: c.code, context, outcome });
      }
    }
    const listed = Object.values(byOutcome).flat();
    expect(listed.sort()).toEqual(catalog.codes.map((c) => c.code).sort());
  });

  it("each pass the package's own validators (strict)", async () => {
    const { fixtures, main, catalog } = await load(id);
    if (!fixtures.default) {
      expect(Object.keys(fixtures).some((n) => n.endsWith("RequestFixture"))).toBe(false); // a code table has no API fixtures
      return;
    }
    expectValid(fixtures, main, catalog);
    // The shipped API specs have samples: their headers are the fixtures' headers.
    for (const e of Object.values((fixtures.default as { endpoints: Record<string, EndpointFixtures> }).endpoints))
      expect(Object.keys(e.requestHeaders).length, `${e.key} request headers`).toBeGreaterThan(0);
  });
});

describe("an API spec whose document has no samples (the `codebook init --kind api` scaffold)", () => {
  it("gets fixtures built from its field tables, which its validators accept", async () => {
    const dir = tempDir();
    for (const args of [["init"], ["init", "acme-pay", "--kind", "api"], ["generate", "--quiet"]]) expect(run(args, dir).code, args.join(" ")).toBe(0);
    const { fixtures, main, catalog } = await load("acme-pay", join(dir, "generated"));
    const [endpoint] = Object.values((fixtures.default as { endpoints: Record<string, EndpointFixtures> }).endpoints);
    expect(endpoint!.request).toEqual({ partnerReferenceNo: "partnerReferenceNo" });
    expectValid(fixtures, main, catalog);
  });
});

function expectValid(fixtures: Record<string, any>, main: Record<string, any>, catalog: Catalog): void {
  {
    const index = fixtures.default as { codeField: string; messageField: string | null; endpoints: Record<string, EndpointFixtures> };
    for (const e of Object.values(index.endpoints)) {
      const validateRequest = main[e.validateRequest] as Validator;
      const validateResponse = main[e.validateResponse] as Validator;
      expect(validateRequest(e.request, { strict: true }), `${e.key} request`).toEqual({ ok: true, value: e.request });
      const codes = Object.keys(e.responses);
      expect(codes).toContain(e.successCode);
      for (const code of codes) {
        const body = e.responses[code]!;
        expect(body[index.codeField], `${e.key} ${code}`).toBe(code);
        expect(validateResponse(body, { strict: true }), `${e.key} ${code}`).toEqual({ ok: true, value: body });
        if (code !== e.successCode && index.messageField)
          expect(body[index.messageField]).toBe(catalog.codes.find((c) => c.code === code)!.message);
      }
      for (const code of Object.values(e.requestErrors)) if (code !== null) expect(codes).toContain(code);
    }
  }
}
