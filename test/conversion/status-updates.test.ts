import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { insertClickAt } from "../support/fixtures";
import { api, postback, setupLink } from "../support/helpers";
import { received, receiverHost } from "../support/receiver-client";

async function registered(overrides: Record<string, unknown> = {}) {
  const { program, link } = await setupLink(overrides);
  const aecid = await insertClickAt(link, Date.now() - 3_600_000);
  const send = (fields: Record<string, string>) =>
    postback({ key: program.conversion_key, id: "order-1", currency: "EUR", ...fields });
  const first = await send({ amount: "80.00", cids: aecid });
  expect(first.status).toBe(201);
  return { program, aecid, send, conversionId: first.body.conversion_id as string };
}

const historyOf = async (id: string) => (await api("GET", `/conversions/${id}`)).body.history;

describe("status updates through the postback", () => {
  it("change the conversion: 200 updated, commission recomputed, one history row per field", async () => {
    const { send, conversionId } = await registered();
    const approved = await send({ status: "approved" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: "updated",
      conversion_id: conversionId,
      conversion_status: "approved",
      changed: ["status"],
    });
    // A partial refund: the amount goes down, the 10 % commission with it.
    const refund = await send({ status: "approved", amount: "50.00" });
    expect(refund.body).toMatchObject({
      amount: 5000,
      commission: 500,
      changed: ["amount", "commission"],
    });
    const history = await historyOf(conversionId);
    expect(
      history.map((h: { field: string; old: string; new: string }) => [h.field, h.old, h.new]),
    ).toEqual([
      ["status", "pending", "approved"],
      ["amount", "8000", "5000"],
      ["commission", "800", "500"],
    ]);
    expect(history.every((h: { source: string }) => h.source === "postback")).toBe(true);
    const log = await api("GET", "/postbacks?limit=5");
    expect(log.body.data[0]).toMatchObject({ outcome: "updated", conversion_id: conversionId });
  });

  it("refused, stop counting in stats; the same update again changes nothing", async () => {
    const { program, send, conversionId } = await registered();
    const day = new Date().toISOString().slice(0, 10);
    const stats = async () =>
      (await api("GET", `/stats?program_id=${program.id}&from=${day}&group_by=partner`)).body
        .data[0];
    expect((await stats()).conversions).toBe(1);
    expect((await send({ status: "refused" })).body.conversion_status).toBe("refused");
    expect((await stats())?.conversions ?? 0).toBe(0);
    const again = await send({ status: "refused" });
    expect(again.body).toMatchObject({ status: "updated", changed: [] });
    expect(await historyOf(conversionId)).toHaveLength(1);
  });

  it("keep an exact replay of a registration that carried its status a replay", async () => {
    const { program, link } = await setupLink();
    const aecid = await insertClickAt(link, Date.now() - 60_000);
    const fields = {
      key: program.conversion_key,
      id: "approved-at-once",
      amount: "10",
      currency: "EUR",
      cids: aecid,
      status: "approved",
    };
    const first = await postback(fields);
    expect(first.body).toMatchObject({ status: "registered", conversion_status: "approved" });
    expect((await postback(fields)).body).toMatchObject({ status: "duplicate", replay: true });
  });

  it("refuse a new amount in another currency than the conversion's", async () => {
    const { send } = await registered();
    const usd = await send({ status: "approved", amount: "10", currency: "USD" });
    expect(usd.status).toBe(400);
    expect(usd.body.error.fields.currency).toContain("EUR");
  });

  it("keep the operator's decisions in the history too, once each", async () => {
    const { conversionId } = await registered();
    await api("POST", `/conversions/${conversionId}/refuse`, { reason: "returned" });
    await api("POST", `/conversions/${conversionId}/refuse`, { reason: "returned" });
    await api("POST", `/conversions/${conversionId}/approve`);
    const history = await historyOf(conversionId);
    expect(
      history.map((h: { source: string; field: string; new: string }) => [
        h.source,
        h.field,
        h.new,
      ]),
    ).toEqual([
      ["admin", "status", "refused"],
      ["admin", "refuse_reason", "returned"],
      ["admin", "status", "approved"],
      ["admin", "refuse_reason", null],
    ]);
  });

  it("fire conversion.approved, conversion.updated and conversion.refused, once per change", async () => {
    const host = receiverHost();
    const { program, link } = await setupLink();
    await api("POST", "/endpoints", {
      url: `https://${host}/p?e={event}&s={status}&a={amount}`,
      method: "GET",
      events: ["conversion.approved", "conversion.updated", "conversion.refused"],
      program_id: program.id,
    });
    const aecid = await insertClickAt(link, Date.now() - 60_000);
    const send = (fields: Record<string, string>) =>
      postback({ key: program.conversion_key, id: "ev-1", currency: "EUR", ...fields });
    await send({ amount: "30", cids: aecid });
    await send({ status: "approved" });
    await send({ status: "approved" });
    await send({ status: "approved", amount: "20" });
    await send({ status: "refused" });
    await vi.waitFor(async () => expect(await received(host)).toHaveLength(3), { timeout: 20_000 });
    const events = (await received(host)).map((r) => {
      const q = new URL(r.url).searchParams;
      return `${q.get("e")} ${q.get("s")} ${q.get("a")}`;
    });
    expect(events.sort()).toEqual([
      "conversion.approved approved 30.00",
      "conversion.refused refused 20.00",
      "conversion.updated approved 20.00",
    ]);
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM deliveries WHERE conversion_id = (SELECT id FROM conversions WHERE program_id = ?1)",
    )
      .bind(program.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(3);
  });
});
