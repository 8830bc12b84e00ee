import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import {
  deleteEndpoint,
  endpointsFor,
  getEndpoint,
  insertEndpoint,
  listEndpoints,
  recordDeliveryEnd,
  updateEndpoint,
} from "../../src/storage/endpoints";
import { decodeCursor } from "../../src/storage/pages";
import { anEndpoint, futureMs } from "../support/storage-seeds";

const db = env.DB;

describe("storage/endpoints", () => {
  it("reads back an endpoint: events as an array, enabled as a boolean, nulls kept", async () => {
    const e = anEndpoint({
      method: "POST",
      partnerId: newId(),
      events: ["conversion.refused"],
      createdAt: 1_700_000_000_000,
    });
    await insertEndpoint(db, e);
    expect(await getEndpoint(db, e.id)).toEqual(e);
    expect(await getEndpoint(db, newId())).toBeNull();
  });

  it("updates what an admin may change, not the method, scope or creation time", async () => {
    const e = anEndpoint();
    await insertEndpoint(db, e);
    const changed = {
      ...e,
      url: "https://partner.example/v2",
      events: ["conversion.updated" as const],
      enabled: false,
      disabledReason: "paused",
      secretGeneration: 2,
      failedStreak: 3,
      updatedAt: e.updatedAt + 1,
    };
    await updateEndpoint(db, { ...changed, method: "POST", programId: newId(), createdAt: 1 });
    expect(await getEndpoint(db, e.id)).toEqual(changed);
  });

  it("deletes an endpoint and says whether there was one", async () => {
    const e = anEndpoint();
    await insertEndpoint(db, e);
    expect(await deleteEndpoint(db, e.id)).toBe(true);
    expect(await deleteEndpoint(db, e.id)).toBe(false);
    expect(await getEndpoint(db, e.id)).toBeNull();
  });

  it("lists newest first, of one partner or all, with a cursor", async () => {
    const partnerId = newId();
    const [a, b] = [
      anEndpoint({ partnerId, createdAt: futureMs() }),
      anEndpoint({ partnerId, createdAt: futureMs() }),
    ];
    const c = anEndpoint({ createdAt: futureMs() });
    for (const e of [a, b, c]) await insertEndpoint(db, e as ReturnType<typeof anEndpoint>);
    const first = await listEndpoints(db, partnerId, 1, null);
    expect(first.data).toEqual([b]);
    const rest = await listEndpoints(
      db,
      partnerId,
      1,
      decodeCursor(first.next_cursor as string, 2),
    );
    expect(rest).toEqual({ data: [a], next_cursor: null });
    expect((await listEndpoints(db, null, 2, null)).data).toEqual([c, b]);
  });

  it("finds the enabled endpoints whose scope takes a program and partner", async () => {
    const programId = newId();
    const partnerId = newId();
    const wanted = [
      anEndpoint({ programId, partnerId }),
      anEndpoint({ programId }),
      anEndpoint({ partnerId }),
    ];
    const unwanted = [
      anEndpoint({ programId, enabled: false }),
      anEndpoint({ programId: newId(), partnerId }),
      anEndpoint({ programId, partnerId: newId() }),
    ];
    for (const e of [...wanted, ...unwanted]) await insertEndpoint(db, e);
    const found = (await endpointsFor(db, programId, partnerId)).filter(
      (e) => e.programId !== null || e.partnerId !== null,
    );
    expect(found.map((e) => e.id).sort()).toEqual(wanted.map((e) => e.id).sort());
  });

  it("counts failed deliveries in a row, disables at the limit once, and resets on a success", async () => {
    const e = anEndpoint();
    await insertEndpoint(db, e);
    expect(await recordDeliveryEnd(db, e.id, false, 3, "failing", 10)).toBe(false);
    expect(await recordDeliveryEnd(db, e.id, true, 3, "failing", 11)).toBe(false);
    expect((await getEndpoint(db, e.id))?.failedStreak).toBe(0);
    for (const now of [12, 13])
      expect(await recordDeliveryEnd(db, e.id, false, 3, "failing", now)).toBe(false);
    expect(await recordDeliveryEnd(db, e.id, false, 3, "failing", 14)).toBe(true);
    expect(await getEndpoint(db, e.id)).toMatchObject({
      enabled: false,
      disabledReason: "failing",
      failedStreak: 3,
      updatedAt: 14,
    });
    // Past the limit: already disabled, so not "disabled now", and the first reason stays.
    expect(await recordDeliveryEnd(db, e.id, false, 3, "other", 15)).toBe(false);
    expect(await getEndpoint(db, e.id)).toMatchObject({
      disabledReason: "failing",
      failedStreak: 4,
    });
  });
});
