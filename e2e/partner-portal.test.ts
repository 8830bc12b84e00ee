// The partner portal in Chromium, as a partner meets it: the operator's invite, the first sign-in,
// a passkey (Chromium's virtual authenticator over CDP), sign-out and a passkey sign-in, then a
// deep link followed by a visitor, the click in Reports, the conversion in Conversions, and a
// postback endpoint of the partner's own with its delivery to a receiver on this machine; then
// the key pages at phone width. Browsed at http://localhost:<port>: WebAuthn refuses an IP
// address as the site a passkey belongs to (Chromium treats localhost as secure, so the Secure
// cookie is kept too).
import { readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sharedChromium } from "./browser.ts";
import { follow, stored } from "./journey-traffic.ts";
import { adminApi } from "./server.ts";

const server = inject("server");
const browser = sharedChromium();
const portal = `http://localhost:${server.port}/partner/`;
/** A table's row of data, not its "Loading…" or empty row. */
const ROW = "tbody tr:not(:has(td.empty))";
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-artifacts/partner-${name}.png`, fullPage: true });

/** The partner's postback receiver: every request it was sent, as its URL. */
const received: string[] = [];
let receiver: Server;
let receiverOrigin = "";
beforeAll(async () => {
  receiver = createServer((request, response) => {
    received.push(request.url ?? "");
    response.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
// The tests share one signed-in browser state; its cookie (ended by the last test's "Sign out
// everywhere") is not left among the artifacts.
const STATE = "test-artifacts/.partner-portal-state.json";
afterAll(async () => {
  await rm(STATE, { force: true });
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function virtualAuthenticator(
  page: Page,
): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Page widths never scroll sideways (tables scroll in their own boxes). */
async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function openPage(page: Page, label: string, ready: string) {
  await page.getByRole("navigation").getByRole("link", { name: label, exact: true }).click();
  await page.waitForSelector(ready);
}

describe("partner portal", () => {
  const run = Date.now();
  let partnerId = "";
  let programId = "";

  it("signs in by invite, registers a passkey, signs out and back in with it", async () => {
    const programs = await adminApi<{ data: { id: string; name: string }[] }>(
      server,
      "GET",
      "/programs?limit=200",
    );
    programId = programs.json.data.find((p) => p.name === "Demo program")?.id ?? "";
    expect(programId).not.toBe("");
    const partner = await adminApi<{ id: string }>(server, "POST", "/partners", {
      name: `Portal partner ${run}`,
      email: `portal-${run}@example.com`,
    });
    expect(partner.status).toBe(201);
    partnerId = partner.json.id;
    // A link of the operator's makes the program this partner's.
    const link = await adminApi(server, "POST", "/links", {
      program_id: programId,
      partner_id: partnerId,
    });
    expect(link.status).toBe(201);
    const invite = await adminApi<{ url: string }>(server, "POST", `/partners/${partnerId}/invite`);
    expect(invite.status).toBe(201);
    const inviteUrl = new URL(invite.json.url);
    expect(inviteUrl.hash).toMatch(/^#invite=pi_/);

    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error("page error:", error.message));
    // Nothing is loaded from /dashboard/, which an operator may keep behind Cloudflare Access.
    const asked: string[] = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    const { cdp, authenticatorId } = await virtualAuthenticator(page);
    await page.goto(`${portal}${inviteUrl.hash}`);
    await page.waitForSelector("#who");
    expect(await page.textContent("#who")).toBe(`Portal partner ${run}`);
    // The used token leaves the address bar.
    expect(new URL(page.url()).hash).toBe("");
    await shot(page, "signed-in");
    expect(asked.filter((path) => path.startsWith("/dashboard/"))).toEqual([]);
    const headers = (await fetch(portal)).headers;
    expect(headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(headers.get("Content-Security-Policy")).toContain("script-src 'self'");

    await page.click("#passkey-register");
    await page.waitForSelector("#passkey-done");
    // The passkey lives in the virtual authenticator, discoverable (resident).
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    await openPage(page, "Passkeys", `#passkeys ${ROW} >> text=Passkey`);
    await shot(page, "passkeys");

    await page.click("#sign-out");
    await page.waitForSelector("#passkey-sign-in");
    await shot(page, "sign-in");
    // The cookie is gone: a reload stays signed out.
    await page.reload();
    await page.waitForSelector("#passkey-sign-in");

    await page.click("#passkey-sign-in");
    await page.waitForSelector("#who");
    expect(await page.textContent("#who")).toBe(`Portal partner ${run}`);
    expect(await page.locator("#passkey-prompt").count()).toBe(0);
    await context.storageState({ path: STATE });
    await context.close();
  });

  it("builds a deep link, sees its click, its conversion and the postback it sent", async () => {
    expect(partnerId).not.toBe("");
    const context = await browser().newContext({
      viewport: { width: 1280, height: 900 },
      storageState: STATE,
    });
    const page = await context.newPage();
    await page.goto(portal);
    await page.waitForSelector("#who");
    // Programs, the landing page: the one its operator's link made this partner's.
    await page.waitForSelector("#programs tbody tr >> text=Demo program");
    await shot(page, "programs");

    // Links: a page off the program's domains is flagged here and refused by the API.
    await openPage(page, "Links", "#link-create");
    await page.selectOption("#link-program", programId);
    await page.fill("#link-destination", "https://elsewhere.example/");
    await page.waitForSelector("#link-off-domain");
    await page.click("#link-create button[type=submit]");
    await page.waitForSelector("#link-create [role=alert], #link-create .field-error");
    await page.fill("#link-destination", `https://example.com/portal-${run}`);
    await page.click("#link-create button[type=submit]");
    await page.waitForSelector("#link-created");
    const linkUrl = (await page.textContent("#link-created code")) ?? "";
    expect(linkUrl).toMatch(/^http/);
    // The deep-link builder adds the partner's sub-IDs.
    await page.locator(".deep-link .subs input").first().fill(`news-${run}`);
    const deep = (await page.textContent("#deep-link")) ?? "";
    expect(new URL(deep).searchParams.get("sub1")).toBe(`news-${run}`);
    await shot(page, "links");
    // The links' CSV is the API's too: the new link is in it.
    const [linksCsv] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#download-links-csv"),
    ]);
    const linkRows = await readFile((await linksCsv.path()) ?? "", "utf8");
    expect(linkRows.split("\r\n")[0]).toBe(
      "link_id,program_id,url,destination,disabled,created_at",
    );
    expect(linkRows).toContain(`https://example.com/portal-${run}`);

    // A visitor follows it; the click is counted in Reports, by sub1.
    const local = deep.replace(/^https?:\/\/[^/]+/, server.origin);
    const aecid = await follow(local);
    await stored(server, aecid);
    await openPage(page, "Reports", "#reports[data-state=loaded]");
    await page.selectOption("#report-first", "sub1");
    await page.waitForSelector(`#report-table tr[data-keys='["news-${run}"]']`, {
      timeout: 30_000,
    });
    const clicks = await page.textContent(
      `#report-table tr[data-keys='["news-${run}"]'] td[data-measure=clicks]`,
    );
    expect(clicks?.trim()).toBe("1");
    await shot(page, "reports");

    // The partner's own postback endpoint, then the advertiser's postback for that click.
    await openPage(page, "Postbacks", "#endpoints-page[data-loaded]");
    await page.fill("#endpoint-url", `${receiverOrigin}/pb?click={sub1}&payout={commission}`);
    await page.click("#endpoint-add button[type=submit]");
    await page.waitForSelector(`#endpoints tr >> text=${receiverOrigin}/pb`);

    const order = `portal-${run}`;
    const answer = await fetch(
      `${server.origin}/?key=${server.conversionKey}&id=${order}&amount=4200&currency=EUR&cids=${aecid}`,
    );
    expect(answer.status).toBe(201);
    await openPage(page, "Conversions", `#conversions ${ROW}`);
    await page.waitForSelector("#conversions tbody tr >> text=pending");
    await shot(page, "conversions");
    // The CSV is the API's, fetched with the cookie and saved from a Blob.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#download-csv"),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(csv.split("\r\n")[0]).toContain("commission");
    expect(csv.trim().split("\r\n")).toHaveLength(2);

    // The delivery reached the receiver, and the log says so.
    for (let i = 0; i < 80 && !received.some((u) => u.includes(`click=news-${run}`)); i++)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(received.some((u) => u.includes(`click=news-${run}`))).toBe(true);
    await openPage(page, "Postbacks", "#endpoints-page[data-loaded]");
    for (let i = 0; i < 20; i++) {
      if (await page.locator("#deliveries .outcome-ok").count()) break;
      await page.click("#deliveries-refresh");
      await page.waitForTimeout(500);
    }
    await page.locator("#deliveries .outcome-ok").first().waitFor();
    await shot(page, "postbacks");

    await openPage(page, "API tokens", "#token-create");
    await page.fill("#token-name", "my script");
    await page.click("#token-create button[type=submit]");
    await page.waitForSelector("#token-value");
    expect(await page.textContent("#token-value")).toMatch(/^pt_/);
    await shot(page, "tokens");
    await context.close();
  });

  it("keeps every page within a phone's width", async () => {
    const context = await browser().newContext({
      viewport: { width: 390, height: 844 },
      storageState: STATE,
    });
    const page = await context.newPage();
    await page.goto(portal);
    await page.waitForSelector("#who");
    const pages: [string, string, string][] = [
      ["Programs", `#programs ${ROW}`, "programs"],
      ["Links", `#links ${ROW}`, "links"],
      ["Reports", "#reports[data-state=loaded]", "reports"],
      ["Conversions", `#conversions ${ROW}`, "conversions"],
      ["Postbacks", `#deliveries ${ROW}`, "postbacks"],
      ["API tokens", `#tokens ${ROW}`, "tokens"],
      ["Passkeys", `#passkeys ${ROW}`, "passkeys"],
    ];
    for (const [label, ready, name] of pages) {
      await openPage(page, label, ready);
      await noSidewaysScroll(page);
      await shot(page, `${name}-phone`);
    }
    await page.click("#sign-out-everywhere");
    await page.waitForSelector("#passkey-sign-in");
    await noSidewaysScroll(page);
    await shot(page, "sign-in-phone");
    await context.close();
  });
});
