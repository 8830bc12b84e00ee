import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import {
  cancelPending,
  deleteOldDeliveries,
  getDelivery,
  insertDeliveryStatement,
  stalled,
  touch,
} from "../../src/storage/deliveries";
import { aDelivery } from "../support/storage-seeds";

const db = env.DB;
const insert = (...ds: ReturnType<typeof aDelivery>[]) =>
  db.batch(ds.map((d) => insertDeliveryStatement(db, d)));

describe("storage/deliveries", () => {
  it("reads back a delivery as written, and null for an unknown (event, endpoint)", async () => {
    const d = aDelivery({
      conversionId: null,
      attempts: 2,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_001,
    });
    await insert(d);
    expect(await getDelivery(db, d.eventId, d.endpointId)).toEqual(d);
    expect(await getDelivery(db, d.eventId, newId())).toBeNull();
  });

  it("inserts one delivery per (event, endpoint): a second returns no row and changes nothing", async () => {
    const d = aDelivery();
    const first = await insertDeliveryStatement(db, d).all();
    expect(first.results).toEqual([{ endpoint_id: d.endpointId }]);
    const again = await insertDeliveryStatement(db, {
      ...d,
      state: "delivered",
      id: "msg_other",
    }).all();
    expect(again.results).toEqual([]);
    expect(await getDelivery(db, d.eventId, d.endpointId)).toEqual(d);
  });

  it("finds stalled pending deliveries: never attempted since one time, or untouched since another", async () => {
    // A time far ahead, so other tests' deliveries are never "untouched since" here.
    const base = 4_000_000_000_000;
    const unqueued = aDelivery({ attempts: 0, updatedAt: base + 10 });
    const tried = aDelivery({ attempts: 1, updatedAt: base + 10 });
    const lost = aDelivery({ attempts: 3, updatedAt: base + 1 });
    const done = aDelivery({ state: "delivered", attempts: 0, updatedAt: base });
    await insert(unqueued, tried, lost, done);
    const found = (await stalled(db, base + 20, base + 5, 500)).filter((d) => d.updatedAt >= base);
    expect(found).toEqual([lost, unqueued]);
    expect(await stalled(db, base + 20, base + 5, 1)).toHaveLength(1);
  });

  it("touches many deliveries at once (one JSON parameter, past 100), and only those", async () => {
    const many = Array.from({ length: 120 }, () => aDelivery({ updatedAt: 1 }));
    const other = aDelivery({ updatedAt: 1 });
    await insert(...many, other);
    await touch(db, many, 99);
    const rows = await db
      .prepare(
        "SELECT count(*) AS n FROM deliveries WHERE updated_at = 99 AND event_id IN (SELECT value FROM json_each(?1))",
      )
      .bind(JSON.stringify(many.map((d) => d.eventId)))
      .first<{ n: number }>();
    expect(rows?.n).toBe(120);
    expect((await getDelivery(db, other.eventId, other.endpointId))?.updatedAt).toBe(1);
  });

  it("cancels an endpoint's pending deliveries and leaves its finished ones", async () => {
    const endpointId = newId();
    const pending = aDelivery({ endpointId });
    const delivered = aDelivery({ endpointId, state: "delivered" });
    await insert(pending, delivered);
    await cancelPending(db, endpointId, 77);
    expect(await getDelivery(db, pending.eventId, endpointId)).toEqual({
      ...pending,
      state: "cancelled",
      updatedAt: 77,
    });
    expect(await getDelivery(db, delivered.eventId, endpointId)).toEqual(delivered);
  });

  it("deletes finished deliveries of events before an id, a batch at a time, never pending ones", async () => {
    const old = 1_000_000_000_000;
    const done = [
      aDelivery({ eventId: newId(old), state: "delivered" }),
      aDelivery({ eventId: newId(old), state: "failed" }),
    ];
    const waiting = aDelivery({ eventId: newId(old) });
    const recent = aDelivery({ state: "delivered" });
    await insert(...done, waiting, recent);
    const before = newId(old + 1_000);
    expect(await deleteOldDeliveries(db, before, 1)).toBe(1);
    expect(await deleteOldDeliveries(db, before, 10)).toBe(1);
    for (const d of done) expect(await getDelivery(db, d.eventId, d.endpointId)).toBeNull();
    expect(await getDelivery(db, waiting.eventId, waiting.endpointId)).toEqual(waiting);
    expect(await getDelivery(db, recent.eventId, recent.endpointId)).toEqual(recent);
  });
});
