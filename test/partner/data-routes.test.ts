import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createLink, createPartner, createProgram, visit } from "../support/helpers";
import { signInPartner, withToken } from "../support/partner-session";

describe("the partner's data routes", () => {
  it("programs: the partner's, without the key, sources or fraud rules; sub-ID guidance", async () => {
    const program = await createProgram({
      name: "Mine",
      hold_days: 14,
      partners_see_amounts: true,
    });
    const partner = await createPartner();
    await createLink(program.id, partner.id);
    const browser = await signInPartner(partner.id);
    const read = await browser.json("GET", `/programs/${program.id}`);
    expect(read.status).toBe(200);
    expect(Object.keys(read.body).sort()).toEqual(
      [
        "allowed_domains",
        "attribution_model",
        "attribution_window_days",
        "commission",
        "default_goal",
        "goals",
        "hold_days",
        "id",
        "landing_url",
        "name",
        "partners_see_amounts",
        "sub_ids",
      ].sort(),
    );
    expect(read.body).toMatchObject({ name: "Mine", hold_days: 14, partners_see_amounts: true });
    expect(read.body.sub_ids).toEqual(["sub1", "sub2", "sub3", "sub4", "sub5"]);
    expect((await browser.json("GET", "/programs")).body.data).toEqual([read.body]);
  });

  it("links: a deep link on the program's domains, by session or token, audited as the partner", async () => {
    const program = await createProgram();
    const partner = await createPartner();
    await api("POST", `/partners/${partner.id}/invite`);
    await env.DB.prepare("INSERT INTO program_partners VALUES (?1, ?2, ?3)")
      .bind(program.id, partner.id, Date.now())
      .run();
    const browser = await signInPartner(partner.id);
    const off = await browser.json("POST", "/links", {
      program_id: program.id,
      destination: "https://evil.example/",
    });
    expect(off.status).toBe(400);
    expect(off.body.error.fields).toEqual({
      destination: "must be an http(s) URL on the program's allowed domains",
    });
    const made = await browser.json("POST", "/links", {
      program_id: program.id,
      destination: "https://shop.example/summer",
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      program_id: program.id,
      partner_id: partner.id,
      destination: "https://shop.example/summer",
      url: expect.stringMatching(/\/c\/[\w-]+$/),
    });
    const token = (await browser.json("POST", "/tokens", { name: "script" })).body.token;
    const byToken = await withToken(token, "POST", "/links", { program_id: program.id });
    expect(byToken.status).toBe(201);
    expect(byToken.body.follows_landing_url).toBe(true);
    const visited = await visit(made.body.id, { query: "sub1=x" });
    expect(visited.headers.get("Location")).toContain("https://shop.example/summer");
    const listed = await withToken(token, "GET", "/links");
    expect(listed.body.data.map((l: any) => l.id)).toEqual([byToken.body.id, made.body.id]);
    const audit = await api("GET", "/audit");
    expect(audit.body.data[0]).toMatchObject({
      operator: `partner:${partner.id}`,
      action: "create",
      resource_id: byToken.body.id,
    });
  });

  it("endpoints: partner_id forced, the admin's URL and macro rules, the secret shown once", async () => {
    const program = await createProgram();
    const partner = await createPartner();
    await createLink(program.id, partner.id);
    const browser = await signInPartner(partner.id);
    for (const [url, field] of [
      ["http://localhost/x", "url"],
      ["https://10.0.0.1/x", "url"],
      ["https://a.example/x?c={nope}", "url"],
    ] as const) {
      const refused = await browser.json("POST", "/endpoints", {
        url,
        method: "GET",
        events: ["conversion.registered"],
      });
      expect(refused.status, url).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual([field]);
    }
    const naming = await browser.json("POST", "/endpoints", {
      url: "https://a.example/x",
      method: "GET",
      events: ["conversion.registered"],
      partner_id: partner.id,
    });
    expect(naming.status).toBe(400);
    const hook = await browser.json("POST", "/endpoints", {
      url: "https://hooks.example/in",
      method: "POST",
      events: ["conversion.registered", "conversion.approved"],
      program_id: program.id,
    });
    expect(hook.status).toBe(201);
    expect(hook.body).toMatchObject({ partner_id: partner.id, program_id: program.id });
    expect(hook.body.secret).toMatch(/^whsec_/);
    const read = await browser.json("GET", `/endpoints/${hook.body.id}`);
    expect(read.body).not.toHaveProperty("secret");
    const off = await browser.json("PATCH", `/endpoints/${hook.body.id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, disabled_reason: "disabled by the partner" });
    const fromAdmin = await api("POST", "/endpoints", {
      url: "https://ops.example/in",
      method: "GET",
      events: ["conversion.registered"],
      partner_id: partner.id,
    });
    const listed = await browser.json("GET", "/endpoints");
    expect(listed.body.data.map((e: any) => e.id)).toEqual([fromAdmin.body.id, hook.body.id]);
    expect((await browser.json("GET", `/endpoints/${hook.body.id}/deliveries`)).body).toEqual({
      data: [],
      next_cursor: null,
    });
    expect((await browser.json("DELETE", `/endpoints/${hook.body.id}`)).body).toEqual({
      id: hook.body.id,
      deleted: true,
    });
    expect((await browser.json("GET", `/endpoints/${hook.body.id}`)).status).toBe(404);
  });
});
