// `npm run test:e2e`: the dashboard's browser test. It needs Debian's Chromium: installed here when
// missing and this user can (root with apt-get, as in CI); otherwise CI fails, and a developer's
// run says what to install and stops without failing the other tests.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

import { CHROMIUM } from "../e2e/chromium.ts";

function install(): boolean {
  if (process.getuid?.() !== 0 || !existsSync("/usr/bin/apt-get")) return false;
  console.log("Installing Debian's chromium for the browser test…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const quiet = { stdio: "inherit" as const, env };
  return (
    spawnSync("apt-get", ["update", "-qq"], quiet).status === 0 &&
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], quiet).status === 0
  );
}

if (!existsSync(CHROMIUM) && !install()) {
  const message = `The browser test needs Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium).`;
  if (process.env.CI) {
    console.error(message);
    process.exit(1);
  }
  console.log(`${message} Skipped on this machine.`);
  process.exit(0);
}
const run = spawnSync("vitest", ["run", "--config", "vitest.e2e.config.ts"], { stdio: "inherit" });
process.exit(run.status ?? 1);
