// The new operator's journey at one viewport: every change is made in the dashboard; only the
// visitor's click and the advertiser's postbacks come from outside it, as they would in real life.
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import {
  addLeadGoal,
  approve,
  createLink,
  createPartner,
  createProgram,
  rotateKey,
} from "./journey-steps.ts";
import { follow, postback, stored } from "./journey-traffic.ts";
import { openArea, rowWith, shot, signIn, type Viewport } from "./journey-ui.ts";
import type { ServerInfo } from "./server.ts";

/** Runs one step, so that a failure says which step of the journey the dashboard could not do. */
async function step<T>(viewport: Viewport, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${viewport.name}, step "${name}": ${message}`, { cause: error });
  }
}

interface Made {
  programId: string;
  linkId: string;
  conversionId: string;
}

/** Each change of the journey in the Audit area, each naming the admin token as its operator. */
async function findInAudit(page: Page, names: { program: string; partner: string }, made: Made) {
  await openArea(page, "Audit");
  const changes = {
    "program created": rowWith(page, made.programId, /create/i, names.program),
    "goals set": rowWith(page, made.programId, "lead"),
    "partner created": rowWith(page, names.partner, /create/i),
    "link created": rowWith(page, made.linkId, /create/i),
    "conversion approved": rowWith(page, made.conversionId, /approve/i),
    "key rotated": rowWith(page, made.programId, /rotate/i),
  };
  for (const [change, row] of Object.entries(changes)) {
    await row.waitFor({ timeout: 10_000 }).catch(() => {
      throw new Error(`no audit entry for "${change}"`);
    });
    expect(await row.textContent(), change).toMatch(/admin[ -]token/i);
  }
}

export async function journey(browser: Browser, server: ServerInfo, viewport: Viewport) {
  const stamp = `${viewport.name}-${Date.now()}`;
  const names = {
    program: `Journey ${stamp}`,
    partner: `Partner ${stamp}`,
    order: `order-${stamp}`,
  };
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    isMobile: viewport.mobile,
    hasTouch: viewport.mobile,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  try {
    await step(viewport, "sign in", () => signIn(page, server));
    // From here on (before it, the sign-in's own probe for Access is refused by design), no
    // script error, no refused request, no CSP violation (reported on the console).
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("response", (response) => {
      const request = response.request();
      if (response.status() >= 400)
        errors.push(
          `${response.status()} ${request.method()} ${response.url()} ${request.postData()}`,
        );
    });
    const created = await step(viewport, "create program", () =>
      createProgram(page, viewport, names),
    );
    const programId = created.key.split("-")[0] as string;
    await step(viewport, "add a second goal", () => addLeadGoal(page));
    await step(viewport, "add partner", () => createPartner(page, names));
    const link = await step(viewport, "create link", () => createLink(page, names));
    const linkId = link.split("/c/")[1] as string;

    const aecid = await follow(link);
    await stored(server, aecid);
    const sale = await postback(
      created.url,
      { UNIQUE_ID: names.order, AMOUNT: "80.00", CURRENCY: "EUR", ClickIDs: aecid },
      { goal: "sale" },
    );
    // 10 % of €80.00: the sale goal's commission as set in the dashboard.
    expect(sale.status, JSON.stringify(sale.body)).toBe(201);
    expect(sale.body.commission).toBe(800);
    const conversionId = sale.body.conversion_id as string;
    await step(viewport, "approve conversion", () => approve(page, viewport, names));

    const rotated = await step(viewport, "rotate key", () => rotateKey(page, names, created.key));
    // The same click's lead, a goal of its own: refused on the old URL, paid €2 on the new one.
    const lead = { UNIQUE_ID: `${names.order}-lead`, CURRENCY: "EUR", ClickIDs: aecid };
    const refused = await postback(created.url, lead, { goal: "lead" });
    expect(refused.status, JSON.stringify(refused.body)).toBe(401);
    expect(refused.body.error?.code).toBe("invalid_key");
    const accepted = await postback(rotated.url, lead, { goal: "lead" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.commission).toBe(200);

    await step(viewport, "audit", () =>
      findInAudit(page, names, { programId, linkId, conversionId }),
    );
    // The journey's own changes are the newest, at the top.
    await shot(page, viewport, "audit", viewport.mobile ? undefined : 480);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}
