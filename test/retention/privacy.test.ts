import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ipHash } from "../../src/click/ip-hash";
import { newLogId } from "../../src/domain/ids";
import worker from "../../src/index";
import { enforceRetention } from "../../src/retention/enforce-retention";
import { insertLogStatement } from "../../src/storage/postback-log";
import { clickDb } from "../../src/storage/shards";
import { clickCount, clickRow, waitForClicks } from "../support/click-rows";
import { clickConversion, insertClickAt, registerConversion } from "../support/fixtures";
import { aecidOf, api, postback, rowCount, setupClick, setupLink, visit } from "../support/helpers";

const DAY = 86_400_000;

describe("retention", () => {
  it("deletes old unconverted clicks and log rows in bounded batches, keeps converted clicks' money", async () => {
    const { link, program, key } = await setupClick();
    const now = Date.now();
    const old = now - 400 * DAY;
    const oldClicks = [];
    for (let i = 0; i < 25; i++) oldClicks.push(await insertClickAt(link, old + i * 1000));
    await clickDb(env, oldClicks[0] as string)
      .prepare(
        "UPDATE clicks SET device = 'UA', ua_hash = x'00', ip_hash = x'01' WHERE id = unhex(?1)",
      )
      .bind(oldClicks[0])
      .run();
    // A conversion on the first old click, registered while it was fresh.
    const conversion = clickConversion({
      programId: program.id,
      partnerId: link.partner_id,
      clickId: oldClicks[0] as string,
      orderId: "old-1",
      amount: 5000,
      at: old,
    });
    expect((await registerConversion(conversion)).kind).toBe("registered");
    const oldLog = {
      programId: program.id,
      id: newLogId(old),
      receivedAt: old,
      httpStatus: 401,
      outcome: "invalid_key",
      conversionId: null,
      fields: {},
    };
    await insertLogStatement(env.DB, oldLog).run();
    const fresh = await postback({
      key,
      id: "fresh-1",
      amount: "1",
      currency: "EUR",
      cids: "nope",
    });
    expect(fresh.status).toBe(422);

    const report = await enforceRetention(env, now, 10);
    expect(report.clicksDeleted).toBeGreaterThanOrEqual(24);
    expect(await clickCount("link_id = ?1 AND created_at < ?2", link.id, now - DAY)).toBe(1);
    const kept = await clickRow(oldClicks[0] as string);
    expect(kept).toMatchObject({ ip_hash: null, device: null, ua_hash: null });
    // Every shard was visited: the old clicks were spread over the three.
    const shards = new Set(oldClicks.map((id) => clickDb(env, id)));
    expect(shards.size).toBeGreaterThan(1);
    expect(
      await rowCount(
        "SELECT count(*) AS n FROM conversions WHERE id = ?1 AND amount = 5000",
        conversion.id,
      ),
    ).toBe(1);
    expect(
      await rowCount(
        "SELECT count(*) AS n FROM postback_log WHERE program_id = ?1 AND received_at < ?2",
        program.id,
        now - DAY,
      ),
    ).toBe(0);
    expect(
      await rowCount("SELECT count(*) AS n FROM postback_log WHERE program_id = ?1", program.id),
    ).toBeGreaterThan(0);
    // The fresh click made by setupClick is untouched.
    expect(await clickCount("link_id = ?1 AND created_at > ?2", link.id, now - DAY)).toBe(1);
  });

  it("runs from the cron trigger", async () => {
    const { link } = await setupLink();
    const id = await insertClickAt(link, Date.now() - 500 * DAY);
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: "17 3 * * *" }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(await clickRow(id)).toBeNull();
  });
});

describe("erasure", () => {
  it("DELETE /api/clicks/:aecid erases the personal fields and keeps the conversion's money", async () => {
    const { link, program } = await setupLink();
    const key = program.conversion_key;
    const response = await visit(link.id, {
      query: "sub1=alice%40mail.example",
      headers: { Referer: "https://blog.example/x" },
    });
    const aecid = aecidOf(response) as string;
    await waitForClicks("id = unhex(?1)", [aecid], 1);
    const registered = await postback({
      key,
      id: "erase-1",
      amount: "42",
      currency: "EUR",
      cids: aecid,
    });
    expect(registered.status).toBe(201);
    const erased = await api("DELETE", `/clicks/${aecid}`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      aecid,
      ip_hash: null,
      user_agent: null,
      referer_host: null,
      sub1: null,
    });
    expect(erased.body.conversion).toMatchObject({ amount: 4200, commission: 420 });
    const row = await clickRow(aecid);
    expect([row?.ip_hash, row?.device, row?.ua_hash, row?.referer_host, row?.sub1]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect((await api("DELETE", "/clicks/0123456789abcdef01234567")).status).toBe(404);
  });
});

describe("IP hash", () => {
  it("is the same for one IP within a day, differs across days, and cannot be remade once the salt is retired", async () => {
    const { link } = await setupLink();
    const now = Date.now();
    const today = await ipHash(env, "198.51.100.9", now);
    expect(today).toMatch(/^[0-9a-f]{32}$/);
    expect(await ipHash(env, "198.51.100.9", now)).toBe(today);
    expect(await ipHash(env, "198.51.100.10", now)).not.toBe(today);
    const tomorrow = await ipHash(env, "198.51.100.9", now + DAY);
    expect(tomorrow).not.toBe(today);
    const day = new Date(now).toISOString().slice(0, 10);
    expect(await rowCount("SELECT count(*) AS n FROM ip_salts WHERE day = ?1", day)).toBe(1);
    await enforceRetention(env, now + DAY);
    expect(await rowCount("SELECT count(*) AS n FROM ip_salts WHERE day = ?1", day)).toBe(0);
    expect(link.id).toBeDefined();
  });
});
