import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { handlePostback } from "../../src/postback/handle-postback";
import { spyD1 } from "../support/d1-spy";
import { call, type Json, postback, setupClick } from "../support/helpers";
import { fields } from "../support/postbacks";
import { createShopifySource, sendShopify } from "../support/shopify";
import {
  conversionRow,
  deliveriesOf,
  historyRows,
  stripeSaleToCome,
  watchConversions,
} from "../support/source-updates";
import { charge, sendStripe, stripeEvent } from "../support/stripe";

const amounts = async (id: string) =>
  (await historyRows(id)).filter((row) => row.field === "amount").map((row) => row.new_value);

/** The statement every registered postback now makes for what sources kept (due-for-order.ts). */
const PROBE = /FROM pending_updates WHERE program_id/;

describe("an update a source kept, applied to a sale registered by a postback", () => {
  it("applies a Stripe refund that came before the postback's sale, once", async () => {
    const { program, source, session, pi } = await stripeSaleToCome();
    const refund = stripeEvent(
      "charge.refunded",
      charge({ payment_intent: pi, amount: 5000, amount_refunded: 2000 }),
    );
    expect((await sendStripe(source.id, refund)).body.status).toBe("kept");
    const aecid = session.client_reference_id as string;
    const sale = await postback(fields(program.conversion_key, aecid, pi, { amount: "50.00" }));
    expect(sale).toMatchObject({
      status: 201,
      body: { status: "registered", pending_update: "applied", amount: 3000 },
    });
    const id = sale.body.conversion_id as string;
    expect(await conversionRow(id)).toMatchObject({ amount: 3000 });
    expect(await amounts(id)).toEqual(["3000"]);
    expect(await deliveriesOf(id, "conversion.registered")).toBe(1);
    expect(await deliveriesOf(id, "conversion.updated")).toBe(1);
    // The postback again: a replay, the refund not applied twice.
    const again = await postback(fields(program.conversion_key, aecid, pi, { amount: "50.00" }));
    expect(again).toMatchObject({ status: 200, body: { conversion_id: id } });
    expect(again.body.pending_update).toBeUndefined();
    expect(await amounts(id)).toEqual(["3000"]);
  });

  it("refuses a POST /postback sale whose Shopify order was cancelled first", async () => {
    const { program, aecid } = await setupClick();
    const source = await createShopifySource(program.id);
    await watchConversions(program.id);
    const cancelled = { id: 5_700_000_000_001, cancelled_at: "2026-12-07T03:00:00+01:00" };
    expect((await sendShopify(source.id, "orders/cancelled", cancelled)).body.status).toBe("kept");
    const response = await call("/postback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(fields(program.conversion_key, aecid, String(cancelled.id))),
    });
    const body = (await response.json()) as Json;
    expect(response.status).toBe(201);
    expect(body).toMatchObject({ pending_update: "applied", conversion_status: "refused" });
    const id = body.conversion_id as string;
    expect(await conversionRow(id)).toMatchObject({
      status: "refused",
      refuse_reason: "cancelled",
    });
    expect(await deliveriesOf(id, "conversion.refused")).toBe(1);
  });

  it("costs a postback with nothing kept one statement, reading and writing no row", async () => {
    const { key, aecid } = await setupClick();
    const spy = spyD1(env.DB);
    const answer = await handlePostback(
      { ...env, DB: spy.db },
      { key, fields: fields(key, aecid, "probe-1"), client: null },
    );
    expect(answer.ok && answer.status).toBe(201);
    const probes = spy.statements.filter((s) => PROBE.test(s.sql));
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatchObject({ rowsRead: 0, rowsWritten: 0 });
    const others = spy.statements.filter((s) => !PROBE.test(s.sql));
    const sum = (key: "rowsRead" | "rowsWritten", list = others) =>
      list.reduce((total, s) => total + (s[key] ?? 0), 0);
    // The figures for docs/sources.md: the request's own statements (the registration's
    // transaction runs in the click's Durable Object, on its own binding).
    console.log(
      `postback: ${others.length} statements read ${sum("rowsRead")}, wrote ${sum("rowsWritten")}; ` +
        `the probe: ${probes.length} statement, read ${sum("rowsRead", probes)}, wrote ${sum("rowsWritten", probes)}`,
    );
  });
});
