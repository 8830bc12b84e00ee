import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handleSourceEvent } from "../../src/sources/handle-source-event";
import { spyD1 } from "../support/d1-spy";
import { setupClick, waitForCount } from "../support/helpers";
import { createShopifySource, sendShopify, shopifyHeaders, webhookId } from "../support/shopify";
import {
  conversionRow,
  deliveriesOf,
  historyRows,
  watchConversions,
} from "../support/source-updates";
import { orderBody, refundBody } from "./shopify-fixtures";

/** A program with a Shopify source and an outbound endpoint, and a paid order not sent yet. */
async function unsold() {
  const { program, aecid } = await setupClick();
  const source = await createShopifySource(program.id);
  await watchConversions(program.id);
  const order = orderBody({ note_attributes: [{ name: "aecid", value: aecid }] });
  return { program, source, order };
}

const amounts = async (id: string) =>
  (await historyRows(id)).filter((row) => row.field === "amount").map((row) => row.new_value);

describe("a Shopify refund or cancellation before its sale", () => {
  it("keeps each refund once, redelivered or not, and takes their sum off the sale once", async () => {
    const { source, order } = await unsold();
    const first = refundBody(order.id, [{ subtotal: "10.00", tax: "1.90" }]);
    const firstId = webhookId();
    const send = () => sendShopify(source.id, "refunds/create", first, { id: firstId });
    // Delivered five times at once, then again after those answered.
    const answers = await Promise.all(Array.from({ length: 5 }, send));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.status === "kept")).toHaveLength(1);
    expect((await send()).body).toMatchObject({ status: "duplicate", reason: "already_seen" });
    // A redelivery whose decision was never recorded (the answer's write lost) is kept once too.
    await waitForCount(
      "SELECT count(*) AS n FROM source_events WHERE event_id = ?1 AND outcome = 'no_conversion_yet'",
      [firstId],
      1,
    );
    await env.DB.prepare("DELETE FROM source_events WHERE event_id = ?1").bind(firstId).run();
    expect((await send()).body).toMatchObject({ status: "kept", reason: "no_conversion_yet" });
    const second = refundBody(order.id, [{ subtotal: "5.00" }]);
    expect((await sendShopify(source.id, "refunds/create", second)).body.status).toBe("kept");
    const kept = await env.DB.prepare(
      "SELECT count(*) AS n FROM kept_order_events WHERE order_id = ?1",
    )
      .bind(String(order.id))
      .first<{ n: number }>();
    expect(kept?.n).toBe(2);

    const sale = await sendShopify(source.id, "orders/paid", order);
    expect(sale).toMatchObject({
      status: 201,
      body: { status: "registered", pending_update: "applied", amount: 3500 },
    });
    const id = sale.body.conversion_id as string;
    expect(await conversionRow(id)).toMatchObject({ amount: 3500, status: "pending" });
    expect(await amounts(id)).toEqual(["3500"]);
    expect(await deliveriesOf(id, "conversion.registered")).toBe(1);
    expect(await deliveriesOf(id, "conversion.updated")).toBe(1);
    // The sale again (another webhook, the same order): a replay, the refunds not taken again.
    const again = await sendShopify(source.id, "orders/paid", order);
    expect(again.body).toMatchObject({ conversion_id: id });
    expect(again.body.pending_update).toBeUndefined();
    expect(await amounts(id)).toEqual(["3500"]);
    const rows = await env.DB.prepare(
      "SELECT DISTINCT conversion_id FROM kept_order_events WHERE order_id = ?1",
    )
      .bind(String(order.id))
      .all();
    expect(rows.results).toEqual([{ conversion_id: id }]);
  });

  it("refuses on arrival a sale whose refunds left nothing", async () => {
    const { source, order } = await unsold();
    for (const subtotal of ["30.00", "20.00"]) {
      const refund = refundBody(order.id, [{ subtotal }]);
      expect((await sendShopify(source.id, "refunds/create", refund)).body.status).toBe("kept");
    }
    const sale = await sendShopify(source.id, "orders/paid", order);
    expect(sale.body).toMatchObject({ status: "registered", conversion_status: "refused" });
    const id = sale.body.conversion_id as string;
    expect(await conversionRow(id)).toMatchObject({ status: "refused", refuse_reason: "refunded" });
    expect(await deliveriesOf(id, "conversion.refused")).toBe(1);
  });

  it("refuses on arrival a sale cancelled first", async () => {
    const { source, order } = await unsold();
    const cancelled = {
      ...order,
      cancelled_at: "2026-12-07T03:00:00+01:00",
      cancel_reason: "customer",
    };
    const answer = await sendShopify(source.id, "orders/cancelled", cancelled);
    expect(answer).toMatchObject({
      status: 200,
      body: { status: "kept", reason: "no_conversion_yet" },
    });
    const sale = await sendShopify(source.id, "orders/paid", order);
    expect(sale).toMatchObject({
      status: 201,
      body: { status: "registered", pending_update: "applied", conversion_status: "refused" },
    });
    const id = sale.body.conversion_id as string;
    expect(await conversionRow(id)).toMatchObject({
      status: "refused",
      refuse_reason: "cancelled",
    });
    expect(await deliveriesOf(id, "conversion.registered")).toBe(1);
    expect(await deliveriesOf(id, "conversion.refused")).toBe(1);
  });

  it("takes a kept refund off once when its sale is delivered many times at once", async () => {
    const { source, order } = await unsold();
    const refund = refundBody(order.id, [{ subtotal: "10.00" }]);
    expect((await sendShopify(source.id, "refunds/create", refund)).body.status).toBe("kept");
    const sales = await Promise.all(
      Array.from({ length: 8 }, () => sendShopify(source.id, "orders/paid", order)),
    );
    expect(sales.every((sale) => sale.status === 200 || sale.status === 201)).toBe(true);
    const ids = new Set(sales.map((sale) => sale.body.conversion_id));
    expect(ids.size).toBe(1);
    const id = [...ids][0] as string;
    expect(await conversionRow(id)).toMatchObject({ amount: 4000 });
    expect(await amounts(id)).toEqual(["4000"]);
  });

  it("takes a refund off once when it races its sale", async () => {
    for (let round = 0; round < 3; round++) {
      const { source, order } = await unsold();
      const refund = refundBody(order.id, [{ subtotal: "10.00" }]);
      const [sale] = await Promise.all([
        sendShopify(source.id, "orders/paid", order),
        sendShopify(source.id, "refunds/create", refund),
      ]);
      const id = sale.body.conversion_id as string;
      expect(await conversionRow(id)).toMatchObject({ amount: 4000 });
      expect(await amounts(id)).toEqual(["4000"]);
    }
  });
});

