import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/build.ts", "test/setup/go-toolchain.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests spawn tsc and node; two cores on CI.
    maxWorkers: 2,
  },
});
