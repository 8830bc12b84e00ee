// The dashboard's reports: real clicks (two sub1 values, two devices) and a sale through the
// served Worker; the table answers what GET /api/reports answers and what was sent, sorts by a
// measure through the API, refuses two click dimensions with a clear message, draws the chosen
// measure by day, downloads the API's own CSV, and fits a phone's width.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chooseProgram, launchChromium, openArea, signIn } from "./browser.ts";
import { BROWSER_UA, stored } from "./journey-traffic.ts";
import { adminApi } from "./server.ts";

const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
const server = inject("server");
const stamp = Date.now();
const programName = `Reports ${stamp}`;
let programId: string;
let browser: Browser;

async function created<T>(path: string, body: unknown): Promise<T> {
  const answer = await adminApi<T>(server, "POST", path, body);
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json;
}

async function click(url: string, sub1: string, agent: string): Promise<string> {
  const response = await fetch(`${url}?sub1=${sub1}`, {
    redirect: "manual",
    headers: { "User-Agent": agent },
  });
  const aecid = new URL(response.headers.get("Location") as string).searchParams.get("aecid");
  expect(aecid).toBeTruthy();
  await stored(server, aecid as string);
  return aecid as string;
}

beforeAll(async () => {
  const program = await created<{ id: string; conversion_key: string }>("/programs", {
    name: programName,
    landing_url: "https://shop.example.com/",
    allowed_domains: ["shop.example.com"],
    commission: { type: "percent", value: 10 },
  });
  programId = program.id;
  const partner = await created<{ id: string }>("/partners", { name: `Reporter ${stamp}` });
  const link = await created<{ url: string }>("/links", {
    program_id: program.id,
    partner_id: partner.id,
  });
  const alpha = [];
  for (let i = 0; i < 3; i++) alpha.push(await click(link.url, "alpha", BROWSER_UA));
  for (let i = 0; i < 2; i++) await click(link.url, "beta", PHONE_UA);
  const key = encodeURIComponent(program.conversion_key);
  const sale = await fetch(
    `${server.origin}/?key=${key}&id=rep-${stamp}&amount=50.00&currency=EUR&cids=${alpha[0]}`,
  );
  expect(sale.status).toBe(201);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const cells = (page: Page, measure: string) =>
  page.locator(`#report tbody td[data-measure="${measure}"]`).allTextContents();
const keysIn = (page: Page, key: string) =>
  page.locator(`#report tbody td[data-key="${key}"]`).allTextContents();

interface Row {
  sub1: string | null;
  clicks: number;
  conversions: number;
}

async function api(query: string) {
  const answer = await adminApi<{ data: Row[] }>(server, "GET", `/reports?${query}`);
  expect(answer.status).toBe(200);
  return answer.json.data;
}

describe("dashboard: reports", () => {
  it("breaks traffic down, sorts, charts, refuses a cross of dimensions and downloads", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await signIn(page, server);
    await chooseProgram(page, programName);
    await openArea(page, "Reports", "#report tbody td[data-measure]");

    await page.selectOption("#report-first", "sub1");
    await page.locator('#report tbody td[data-key="sub1"]', { hasText: "beta" }).waitFor();
    // The range the dashboard shows (its header's dates), asked of the API directly.
    const range = `program_id=${programId}&from=${await page.inputValue("#from")}&to=${await page.inputValue("#to")}`;
    const fromApi = await api(`${range}&group_by=sub1`);
    expect(await keysIn(page, "sub1")).toEqual(fromApi.map((r) => r.sub1));
    expect(await cells(page, "clicks")).toEqual(fromApi.map((r) => String(r.clicks)));
    expect(Object.fromEntries(fromApi.map((r) => [r.sub1, [r.clicks, r.conversions]]))).toEqual({
      alpha: [3, 1],
      beta: [2, 0],
    });

    // Sorting is the API's: clicks ascending puts beta first.
    await page.click('#report th button[data-sort="clicks"]');
    await expect.poll(() => keysIn(page, "sub1")).toEqual(["beta", "alpha"]);

    // Two click dimensions: a clear message, no request.
    await page.selectOption("#report-second", "device");
    await page.locator("#report-problem").waitFor();
    expect(await page.locator("#report-problem").textContent()).toContain("not crossed");

    await page.selectOption("#report-first", "day");
    await expect.poll(async () => (await keysIn(page, "device")).length).toBe(2);
    const chart = page.locator("#report-chart");
    await expect.poll(() => chart.getAttribute("data-total")).toBe("5");
    expect(await page.locator("#report-chart canvas").count()).toBeGreaterThan(0);
    await page.selectOption("#report-measure", "revenue");
    await expect.poll(() => chart.getAttribute("data-total")).toBe("5000");
    await page.screenshot({ path: "test-artifacts/dashboard-reports.png", fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#report-csv"),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    const direct = await fetch(
      `${server.origin}/api/reports?${range}&group_by=day,device&sort=clicks&order=asc&format=csv`,
      { headers: { Authorization: `Bearer ${server.adminToken}` } },
    );
    expect(csv).toBe(await direct.text());
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits a phone's width", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page, server);
    await chooseProgram(page, programName);
    await openArea(page, "Reports", "#report tbody td[data-measure]");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: "test-artifacts/dashboard-reports-phone.png", fullPage: true });
    await page.close();
  });
});
