import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import { getDelivery, insertDeliveryStatement } from "../../src/storage/deliveries";
import {
  deleteOldAttempts,
  listAttempts,
  recordAttemptStatements,
  recordTestAttempt,
} from "../../src/storage/delivery-attempts";
import { insertEndpoint } from "../../src/storage/endpoints";
import { decodeCursor } from "../../src/storage/pages";
import { aDelivery, anAttempt, anEndpoint } from "../support/storage-seeds";

const db = env.DB;
const byEndpoint = (endpointId: string) => ({ endpointId, conversionId: null });

describe("storage/delivery-attempts", () => {
  it("logs an attempt and writes the delivery's new state while it is still as read", async () => {
    const d = aDelivery();
    await insertDeliveryStatement(db, d).run();
    const attempt = anAttempt(d, {
      httpStatus: null,
      error: "timeout",
      response: null,
      outcome: "retrying",
    });
    const next = { ...d, attempts: 1, updatedAt: d.updatedAt + 5 };
    const [, update] = await db.batch(recordAttemptStatements(db, attempt, 0, next, "failed"));
    expect(update?.results).toEqual([{ state: "pending" }]);
    expect(await getDelivery(db, d.eventId, d.endpointId)).toEqual(next);
    expect((await listAttempts(db, byEndpoint(d.endpointId), 10, null)).data).toEqual([attempt]);
  });

  it("logs a late attempt with the late outcome and leaves the delivery as a twin left it", async () => {
    const d = aDelivery();
    await insertDeliveryStatement(db, d).run();
    const twin = anAttempt(d, { attemptedAt: 1_000 });
    await db.batch(
      recordAttemptStatements(db, twin, 0, { ...d, state: "delivered", attempts: 1 }, "delivered"),
    );
    const late = anAttempt(d, { attemptedAt: 2_000, outcome: "retrying" });
    const [, update] = await db.batch(
      recordAttemptStatements(db, late, 0, { ...d, attempts: 1 }, "failed"),
    );
    expect(update?.results).toEqual([]);
    expect(await getDelivery(db, d.eventId, d.endpointId)).toMatchObject({
      state: "delivered",
      attempts: 1,
    });
    const log = await listAttempts(db, byEndpoint(d.endpointId), 10, null);
    expect(log.data.map((a) => [a.id, a.outcome])).toEqual([
      [late.id, "failed"],
      [twin.id, "delivered"],
    ]);
  });

  it("logs a test attempt with no delivery behind it", async () => {
    const d = aDelivery();
    const test = anAttempt(d, { outcome: "test", conversionId: null });
    await recordTestAttempt(db, test);
    expect((await listAttempts(db, byEndpoint(d.endpointId), 10, null)).data).toEqual([test]);
  });

  it("lists newest first by endpoint or by conversion, paged on the attempt id", async () => {
    const d = aDelivery();
    const attempts = [1_000, 2_000, 3_000].map((t, i) =>
      anAttempt(d, { attemptedAt: t, attempt: i + 1 }),
    );
    for (const a of attempts) await recordTestAttempt(db, a);
    await recordTestAttempt(
      db,
      anAttempt(aDelivery({ endpointId: d.endpointId, conversionId: newId() })),
    );
    const first = await listAttempts(
      db,
      { endpointId: null, conversionId: d.conversionId },
      2,
      null,
    );
    expect(first.data).toEqual([attempts[2], attempts[1]]);
    const after = decodeCursor(first.next_cursor as string, 1);
    expect(after).toEqual([attempts[1]?.id]);
    const rest = await listAttempts(
      db,
      { endpointId: null, conversionId: d.conversionId },
      2,
      after,
    );
    expect(rest).toEqual({ data: [attempts[0]], next_cursor: null });
    expect((await listAttempts(db, byEndpoint(d.endpointId), 10, null)).data).toHaveLength(4);
  });

  it("deletes attempts older than an id, of existing endpoints, a batch at a time", async () => {
    const endpoint = anEndpoint();
    await insertEndpoint(db, endpoint);
    const d = aDelivery({ endpointId: endpoint.id });
    const old = [1_000, 2_000, 3_000].map((t) => anAttempt(d, { attemptedAt: t }));
    const recent = anAttempt(d, { attemptedAt: 9_000_000 });
    for (const a of [...old, recent]) await recordTestAttempt(db, a);
    const before = (5_000).toString(16).padStart(12, "0");
    expect(await deleteOldAttempts(db, before, 2)).toBe(2);
    expect(await deleteOldAttempts(db, before, 10)).toBeGreaterThanOrEqual(1);
    expect((await listAttempts(db, byEndpoint(endpoint.id), 10, null)).data).toEqual([recent]);
  });

  // Found while writing this file: the delete walked the endpoints table, so a deleted endpoint's
  // log was kept past RETENTION_DAYS.
  it("deletes old attempts of a deleted endpoint too", async () => {
    const d = aDelivery();
    await recordTestAttempt(db, anAttempt(d, { attemptedAt: 1_000 }));
    await deleteOldAttempts(db, (5_000).toString(16).padStart(12, "0"), 1_000);
    expect((await listAttempts(db, byEndpoint(d.endpointId), 10, null)).data).toEqual([]);
  });
});
