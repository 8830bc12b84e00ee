// The dashboard's Reports: real traffic (clicks through the redirect, with three devices and two
// sub1 values; conversions by postback) for a program of this run, then in Chromium the table by
// country, sub1 and day × device equals GET /api/reports' answer and the seeded counts, a heading
// sorts through the API, the chart draws the days, the CSV equals the API's, and a phone's page
// does not scroll sideways.
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { chooseProgram, openArea, sharedChromium, signIn } from "./browser.ts";
import { adminApi } from "./server.ts";

const server = inject("server");
const browser = sharedChromium();
const stamp = Date.now();
const programName = `Reports ${stamp}`;
const DESKTOP =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
// sub1 alpha: 4 desktop clicks, 1 sale; beta: an Android and an iPhone click, both sold.
const CLICKS: [string, string, number | null][] = [
  ["alpha", DESKTOP, 100],
  ["alpha", DESKTOP, null],
  ["alpha", DESKTOP, null],
  ["alpha", DESKTOP, null],
  ["beta", ANDROID, 40],
  ["beta", IPHONE, 60],
];
// Another partner's clicks, each with a sub1 of its own: more rows than one page (50).
const BULK = 55;
let programId: string;

async function created<T>(path: string, body: unknown): Promise<T> {
  const answer = await adminApi<T>(server, "POST", path, body);
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json;
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean) {
  for (let i = 0; i < 120; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} never came`);
}

type Row = Record<string, unknown> & { clicks: number; conversions: number };
const report = async (query: string) =>
  (await adminApi<{ data: Row[] }>(server, "GET", `/reports?${query}`)).json.data;

beforeAll(async () => {
  mkdirSync("test-artifacts", { recursive: true });
  const program = await created<{ id: string; conversion_key: string }>("/programs", {
    name: programName,
    landing_url: "https://shop.example.com/",
    allowed_domains: ["shop.example.com"],
    commission: { type: "percent", value: 10 },
  });
  programId = program.id;
  const partner = await created<{ id: string }>("/partners", { name: `Reporter ${stamp}` });
  partnerId = partner.id;
  const link = await created<{ url: string }>("/links", {
    program_id: program.id,
    partner_id: partner.id,
  });
  const bulk = await created<{ id: string }>("/partners", { name: `Bulk ${stamp}` });
  const bulkLink = await created<{ url: string }>("/links", {
    program_id: program.id,
    partner_id: bulk.id,
  });
  for (let i = 0; i < BULK; i++) {
    const redirect = await fetch(`${bulkLink.url}?sub1=bulk-${i}`, {
      redirect: "manual",
      headers: { "User-Agent": DESKTOP },
    });
    expect(redirect.status).toBe(302);
  }
  const key = encodeURIComponent(program.conversion_key);
  for (const [i, [sub1, ua, amount]] of CLICKS.entries()) {
    const redirect = await fetch(`${link.url}?sub1=${sub1}`, {
      redirect: "manual",
      headers: { "User-Agent": ua },
    });
    const aecid = new URL(redirect.headers.get("Location") as string).searchParams.get("aecid");
    if (amount === null) continue;
    // A postback waits (503) while its click is still on its way to D1.
    const query = `key=${key}&id=sale-${stamp}-${i}&amount=${amount}.00&currency=EUR&cids=${aecid}`;
    const status = await until(
      `the postback for click ${i}`,
      () => fetch(`${server.origin}/?${query}`).then((r) => r.status),
      (answered) => answered !== 503,
    );
    expect(status).toBe(201);
  }
  // Every click reaches the rollups through the click queue: wait for them all.
  await until(
    "every click in the report",
    () => report(`program_id=${programId}&group_by=link`),
    (rows) =>
      rows.map((r) => [r.clicks, r.conversions]).join(" ") === `${BULK},0 ${CLICKS.length},3`,
  );
});

/** The table's rows as [keys, clicks, conversions], once the area shows `group_by`'s answer. */
async function tableRows(page: Page, groupBy: string) {
  await page.waitForSelector(
    `#reports[data-state=loaded][data-query*="group_by=${encodeURIComponent(groupBy)}&"]`,
  );
  return page.$$eval("#report-table tbody tr", (trs) =>
    trs.map((tr) => [
      JSON.parse((tr as HTMLElement).dataset.keys ?? "null"),
      Number(tr.querySelector("[data-measure=clicks]")?.textContent?.replace(/\D/g, "")),
      Number(tr.querySelector("[data-measure=conversions]")?.textContent?.replace(/\D/g, "")),
    ]),
  );
}

let partnerId: string;
const apiRows = async (groupBy: string, extra = "", limit = 50) => {
  const keys = groupBy.split(",").map((k) => ({ partner: "partner_id", link: "link_id" })[k] ?? k);
  const query = `program_id=${programId}&partner_id=${partnerId}&group_by=${groupBy}${extra}`;
  const rows = await report(`${query}&limit=${limit}`);
  return rows.map((r) => [keys.map((k) => r[k] ?? null), r.clicks, r.conversions]);
};

