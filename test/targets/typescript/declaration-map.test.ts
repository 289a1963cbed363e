// dist/*.d.ts.map (issue 21, item 8): "go to definition" from a declaration lands on the
// same declaration in src/. Read from the committed packages (what consumers install),
// decoded with the module's own decoder, whose round trip is tested first.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeMappings, encodeMappings } from "../../../generator/targets/typescript/declaration-map.ts";
import { repoRoot } from "../../helpers.ts";

const packages = readdirSync(join(repoRoot, "generated"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe("declaration maps", () => {
  it("decode and encode round-trip, negative deltas and long values included", () => {
    const lines = [[[0, 0, 0, 0]], [], [[2, 0, 5, 3], [40, 0, 1, 0], [1000, 0, 123456, 7]]];
    const text = encodeMappings(lines);
    // As @jridgewell/sourcemap-codec 1.6 (what bundlers use) encodes the same segments.
    expect(text).toBe("AAAA;;EAKG,sCAJH,g8BA+jxHO");
    expect(decodeMappings(text)).toEqual(lines);
  });

  for (const id of packages)
    it(`${id}: every .d.ts names its map, and every exported declaration maps to its line in src/`, () => {
      const dist = join(repoRoot, "generated", id, "dist");
      const modules = readdirSync(dist).filter((f) => f.endsWith(".d.ts"));
      expect(modules.length).toBeGreaterThan(0);
      let checked = 0;
      for (const dts of modules) {
        const name = dts.slice(0, -".d.ts".length);
        const text = readFileSync(join(dist, dts), "utf8");
        expect(text.endsWith(`\n//# sourceMappingURL=${name}.d.ts.map\n`), dts).toBe(true);
        const map = JSON.parse(readFileSync(join(dist, `${dts}.map`), "utf8")) as { version: number; file: string; sources: string[]; mappings: string };
        expect(map).toMatchObject({ version: 3, file: dts, sources: [`../src/${name}.ts`] });
        const source = readFileSync(join(dist, map.sources[0]!), "utf8").split("\n");
        const lines = decodeMappings(map.mappings);
        text.split("\n").forEach((line, i) => {
          const declared = /^export (?:declare )?(?:function|const|type|interface|enum) ([A-Za-z0-9_$]+)/.exec(line);
          if (!declared) return;
          // The segment at the name, or the line's first: either way it must land on the declaration of that name.
          const column = line.indexOf(declared[1]!);
          const segment = [...(lines[i] ?? [])].reverse().find((s) => s[0]! <= column) ?? lines[i]?.[0];
          expect(segment, `${dts}:${i + 1} ${declared[1]} has no mapping`).toBeDefined();
          const target = source[segment![2]!] ?? "";
          expect(target, `${dts}:${i + 1} ${declared[1]} -> src line ${segment![2]! + 1}`).toMatch(new RegExp(`\\b${declared[1]!.replace(/\$/g, "\\$")}\\b`));
          checked++;
        });
      }
      expect(checked).toBeGreaterThan(5);
    });
});
