// generator/ARCHITECTURE.md names the layers and the files; a renamed or removed file, or a layer
// added in the code only, makes the document wrong for the next contributor.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers.ts";
import { LAYERS } from "./layers.ts";

const doc = readFileSync(join(repoRoot, "generator", "ARCHITECTURE.md"), "utf8");

describe("generator/ARCHITECTURE.md", () => {
  it("states the layers in the order the import test holds", () => {
    const line = doc.split("\n").find((l) => l.startsWith("`common` < "));
    expect(line?.split(" < ").map((l) => l.replaceAll("`", ""))).toEqual([...LAYERS]);
  });

  it("names only files that exist (a path with a folder, relative to generator/ or the repository)", () => {
    const named = [...doc.matchAll(/`([a-z][\w./-]*\/[\w.-]+\.(?:ts|js|mjs|json))`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(40);
    const missing = named.filter((p) => !existsSync(join(repoRoot, "generator", p)) && !existsSync(join(repoRoot, p)));
    expect(missing).toEqual([]);
  });
});
