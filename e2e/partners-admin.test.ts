// The operator's side of the partner portal (issue 27), at desktop and phone widths: a program is
// opened to applications in its settings; a visitor applies on /join/<program>; the operator
// approves one application (its invite URL, copied, signs the new partner in), rejects another
// with a reason, and is told when a third was decided already; then invites an existing partner,
// disables it (its session answers 401, its link still redirects) and enables it again.
import { mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { openArea, sharedChromium, signIn, watchedPage } from "./browser.ts";
import { adminApi } from "./server.ts";

const server = inject("server");
const browser = sharedChromium();
// The local state outlives runs: this run's program, partners and applicants carry this stamp.
const stamp = Date.now();
let programId: string;
let programName: string;
// The form admits 5 applications a minute from one address to one program: the phone's round
// applies to a program of its own, opened to applications when created.
let phoneProgram: { id: string; name: string };

async function created<T>(path: string, body: unknown): Promise<T> {
  const answer = await adminApi<T>(server, "POST", path, body);
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json;
}

/** A dashboard page whose script errors and unexpected refusals are kept. */
async function dashboard(width: number, height: number, expected: RegExp[] = []) {
  const context = await browser().newContext({
    viewport: { width, height },
    isMobile: width < 640,
    hasTouch: width < 640,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const { page, problems } = await watchedPage(context, server, expected);
  await signIn(page, server);
  return { context, page, problems };
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A visitor (no token, a browser of their own) applies on the program's public form. */
async function apply(
  context: BrowserContext,
  program: string,
  who: { name: string; email: string },
) {
  const page = await context.newPage();
  await page.goto(`${server.origin}/join/${program}`);
  await page.getByLabel("Name or company").fill(who.name);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Website (optional)").fill("https://blog.example/reviews");
  await page
    .getByLabel("How will you promote the program?")
    .fill(`Reviews and a newsletter, ${who.name}`);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("heading", { name: "Thank you" }).waitFor();
  await page.close();
}

/** POST /api/partner/sign-in/invite with the token of an invite URL's fragment. */
async function redeem(url: string) {
  const token = new URL(url).hash.replace(/^#invite=/, "");
  expect(token).toMatch(/^pi_[\w-]+$/);
  const response = await fetch(`${server.origin}/api/partner/sign-in/invite`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.origin },
    body: JSON.stringify({ token }),
  });
  const body = (await response.json()) as { partner?: { id: string; name: string } };
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("aecid_partner="))
    ?.split(";")[0];
  return { status: response.status, partner: body.partner, cookie };
}

const me = async (cookie: string) =>
  (await fetch(`${server.origin}/api/partner/me`, { headers: { Cookie: cookie } })).status;

/** The invite panel: its URL (copied with its Copy button), expiry and what it says. */
async function shownInvite(page: Page) {
  const panel = page.locator("#invite-shown");
  await panel.waitFor();
  const url = (await panel.locator("#invite-url").textContent()) ?? "";
  await panel.getByRole("button", { name: "Copy", exact: true }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(url);
  expect(await panel.textContent()).toMatch(/sends no mail/);
  expect(await panel.textContent()).toMatch(/shown this once/);
  const expires = Date.parse(
    (await panel.locator("#invite-expires").getAttribute("datetime")) ?? "",
  );
  // Valid 7 days from now (give or take the test's own minutes).
  expect(Math.abs(expires - (Date.now() + 7 * 86_400_000))).toBeLessThan(10 * 60_000);
  return url;
}

beforeAll(async () => {
  programName = `Applications ${stamp}`;
  const program = await created<{ id: string; applications_open: boolean }>("/programs", {
    name: programName,
    landing_url: "https://shop.example.com/",
    allowed_domains: ["shop.example.com"],
    commission: { type: "percent", value: 10 },
  });
  expect(program.applications_open).toBe(false);
  programId = program.id;
  phoneProgram = await created<{ id: string; name: string }>("/programs", {
    name: `Applications on a phone ${stamp}`,
    landing_url: "https://shop.example.com/",
    allowed_domains: ["shop.example.com"],
    commission: { type: "percent", value: 10 },
    applications_open: true,
  });
});

describe("dashboard: partners and their applications", () => {
  it("opens the program to applications in its settings, with partners seeing amounts", async () => {
    expect((await fetch(`${server.origin}/join/${programId}`)).status).toBe(404);
    const { context, page, problems } = await dashboard(1280, 900);
    await page.goto(`${server.origin}/dashboard/#/programs/${programId}`);
    const form = page.getByRole("form", { name: "Settings" });
    await form.waitFor();
    const open = form.getByLabel("Open to applications", { exact: true });
    expect(await open.isChecked()).toBe(false);
    // Each switch says what it does in one line beside it, the form's URL included.
    expect(await form.textContent()).toContain(`${server.origin}/join/${programId}`);
    expect(await form.textContent()).toContain("their commission they always see");
    await open.check();
    await form.getByLabel("Partners see order amounts", { exact: true }).check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await adminApi(server, "GET", `/programs/${programId}`)).json)
      .toMatchObject({ applications_open: true, partners_see_amounts: true });
    expect((await fetch(`${server.origin}/join/${programId}`)).status).toBe(200);
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    const at = `${width}px`;

    it(`approves an application (its invite signs the partner in), rejects one, and says when one was decided already, at ${at}`, async () => {
      const program = width < 640 ? phoneProgram : { id: programId, name: programName };
      const visitor = await browser().newContext();
      const applicants = ["approve", "reject", "late"].map((role) => ({
        name: `Applicant ${role} ${at} ${stamp}`,
        email: `${role}-${width}-${stamp}@blog.example`,
      }));
      for (const who of applicants) await apply(visitor, program.id, who);
      await visitor.close();
      const [approved, rejected, late] = applicants as [
        (typeof applicants)[0],
        (typeof applicants)[0],
        (typeof applicants)[0],
      ];

      // The late one's approval answers 409 by design.
      const { context, page, problems } = await dashboard(width, height, [/\/approve$/]);
      await openArea(page, "Applications", "#applications-area");
      // Pending first: the area opens on them.
      expect(await page.locator("#application-status").inputValue()).toBe("pending");
      await page.selectOption("#application-program", program.id);
      const row = (who: { name: string }) =>
        page.locator("#applications tr", { hasText: who.name });
      await row(late).waitFor();
      const text = (await row(approved).textContent()) ?? "";
      expect(text).toContain(approved.email);
      expect(text).toContain(program.name);
      expect(text).toContain(`Reviews and a newsletter, ${approved.name}`);
      expect(
        await row(approved)
          .getByRole("link", { name: "https://blog.example/reviews" })
          .getAttribute("href"),
      ).toBe("https://blog.example/reviews");

      await row(approved).getByRole("button", { name: "Approve" }).click();
      await page
        .locator("#application-approved", {
          hasText: `${approved.name} is now a partner of ${program.name}`,
        })
        .waitFor();
      const url = await shownInvite(page);
      expect(url).toContain("/partner/#invite=");
      expect(await overflow(page), "approved, invite shown").toBeLessThanOrEqual(1);
      mkdirSync("test-artifacts", { recursive: true });
      await page.screenshot({
        path: `test-artifacts/dashboard-applications-${width}.png`,
        fullPage: true,
      });
      const signedIn = await redeem(url);
      expect(signedIn.status).toBe(200);
      expect(signedIn.partner?.name).toBe(approved.name);
      // The invite is one-time.
      expect((await redeem(url)).status).toBe(401);
      await row(approved).waitFor({ state: "detached" });

      await row(rejected).getByRole("button", { name: "Reject" }).click();
      await row(rejected).getByLabel("Reason for rejecting").fill("No audience in our market");
      await row(rejected).getByRole("button", { name: "Confirm" }).click();
      await page.locator("#application-notice", { hasText: "rejected" }).waitFor();
      await row(rejected).waitFor({ state: "detached" });

      // Another tab (here, the API) decides the last one; this page still shows it pending.
      const pending = await adminApi<{ data: { id: string; name: string }[] }>(
        server,
        "GET",
        `/applications?status=pending&program_id=${program.id}`,
      );
      const lateId = pending.json.data.find((a) => a.name === late.name)?.id;
      expect((await adminApi(server, "POST", `/applications/${lateId}/approve`)).status).toBe(200);
      await row(late).getByRole("button", { name: "Approve" }).click();
      await page.locator("#application-notice", { hasText: "Already decided" }).waitFor();
      await row(late).waitFor({ state: "detached" });

      await page.selectOption("#application-status", "rejected");
      await row(rejected).getByText("rejected: No audience in our market").waitFor();
      await page.selectOption("#application-status", "approved");
      await row(approved).getByText("approved").waitFor();

      // The program's public form, to copy.
      const forms = page.locator("#join-forms tr", { hasText: program.name });
      expect(await forms.locator("code").textContent()).toBe(`${server.origin}/join/${program.id}`);
      expect(await overflow(page), "applications").toBeLessThanOrEqual(1);
      expect(problems).toEqual([]);
      await context.close();
    });

    it(`invites an existing partner, disables it (its session ends, its link still redirects) and enables it, at ${at}`, async () => {
      const partner = await created<{ id: string; name: string; disabled: boolean }>("/partners", {
        name: `Invited ${at} ${stamp}`,
        email: `invited-${width}-${stamp}@partner.example`,
      });
      expect(partner.disabled).toBe(false);
      const link = await created<{ url: string }>("/links", {
        program_id: programId,
        partner_id: partner.id,
      });
      const { context, page, problems } = await dashboard(width, height);
      await openArea(page, "Partners", "#partner-list tbody td:not(.empty)");
      const row = page.locator(`#partner-list tr[data-partner="${partner.id}"]`);
      expect(await row.textContent()).toContain("active");

      await row.getByRole("button", { name: "Invite", exact: true }).click();
      const url = await shownInvite(page);
      expect(await page.locator("#invite-shown").textContent()).toContain(partner.name);
      expect(await overflow(page), "invite shown").toBeLessThanOrEqual(1);
      const signedIn = await redeem(url);
      expect(signedIn.status).toBe(200);
      expect(signedIn.partner?.id).toBe(partner.id);
      const cookie = signedIn.cookie as string;
      expect(await me(cookie)).toBe(200);

      await row.getByRole("button", { name: "Disable", exact: true }).click();
      const question = row.getByRole("alertdialog");
      expect(await question.textContent()).toMatch(/sessions.*stop working/);
      expect(await question.textContent()).toMatch(/links keep redirecting/);
      mkdirSync("test-artifacts", { recursive: true });
      await page.screenshot({
        path: `test-artifacts/dashboard-partners-${width}.png`,
        fullPage: true,
      });
      await row.getByRole("button", { name: "Confirm", exact: true }).click();
      await row.getByRole("button", { name: "Enable", exact: true }).waitFor();
      expect(await row.textContent()).toContain("disabled");
      expect(await row.getByRole("button", { name: "Invite", exact: true }).count()).toBe(0);
      expect(await me(cookie)).toBe(401);
      const redirect = await fetch(link.url, { redirect: "manual" });
      expect(redirect.status).toBe(302);
      expect(await overflow(page), "partners").toBeLessThanOrEqual(1);

      await row.getByRole("button", { name: "Enable", exact: true }).click();
      await row.getByRole("button", { name: "Invite", exact: true }).waitFor();
      expect(await row.textContent()).toContain("active");
      // Enabling does not bring the ended session back.
      expect(await me(cookie)).toBe(401);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