async function reportsPage(width: number, height: number) {
  const page = await browser().newPage({ viewport: { width, height }, isMobile: width < 640 });
  const errors: string[] = [];
  const probe = `${server.origin}/api/programs?limit=1`;
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (m) => {
    if (m.type() === "error" && m.location().url !== probe) errors.push(m.text());
  });
  await signIn(page, server);
  await chooseProgram(page, programName);
  await openArea(page, "Reports", "#reports[data-state=loaded]");
  return { page, errors };
}

describe("dashboard: reports", () => {
  it("shows the API's numbers by country, sub1 and day × device, sorts, charts and downloads", async () => {
    const { page, errors } = await reportsPage(1280, 1000);
    expect(await page.inputValue("#report-program")).toBe(programId);
    await page.selectOption("#report-partner", { label: `Reporter ${stamp}` });

    await page.selectOption("#report-first", "country");
    await page.waitForSelector(`#reports[data-query*="partner_id=${partnerId}&"]`);
    const byCountry = await tableRows(page, "country");
    expect(byCountry).toEqual(await apiRows("country"));
    expect(byCountry.reduce((n, [, clicks]) => n + clicks, 0)).toBe(6);
    expect(byCountry.reduce((n, [, , sold]) => n + sold, 0)).toBe(3);

    // By sub1, most clicks first: alpha; by conversions, beta; the other way, alpha again.
    await page.selectOption("#report-first", "sub1");
    expect(await tableRows(page, "sub1")).toEqual([
      [["alpha"], 4, 1],
      [["beta"], 2, 2],
    ]);
    await page.click("#report-table th[data-sort=conversions] button");
    await page.waitForSelector(
      "#reports[data-state=loaded][data-query*='sort=conversions&order=desc']",
    );
    expect((await tableRows(page, "sub1")).map(([keys]) => keys)).toEqual([["beta"], ["alpha"]]);
    expect(await tableRows(page, "sub1")).toEqual(await apiRows("sub1", "&sort=conversions"));
    await page.click("#report-table th[data-sort=conversions] button");
    await page.waitForSelector("#reports[data-state=loaded][data-query*='order=asc']");
    expect((await tableRows(page, "sub1")).map(([keys]) => keys)).toEqual([["alpha"], ["beta"]]);

    // A second click dimension is stopped before asking, with a message saying why.
    await page.selectOption("#report-second", "country");
    expect(await page.textContent("#report-crossed")).toContain("at most one of sub1");

    await page.selectOption("#report-first", "day");
    await page.selectOption("#report-second", "device");
    const byDevice = await tableRows(page, "day,device");
    expect(byDevice).toEqual(await apiRows("day,device", "&sort=conversions&order=asc"));
    expect(byDevice).toHaveLength(3);
    expect(byDevice.reduce((n, [, clicks]) => n + clicks, 0)).toBe(6);
    const chart = page.locator("#report-chart");
    await chart.locator("canvas").waitFor();
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThanOrEqual(1);
    expect(Number(await chart.getAttribute("data-total"))).toBe(6);
    await page.selectOption("#report-measure", "conversions");
    await expect.poll(() => chart.getAttribute("data-total")).toBe("3");
    await page.screenshot({ path: "test-artifacts/dashboard-reports.png", fullPage: true });

    const query = (await page.getAttribute("#reports", "data-query")) as string;
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#report-csv"),
    ]);
    expect(download.suggestedFilename()).toMatch(/^report_day-device_.*\.csv$/);
    const csv = readFileSync((await download.path()) as string, "utf8");
    const fromApi = await fetch(`${server.origin}/api/reports?${query}&format=csv`, {
      headers: { Authorization: `Bearer ${server.adminToken}` },
    });
    expect(csv).toBe(await fromApi.text());
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(4);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("follows the cursor with More, and shows the API's 400 message", async () => {
    const { page, errors } = await reportsPage(1280, 900);
    await page.selectOption("#report-partner", { label: `Bulk ${stamp}` });
    partnerId = await page.inputValue("#report-partner");
    await page.selectOption("#report-first", "sub1");
    expect(await tableRows(page, "sub1")).toHaveLength(50);
    await page.click("#report-more");
    await expect.poll(() => page.locator("#report-table tbody tr").count()).toBe(BULK);
    expect(await page.locator("#report-more").count()).toBe(0);
    expect(await tableRows(page, "sub1")).toEqual(await apiRows("sub1", "", 100));
    // A range the API refuses: its message, by field, with the request ID.
    await page.fill("#to", "2026-01-01");
    await page.fill("#from", "2026-02-01");
    await page.locator("#report-error").waitFor();
    expect(await page.textContent("#report-error")).toMatch(
      /^from must be before to — .*request ID/,
    );
    expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
    await page.close();
  });

  it("fits a phone's width: the table scrolls in its own box", async () => {
    const { page, errors } = await reportsPage(390, 844);
    await page.selectOption("#report-first", "day");
    await page.selectOption("#report-second", "device");
    await tableRows(page, "day,device");
    await page.locator("#report-chart canvas").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: "test-artifacts/dashboard-reports-phone.png", fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
