import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, type Json, postback, setupClick, waitForCount } from "../support/helpers";
import {
  checkoutSession,
  createStripeSource,
  paymentIntent,
  sendStripe,
  stripeEvent,
} from "../support/stripe";

const conversionsOf = async (programId: string) =>
  (
    await env.DB.prepare("SELECT * FROM conversions WHERE program_id = ?1")
      .bind(programId)
      .all<Json>()
  ).results;

/** The program's postback log rows, once `count` are there, newest first. */
async function logRows(programId: string, count: number) {
  await waitForCount(
    "SELECT count(*) AS n FROM postback_log WHERE program_id = ?1",
    [programId],
    count,
  );
  const { results } = await env.DB.prepare(
    "SELECT * FROM postback_log WHERE program_id = ?1 ORDER BY id DESC",
  )
    .bind(programId)
    .all<Json>();
  return results.map((row) => ({ ...row, fields: JSON.parse(row.fields as string) }) as Json);
}

describe("Stripe as a conversion source", () => {
  it("registers a paid Checkout Session through the postback's path, binds its customer, and logs it", async () => {
    const { program, partner, aecid } = await setupClick();
    const source = await createStripeSource(program.id);
    const session = checkoutSession({ client_reference_id: aecid, amount_total: 4999 });
    const event = stripeEvent("checkout.session.completed", session);
    const answer = await sendStripe(source.id, event);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: "registered", event_id: event.id });
    const [conversion, ...others] = await conversionsOf(program.id);
    expect(others).toEqual([]);
    expect(conversion).toMatchObject({
      id: answer.body.conversion_id,
      order_id: session.payment_intent,
      click_id: aecid,
      partner_id: partner.id,
      amount: 4999,
      currency: "EUR",
      commission: 500,
      customer: session.customer,
      payment: "online",
    });
    const binding = await env.DB.prepare(
      "SELECT * FROM customer_bindings WHERE program_id = ?1 AND customer = ?2",
    )
      .bind(program.id, session.customer)
      .first<Json>();
    expect(binding).toMatchObject({ partner_id: partner.id, conversion_id: conversion?.id });
    const [row] = await logRows(program.id, 1);
    expect(row).toMatchObject({ outcome: "registered", conversion_id: conversion?.id });
    expect(row?.fields).toMatchObject({
      source: `stripe ${source.id}`,
      event: `checkout.session.completed ${event.id}`,
      id: session.payment_intent,
      cids: aecid,
    });
  });

  it("answers a redelivery 200 and changes nothing; the payment intent of the same sale is one order", async () => {
    const { program, aecid } = await setupClick();
    const source = await createStripeSource(program.id);
    const session = checkoutSession({ metadata: { aecid } });
    const event = stripeEvent("checkout.session.completed", session);
    const first = await sendStripe(source.id, event);
    expect(first.status).toBe(201);
    // The registered conversion is the event's record (no source_events row, a row fewer per
    // sale): the redelivery is the duplicate of its order, through the same registration.
    const again = await sendStripe(source.id, event);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      status: "duplicate",
      conversion_id: first.body.conversion_id,
    });
    expect(again.body.reason).not.toBe("already_seen");
    // That answer is kept for the next redelivery, which no longer registers anything.
    await waitForCount(
      "SELECT count(*) AS n FROM source_events WHERE source_id = ?1 AND outcome = 'duplicate'",
      [source.id],
      1,
    );
    expect((await sendStripe(source.id, event)).body).toMatchObject({
      status: "duplicate",
      reason: "already_seen",
    });
    // The session's own payment intent, sent too, is the same order: a replay, not a sale.
    const intent = paymentIntent({
      id: session.payment_intent as string,
      amount: 4999,
      amount_received: 4999,
      metadata: { aecid },
    });
    const replay = await sendStripe(source.id, stripeEvent("payment_intent.succeeded", intent));
    expect(replay.status).toBe(200);
    expect(replay.body.status).toBe("duplicate");
    expect(await conversionsOf(program.id)).toHaveLength(1);
  });

  it("reads amounts in ISO 4217's minor units: JPY, KWD and HUF from a payment intent", async () => {
    for (const [currency, amount] of [
      ["jpy", 500],
      ["kwd", 5120],
      ["huf", 100_050],
    ] as const) {
      const { program, aecid } = await setupClick();
      const source = await createStripeSource(program.id);
      const intent = paymentIntent({
        currency,
        amount,
        amount_received: amount,
        metadata: { aecid },
      });
      const answer = await sendStripe(source.id, stripeEvent("payment_intent.succeeded", intent));
      expect(answer.status, currency).toBe(201);
      const [conversion] = await conversionsOf(program.id);
      expect(conversion, currency).toMatchObject({
        order_id: intent.id,
        amount,
        currency: currency.toUpperCase(),
      });
    }
  });

  it("refuses a bad, stale or missing signature with 400 and changes nothing", async () => {
    const { program, aecid } = await setupClick();
    const source = await createStripeSource(program.id);
    const event = stripeEvent(
      "checkout.session.completed",
      checkoutSession({ client_reference_id: aecid }),
    );
    const stale = Math.floor(Date.now() / 1000) - 301;
    for (const answer of [
      await sendStripe(source.id, event, { secret: "whsec_not_this_source_0123456" }),
      await sendStripe(source.id, event, { timestamp: stale }),
      await sendStripe(source.id, event, { header: "" }),
      await sendStripe(source.id, event, { header: "t=1,v1=00" }),
    ]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        status: "rejected",
        error: { code: "invalid_signature" },
      });
    }
    expect(await conversionsOf(program.id)).toEqual([]);
    const rows = await logRows(program.id, 4);
    expect(rows.map((row) => row.outcome)).toEqual(Array(4).fill("invalid_signature"));
    const unknown = await sendStripe("0".repeat(24), event);
    expect(unknown.status).toBe(404);
    expect((await sendStripe("not-an-id", event)).status).toBe(404);
  });

  it("answers 200 to what it does not use or cannot credit, each logged with its reason", async () => {
    const { program, aecid } = await setupClick();
    const source = await createStripeSource(program.id);
    const expired = stripeEvent("checkout.session.expired", checkoutSession());
    expect(await sendStripe(source.id, expired)).toMatchObject({
      status: 200,
      body: { status: "ignored", reason: "event_type_not_used" },
    });
    const unpaid = checkoutSession({ client_reference_id: aecid, payment_status: "unpaid" });
    expect(
      (await sendStripe(source.id, stripeEvent("checkout.session.completed", unpaid))).body,
    ).toMatchObject({ status: "ignored", reason: "not_paid_yet" });
    const anonymous = stripeEvent("checkout.session.completed", checkoutSession());
    expect((await sendStripe(source.id, anonymous)).body).toMatchObject({
      status: "refused",
      reason: "no_aecid",
    });
    const stranger = checkoutSession({ client_reference_id: "0123456789abcdef01234567" });
    expect(
      (await sendStripe(source.id, stripeEvent("checkout.session.completed", stranger))).body,
    ).toMatchObject({ status: "refused", reason: "no_attributable_click" });
    expect(await conversionsOf(program.id)).toEqual([]);
    const rows = await logRows(program.id, 4);
    expect(rows.map((row) => row.outcome).sort()).toEqual([
      "event_type_not_used",
      "no_aecid",
      "no_attributable_click",
      "not_paid_yet",
    ]);
  });

  it("keeps the replaced secret valid after a rotation, and a disabled source acts on nothing", async () => {
    const { program, aecid } = await setupClick();
    const source = await createStripeSource(program.id);
    const path = `/programs/${program.id}/sources/${source.id}`;
    const rotated = "whsec_rotated_in_test_0123456789";
    expect((await api("PATCH", path, { signing_secret: rotated })).status).toBe(200);
    const old = stripeEvent(
      "checkout.session.completed",
      checkoutSession({ client_reference_id: aecid }),
    );
    expect((await sendStripe(source.id, old)).status).toBe(201);
    await api("PATCH", path, { enabled: false });
    const second = await setupClick();
    const later = stripeEvent(
      "checkout.session.completed",
      checkoutSession({ client_reference_id: second.aecid }),
    );
    expect(await sendStripe(source.id, later, { secret: rotated })).toMatchObject({
      status: 200,
      body: { status: "ignored", reason: "source_disabled" },
    });
    expect(await conversionsOf(program.id)).toHaveLength(1);
  });

  it("turns the same event delivered 100 times at once into one conversion", async () => {
    const { program, aecid } = await setupClick();
    const source = await createStripeSource(program.id);
    const event = stripeEvent(
      "checkout.session.completed",
      checkoutSession({ client_reference_id: aecid }),
    );
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => sendStripe(source.id, event)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(99);
    expect(new Set(answers.map((a) => a.body.status))).toEqual(
      new Set(["registered", "duplicate"]),
    );
    expect(await conversionsOf(program.id)).toHaveLength(1);
  });

  it("turns a sale event racing the advertiser's postback for the same order into one conversion", async () => {
    const { program, aecid, key } = await setupClick();
    const source = await createStripeSource(program.id);
    const session = checkoutSession({ client_reference_id: aecid, amount_total: 4999 });
    const event = stripeEvent("checkout.session.completed", session);
    const fields = {
      key,
      id: session.payment_intent as string,
      amount: "49.99",
      currency: "EUR",
      cids: aecid,
    };
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 ? sendStripe(source.id, event) : postback(fields),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(await conversionsOf(program.id)).toHaveLength(1);
  });
});
