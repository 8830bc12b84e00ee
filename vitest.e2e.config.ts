import { defineConfig } from "vitest/config";

/** The browser test: Node drives Debian's Chromium (playwright-core) against `npm start`. */
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
