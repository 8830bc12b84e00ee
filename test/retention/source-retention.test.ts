import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { enforceRetention } from "../../src/retention/enforce-retention";
import { keepOrderEvent } from "../../src/storage/kept-order-events";
import { keepUpdate, markApplied, type PendingUpdate } from "../../src/storage/pending-updates";
import { recordEvent } from "../../src/storage/source-events";
import { rowCount } from "../support/helpers";
import { capturedLines, installLogCapture } from "../support/log-capture";

const DAY = 86_400_000;
const SOURCE = "0193a1b2c3d4e5f60718293a";

describe("retention of what conversion sources keep", () => {
  it("deletes source events and kept updates older than RETENTION_DAYS, logs the updates that never met their sale, keeps the young", async () => {
    installLogCapture();
    const now = Date.now();
    const old = now - 3 * DAY;
    const young = now - 12 * 3_600_000;
    for (const [eventId, at] of [
      ["evt_old", old],
      ["evt_young", young],
    ] as const)
      await recordEvent(env.DB, {
        sourceId: SOURCE,
        eventId,
        type: "charge.refunded",
        outcome: "no_conversion_yet",
        conversionId: null,
        receivedAt: at,
      });
    const stripe = (orderId: string, at: number): PendingUpdate => ({
      sourceId: SOURCE,
      programId: "p1",
      sourceType: "stripe",
      orderId,
      amountLeft: 100,
      currency: "EUR",
      refuse: null,
      lastEventId: `evt_${orderId}`,
      updatedAt: at,
    });
    await keepUpdate(env.DB, stripe("pi_never_sold", old), old);
    await keepUpdate(env.DB, stripe("pi_sold", old), old);
    await markApplied(env.DB, stripe("pi_sold", old), "conv_1", old);
    await keepUpdate(env.DB, stripe("pi_young", young), young);
    const shopify = (orderId: string, eventId: string, at: number) =>
      keepOrderEvent(
        env.DB,
        {
          programId: "p1",
          orderId,
          sourceId: SOURCE,
          eventId,
          sourceType: "shopify",
          amountLess: 500,
          currency: "EUR",
          refuse: null,
        },
        at,
      );
    await shopify("1001", "webhook-old", old);
    await shopify("1002", "webhook-young", young);

    const report = await enforceRetention({ ...env, RETENTION_DAYS: "1" }, now);
    expect(report).toMatchObject({
      sourceEventsDeleted: 1,
      keptUpdatesDeleted: 3,
      keptUpdatesDropped: 2,
      failed: [],
    });
    const left = async (sql: string) =>
      (await env.DB.prepare(sql).all<Record<string, string>>()).results.map((r) => r.k);
    expect(await left("SELECT event_id AS k FROM source_events ORDER BY 1")).toEqual(["evt_young"]);
    expect(await left("SELECT order_id AS k FROM pending_updates ORDER BY 1")).toEqual([
      "pi_young",
    ]);
    expect(await left("SELECT event_id AS k FROM kept_order_events ORDER BY 1")).toEqual([
      "webhook-young",
    ]);
    // Only the updates that never met their sale are logged as dropped, each once.
    const dropped = capturedLines()
      .filter((line) => line.includes('"kept_update_dropped"'))
      .map((line) => JSON.parse(line) as { orderId: string; eventId: string });
    expect(dropped.map((d) => `${d.orderId} ${d.eventId}`).sort()).toEqual([
      "1001 webhook-old",
      "pi_never_sold evt_pi_never_sold",
    ]);
    // A second run finds nothing more.
    const again = await enforceRetention({ ...env, RETENTION_DAYS: "1" }, now);
    expect(again).toMatchObject({ sourceEventsDeleted: 0, keptUpdatesDeleted: 0 });
    expect(await rowCount("SELECT count(*) AS n FROM kept_order_events")).toBe(1);
  });
});
