import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Json, setupClick, waitForCount } from "../support/helpers";
import { checkoutSession, createStripeSource, sendStripe, stripeEvent } from "../support/stripe";
import { invoice } from "../support/stripe-invoices";

const GOALS = [
  { name: "sale", commission: { type: "percent", value: 10 } },
  { name: "renewal", commission: { type: "percent", value: 5 }, repeatable: true },
];

describe("Stripe renewals (invoice.paid) through the customer's binding", () => {
  it("registers each later cycle as the repeatable goal for the partner of the sale, once", async () => {
    const { program, partner, aecid } = await setupClick({ goals: GOALS });
    const source = await createStripeSource(program.id);
    const customer = "cus_renewing_0001";
    const session = checkoutSession({ client_reference_id: aecid, customer, mode: "subscription" });
    expect(
      (await sendStripe(source.id, stripeEvent("checkout.session.completed", session))).status,
    ).toBe(201);
    // The first invoice is the sale itself.
    const first = invoice({ customer, billing_reason: "subscription_create" });
    expect((await sendStripe(source.id, stripeEvent("invoice.paid", first))).body).toMatchObject({
      status: "ignored",
      reason: "not_a_renewal",
    });
    const cycle = invoice({ customer, amount_paid: 1500 });
    const renewal = await sendStripe(source.id, stripeEvent("invoice.paid", cycle));
    expect(renewal.status).toBe(201);
    const stored = await env.DB.prepare("SELECT * FROM conversions WHERE id = ?1")
      .bind(renewal.body.conversion_id)
      .first<Json>();
    expect(stored).toMatchObject({
      goal: "renewal",
      order_id: cycle.id,
      partner_id: partner.id,
      attribution: "revenue_share",
      amount: 1500,
      commission: 75,
      customer,
    });
    // The same invoice in another event (or a redelivery before its row is kept) is a replay.
    const again = await sendStripe(source.id, stripeEvent("invoice.paid", cycle));
    expect(again).toMatchObject({ status: 200, body: { status: "duplicate" } });
    const next = await sendStripe(source.id, stripeEvent("invoice.paid", invoice({ customer })));
    expect(next.status).toBe(201);
    const renewals = await env.DB.prepare(
      "SELECT count(*) AS n FROM conversions WHERE program_id = ?1 AND goal = 'renewal'",
    )
      .bind(program.id)
      .first<{ n: number }>();
    expect(renewals?.n).toBe(2);
  });

  it("logs a renewal of a customer no sale bound, and one for a program without a repeatable goal", async () => {
    const { program } = await setupClick({ goals: GOALS });
    const source = await createStripeSource(program.id);
    const stranger = stripeEvent("invoice.paid", invoice({ customer: "cus_never_seen_0001" }));
    expect((await sendStripe(source.id, stranger)).body).toMatchObject({
      status: "refused",
      reason: "unknown_customer",
    });
    await waitForCount(
      "SELECT count(*) AS n FROM postback_log WHERE program_id = ?1 AND outcome = 'unknown_customer'",
      [program.id],
      1,
    );
    const plain = await setupClick();
    const plainSource = await createStripeSource(plain.program.id);
    const cycle = stripeEvent("invoice.paid", invoice());
    expect((await sendStripe(plainSource.id, cycle)).body).toMatchObject({
      status: "refused",
      reason: "no_repeatable_goal",
    });
  });
});
