// The dashboard's outbound endpoints: add one, send a test, edit it, disable and enable it, and
// read the delivery log. No receiver is reachable from here, so the test delivery fails: the
// log must show that failure in red.
import { describe, expect, inject, it } from "vitest";
import { openArea, sharedChromium, signIn } from "./browser.ts";

const server = inject("server");
const browser = sharedChromium();

describe("dashboard: outbound postbacks and webhooks", () => {
  it("adds an endpoint, sends a test, edits, disables and enables it, and shows the delivery log", async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, server);
    await openArea(page, "Endpoints", "#endpoints-area[data-program]");
    // The local state outlives runs: this run's rows are told apart by their own host.
    const host = `partner-${Date.now()}.example`;
    const url = `https://${host}/postback?clickid={sub1}&payout={commission}`;
    await page.fill("#endpoint-url", url);
    await page.click("#endpoint-add button[type=submit]");
    const row = page.locator("#endpoints tr", { hasText: `${host}/postback` });
    await row.waitFor();
    expect(await page.textContent("#endpoint-notice")).toContain("Endpoint added");

    await row.locator("[data-test]").click();
    await row.locator("[data-test].outcome-bad").waitFor();
    await page.locator("#deliveries .outcome-bad", { hasText: "test" }).first().waitFor();

    await row.locator("[data-edit]").click();
    await row.locator("[data-edit-url]").fill(url.replace("postback", "cb"));
    await row.locator("[data-save]").click();
    await page.locator("#endpoints tr", { hasText: `${host}/cb?clickid` }).waitFor();

    const edited = () => page.locator("#endpoints tr", { hasText: `${host}/cb?clickid` });
    // Disabling asks first.
    await edited().locator("[data-toggle]").click();
    await edited().getByRole("button", { name: "Confirm", exact: true }).click();
    await edited().locator("text=disabled by the operator").waitFor();
    await edited().locator("[data-toggle]").click();
    await edited().locator("text=enabled").waitFor();
    await page.screenshot({ path: "test-artifacts/dashboard-endpoints.png", fullPage: true });
    await page.close();
  });
});
