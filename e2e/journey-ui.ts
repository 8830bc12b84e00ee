// How a person finds things in the dashboard: by the names they read (nav labels, button labels,
// field labels), never by ids or classes, so the journey tests what an operator would see.
import { mkdirSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import type { ServerInfo } from "./server.ts";

export interface Viewport {
  name: "desktop" | "phone";
  width: number;
  height: number;
  mobile: boolean;
}

export const DESKTOP: Viewport = { name: "desktop", width: 1280, height: 800, mobile: false };
export const PHONE: Viewport = { name: "phone", width: 390, height: 844, mobile: true };

/** Written only when asked, so that `npm test` leaves the tree clean. */
const SCREENSHOTS = process.env.SCREENSHOTS === "1" ? "docs/screenshots" : null;

/** A picture of the viewport, its top `height` pixels only when given (to keep the file small). */
export async function shot(page: Page, viewport: Viewport, step: string, height?: number) {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const clip = height ? { x: 0, y: 0, width: viewport.width, height } : undefined;
  await page.screenshot({ path: `${SCREENSHOTS}/${viewport.name}-${step}.png`, clip });
}

export async function signIn(page: Page, server: ServerInfo) {
  await page.goto(`${server.origin}/dashboard/`);
  await page.getByLabel(/admin token/i).fill(server.adminToken);
  await page.getByRole("button", { name: /sign in|open the dashboard/i }).click();
  await navLink(page, "Overview").or(menuButton(page)).first().waitFor();
}

const menuButton = (page: Page) => page.getByRole("button", { name: /menu|navigation/i });
const navLink = (page: Page, name: string) =>
  page.getByRole("link", { name, exact: true }).filter({ visible: true });

/** Opens an area from the nav; at phone width the nav may sit behind a menu button. */
export async function openArea(page: Page, name: string) {
  if (!(await navLink(page, name).count())) await menuButton(page).first().click();
  await navLink(page, name).first().click();
  // The nav marks where the operator is, for a screen reader as for the eye.
  await navLink(page, name).and(page.locator("[aria-current=page]")).first().waitFor();
}

/** The form that a button submits, e.g. the one with "Create link". */
export const formWith = (page: Page, button: string): Locator =>
  page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });

/** That form, opened first when the button stands alone (a form shown on demand). */
export async function openForm(page: Page, button: string): Promise<Locator> {
  const first = page.getByRole("button", { name: button, exact: true }).first();
  // Waited for, so that an area still loading is not taken for one without the form.
  await first.waitFor();
  if (!(await first.evaluate((b) => b.closest("form") !== null))) await first.click();
  return formWith(page, button);
}

/** The program the header's picker shows; Links and Conversions are the chosen program's. */
export async function chooseProgram(page: Page, name: string) {
  await choose(page.getByRole("banner"), /^program/i, name);
}

/** Picks the option of a labelled select whose text contains `text` (names carry ids beside). */
export async function choose(scope: Locator | Page, label: RegExp, text: string) {
  const select = scope.getByLabel(label);
  await select.waitFor();
  const options = await select
    .locator("option")
    .evaluateAll((all) =>
      all.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? "" })),
    );
  const option = options.find((o) => o.text.includes(text));
  if (!option) throw new Error(`no option "${text}" under ${label}: ${JSON.stringify(options)}`);
  await select.selectOption(option.value);
}

/**
 * Every string matching `pattern` that the page shows, in a text of its own (a key or a URL sits
 * in its own element, and a neighbour's text must not run into it) or in a field.
 */
export function shown(page: Page, pattern: RegExp): Promise<string[]> {
  return page.evaluate((source) => {
    const re = new RegExp(source, "g");
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (node.parentElement?.checkVisibility()) texts.push(node.nodeValue ?? "");
    for (const field of document.querySelectorAll("input, textarea"))
      if (field.checkVisibility()) texts.push((field as HTMLInputElement).value);
    return texts.flatMap((text) => text.match(re) ?? []);
  }, pattern.source);
}

/** Waits for the page to show a match of `pattern` that was not there before; answers it. */
export async function newlyShown(page: Page, pattern: RegExp, before: string[]): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const fresh = (await shown(page, pattern)).find((s) => !before.includes(s));
    if (fresh) return fresh;
    await page.waitForTimeout(250);
  }
  throw new Error(`the page never showed a new ${pattern}`);
}

/** A table row (or list item) that shows all of these texts. */
export function rowWith(page: Page, ...texts: (string | RegExp)[]): Locator {
  let rows = page.getByRole("row").or(page.getByRole("listitem"));
  for (const text of texts) rows = rows.filter({ hasText: text });
  return rows.first();
}
