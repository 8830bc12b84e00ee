import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, call, createPartner, createProgram, type Json, ORIGIN } from "../support/helpers";
import {
  asBrowser,
  invite,
  inviteToken,
  redeem,
  sessionCookieOf,
  signInPartner,
  withToken,
} from "../support/partner-session";

const DAY = 86_400_000;
afterEach(() => vi.useRealTimers());
const at = (ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ms);
};

describe("partner sign-in with an invite", () => {
  it("signs in once, with a cookie only the portal's paths receive, and keeps no secret", async () => {
    const partner = await createPartner("Invited");
    const { url, token } = await invite(partner.id);
    expect(url).toBe(`${ORIGIN}/partner/#invite=${token}`);
    const answer = await redeem(token);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      partner: { id: partner.id, name: "Invited", email: null },
    });
    const cookies = answer.headers.getSetCookie();
    expect(cookies.map((c) => /Path=([^;]+)/.exec(c)?.[1]).sort()).toEqual([
      "/api/partner",
      "/partner",
    ]);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
      expect(cookie).toContain(`Max-Age=${30 * 86_400}`);
    }
    const browser = asBrowser(sessionCookieOf(answer));
    expect((await browser.json("GET", "/me")).body).toMatchObject({
      id: partner.id,
      signed_in_via: "session",
    });
    // Only hashes are kept: neither the invite's token nor the cookie's value is in D1.
    const session = browser.cookie.split("=")[1] as string;
    const dump = await env.DB.prepare(
      `SELECT (SELECT group_concat(token_hash) FROM partner_invites) ||
              (SELECT group_concat(token_hash) FROM partner_sessions) AS kept`,
    ).first<{ kept: string }>();
    expect(dump?.kept).not.toContain(token);
    expect(dump?.kept).not.toContain(session);
    expect((await redeem(token)).status).toBe(401);
  });

  it("lets one of 20 racing redemptions of an invite sign in", async () => {
    const partner = await createPartner();
    const { token } = await invite(partner.id);
    const answers = await Promise.all(Array.from({ length: 20 }, () => redeem(token)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
    const refused = await answers.find((a) => a.status === 401)?.json();
    expect(refused).toMatchObject({ status: "rejected", error: { code: "invite_invalid" } });
  });

  it("refuses an invite past its 7 days, and a made-up or malformed one", async () => {
    const partner = await createPartner();
    const start = Date.now();
    const { token } = await invite(partner.id);
    at(start + 7 * DAY + 1000);
    expect((await redeem(token)).status).toBe(401);
    vi.useRealTimers();
    for (const bogus of [`pi_${"A".repeat(43)}`, "pi_short", "", "x".repeat(100)])
      expect((await redeem(bogus)).status).toBe(401);
    expect((await redeem("x".repeat(101))).status).toBe(400);
  });

  it("refuses a sign-in posted from another site, and the invite still works after", async () => {
    const partner = await createPartner();
    const { token } = await invite(partner.id);
    const forged = await call("/api/partner/sign-in/invite", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://evil.example" },
      body: JSON.stringify({ token }),
    });
    expect(forged.status).toBe(403);
    expect((await redeem(token)).status).toBe(200);
  });
});

