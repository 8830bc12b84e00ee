import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { describe, expect, it, vi } from "vitest";
import { sweepDeliveries } from "../../src/delivery/sweep";
import worker from "../../src/index";
import { ADMIN_TOKEN, api, type Json, ORIGIN, rowCount } from "../support/helpers";
import { signInPartner } from "../support/partner-session";
import { payoutSetup, sale } from "../support/payouts";
import { recordingQueue } from "../support/queue";
import { received, receiverHost } from "../support/receiver-client";

// `payout.paid` (issue 28): each partner's share of a paid payout, to the POST endpoints
// subscribed to it (the partner's own, or bound to no partner), signed per Standard Webhooks, and
// written with the payment itself so that it survives a Worker that dies right after.

async function endpoint(body: Json) {
  const made = await api("POST", "/endpoints", body);
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  return made.body as { id: string; secret: string };
}

async function receivedExactly(host: string, count: number) {
  let got = await received(host);
  await vi.waitFor(
    async () => {
      got = await received(host);
      expect(got.length).toBeGreaterThanOrEqual(count);
    },
    { timeout: 30_000, interval: 100 },
  );
  return got;
}

const paidEvents = (payoutId: string) =>
  rowCount(
    "SELECT count(*) AS n FROM deliveries WHERE event = 'payout.paid' AND event_id LIKE ?1",
    `%.${payoutId}.%`,
  );

