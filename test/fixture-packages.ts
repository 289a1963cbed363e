// The fixture specs (test/fixtures/good-specs/*.yaml) generated into a scratch out
// dir through the real pipeline, so the checks that run over every shipped spec
// (type-check, never throws, unlisted rules) run over the fixtures too.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "../generator/run/pipeline.ts";
import { repoRoot } from "./helpers.ts";

/** The fixture spec directory: valid specs that exercise the format's corners. */
export const fixtureSpecDir: string = join(repoRoot, "test", "fixtures", "good-specs");

/** The id of every fixture spec, sorted. */
export function fixtureIds(): string[] {
  return readdirSync(fixtureSpecDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ""))
    .sort();
}

export interface FixturePackages {
  /** The out dir: one package per fixture spec, `<dir>/<id>/`. */
  dir: string;
  ids: string[];
  remove(): void;
}

/** Generates every fixture spec (`enumStyle` const unless given) into a new scratch directory. */
export async function generateFixtures(enumStyle: "const" | "enum" = "const"): Promise<FixturePackages> {
  const root = mkdtempSync(join(tmpdir(), "codebook-fixtures-"));
  writeFileSync(join(root, "codebook.config.yaml"), `specDir: ${JSON.stringify(fixtureSpecDir)}\noutDir: out\nenumStyle: ${enumStyle}\n`);
  // A broken fixture throws (SpecError with every diagnostic): the test using it fails loudly.
  await generate({ cwd: root });
  return { dir: join(root, "out"), ids: fixtureIds(), remove: () => rmSync(root, { recursive: true, force: true }) };
}
