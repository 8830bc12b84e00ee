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

export interface Names {
  program: string;
  partner: string;
  order: string;
}

/** Creates the program in the Programs area; answers the conversion key it shows once. */
export async function createProgram(page: Page, viewport: Viewport, names: Names) {
  await openArea(page, "Programs");
  const before = await shown(page, KEY);
  const form = await openForm(page, "Create program");
  await form.getByLabel(/^name/i).fill(names.program);
  await form.getByLabel(/^landing/i).fill("https://shop.example.com/");
  await form.getByLabel(/^allowed domains/i).fill("shop.example.com");
  await form.getByRole("button", { name: "Create program" }).click();
  const key = await newlyShown(page, KEY, before);
  await shot(page, viewport, "program-key");
  return key;
}

/** On the program's page: goals and their commissions, a sale paying 10 %, a lead a fixed €2. */
export async function addGoals(page: Page) {
  for (const [at, [name, type, value]] of [
    ["sale", "percent", "10"],
    ["lead", "fixed", "2.00"],
  ].entries()) {
    await page.getByRole("button", { name: "Add goal" }).click();
    await page
      .getByLabel(/goal/i)
      .nth(at)
      .fill(name as string);
    await page
      .getByLabel(/^type/i)
      .nth(at)
      .selectOption(type as string);
    await page
      .getByLabel(/^(percent|amount)/i)
      .nth(at)
      .fill(value as string);
  }
  await page.getByRole("button", { name: "Save" }).first().click();
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
  await shot(page, viewport, "conversion-approved");
}

/** Rotates the program's key on its page, confirming; answers the new key, shown once. */
export async function rotateKey(page: Page, names: Names, old: string) {
  await openArea(page, "Programs");
  await page.getByRole("link", { name: names.program, exact: true }).click();
  await page.getByRole("button", { name: "Rotate key" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  return newlyShown(page, KEY, [old]);
}
