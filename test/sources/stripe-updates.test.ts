import { describe, expect, it } from "vitest";
import { waitForCount } from "../support/helpers";
import {
  conversionRow,
  deliveriesOf,
  historyRows,
  stripeSaleToCome,
} from "../support/source-updates";
import { charge, dispute, sendStripe, stripeEvent } from "../support/stripe";

/** A program with a Stripe source, an outbound endpoint, and one sale through the source. */
async function sold() {
  const { program, source, session, pi } = await stripeSaleToCome();
  const sale = await sendStripe(source.id, stripeEvent("checkout.session.completed", session));
  expect(sale.status).toBe(201);
  return { program, source, pi, id: sale.body.conversion_id };
}

const conversion = conversionRow;
const history = historyRows;
const deliveries = deliveriesOf;

describe("Stripe refunds and disputes as status updates", () => {
  it("lowers the amount on a partial refund, refuses on the full one, with history and outbound events", async () => {
    const { source, pi, id } = await sold();
    const partial = charge({ payment_intent: pi, amount: 5000, amount_refunded: 2000 });
    const first = stripeEvent("charge.refunded", partial);
    const answer = await sendStripe(source.id, first);
    expect(answer).toMatchObject({
      status: 200,
      body: { status: "updated", conversion_id: id, amount: 3000 },
    });
    expect(await conversion(id)).toMatchObject({ amount: 3000, commission: 300 });
    expect(await deliveries(id, "conversion.updated")).toBe(1);
    // Redelivered: nothing changes.
    await waitForCount(
      "SELECT count(*) AS n FROM source_events WHERE event_id = ?1",
      [first.id],
      1,
    );
    expect((await sendStripe(source.id, first)).body.status).toBe("duplicate");
    const full = charge({
      payment_intent: pi,
      amount: 5000,
      amount_refunded: 5000,
      refunded: true,
    });
    const last = await sendStripe(source.id, stripeEvent("charge.refunded", full));
    expect(last.body).toMatchObject({ status: "updated", conversion_status: "refused" });
    expect(await conversion(id)).toMatchObject({ status: "refused", refuse_reason: "refunded" });
    expect(await deliveries(id, "conversion.refused")).toBe(1);
    const fields = (await history(id)).map((row) => `${row.field}:${row.new_value}`);
    expect(fields).toEqual(
      expect.arrayContaining(["amount:3000", "commission:300", "status:refused"]),
    );
  });

  it("refuses a disputed sale, and keeps a refund of an order it does not know yet", async () => {
    const { source, pi, id } = await sold();
    const opened = dispute({ payment_intent: pi, amount: 5000 });
    const answer = await sendStripe(source.id, stripeEvent("charge.dispute.created", opened));
    expect(answer.body).toMatchObject({ status: "updated", conversion_status: "refused" });
    expect(await conversion(id)).toMatchObject({ status: "refused", refuse_reason: "disputed" });
    const stranger = charge({ payment_intent: "pi_unknown_0001", amount_refunded: 100 });
    expect(
      (await sendStripe(source.id, stripeEvent("charge.refunded", stranger))).body,
    ).toMatchObject({ status: "kept", reason: "no_conversion_yet" });
  });
});