describe("the payout.paid event", () => {
  it("goes to the partner's own and to unbound POST endpoints, signed, one per share", async () => {
    const setup = await payoutSetup(3, { auto_approve: true });
    const [a, b, c] = setup.partners.map((p) => p.id) as [string, string, string];
    const hosts = {
      all: receiverHost(),
      a: receiverHost(),
      c: receiverHost(),
      conv: receiverHost(),
    };
    const all = await endpoint({
      url: `https://${hosts.all}/h`,
      method: "POST",
      events: ["payout.paid"],
    });
    const forA = await endpoint({
      url: `https://${hosts.a}/h`,
      method: "POST",
      events: ["payout.paid", "conversion.approved"],
      partner_id: a,
    });
    await endpoint({
      url: `https://${hosts.c}/h`,
      method: "POST",
      events: ["payout.paid"],
      partner_id: c,
    });
    await endpoint({
      url: `https://${hosts.conv}/h`,
      method: "POST",
      events: ["conversion.updated"],
    });
    // A partner's own endpoint, made in its portal, may subscribe too.
    const portal = await signInPartner(b);
    const hostB = receiverHost();
    const own = await portal.json("POST", "/endpoints", {
      url: `https://${hostB}/mine`,
      method: "POST",
      events: ["payout.paid"],
    });
    expect(own.status).toBe(201);

    await sale(setup, 0, "pe-1", 10_000);
    await sale(setup, 0, "pe-2", 5_000);
    await sale(setup, 1, "pe-3", 20_000);
    const made = await api("POST", "/payouts", {
      currency: "EUR",
      minimum: 0,
      partner_ids: [a, b],
    });
    const paid = await api("POST", `/payouts/${made.body.id}/paid`, { reference: "WIRE 42" });
    expect(paid.status).toBe(200);
    const statements = await env.DB.prepare(
      "SELECT partner_id, number FROM payout_statements WHERE payout_id = ?1",
    )
      .bind(made.body.id)
      .all<{ partner_id: string; number: number }>();
    const numberOf = new Map(statements.results.map((s) => [s.partner_id, s.number]));

    const toAll = await receivedExactly(hosts.all, 2);
    const verifier = new Webhook(all.secret);
    const events = toAll
      .map((r) => verifier.verify(r.body, r.headers) as Json)
      .sort((x, y) => x.data.statement_number - y.data.statement_number);
    const share = (partner: string, amount: number, entries: number) => ({
      type: "payout.paid",
      id: expect.stringMatching(new RegExp(`^[0-9a-f]{8}\\.${made.body.id}\\.${partner}$`)),
      created_at: paid.body.paid_at,
      data: {
        payout_id: made.body.id,
        partner_id: partner,
        currency: "EUR",
        amount,
        entries,
        reference: "WIRE 42",
        paid_at: paid.body.paid_at,
        statement_number: numberOf.get(partner),
      },
    });
    expect(events).toEqual(
      [share(a, 1500, 2), share(b, 2000, 1)].sort(
        (x, y) => (x.data.statement_number ?? 0) - (y.data.statement_number ?? 0),
      ),
    );
    // A body changed by one byte, or another endpoint's secret, does not verify.
    const first = toAll[0] as { body: string; headers: Record<string, string> };
    expect(() => verifier.verify(`${first.body} `, first.headers)).toThrow();
    expect(() => new Webhook(forA.secret).verify(first.body, first.headers)).toThrow();

    const toA = await receivedExactly(hosts.a, 1);
    expect(toA).toHaveLength(1);
    expect(
      (new Webhook(forA.secret).verify(toA[0]?.body ?? "", toA[0]?.headers ?? {}) as Json).data,
    ).toMatchObject({ partner_id: a, amount: 1500 });
    const toB = await receivedExactly(hostB, 1);
    expect(
      (new Webhook(own.body.secret).verify(toB[0]?.body ?? "", toB[0]?.headers ?? {}) as Json).data,
    ).toMatchObject({ partner_id: b, amount: 2000 });
    expect(await paidEvents(made.body.id)).toBe(4);

    // Paid again: 409, and nothing more is written or sent.
    expect((await api("POST", `/payouts/${made.body.id}/paid`, { reference: "x" })).status).toBe(
      409,
    );
    expect(await paidEvents(made.body.id)).toBe(4);
    await new Promise((r) => setTimeout(r, 300));
    expect(await received(hosts.c)).toEqual([]);
    expect(await received(hosts.conv)).toEqual([]);
    expect(await received(hosts.all)).toHaveLength(2);
  });

  it("is refused to GET endpoints and to program-bound ones, at creation and change", async () => {
    const setup = await payoutSetup(1);
    const host = receiverHost();
    const asGet = await api("POST", "/endpoints", {
      url: `https://${host}/p?c={partner_id}`,
      method: "GET",
      events: ["payout.paid"],
    });
    expect(asGet.status).toBe(400);
    expect(asGet.body.error.fields.events).toMatch(/POST endpoints only/);
    const bound = await api("POST", "/endpoints", {
      url: `https://${host}/h`,
      method: "POST",
      events: ["conversion.approved", "payout.paid"],
      program_id: setup.program.id,
    });
    expect(bound.status).toBe(400);
    expect(bound.body.error.fields.events).toMatch(/no program/);
    const get = await endpoint({
      url: `https://${host}/p`,
      method: "GET",
      events: ["conversion.registered"],
    });
    const patched = await api("PATCH", `/endpoints/${get.id}`, { events: ["payout.paid"] });
    expect(patched.status).toBe(400);
    const portal = await signInPartner(setup.partners[0]?.id as string);
    const fromPortal = await portal.json("POST", "/endpoints", {
      url: `https://${host}/x`,
      method: "GET",
      events: ["payout.paid"],
    });
    expect(fromPortal.status).toBe(400);
    expect(fromPortal.body.error.fields.events).toMatch(/POST endpoints only/);
  });

  it("survives a queue that is down: written with the payment, sent by the sweep", async () => {
    const setup = await payoutSetup(1, { auto_approve: true });
    const [p] = setup.partners.map((x) => x.id) as [string];
    const host = receiverHost();
    const hook = await endpoint({
      url: `https://${host}/h`,
      method: "POST",
      events: ["payout.paid"],
    });
    await sale(setup, 0, "down-1", 7_000);
    const made = await api("POST", "/payouts", { currency: "EUR", minimum: 0, partner_ids: [p] });
    const queue = recordingQueue();
    queue.fail();
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${ORIGIN}/api/payouts/${made.body.id}/paid`, {
        method: "POST",
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify({ reference: "queue down" }),
      }),
      { ...env, DELIVERY_QUEUE: queue.binding },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(200);
    expect(queue.sends.length).toBeGreaterThan(0);
    const row = await env.DB.prepare(
      "SELECT state, attempts FROM deliveries WHERE endpoint_id = ?1",
    )
      .bind(hook.id)
      .first();
    expect(row).toEqual({ state: "pending", attempts: 0 });
    expect(await received(host)).toEqual([]);

    // The hourly sweep, past its 10 minutes, queues it; the consumer sends it, signed.
    expect(await sweepDeliveries(env, Date.now() + 11 * 60_000)).toBeGreaterThanOrEqual(1);
    const [got] = await receivedExactly(host, 1);
    const event = new Webhook(hook.secret).verify(got?.body ?? "", got?.headers ?? {}) as Json;
    expect(event.data).toMatchObject({
      payout_id: made.body.id,
      partner_id: p,
      amount: 700,
      reference: "queue down",
    });
    await vi.waitFor(
      async () =>
        expect(
          await env.DB.prepare("SELECT state FROM deliveries WHERE endpoint_id = ?1")
            .bind(hook.id)
            .first(),
        ).toEqual({ state: "delivered" }),
      { timeout: 10_000 },
    );
  });
});