describe("an approved application", () => {
  it("answers the new partner's invite, which signs it in as a member of the program", async () => {
    const program = await createProgram({ applications_open: true });
    const form = new URLSearchParams({
      name: "Applicant",
      email: "applicant@deals.example",
      website: "https://deals.example/",
      promotion: "A newsletter",
    });
    const sent = await call(`/join/${program.id}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(sent.status).toBe(200);
    const { body } = await api("GET", `/applications?program_id=${program.id}`);
    const approved = await api("POST", `/applications/${body.data[0].id}/approve`);
    expect(approved.status).toBe(200);
    const { partner_id: partnerId, invite: sent2 } = approved.body;
    expect(sent2.url).toMatch(/\/partner\/#invite=pi_/);
    const signedIn = await redeem(inviteToken(sent2.url));
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json()) as Json).toMatchObject({ partner: { id: partnerId } });
    const member = await env.DB.prepare(
      "SELECT count(*) AS n FROM program_partners WHERE program_id = ?1 AND partner_id = ?2",
    )
      .bind(program.id, partnerId)
      .first<{ n: number }>();
    expect(member?.n).toBe(1);
    expect(
      (
        await env.DB.prepare("SELECT count(*) AS n FROM links WHERE partner_id = ?1")
          .bind(partnerId)
          .first<{ n: number }>()
      )?.n,
    ).toBe(0);
  });
});

describe("partner sessions", () => {
  it("end after 30 days idle, and live on while used", async () => {
    const start = Date.now();
    const partner = await createPartner();
    const used = await signInPartner(partner.id);
    const idle = await signInPartner(partner.id);
    at(start + 29 * DAY);
    const touched = await used.fetchAs("/me");
    expect(touched.status).toBe(200);
    // The touch renews the cookie as well as the row.
    expect(touched.headers.getSetCookie()).toHaveLength(2);
    at(start + 31 * DAY);
    expect((await used.fetchAs("/me")).status).toBe(200);
    expect((await idle.fetchAs("/me")).status).toBe(401);
  });

  it("sign-out ends this session only; a stolen cookie is dead after sign-out everywhere", async () => {
    const partner = await createPartner();
    const laptop = await signInPartner(partner.id);
    const phone = await signInPartner(partner.id);
    const stolen = asBrowser(phone.cookie);
    const out = await laptop.fetchAs("/sign-out", { method: "POST" });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().every((c) => c.includes("Max-Age=0"))).toBe(true);
    expect((await laptop.fetchAs("/me")).status).toBe(401);
    expect((await phone.fetchAs("/me")).status).toBe(200);
    const desk = await signInPartner(partner.id);
    expect((await desk.fetchAs("/sign-out-everywhere", { method: "POST" })).status).toBe(204);
    for (const browser of [phone, stolen, desk])
      expect((await browser.fetchAs("/me")).status).toBe(401);
  });

  it("refuses a cookie-borne change from another origin, or naming no origin", async () => {
    const partner = await createPartner();
    const browser = await signInPartner(partner.id);
    const evil = await browser.fetchAs("/sign-out", {
      method: "POST",
      headers: { Origin: "https://evil.example" },
    });
    expect(evil.status).toBe(403);
    const bare = await call("/api/partner/sign-out", {
      method: "POST",
      headers: { Cookie: browser.cookie },
    });
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe(
      "cross_site_request",
    );
    expect((await browser.fetchAs("/me")).status).toBe(200);
  });
});

describe("disabling a partner", () => {
  it("ends its sessions, invites and tokens; enabling revives none of them", async () => {
    const partner = await createPartner();
    const browser = await signInPartner(partner.id);
    const { token: unused } = await invite(partner.id);
    const created = await browser.json("POST", "/tokens", { name: "script" });
    expect(created.status).toBe(201);
    const disabled = await api("PATCH", `/partners/${partner.id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await browser.fetchAs("/me")).status).toBe(401);
    expect((await withToken(created.body.token, "GET", "/me")).status).toBe(401);
    expect((await redeem(unused)).status).toBe(401);
    expect((await api("POST", `/partners/${partner.id}/invite`)).status).toBe(400);
    expect((await api("PATCH", `/partners/${partner.id}`, { disabled: false })).status).toBe(200);
    expect((await browser.fetchAs("/me")).status).toBe(401);
    expect((await redeem(unused)).status).toBe(401);
    // The token was only refused while disabled: it is the partner's until revoked.
    expect((await withToken(created.body.token, "GET", "/me")).status).toBe(200);
    expect(
      (await api("PATCH", "/partners/0123456789abcdef01234567", { disabled: true })).status,
    ).toBe(404);
  });
});
