import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { APPLICATIONS_PER_MINUTE } from "../../src/applications/submit-application";
import { api, call, createProgram, rowCount } from "../support/helpers";

const form = (fields: Record<string, string>, ip = "198.51.100.7") =>
  ({
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": ip },
    body: new URLSearchParams(fields).toString(),
  }) satisfies RequestInit;
const good = {
  name: "Deal Finder",
  email: "team@deals.example",
  website: "https://deals.example/",
  promotion: "A newsletter of 20,000 readers",
};
const kept = (programId: string) =>
  rowCount("SELECT count(*) AS n FROM partner_applications WHERE program_id = ?1", programId);

describe("/join/<program>: applications", () => {
  it("is one plain 'not open' page for a closed or unknown program", async () => {
    const closed = await createProgram();
    for (const id of [closed.id, "0123456789abcdef01234567", "not-an-id"]) {
      const page = await call(`/join/${id}`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain("does not take applications");
      expect((await call(`/join/${id}`, form(good))).status).toBe(404);
    }
    expect(await kept(closed.id)).toBe(0);
  });

  it("keeps an application from the form, and creates nothing else", async () => {
    const program = await createProgram({ applications_open: true });
    expect(program.applications_open).toBe(true);
    const page = await call(`/join/${program.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(await page.text()).toContain('<form method="post">');
    const sent = await call(`/join/${program.id}`, form(good));
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain("was received");
    const { body } = await api("GET", `/applications?program_id=${program.id}&status=pending`);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ ...good, status: "pending", partner_id: null });
    expect(
      await rowCount("SELECT count(*) AS n FROM links WHERE program_id = ?1", program.id),
    ).toBe(0);
  });

  it("answers a refused field on the form itself, what was typed kept and escaped", async () => {
    const program = await createProgram({ applications_open: true });
    const hostile = '<script>alert("x")</script>';
    const refused = await call(
      `/join/${program.id}`,
      form({ ...good, name: hostile, email: "nope" }),
    );
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain("A valid e-mail address, please.");
    expect(text).not.toContain(hostile);
    expect(text).toContain("&lt;script&gt;");
    expect(await kept(program.id)).toBe(0);
  });

  it("answers a bot that fills the hidden field as if it were kept, and keeps nothing", async () => {
    const program = await createProgram({ applications_open: true });
    const bot = await call(`/join/${program.id}`, form({ ...good, fax: "+1 555 0100" }));
    expect(bot.status).toBe(200);
    expect(await kept(program.id)).toBe(0);
  });

  it("limits applications from one address, not from another", async () => {
    const program = await createProgram({ applications_open: true });
    const answers = [];
    for (let i = 0; i <= APPLICATIONS_PER_MINUTE; i++) {
      answers.push((await call(`/join/${program.id}`, form({ ...good, name: `P${i}` }))).status);
    }
    expect(answers).toEqual([...Array(APPLICATIONS_PER_MINUTE).fill(200), 429]);
    expect((await call(`/join/${program.id}`, form(good, "203.0.113.9"))).status).toBe(200);
    expect(await kept(program.id)).toBe(APPLICATIONS_PER_MINUTE + 1);
  });
});

describe("the operator's decisions", () => {
  async function applied() {
    const program = await createProgram({ applications_open: true });
    const email = `p${Date.now()}${Math.random().toString(16).slice(2, 8)}@deals.example`;
    await call(`/join/${program.id}`, form({ ...good, email }));
    const { body } = await api("GET", `/applications?program_id=${program.id}`);
    return { program, email, id: body.data[0].id as string };
  }

  it("approves once, racing: one partner, the other told it was decided", async () => {
    const { email, id } = await applied();
    const answers = await Promise.all(
      [1, 2, 3].map(() => api("POST", `/applications/${id}/approve`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error.code).toBe("application_decided");
    const approved = answers.find((a) => a.status === 200)?.body;
    if (!approved) throw new Error("no approval answered 200");
    expect(approved.application.status).toBe("approved");
    const partner = await api("GET", `/partners/${approved.partner_id}`);
    expect(partner.body).toMatchObject({ name: good.name, email });
    expect(await rowCount("SELECT count(*) AS n FROM partners WHERE email = ?1", email)).toBe(1);
  });

  it("rejects with a reason, and a rejected application cannot be approved", async () => {
    const { email, id } = await applied();
    const rejected = await api("POST", `/applications/${id}/reject`, { reason: "No website" });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: "rejected", reason: "No website" });
    expect((await api("POST", `/applications/${id}/approve`)).status).toBe(409);
    expect(await rowCount("SELECT count(*) AS n FROM partners WHERE email = ?1", email)).toBe(0);
    expect((await api("POST", "/applications/0123456789abcdef01234567/approve")).status).toBe(404);
  });

  it("opens and closes a program to applications", async () => {
    const program = await createProgram();
    expect(program.applications_open).toBe(false);
    const opened = await api("PATCH", `/programs/${program.id}`, { applications_open: true });
    expect(opened.body.applications_open).toBe(true);
    expect((await call(`/join/${program.id}`)).status).toBe(200);
    const stored = await env.DB.prepare("SELECT applications_open FROM programs WHERE id = ?1")
      .bind(program.id)
      .first<{ applications_open: number }>();
    expect(stored?.applications_open).toBe(1);
  });
});
