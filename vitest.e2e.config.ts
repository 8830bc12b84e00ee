import { defineConfig } from "vitest/config";

/**
 * The browser and command-line tests: Node drives Debian's Chromium (playwright-core) and bash
 * against one `npm start`, started by the global setup; the files run one after the other.
 */
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
