// The dashboard's conversions: a program with goals, a lead registered by postback then refused by
// the operator, a sale refused by the too-fast rule; the table shows each goal and refusal reason,
// a row opens its history, and the CSV export downloads with the token in a header, not a URL.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chooseProgram, launchChromium, openArea, signIn } from "./browser.ts";
import { adminApi } from "./server.ts";

const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const server = inject("server");
let browser: Browser;
// The local state outlives runs: this run's program and orders are told apart by this stamp.
const stamp = Date.now();
const programName = `Goals ${stamp}`;
const leadOrder = `lead-${stamp}`;
const saleOrder = `sale-${stamp}`;
let lead: string;
let sale: string;

async function created<T>(path: string, body: unknown): Promise<T> {
  const answer = await adminApi<T>(server, "POST", path, body);
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json;
}

/** A postback, retried while its click is still on its way to D1 (503). */
async function postback(query: string): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const response = await fetch(`${server.origin}/?${query}`);
    const body = (await response.json()) as { conversion_id?: string };
    if (response.status !== 503) {
      expect(response.status, JSON.stringify(body)).toBe(201);
      return body.conversion_id as string;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the postback ${query} kept answering 503`);
}

beforeAll(async () => {
  const program = await created<{ id: string; conversion_key: string }>("/programs", {
    name: programName,
    landing_url: "https://shop.example.com/",
    allowed_domains: ["shop.example.com"],
    commission: { type: "percent", value: 5 },
    goals: [
      { name: "lead", commission: { type: "fixed", value: 200, currency: "EUR" } },
      { name: "sale", commission: { type: "percent", value: 10 } },
    ],
  });
  const partner = await created<{ id: string }>("/partners", { name: `Partner ${stamp}` });
  const link = await created<{ url: string }>("/links", {
    program_id: program.id,
    partner_id: partner.id,
  });
  const redirect = await fetch(link.url, {
    redirect: "manual",
    headers: { "User-Agent": BROWSER_UA },
  });
  const aecid = new URL(redirect.headers.get("Location") as string).searchParams.get("aecid");
  expect(aecid).toBeTruthy();
  const key = `key=${encodeURIComponent(program.conversion_key)}`;

  lead = await postback(`${key}&id=${leadOrder}&amount=0&currency=EUR&goal=lead&cids=${aecid}`);
  const refused = await adminApi(server, "POST", `/conversions/${lead}/refuse`, {
    reason: "Duplicate lead",
  });
  expect(refused.status, JSON.stringify(refused.json)).toBe(200);

  // From now on a conversion within an hour of its click is refused, too_fast: the sale is.
  const patched = await adminApi(server, "PATCH", `/programs/${program.id}`, {
    min_seconds_to_convert: 3600,
  });
  expect(patched.status, JSON.stringify(patched.json)).toBe(200);
  sale = await postback(
    `${key}&id=${saleOrder}&amount=120.00&currency=EUR&goal=sale&cids=${aecid}`,
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("dashboard: conversions", () => {
  it("shows goals and refusal reasons, opens a history, and downloads the CSV", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // The sign-in's one question to the API without a token (is Access on?) answers 401.
    const probe = `${server.origin}/api/programs?limit=1`;
    page.on("console", (message) => {
      if (message.type() === "error" && message.location().url !== probe)
        errors.push(message.text());
    });
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    await signIn(page, server);
    await chooseProgram(page, programName);
    await openArea(page, "Conversions", "#conversions");

    const leadRow = page.locator("#conversions tbody tr", { hasText: leadOrder });
    const saleRow = page.locator("#conversions tbody tr", { hasText: saleOrder });
    await leadRow.waitFor();
    await saleRow.waitFor();
    const goalColumn = await page.locator("#conversions thead th").allTextContents();
    const goalAt = goalColumn.indexOf("Goal");
    expect(goalAt).toBeGreaterThan(-1);
    expect(await leadRow.locator("td").nth(goalAt).textContent()).toBe("lead");
    expect(await saleRow.locator("td").nth(goalAt).textContent()).toBe("sale");
    expect(await leadRow.textContent()).toContain("refused: Duplicate lead");
    expect(await saleRow.textContent()).toContain("refused: too_fast");
    // The lead pays the goal's fixed €2.00; the sale 10 % of €120.00.
    expect(await leadRow.textContent()).toContain("€2.00");
    expect(await saleRow.textContent()).toContain("€12.00");

    // The lead's history: the operator's refusal, pending → refused, with the reason.
    await leadRow.locator(`[data-history="${lead}"]`).click();
    const leadHistory = page.locator(`[data-history-of="${lead}"]`);
    await leadHistory.waitFor();
    const statusChange = leadHistory.locator("tr", { hasText: "status" });
    expect(await statusChange.textContent()).toContain("pending → refused");
    expect(await statusChange.textContent()).toContain("admin");
    expect(await leadHistory.textContent()).toContain("— → Duplicate lead");
    await page.screenshot({ path: "test-artifacts/dashboard-conversions.png", fullPage: true });
    // Refused from the start, the sale has not changed since.
    await saleRow.locator(`[data-history="${sale}"]`).click();
    const saleHistory = page.locator(`[data-history-of="${sale}"]`);
    await saleHistory.waitFor();
    expect(await saleHistory.textContent()).toContain("No change since registration.");
    // A second click closes it.
    await saleRow.locator(`[data-history="${sale}"]`).click();
    await saleHistory.waitFor({ state: "detached" });

    // The status filter redraws the table with the refused only.
    await page.selectOption("#conversion-status", "refused");
    await page.locator("#conversions tbody tr", { hasText: leadOrder }).waitFor();
    await page.selectOption("#conversion-status", "");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#download-csv"),
    ]);
    expect(download.suggestedFilename()).toMatch(/^conversions_goals-\d+_.*\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv.startsWith("conversion_id,created_at,program_id,goal,")).toBe(true);
    expect(csv).toContain(lead);
    expect(csv).toContain(sale);
    expect(csv).toMatch(new RegExp(`^${lead},[^,]+,[0-9a-f]+,lead,${leadOrder},refused,`, "m"));
    // The token travelled in a header only.
    expect(urls.filter((url) => url.includes(server.adminToken))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
