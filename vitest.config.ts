import { defineConfig } from "vitest/config";

/**
 * Files that need a module graph of their own: they replace a module (vi.mock) for the whole
 * file. Every other file shares its worker's modules with the files before it (isolate: false),
 * which saves each file re-importing the generator, TypeScript and the test helpers; none of
 * them mutates module state, stubs globals or leaves a prototype changed (a test that pollutes
 * Object.prototype restores it before it ends).
 */
const OWN_MODULES = ["test/write/lock-break.test.ts", "test/write/write-failure.test.ts"];

export default defineConfig({
  test: {
    globalSetup: ["test/setup/build.ts", "test/setup/go-toolchain.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests spawn tsc and node; two cores on CI.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: OWN_MODULES, isolate: false } },
      { extends: true, test: { name: "isolated", include: OWN_MODULES } },
    ],
  },
});
