import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, type Json, postback, setupClick, setupLink, waitForCount } from "../support/helpers";
import { createShopifySource, sendShopify, webhookId } from "../support/shopify";
import { orderBody } from "./shopify-fixtures";

const conversionsOf = async (programId: string) =>
  (
    await env.DB.prepare("SELECT * FROM conversions WHERE program_id = ?1")
      .bind(programId)
      .all<Json>()
  ).results;

const withAecid = (aecid: string) => [{ name: "aecid", value: aecid }];

describe("Shopify as a conversion source", () => {
  it("registers orders/paid from note_attributes: subtotal after discounts, the customer, logged", async () => {
    const { program, partner, aecid } = await setupClick();
    const source = await createShopifySource(program.id);
    const order = orderBody({ note_attributes: withAecid(aecid) });
    const id = webhookId();
    const answer = await sendShopify(source.id, "orders/paid", order, { id });
    expect(answer).toMatchObject({ status: 201, body: { status: "registered", event_id: id } });
    const [conversion, ...others] = await conversionsOf(program.id);
    expect(others).toEqual([]);
    expect(conversion).toMatchObject({
      id: answer.body.conversion_id,
      order_id: String(order.id),
      click_id: aecid,
      partner_id: partner.id,
      amount: 5000,
      currency: "EUR",
      commission: 500,
      customer: String(order.customer.id),
    });
    await waitForCount(
      "SELECT count(*) AS n FROM postback_log WHERE program_id = ?1",
      [program.id],
      1,
    );
    const row = await env.DB.prepare("SELECT fields FROM postback_log WHERE program_id = ?1")
      .bind(program.id)
      .first<{ fields: string }>();
    expect(JSON.parse(row?.fields ?? "{}")).toMatchObject({
      source: `shopify ${source.id}`,
      event: `orders/paid ${id}`,
      id: String(order.id),
    });
    // Redelivered (Shopify's same webhook ID): 200, nothing changes. The registered conversion
    // is the event's record, so the redelivery is the duplicate of its order.
    const again = await sendShopify(source.id, "orders/paid", order, { id });
    expect(again).toMatchObject({ status: 200, body: { status: "duplicate" } });
    expect(again.body.reason).not.toBe("already_seen");
    expect(await conversionsOf(program.id)).toHaveLength(1);
  });

  it("reads the aecid from landing_site's query, and the total on a total-basis source", async () => {
    const { program, aecid } = await setupClick();
    const source = await createShopifySource(program.id, { amount_basis: "total" });
    const order = orderBody({ landing_site: `/collections/mugs?utm_source=aff&aecid=${aecid}` });
    expect((await sendShopify(source.id, "orders/paid", order)).status).toBe(201);
    const [conversion] = await conversionsOf(program.id);
    expect(conversion).toMatchObject({ click_id: aecid, amount: 6450 });
  });

  it("credits a discount code's partner with no click at all", async () => {
    const { program, partner } = await setupLink();
    await api("POST", `/programs/${program.id}/vouchers`, {
      code: "MUGS10",
      partner_id: partner.id,
    });
    const source = await createShopifySource(program.id);
    const order = orderBody({
      discount_codes: [{ code: "MUGS10", amount: "10.00", type: "fixed_amount" }],
    });
    const answer = await sendShopify(source.id, "orders/paid", order);
    expect(answer.status).toBe(201);
    const [conversion] = await conversionsOf(program.id);
    expect(conversion).toMatchObject({ partner_id: partner.id, click_id: null, amount: 5000 });
  });

  it("answers 200 to what it does not use or cannot credit, each with its reason", async () => {
    const { program } = await setupClick();
    const source = await createShopifySource(program.id);
    expect((await sendShopify(source.id, "orders/create", orderBody())).body).toMatchObject({
      status: "ignored",
      reason: "event_type_not_used",
    });
    expect((await sendShopify(source.id, "orders/paid", orderBody())).body).toMatchObject({
      status: "refused",
      reason: "no_aecid",
    });
    const stranger = orderBody({ note_attributes: withAecid("0123456789abcdef01234567") });
    expect((await sendShopify(source.id, "orders/paid", stranger)).body).toMatchObject({
      status: "refused",
      reason: "no_attributable_click",
    });
    expect(await conversionsOf(program.id)).toEqual([]);
  });

  it("turns the same webhook delivered 100 times at once into one conversion", async () => {
    const { program, aecid } = await setupClick();
    const source = await createShopifySource(program.id);
    const order = orderBody({ note_attributes: withAecid(aecid) });
    const id = webhookId();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => sendShopify(source.id, "orders/paid", order, { id })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(99);
    expect(await conversionsOf(program.id)).toHaveLength(1);
  });

  it("turns orders/paid racing the advertiser's postback for the same order into one conversion", async () => {
    const { program, aecid, key } = await setupClick();
    const source = await createShopifySource(program.id);
    const order = orderBody({ note_attributes: withAecid(aecid) });
    const fields = { key, id: String(order.id), amount: "50.00", currency: "EUR", cids: aecid };
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 ? sendShopify(source.id, "orders/paid", order) : postback(fields),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(await conversionsOf(program.id)).toHaveLength(1);
  });
});
