import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { waitForCount } from "../support/helpers";
import {
  conversionRow,
  deliveriesOf,
  historyRows,
  stripeSaleToCome,
} from "../support/source-updates";
import { charge, dispute, sendStripe, stripeEvent } from "../support/stripe";

const unsold = stripeSaleToCome;

const conversion = conversionRow;
const history = async (id: string) =>
  (await historyRows(id)).map((row) => `${row.field}:${row.new_value}`);
const deliveries = deliveriesOf;

describe("a refund or dispute before its sale", () => {
  it("keeps a partial refund and applies it when the sale arrives, once", async () => {
    const { source, session, pi } = await unsold();
    const refund = stripeEvent(
      "charge.refunded",
      charge({ payment_intent: pi, amount: 5000, amount_refunded: 2000 }),
    );
    const kept = await sendStripe(source.id, refund);
    expect(kept).toMatchObject({
      status: 200,
      body: { status: "kept", reason: "no_conversion_yet" },
    });
    // Kept in the postback log with its outcome.
    await waitForCount(
      "SELECT count(*) AS n FROM postback_log WHERE outcome = 'no_conversion_yet' AND fields LIKE ?1",
      [`%${refund.id}%`],
      1,
    );
    const saleEvent = stripeEvent("checkout.session.completed", session);
    const sale = await sendStripe(source.id, saleEvent);
    expect(sale).toMatchObject({
      status: 201,
      body: { status: "registered", pending_update: "applied", amount: 3000 },
    });
    const id = sale.body.conversion_id as string;
    expect(await conversion(id)).toMatchObject({ amount: 3000, commission: 300 });
    expect(await history(id)).toEqual(expect.arrayContaining(["amount:3000", "commission:300"]));
    expect(await deliveries(id, "conversion.registered")).toBe(1);
    expect(await deliveries(id, "conversion.updated")).toBe(1);
    // The sale again (another event ID, the same order): a replay, the refund not applied twice.
    const again = await sendStripe(source.id, stripeEvent("checkout.session.completed", session));
    expect(again.body).toMatchObject({ conversion_id: id });
    expect(again.body.pending_update).toBeUndefined();
    expect((await history(id)).filter((row) => row.startsWith("amount:"))).toEqual(["amount:3000"]);
    expect(
      await env.DB.prepare(
        "SELECT applied_at IS NOT NULL AS applied, conversion_id FROM pending_updates WHERE order_id = ?1",
      )
        .bind(pi)
        .first(),
    ).toEqual({ applied: 1, conversion_id: id });
  });

  it("folds refunds in any order: the least left wins; a full refund refuses the sale on arrival", async () => {
    const { source, session, pi } = await unsold();
    const refunded = (amount_refunded: number) =>
      stripeEvent(
        "charge.refunded",
        charge({
          payment_intent: pi,
          amount: 5000,
          amount_refunded,
          refunded: amount_refunded === 5000,
        }),
      );
    expect((await sendStripe(source.id, refunded(5000))).body.status).toBe("kept");
    expect((await sendStripe(source.id, refunded(1000))).body.status).toBe("kept");
    const sale = await sendStripe(source.id, stripeEvent("checkout.session.completed", session));
    expect(sale.body).toMatchObject({ pending_update: "applied", conversion_status: "refused" });
    const id = sale.body.conversion_id as string;
    expect(await conversion(id)).toMatchObject({ status: "refused", refuse_reason: "refunded" });
    expect(await deliveries(id, "conversion.refused")).toBe(1);
  });

  it("refuses on arrival a sale whose dispute came first", async () => {
    const { source, session, pi } = await unsold();
    const opened = stripeEvent(
      "charge.dispute.created",
      dispute({ payment_intent: pi, amount: 5000 }),
    );
    expect((await sendStripe(source.id, opened)).body).toMatchObject({ status: "kept" });
    const sale = await sendStripe(source.id, stripeEvent("checkout.session.completed", session));
    expect(sale.body).toMatchObject({ status: "registered", conversion_status: "refused" });
    const id = sale.body.conversion_id as string;
    expect(await conversion(id)).toMatchObject({ status: "refused", refuse_reason: "disputed" });
    expect(await history(id)).toEqual(expect.arrayContaining(["status:refused"]));
  });
});
