// Debian's Chromium, driven by playwright-core, signed in to the dashboard of one `npm start`.
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
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

/** One Chromium for a test file: launched before its tests, closed after them. */
export function sharedChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("Chromium is launched in beforeAll: ask for it inside a test");
    return browser;
  };
}

/** Signs in with the admin token and opens the Demo program's overview. */
export async function signIn(page: Page, server: ServerInfo) {
  await page.goto(`${server.origin}/dashboard/`);
  await page.fill("#token", server.adminToken);
  await page.click("#login-form button[type=submit]");
  await page.waitForSelector(".uplot canvas");
  await chooseProgram(page, "Demo program");
}

/** Chooses a program in the header and waits until the overview has drawn it (not the first). */
export async function chooseProgram(page: Page, name: string) {
  await page.selectOption("#program", { label: name });
  await page.waitForFunction(
    () =>
      (document.querySelector("#overview") as HTMLElement | null)?.dataset.program ===
      (document.querySelector("#program") as HTMLSelectElement | null)?.value,
  );
}

/** Opens an area by its nav label ("Conversions") and waits for the area's `ready` selector. */
export async function openArea(page: Page, label: string, ready: string) {
  await page.getByRole("navigation").getByRole("link", { name: label, exact: true }).click();
  await page.waitForSelector(ready);
}

/**
 * A new page of `context` whose script errors and refusals are kept in `problems`, but for the
 * dashboard's token probe and the URLs `expected` matches.
 */
export async function watchedPage(
  context: BrowserContext,
  server: ServerInfo,
  expected: RegExp[] = [],
) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const probe = `${server.origin}/api/programs?limit=1`;
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("response", (response) => {
    const url = response.url();
    if (response.status() >= 400 && url !== probe && !expected.some((e) => e.test(url)))
      problems.push(`${response.status()} ${url}`);
  });
  return { page, problems };
}
