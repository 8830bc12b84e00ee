// The operator's steps in the dashboard, each as a person would take it: an area from the nav, a
// button by its label, fields by their labels; secrets and links read from what the page shows.
import type { Page } from "playwright-core";
import {
  choose,
  chooseProgram,
  newlyShown,
  openArea,
  openForm,
  rowWith,
  shot,
  shown,
  type Viewport,
} from "./journey-ui.ts";

/** `<program id>-<secret>`, as SPEC's Identifiers put it. */
const KEY = /\b[0-9a-f]{24}-[0-9a-f]{24}\b/;
const LINK = /https?:\/\/[^\s"'<>]+\/c\/[A-Za-z0-9_-]{8,16}\b/;

/** The postback URL the page shows with this key (SPEC's Affilae-compatible form). */
async function postbackUrl(page: Page, key: string): Promise<string> {
  const [url] = await shown(page, new RegExp(`https?://[^\\s"'<>]+/\\?key=${key}[^\\s"'<>]*`));
  if (!url) throw new Error("the page shows the key without its postback URL");
  return url;
}

export interface Shown {
  key: string;
  url: string;
}

export interface Names {
  program: string;
  partner: string;
  order: string;
}

/**
 * Creates the program in the Programs area, its default goal (`sale`) paying 10 % of the amount;
 * answers the conversion key it shows once.
 */
export async function createProgram(page: Page, viewport: Viewport, names: Names) {
  await openArea(page, "Programs");
  const before = await shown(page, KEY);
  const form = await openForm(page, "Create program");
  await form.getByLabel(/^name/i).fill(names.program);
  await form.getByLabel(/^landing/i).fill("https://shop.example.com/");
  await form.getByLabel(/^allowed domains/i).fill("shop.example.com");
  await form.getByLabel(/^type/i).selectOption("percent");
  await form.getByLabel(/^percent/i).fill("10");
  await form.getByRole("button", { name: "Create program" }).click();
  const key = await newlyShown(page, KEY, before);
  await shot(page, viewport, "program-key");
  return { key, url: await postbackUrl(page, key) };
}

/** On the program's page, a second goal with a commission of its own: a lead pays a fixed €2. */
export async function addLeadGoal(page: Page) {
  const form = await openForm(page, "Add goal");
  await form.getByLabel(/^goal name/i).fill("lead");
  await form.getByLabel(/^type/i).selectOption("fixed");
  await form.getByLabel(/^amount/i).fill("2.00");
  await form.getByLabel(/^currency/i).fill("EUR");
  await form.getByRole("button", { name: "Add goal" }).click();
  await rowWith(page, "lead", "2.00").waitFor();
  await rowWith(page, "sale", "10").waitFor();
}

export async function createPartner(page: Page, names: Names) {
  await openArea(page, "Partners");
  const form = await openForm(page, "Create partner");
  await form.getByLabel(/^name/i).fill(names.partner);
  await form.getByRole("button", { name: "Create partner" }).click();
  await rowWith(page, names.partner).waitFor();
}

/** Makes the partner's link in the Links area; answers the ready-to-share URL it shows. */
export async function createLink(page: Page, names: Names): Promise<string> {
  await openArea(page, "Links");
  await chooseProgram(page, names.program);
  const before = await shown(page, LINK);
  const form = await openForm(page, "Create link");
  await choose(form, /^partner/i, names.partner);
  await form.getByRole("button", { name: "Create link" }).click();
  return newlyShown(page, LINK, before);
}

/** Approves the conversion in the Conversions area (confirming, if the dashboard asks). */
export async function approve(page: Page, viewport: Viewport, names: Names) {
  await openArea(page, "Conversions");
  await chooseProgram(page, names.program);
  const row = rowWith(page, names.order);
  await row.getByRole("button", { name: "Approve" }).click();
  const confirm = page.getByRole("button", { name: "Confirm" });
  const approved = row.getByText("approved", { exact: true });
  await confirm.or(approved).first().waitFor();
  if (await confirm.isVisible()) await confirm.click();
  await approved.waitFor();
  await shot(page, viewport, "conversion-approved", viewport.mobile ? 500 : 320);
}

async function openProgram(page: Page, names: Names) {
  await openArea(page, "Programs");
  await page.getByRole("link", { name: names.program, exact: true }).click();
  await page.getByRole("button", { name: "Rotate key" }).waitFor();
}

/** Rotates the program's key on its page, confirming; answers the new key, shown this once. */
export async function rotateKey(page: Page, names: Names, old: string): Promise<Shown> {
  await openProgram(page, names);
  await page.getByRole("button", { name: "Rotate key" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  const key = await newlyShown(page, KEY, [old]);
  const url = await postbackUrl(page, key);
  // Only its hash is stored: back on the program's page, the key is not shown again.
  await openProgram(page, names);
  if ((await shown(page, KEY)).includes(key)) throw new Error("the new key was shown again");
  return { key, url };
}
