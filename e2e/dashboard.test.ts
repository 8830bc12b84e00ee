import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, openArea, signIn } from "./browser.ts";

const ARTIFACTS = "test-artifacts";
const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const server = inject("server");
let browser: Browser;
let conversions: string[];

async function click(link: string): Promise<string> {
  const response = await fetch(link, { redirect: "manual", headers: { "User-Agent": BROWSER_UA } });
  return new URL(response.headers.get("Location") as string).searchParams.get("aecid") as string;
}

async function stored(aecid: string) {
  for (let i = 0; i < 80; i++) {
    const response = await fetch(`${server.origin}/api/clicks/${aecid}`, {
      headers: { Authorization: `Bearer ${server.adminToken}` },
    });
    if (response.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`click ${aecid} was not stored`);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Traffic for the demo program: clicks, three sales waiting for approval (one in forints, whose
  // ISO 4217 minor unit has 2 decimals), and a broken postback.
  const clicks = [];
  for (let i = 0; i < 5; i++) clicks.push(await click(server.demoLink));
  // Clicks reach D1 through the click queue a moment after their redirects: wait until they have.
  for (const aecid of clicks) await stored(aecid);
  conversions = [];
  for (const [i, [amount, currency]] of [
    ["49.90", "EUR"],
    ["120.00", "EUR"],
    ["1500.50", "HUF"],
  ].entries()) {
    const response = await fetch(
      `${server.origin}/?key=${server.conversionKey}&id=e2e-${Date.now()}-${i}&amount=${amount}&currency=${currency}&cids=${clicks[i]}`,
    );
    expect(response.status).toBe(201);
    conversions.push(((await response.json()) as { conversion_id: string }).conversion_id);
  }
  await fetch(
    `${server.origin}/?key=${server.conversionKey}&id=e2e-broken&amount=12,50&currency=EUR`,
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("dashboard", () => {
  it("shows the demo program's chart and tables, and approves a pending conversion", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    const missing: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // A Content-Security-Policy violation is reported on the console.
    // Before sign-in the page asks once, with no token, whether Cloudflare Access signed this
    // browser in: that call's 401 (and the console line the browser logs for it) is expected.
    const probe = `${server.origin}/api/programs?limit=1`;
    page.on("console", (message) => {
      if (message.type() === "error" && message.location().url !== probe)
        errors.push(message.text());
    });
    page.on("response", (response) => {
      if (response.status() >= 400 && !(response.status() === 401 && response.url() === probe))
        missing.push(`${response.status()} ${response.url()}`);
    });
    await signIn(page, server);
    await page.waitForSelector(`[data-approve="${conversions[0]}"]`);

    // The chart is drawn with the demo data: a canvas with something on it, a point per day.
    expect(await page.getAttribute("#chart", "data-points")).toBe("30");
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector(".uplot canvas") as HTMLCanvasElement;
      const blank = document.createElement("canvas");
      blank.width = canvas.width;
      blank.height = canvas.height;
      return canvas.toDataURL() !== blank.toDataURL();
    });
    expect(painted).toBe(true);
    const totals = await page.textContent("#totals");
    expect(totals).toMatch(/clicks/);
    const clickCount = Number((await page.textContent("#totals .card .value"))?.replace(/\D/g, ""));
    expect(clickCount).toBeGreaterThanOrEqual(5);
    expect(await page.textContent("#partners")).toContain("Demo partner");
    expect(sessionStorageToken(await page.evaluate(() => JSON.stringify(sessionStorage)))).toBe(
      server.adminToken,
    );
    expect(page.url()).not.toContain(server.adminToken);

    await page.click(`[data-approve="${conversions[0]}"]`);
    await page.waitForSelector(`[data-approve="${conversions[0]}"]`, { state: "detached" });
    expect(await page.$(`[data-approve="${conversions[1]}"]`)).not.toBeNull();
    const approved = await fetch(`${server.origin}/api/conversions?status=approved&limit=200`, {
      headers: { Authorization: `Bearer ${server.adminToken}` },
    });
    const ids = ((await approved.json()) as { data: { conversion_id: string }[] }).data.map(
      (c) => c.conversion_id,
    );
    expect(ids).toContain(conversions[0]);

    // Money is formatted with the API's ISO 4217 exponents: 1500.50 forints keep their fillér.
    expect(await page.textContent("#pending")).toMatch(/1,500\.50/);

    // Refusing asks for a reason, which the conversion then carries.
    await page.click(`[data-refuse="${conversions[2]}"]`);
    await page.fill(`[data-reason="${conversions[2]}"]`, "Order returned within 14 days");
    await page.click(`[data-confirm-refuse="${conversions[2]}"]`);
    await page.waitForSelector(`[data-refuse="${conversions[2]}"]`, { state: "detached" });
    const refused = await fetch(`${server.origin}/api/conversions?status=refused&limit=200`, {
      headers: { Authorization: `Bearer ${server.adminToken}` },
    });
    const reasons = ((await refused.json()) as { data: Record<string, string>[] }).data;
    expect(reasons.find((c) => c.conversion_id === conversions[2])?.refuse_reason).toBe(
      "Order returned within 14 days",
    );

    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });

    // The other areas, through the nav: the postback log shows the broken postback, Links the
    // demo link and the postback URL template.
    await openArea(page, "Postbacks", "#postbacks tbody td:not(.empty)");
    await page.locator("#postbacks", { hasText: "invalid_request" }).waitFor();
    await openArea(page, "Links", "#links code.url");
    expect(await page.textContent("#links")).toContain("/c/");
    expect(await page.textContent("#postback-url")).toContain("/?key={{KEY}}&id={{UNIQUE_ID}}");
    expect(errors).toEqual([]);
    expect(missing).toEqual([]);
    await page.close();
  });

  it("is usable at phone width", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page, server);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-phone.png`, fullPage: true });
    await page.close();
  });

  it("shows only the sign-in form before sign-in, with a CSP that forbids framing", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.origin}/dashboard/`);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    await page.waitForSelector("#login-form");
    expect(await page.isVisible("#login")).toBe(true);
    for (const signedIn of ["#controls", "#program", "#signout", "#app", "nav"])
      expect(await page.isVisible(signedIn), signedIn).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-sign-in.png` });
    await page.close();
  });

  it("asks for the token again when it is refused", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/dashboard/`);
    await page.fill("#token", "not-the-token");
    await page.click("#login-form button[type=submit]");
    await page.waitForSelector("#login-error:not(:empty)");
    expect(await page.isVisible("#login")).toBe(true);
    await page.close();
  });
});

function sessionStorageToken(json: string): string {
  return (JSON.parse(json) as Record<string, string>)["aecid-edge:admin-token"] ?? "";
}