describe("what keeping and applying cost, in D1's own figures", () => {
  it("measures the rows a kept refund and the sale applying it read and write", async () => {
    const { source, order } = await unsold();
    const spy = spyD1(env.DB);
    const spied = { ...env, DB: spy.db };
    const send = async (topic: string, body: unknown) => {
      const payload = JSON.stringify(body);
      const headers = new Headers(await shopifyHeaders(topic, payload));
      return handleSourceEvent(spied, { sourceId: source.id, body: payload, headers });
    };
    const figures = () => {
      const sum = (key: "rowsRead" | "rowsWritten") =>
        spy.statements.reduce((total, s) => total + (s[key] ?? 0), 0);
      const line = `${spy.statements.length} statements, read ${sum("rowsRead")}, wrote ${sum("rowsWritten")}`;
      spy.statements.length = 0;
      return line;
    };
    const kept = await send("refunds/create", refundBody(order.id, [{ subtotal: "10.00" }]));
    expect(kept.body?.status).toBe("kept");
    const keeping = figures();
    const sale = await send("orders/paid", order);
    expect(sale.body?.pending_update).toBe("applied");
    const saleWithKept = figures();
    const plain = await unsold();
    const plainSale = await handleSourceEvent(
      spied,
      await (async () => {
        const payload = JSON.stringify(plain.order);
        const headers = new Headers(await shopifyHeaders("orders/paid", payload));
        return { sourceId: plain.source.id, body: payload, headers };
      })(),
    );
    expect(plainSale.status).toBe(201);
    // Before the answer, from the request (the registration's transaction runs in the click's
    // Durable Object; the log row and the event's decision are written after the answer).
    console.log(
      `kept refund: ${keeping}; sale applying it: ${saleWithKept}; sale with nothing kept: ${figures()}`,
    );
  });
});
