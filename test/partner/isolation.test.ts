import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { withToken } from "../support/partner-session";
import { received } from "../support/receiver-client";
import { type Answer, type Ask, FOREIGN, NO_ID, tokenMay } from "./isolation-cases";
import { documentedRoutes, twoPartners } from "./isolation-world";

const ids = (answer: Answer) => (answer.body.data as { id: string }[]).map((row) => row.id);

describe("isolation: two partners, three programs", () => {
  it("every route with an ID or a filter answers 404 for the other's, by session and by token", async () => {
    const w = await twoPartners();
    const routes = await documentedRoutes();
    const uncovered = routes.filter((r) => !(r in FOREIGN) && !NO_ID.has(r));
    expect(uncovered, "partner routes without an isolation case").toEqual([]);
    const before = await env.DB.prepare("SELECT * FROM endpoints ORDER BY id").all();
    const asSession = (a: Ask) => w.alice.json(a.method, a.path, a.body);
    const asToken = (a: Ask) => withToken(w.tokens.alice.token, a.method, a.path, a.body);
    let asked = 0;
    for (const route of routes) {
      for (const ask of FOREIGN[route]?.(w) ?? []) {
        const bySession = await asSession(ask);
        expect(bySession.status, `${ask.method} ${ask.path}`).toBe(404);
        expect(bySession.body.error.code).toBe("not_found");
        const byToken = await asToken(ask);
        expect(byToken.status, `token: ${ask.method} ${ask.path}`).toBe(tokenMay(ask) ? 404 : 403);
        asked++;
      }
    }
    expect(asked).toBeGreaterThanOrEqual(20);
    // Nothing of Bob's changed: his endpoint and token still work.
    expect((await env.DB.prepare("SELECT * FROM endpoints ORDER BY id").all()).results).toEqual(
      before.results,
    );
    expect((await withToken(w.tokens.bob.token, "GET", "/me")).body.id).toBe(w.ids.bob);
    // Bob asking for Alice's gets the same.
    expect((await w.bob.json("GET", `/links/${w.links.a1.id}`)).status).toBe(404);
    expect((await w.bob.json("GET", `/conversions/${w.conversions.alice[0]}`)).status).toBe(404);
    expect((await w.bob.json("GET", `/endpoints/${w.endpoints.alice}`)).status).toBe(404);
    // Bob's statement of the shared payout is his own, never Alice's lines.
    const his = await w.bob.fetchAs(`/payouts/${w.payouts.shared}/statement`);
    expect(his.status).toBe(200);
    expect(await his.text()).not.toContain(w.conversions.alice[0]);
  });

  it("lists hold only the partner's rows, and reports count only its traffic", async () => {
    const w = await twoPartners();
    for (const as of [
      (path: string) => w.alice.json("GET", path),
      (path: string) => withToken(w.tokens.alice.token, "GET", path),
    ]) {
      expect(ids(await as("/programs"))).toEqual([w.programs.p1.id]);
      expect(ids(await as("/links"))).toEqual([w.links.a1.id]);
      expect(ids(await as(`/links?program_id=${w.programs.p1.id}`))).toEqual([w.links.a1.id]);
      const conversions = await as("/conversions");
      expect(conversions.body.data.map((c: any) => c.conversion_id)).toEqual(w.conversions.alice);
      expect(ids(await as("/endpoints"))).toEqual([w.endpoints.alice]);
      expect(ids(await as("/tokens"))).toEqual([w.tokens.alice.id]);
      expect(ids(await as("/passkeys"))).toEqual([w.passkeys.alice]);
      const payouts = await as("/payouts");
      expect(ids(payouts)).toEqual([w.payouts.shared]);
      expect(payouts.body.data[0]).toMatchObject({ status: "paid", entries: 1 });
      const share = await as(`/payouts/${w.payouts.shared}`);
      expect(share.body.items.map((i: any) => i.conversion_id)).toEqual([w.conversions.alice[0]]);
      const report = await as("/reports?group_by=partner");
      expect(report.body.data).toEqual([
        expect.objectContaining({ partner_id: w.ids.alice, clicks: 1, conversions: 1 }),
      ]);
      const p1 = await as(`/reports?group_by=link&program_id=${w.programs.p1.id}`);
      expect(p1.body.data.map((r: any) => r.link_id)).toEqual([w.links.a1.id]);
      expect((await as(`/reports?partner_id=${w.ids.alice}`)).status).toBe(200);
    }
    const bobs = await w.bob.json("GET", "/reports?group_by=link&sort=clicks");
    expect(bobs.body.data.map((r: any) => [r.link_id, r.clicks])).toEqual([
      [w.links.b1.id, 2],
      [w.links.b2.id, 1],
    ]);
    // P2 hides its amounts: no revenue from it in Bob's report.
    const byProgram = await w.bob.json(
      "GET",
      `/reports?program_id=${w.programs.p2.id}&group_by=link`,
    );
    expect(byProgram.body.data[0]).toMatchObject({ clicks: 1, conversions: 1, revenue: {} });
    expect(byProgram.body.data[0].commission).toEqual({ EUR: 999 });
    expect(bobs.body.data[0].revenue).toEqual({ EUR: 19980 });
  });

  it("amounts and the customer only where the program shows them; CSVs are the partner's own", async () => {
    const w = await twoPartners();
    const [inP1 = [], inP2 = []] = await Promise.all(
      w.conversions.bob.map(async (id) => (await w.bob.json("GET", `/conversions/${id}`)).body),
    ).then((all) => [
      all.filter((c) => c.program_id === w.programs.p1.id),
      all.filter((c) => c.program_id === w.programs.p2.id),
    ]);
    expect(inP1).toHaveLength(2);
    for (const c of inP1) expect(c).toMatchObject({ amount: 9990, currency: "EUR", goal: "sale" });
    expect(inP2).toHaveLength(1);
    expect(inP2[0]).not.toHaveProperty("amount");
    expect(inP2[0]).not.toHaveProperty("currency");
    expect(inP2[0]).not.toHaveProperty("customer");
    expect(inP2[0]).toMatchObject({
      commission: 999,
      commission_currency: "EUR",
      status: "pending",
    });
    expect(inP2[0]).not.toHaveProperty("id");
    const csv = await w.bob.fetchAs("/conversions?format=csv");
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("conversion_id,created_at,program_id,link_id");
    const p2Line = lines.find((l) => l.includes(w.programs.p2.id)) as string;
    expect(p2Line).not.toContain("99.90");
    expect(lines.filter((l) => l.includes("99.90"))).toHaveLength(2);
    for (const id of w.conversions.alice) expect(lines.join()).not.toContain(id);
    const report = await w.alice.fetchAs("/reports?format=csv&group_by=link");
    const rows = (await report.text()).trim().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(w.links.a1.id);
  });

  it("a partner's endpoint fires for its own conversions only", async () => {
    const w = await twoPartners();
    await vi.waitFor(async () => expect((await received(w.hosts.bob)).length).toBe(3), {
      timeout: 30_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect((await received(w.hosts.alice)).length).toBe(1), {
      timeout: 30_000,
      interval: 100,
    });
    const [only] = await received(w.hosts.alice);
    expect(new URL(only?.url ?? "").searchParams.get("p")).toBe(w.ids.alice);
    const log = await w.alice.json("GET", `/endpoints/${w.endpoints.alice}/deliveries`);
    expect(log.body.data.map((a: any) => a.conversion_id)).toEqual(w.conversions.alice);
    const theirs = await env.DB.prepare(
      "SELECT count(*) AS n FROM deliveries d JOIN conversions c ON c.id = d.conversion_id WHERE d.endpoint_id = ?1 AND c.partner_id <> ?2",
    )
      .bind(w.endpoints.alice, w.ids.alice)
      .first<{ n: number }>();
    expect(theirs?.n).toBe(0);
  });
});
