// Paying partners in Chromium, both sides (issue 28): the partner gives their IBAN in the portal
// (a bad one is refused beside its field; the saved one shows masked); the operator saves the
// payer settings, sees the balance (the commission within its hold stays out), creates a batch for
// that partner, is refused a PayPal file (no PayPal details: the partner is named), downloads its
// SEPA file (parsed back: counts, sums, accounts) and marks it paid with a reference; then the
// partner's portal shows the payout paid and its statement opens. The pages at 390 px never
// scroll sideways.
import { readFile } from "node:fs/promises";
import { XMLParser } from "fast-xml-parser";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { openArea, sharedChromium, signIn, watchedPage } from "./browser.ts";
import { balanceOf, type Seeded, seedPayee } from "./payout-seed.ts";

const server = inject("server");
const browser = sharedChromium();
// The local state outlives runs: this run's programs, partner and reference carry this stamp.
const run = Date.now();
// The portal at localhost: its session cookie is Secure, which Chromium keeps on localhost.
const portal = `http://localhost:${server.port}/partner/`;
const IBAN = "DE89370400440532013000";
const PAYER_IBAN = "FR1420041010050500013M02606";
const reference = `SEPA-${run}`;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-artifacts/payouts-${name}.png`, fullPage: true });

// The portal asks for currencies' decimals and takes two when its API has none (404).
const PORTAL_CURRENCIES = /\/api\/partner\/currencies$/;

let seeded: Seeded;
let payoutId = "";
let portalState: Awaited<ReturnType<BrowserContext["storageState"]>>;

beforeAll(async () => {
  seeded = await seedPayee(server, run);
});

const watched = (context: BrowserContext, expected: RegExp[] = []) =>
  watchedPage(context, server, expected);

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function openPortalPayouts(page: Page) {
  await page.getByRole("navigation").getByRole("link", { name: "Payouts", exact: true }).click();
  await page.waitForSelector("#payout-details[data-loaded]");
}

/** The text of the one element `path` names in the parsed XML (`a.b.c`), as a string. */
const at = (tree: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], tree);

describe("payouts, operator and partner", () => {
  it("takes the partner's IBAN in the portal and shows it masked", async () => {
    const balance = await balanceOf(server, seeded.partnerId);
    expect(balance.payable).toBe(seeded.payable);
    expect(balance.held).toBe(seeded.held);
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watched(context, [PORTAL_CURRENCIES, /\/payout-details$/]);
    await page.goto(`${portal}${seeded.inviteHash}`);
    await page.waitForSelector("#who");
    await openPortalPayouts(page);
    await page.waitForSelector("#payout-details-none");
    await page.waitForSelector("#partner-payouts td.empty");

    // A checksum that does not hold is refused beside its field.
    await page.fill("#payout-iban", "DE00 3704 0044 0532 0130 00");
    await page.fill("#payout-bic", "COBADEFFXXX");
    await page.fill("#payout-holder", "Jane Doe");
    await page.click("#payout-details-form button[type=submit]");
    await page.waitForSelector("#payout-details-form [data-field-error=iban]");
    expect(await page.locator("#payout-details-saved").count()).toBe(0);

    await page.fill("#payout-iban", "DE89 3704 0044 0532 0130 00");
    await page.click("#payout-details-form button[type=submit]");
    await page.waitForSelector("#payout-details-saved");
    const saved = (await page.textContent("#payout-details-saved")) ?? "";
    expect(saved).toContain("DE89");
    expect(saved).toContain("3000");
    expect(saved).toContain("COBADEFFXXX");
    expect(saved).toContain("Jane Doe");
    // Masked: the account number's middle is never on the page again, nor in the form.
    expect(saved.replace(/\s/g, "")).not.toContain("0532013000");
    expect(await page.inputValue("#payout-iban")).toBe("");
    await shot(page, "partner-details");
    portalState = await context.storageState();
    // Nothing failed but the refused PUT (400), which the watcher was told to expect.
    expect(problems).toEqual([]);
    await context.close();
  });

  it("lets the operator pay the balance with a SEPA file and a reference", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    // No payer settings yet on a new database: 404, and an empty form.
    const { page, problems } = await watched(context, [
      /\/api\/payout-settings$/,
      /\/export\?format=paypal$/,
    ]);
    await signIn(page, server);
    await openArea(page, "Payouts", "#payouts-area[data-loaded]");

    await page.click("#payer-settings-link");
    await page.waitForSelector("#payout-settings[data-loaded]");
    await page.fill("#payer-name", "Demo Shop GmbH");
    await page.fill("#payer-iban", PAYER_IBAN);
    await page.fill("#payer-bic", "BNPAFRPPXXX");
    await page.fill("#payer-note", `Commissions ${run}`);
    await page.click("#payer-form button[type=submit]");
    await page.waitForSelector("#payer-iban-saved");
    expect(await page.textContent("#payer-iban-saved")).not.toContain(PAYER_IBAN);
    await page.click("text=← Payouts");
    await page.waitForSelector("#payouts-area[data-loaded]");

    // The balance: what is past its hold is payable, the rest held.
    await page.selectOption("#balance-currency", "EUR");
    const row = page.locator("#balances tbody tr", {
      has: page.locator(`[data-partner="${seeded.partnerId}"]`),
    });
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    expect(cells[2]).toContain("25.00");
    expect(cells[3]).toContain("7.00");

    await page.selectOption("#payout-currency", "EUR");
    await page.fill("#payout-minimum", "10.00");
    await page.selectOption("#payout-partners", [seeded.partnerId]);
    await page.click("#payout-create button[type=submit]");
    await page.waitForSelector("#payout-page[data-status=draft]");
    payoutId = (await page.getAttribute("#payout-page", "data-payout")) ?? "";
    expect(payoutId).toMatch(/^[0-9a-f]{24}$/);
    expect(await page.textContent("#payout-page h2")).toContain("25.00");
    const partnerRow = page.locator(
      `#payout-partners-table tr[data-partner="${seeded.partnerId}"]`,
    );
    expect(await partnerRow.locator("td").first().textContent()).toBe(seeded.partnerName);
    await partnerRow.locator(`[data-show-details="${seeded.partnerId}"]`).click();
    const details = (await partnerRow.locator("[data-payout-details]").textContent()) ?? "";
    expect(details).toContain("IBAN DE89");
    expect(details).toContain("Jane Doe");
    await shot(page, "payout-draft");

    // PayPal cannot pay an IBAN: refused, naming the partner, and the payout stays a draft.
    await page.click("#download-paypal");
    await page.waitForSelector("#details-missing");
    expect(await page.textContent("#details-missing")).toContain(seeded.partnerName);
    expect(await page.getAttribute("#payout-page", "data-status")).toBe("draft");

    const [file] = await Promise.all([page.waitForEvent("download"), page.click("#download-sepa")]);
    expect(file.suggestedFilename()).toMatch(/\.xml$/);
    const xml = await readFile((await file.path()) ?? "", "utf8");
    const parsed = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml);
    const root = at(parsed, "Document.CstmrCdtTrfInitn");
    expect(String(at(root, "GrpHdr.NbOfTxs"))).toBe("1");
    expect(Number(at(root, "GrpHdr.CtrlSum"))).toBe(25);
    expect(Number(at(root, "PmtInf.CtrlSum"))).toBe(25);
    expect(String(at(root, "PmtInf.NbOfTxs"))).toBe("1");
    expect(at(root, "PmtInf.DbtrAcct.Id.IBAN")).toBe(PAYER_IBAN);
    expect(at(root, "PmtInf.Dbtr.Nm")).toBe("Demo Shop GmbH");
    const transfer = at(root, "PmtInf.CdtTrfTxInf");
    expect(at(transfer, "CdtrAcct.Id.IBAN")).toBe(IBAN);
    expect(at(transfer, "Cdtr.Nm")).toBe("Jane Doe");
    expect(at(transfer, "Amt.InstdAmt.@_Ccy")).toBe("EUR");
    expect(Math.round(Number(at(transfer, "Amt.InstdAmt.#text")) * 100)).toBe(seeded.payable);
    // The first export moves the draft on.
    await page.waitForSelector("#payout-page[data-status=exported]");

    await page.fill("#payout-reference", reference);
    await page.click("#payout-paid button[type=submit]");
    await page.waitForSelector("#payout-page[data-status=paid]");
    expect(await page.textContent("#payout-ref")).toBe(reference);
    const [statement] = await Promise.all([
      page.waitForEvent("download"),
      page.click(`[data-statement="${seeded.partnerId}"]`),
    ]);
    const sheet = await readFile((await statement.path()) ?? "", "utf8");
    expect(sheet).toContain(reference);
    expect(sheet).toContain(seeded.partnerName);
    await shot(page, "payout-paid");

    const after = await balanceOf(server, seeded.partnerId);
    expect(after).toMatchObject({
      payable: 0,
      held: seeded.held,
      in_payouts: 0,
      paid: seeded.payable,
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the partner the payout paid, and opens its statement", async () => {
    expect(payoutId).not.toBe("");
    const context = await browser().newContext({
      viewport: { width: 1280, height: 900 },
      storageState: portalState,
    });
    const { page, problems } = await watched(context, [PORTAL_CURRENCIES]);
    await page.goto(portal);
    await page.waitForSelector("#who");
    await openPortalPayouts(page);
    const row = page.locator(`#partner-payouts tr[data-payout="${payoutId}"]`);
    await row.locator("[data-status=paid]").waitFor();
    expect(await row.textContent()).toContain(reference);
    expect(await row.textContent()).toContain("25.00");
    const link = row.locator(`[data-statement="${payoutId}"]`);
    const number = ((await link.textContent()) ?? "").replace(/^No\. /, "");
    expect(number).toMatch(/^\d+$/);
    const [opened] = await Promise.all([context.waitForEvent("page"), link.click()]);
    await opened.waitForLoadState();
    const text = (await opened.textContent("body")) ?? "";
    expect(text).toContain(reference);
    expect(text).toContain(`No. ${number}`);
    expect(text).toContain(seeded.partnerName);
    await shot(opened, "statement");
    await shot(page, "partner-paid");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps the payouts pages within a phone's width", async () => {
    expect(payoutId).not.toBe("");
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const operator = await browser().newContext(phone);
    const { page, problems } = await watched(operator);
    await signIn(page, server);
    await openArea(page, "Payouts", "#payouts-area[data-loaded]");
    await page.waitForSelector(`#payouts a[data-payout="${payoutId}"]`);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await shot(page, "area-phone");
    await page.click(`#payouts a[data-payout="${payoutId}"]`);
    await page.waitForSelector("#payout-page[data-status=paid]");
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await shot(page, "payout-phone");
    await page.click("text=← Payouts");
    await page.click("#payer-settings-link");
    await page.waitForSelector("#payer-iban-saved");
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await operator.close();

    const partner = await browser().newContext({ ...phone, storageState: portalState });
    const own = await watched(partner, [PORTAL_CURRENCIES]);
    await own.page.goto(portal);
    await own.page.waitForSelector("#who");
    await openPortalPayouts(own.page);
    await own.page.locator(`#partner-payouts tr[data-payout="${payoutId}"]`).waitFor();
    expect(await sideways(own.page)).toBeLessThanOrEqual(0);
    await shot(own.page, "partner-phone");
    expect(own.problems).toEqual([]);
    await partner.close();
  });
});
