// Debian's Chromium, driven by playwright-core, signed in to the dashboard of one `npm start`.
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM } from "./chromium.ts";
import type { ServerInfo } from "./server.ts";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function signIn(page: Page, server: ServerInfo) {
  await page.goto(`${server.origin}/dashboard/`);
  await page.fill("#token", server.adminToken);
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector(".uplot canvas");
  await page.selectOption("#program", { label: "Demo program" });
  await page.waitForSelector("#links code.url");
  // The page has drawn the chosen program (its last section included), not the first one listed.
  await page.waitForFunction(
    () =>
      (document.querySelector("#endpoint-form") as HTMLElement | null)?.dataset.program ===
      (document.querySelector("#program") as HTMLSelectElement | null)?.value,
  );
}
