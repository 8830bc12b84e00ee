import { env } from "cloudflare:workers";
import { afterAll, expect } from "vitest";
import { capturedLines, installLogCapture, secretsSeen } from "../support/log-capture";

installLogCapture();

// After every test file: nothing logged may contain a secret, nor the first half of one.
afterAll(() => {
  const secrets = [
    env.ADMIN_TOKEN,
    env.IP_HASH_KEY,
    env.WEBHOOK_KEY,
    env.SOURCE_SECRETS_KEY,
    ...secretsSeen(),
  ].filter((s) => s.length >= 7);
  for (const line of capturedLines()) {
    for (const secret of secrets) {
      const half = secret.slice(0, Math.ceil(secret.length / 2));
      expect(line.includes(half), "a log line carries a secret or part of one").toBe(false);
    }
  }
});
