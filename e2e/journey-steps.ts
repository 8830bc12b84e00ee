// The operator's steps in the dashboard, each as a person would take it: an area from the nav, a
// button by its label, fields by their labels; secrets and links read from what the page shows.
import type { Page } from "playwright-core";
import {
  choose,
  formWith,
  newlyShown,
  openArea,
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

/** Creates the program with two goals in the Programs area; answers the key shown once. */
export async function createProgram(page: Page, viewport: Viewport, names: Names): Promise<string> {
  await openArea(page, "Programs");
  const before = await shown(page, KEY);
  await page.getByRole("button", { name: "Create program" }).first().click();
  const form = formWith(page, "Create program");
  await form.getByLabel(/^name$/i).fill(names.program);
  await form.getByLabel(/landing/i).fill("https://shop.example.com/");
  await form.getByLabel(/allowed domains/i).fill("shop.example.com");
  await form.getByRole("button", { name: "Create program" }).click();
  const key = await newlyShown(page, KEY, before);
  await shot(page, viewport, "program-key");
  // Goals and their commissions, on the program's page: a sale pays 10 %, a lead a fixed €2.
  await page.getByRole("button", { name: "Add goal" }).click();
  await goal(page, 0, "sale", "percent", "10");
  await page.getByRole("button", { name: "Add goal" }).click();
  await goal(page, 1, "lead", "fixed", "2.00");
  await page.getByRole("button", { name: "Save" }).first().click();
  await rowWith(page, "lead").waitFor();
  return key;
}

async function goal(page: Page, at: number, name: string, type: string, value: string) {
  await page.getByLabel(/goal/i).nth(at).fill(name);
  await page
    .getByLabel(/commission type|^type$/i)
    .nth(at)
    .selectOption(type);
  await page
    .getByLabel(/value|commission$/i)
    .nth(at)
    .fill(value);
}

export async function createPartner(page: Page, names: Names) {
  await openArea(page, "Partners");
  await page.getByRole("button", { name: "Create partner" }).first().click();
  const form = formWith(page, "Create partner");
  await form.getByLabel(/^name$/i).fill(names.partner);
  await form.getByRole("button", { name: "Create partner" }).click();
  await rowWith(page, names.partner).waitFor();
}

/** Makes the partner's link in the Links area; answers the ready-to-share URL it shows. */
export async function createLink(page: Page, names: Names): Promise<string> {
  await openArea(page, "Links");
  const before = await shown(page, LINK);
  await page.getByRole("button", { name: "Create link" }).first().click();
  const form = formWith(page, "Create link");
  await choose(form, /^program$/i, names.program);
  await choose(form, /^partner$/i, names.partner);
  await form.getByRole("button", { name: "Create link" }).click();
  return newlyShown(page, LINK, before);
}

/** Approves the conversion in the Conversions area, confirming when asked. */
export async function approve(page: Page, viewport: Viewport, names: Names) {
  await openArea(page, "Conversions");
  const row = rowWith(page, names.order);
  await row.getByRole("button", { name: "Approve" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  await row.getByText(/approved/i).waitFor();
  await shot(page, viewport, "conversion-approved");
}

/** Rotates the program's key on its page, confirming; answers the new key, shown once. */
export async function rotateKey(page: Page, names: Names, old: string) {
  await openArea(page, "Programs");
  await page.getByRole("link", { name: names.program }).click();
  await page.getByRole("button", { name: "Rotate key" }).click();
  await page.getByRole("button", { name: "Confirm" }).click();
  const key = await newlyShown(page, KEY, [old]);
  return key;
}
