import { describe, expect, it } from "vitest";
import { type Json, setupClick, waitForCount } from "../support/helpers";
import { createShopifySource, sendShopify, webhookId } from "../support/shopify";
import {
  conversionRow,
  deliveriesOf,
  historyRows,
  watchConversions,
} from "../support/source-updates";
import { orderBody, refundBody } from "./shopify-fixtures";

/** A program with a Shopify source, an outbound endpoint, and one paid order through it. */
async function sold(extra: Json = {}) {
  const { program, aecid } = await setupClick();
  const source = await createShopifySource(program.id, extra);
  await watchConversions(program.id);
  const order = orderBody({ note_attributes: [{ name: "aecid", value: aecid }] });
  const sale = await sendShopify(source.id, "orders/paid", order);
  expect(sale.status).toBe(201);
  return { program, source, order, id: sale.body.conversion_id as string };
}

const conversion = conversionRow;
const history = historyRows;
const deliveries = deliveriesOf;

describe("Shopify refunds and cancellations as status updates", () => {
  it("lowers the amount by each refund's lines, refuses once nothing is left, with history and outbound events", async () => {
    const { source, order, id } = await sold();
    // 20.00 of goods back, and shipping (a negative adjustment) which a subtotal sale ignores.
    const first = refundBody(
      order.id,
      [{ subtotal: "20.00", tax: "3.80" }],
      [{ amount: "-5.00", kind: "shipping_refund" }],
    );
    const delivery = webhookId();
    const answer = await sendShopify(source.id, "refunds/create", first, { id: delivery });
    expect(answer).toMatchObject({
      status: 200,
      body: { status: "updated", conversion_id: id, amount: 3000 },
    });
    expect(await conversion(id)).toMatchObject({ amount: 3000, commission: 300 });
    expect(await deliveries(id, "conversion.updated")).toBe(1);
    // The same delivery again: nothing changes.
    await waitForCount(
      "SELECT count(*) AS n FROM source_events WHERE event_id = ?1",
      [delivery],
      1,
    );
    const again = await sendShopify(source.id, "refunds/create", first, { id: delivery });
    expect(again.body).toMatchObject({ status: "duplicate", reason: "already_seen" });
    expect(await conversion(id)).toMatchObject({ amount: 3000 });
    // The rest, with a discrepancy of 0.50 refunded beyond the lines: nothing is left.
    const rest = refundBody(
      order.id,
      [{ subtotal: "29.50" }],
      [{ amount: "-0.50", kind: "refund_discrepancy" }],
    );
    const last = await sendShopify(source.id, "refunds/create", rest);
    expect(last.body).toMatchObject({ status: "updated", conversion_status: "refused" });
    expect(await conversion(id)).toMatchObject({ status: "refused", refuse_reason: "refunded" });
    expect(await deliveries(id, "conversion.refused")).toBe(1);
    const fields = (await history(id)).map((row) => `${row.field} ${row.source}`);
    expect(fields).toEqual(expect.arrayContaining(["amount postback", "status postback"]));
  });

  it("takes tax and shipping back too on a total-basis source", async () => {
    const { source, order, id } = await sold({ amount_basis: "total" });
    const refund = refundBody(
      order.id,
      [{ subtotal: "20.00", tax: "3.80" }],
      [{ amount: "-5.00", kind: "shipping_refund" }],
    );
    expect((await sendShopify(source.id, "refunds/create", refund)).body).toMatchObject({
      status: "updated",
      amount: 6450 - 2880,
    });
    expect(await conversion(id)).toMatchObject({ amount: 3570 });
  });

  it("refuses on orders/cancelled, and keeps a refund for an order not registered yet", async () => {
    const { source, order, id } = await sold();
    const cancelled = {
      ...order,
      cancelled_at: "2026-12-08T09:00:00+01:00",
      cancel_reason: "customer",
    };
    const answer = await sendShopify(source.id, "orders/cancelled", cancelled);
    expect(answer.body).toMatchObject({ status: "updated", conversion_status: "refused" });
    expect(await conversion(id)).toMatchObject({ status: "refused", refuse_reason: "cancelled" });
    expect(await deliveries(id, "conversion.refused")).toBe(1);
    const stranger = refundBody(order.id + 1, [{ subtotal: "1.00" }]);
    expect((await sendShopify(source.id, "refunds/create", stranger)).body).toMatchObject({
      status: "kept",
      reason: "no_conversion_yet",
    });
  });

  it("applies one refund delivered 30 times at once exactly once", async () => {
    const { source, order, id } = await sold();
    const refund = refundBody(order.id, [{ subtotal: "10.00" }]);
    const delivery = webhookId();
    const send = () => sendShopify(source.id, "refunds/create", refund, { id: delivery });
    const answers = await Promise.all(Array.from({ length: 30 }, send));
    // And ten more at once after those answered.
    answers.push(...(await Promise.all(Array.from({ length: 10 }, send))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.status === "updated")).toHaveLength(1);
    expect(await conversion(id)).toMatchObject({ amount: 4000 });
  });
});
