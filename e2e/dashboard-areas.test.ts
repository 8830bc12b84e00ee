// Every area of the dashboard through its nav, at desktop and phone widths: each opens with no
// script error, no failed request and no sideways scroll; a refused form shows the API's message
// next to its field; a destructive action asks first (Cancel keeps, Confirm deletes); a voucher
// and the deep-link builder work.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { openArea, sharedChromium, signIn } from "./browser.ts";

const server = inject("server");
const browser = sharedChromium();
const AREAS: [string, string][] = [
  ["Overview", "#overview[data-program]"],
  ["Reports", "#reports[data-state=loaded]"],
  ["Programs", "#programs tbody a"],
  ["Partners", "#partner-list tbody td:not(.empty)"],
  ["Applications", "#join-forms tbody td:not(.empty)"],
  ["Links", "#links code.url"],
  ["Vouchers", "#voucher-create"],
  ["Conversions", "#conversions"],
  ["Payouts", "#payouts-area[data-loaded]"],
  ["Postbacks", "#postbacks"],
  ["Endpoints", "#endpoints-area[data-program]"],
  ["Sources", "#sources-area[data-program]"],
  ["Dead letters", "#dead-letter-count"],
  ["Currencies", "#currencies tbody td:not(.empty)"],
  ["Audit", "#audit tbody td:not(.empty)"],
];

/** A page whose script errors and failed requests are kept (but the Access probe's 401). */
async function watched(width: number, height: number) {
  const page = await browser().newPage({ viewport: { width, height }, isMobile: width < 640 });
  const problems: string[] = [];
  const probe = `${server.origin}/api/programs?limit=1`;
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && message.location().url !== probe)
      problems.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && response.url() !== probe)
      problems.push(`${response.status()} ${response.url()}`);
  });
  await signIn(page, server);
  return { page, problems };
}

const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

describe("dashboard areas", () => {
  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    it(`opens every area at ${width} px wide`, async () => {
      const { page, problems } = await watched(width, height);
      const labels = await page.getByRole("navigation").getByRole("link").allTextContents();
      expect(labels).toEqual(AREAS.map(([label]) => label));
      for (const [label, ready] of AREAS) {
        await openArea(page, label, ready);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, label).toBeLessThanOrEqual(1);
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it("shows the API's field messages next to the fields, with the request ID", async () => {
    const { page } = await watched(1280, 900);
    await openArea(page, "Programs", "#program-create");
    // Each field is found by its label alone, in the form named by its button.
    const form = page.getByRole("form", { name: "Create program" });
    const field = (label: string) => form.getByLabel(label, { exact: true });
    await field("Name").fill(`Refused ${Date.now()}`);
    await field("Landing page").fill("https://shop.example.com/");
    await field("Allowed domains").fill("not a domain");
    await field("Percent").fill("150");
    await button(page, "Create program").click();
    // The API's message is the field's description, shown beside it.
    await form.locator(".field-error").first().waitFor();
    await expect.poll(() => field("Percent").getAttribute("aria-invalid")).toBe("true");
    const described = async (label: string) => {
      const ids = ((await field(label).getAttribute("aria-describedby")) ?? "")
        .split(" ")
        .filter(Boolean);
      return (await Promise.all(ids.map((id) => page.textContent(`[id="${id}"]`)))).join(" ");
    };
    expect(await described("Percent")).toBe("must be at most 100");
    expect(await described("Allowed domains")).toContain("is not a domain name");
    expect(await described("Name")).toBe("");
    expect(await form.locator(".error-id").textContent()).toMatch(/request ID [0-9a-f]+/);
    await page.close();
  });

  it("asks before deleting an endpoint: Cancel keeps it, Confirm deletes it", async () => {
    const { page } = await watched(1280, 900);
    await openArea(page, "Endpoints", "#endpoints-area[data-program]");
    const host = `delete-${Date.now()}.example`;
    await page.fill("#endpoint-url", `https://${host}/postback?clickid={sub1}`);
    await page.click("#endpoint-add button[type=submit]");
    const row = page.locator("#endpoints tr", { hasText: host });
    await row.waitFor();
    await row.locator("[data-delete]").click();
    await row.getByRole("alertdialog").waitFor();
    await row.getByRole("button", { name: "Cancel", exact: true }).click();
    await row.locator("[data-delete]").waitFor();
    await row.locator("[data-delete]").click();
    await row.getByRole("button", { name: "Confirm", exact: true }).click();
    await row.waitFor({ state: "detached" });
    await page.close();
  });

  it("assigns a voucher, and builds a deep link on an allowed domain", async () => {
    const { page } = await watched(1280, 900);
    const code = `E2E-${Date.now()}`;
    await openArea(page, "Vouchers", "#voucher-create");
    await page.fill("#voucher-create [name=code]", code);
    await button(page, "Create voucher").click();
    await page.locator("#vouchers", { hasText: code }).waitFor();

    await openArea(page, "Links", "#links code.url");
    await page
      .locator("#links tbody tr")
      .first()
      .getByRole("button", { name: "Deep link" })
      .click();
    const builder = page.getByRole("region", { name: "Deep-link builder" });
    await builder.locator("input[type=url]").fill("https://example.com/summer?x=1");
    await builder.locator("input").nth(1).fill("campaign-7");
    const built = new URL((await page.textContent("#deep-link")) as string);
    expect(built.pathname).toMatch(/^\/c\//);
    expect(built.searchParams.get("url")).toBe("https://example.com/summer?x=1");
    expect(built.searchParams.get("sub1")).toBe("campaign-7");
    await builder.locator("input[type=url]").fill("https://elsewhere.example/");
    await builder.locator(".field-error").waitFor();
    await page.close();
  });
});
