import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type Click, utcDay } from "../src/domain/entities";
import { newId } from "../src/domain/ids";
import worker from "../src/index";
import { insertClicksStatement } from "../src/storage/clicks";
import { addCountsStatement, countDeltas } from "../src/storage/link-counts";
import { HUMAN_UA, ORIGIN, rowCount, setupLink } from "./helpers";
import { isWrite, spyD1 } from "./support/d1-spy";

/** `count` concurrent visits through the Worker with a D1 spy; waits for all their after-work. */
async function burst(
  linkId: string,
  count: number,
  db: D1Database,
  vars: Partial<Env> = {},
  ua = HUMAN_UA,
) {
  const contexts = Array.from({ length: count }, () => createExecutionContext());
  const responses = await Promise.all(
    contexts.map((ctx, i) =>
      worker.fetch(
        new Request(`${ORIGIN}/c/${linkId}?sub1=${i}`, {
          headers: { "User-Agent": ua, "CF-Connecting-IP": "192.0.2.1" },
        }),
        { ...env, DB: db, ...vars },
        ctx,
      ),
    ),
  );
  await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
  return responses;
}

describe("write-behind batching of the click path", () => {
  it("writes a burst of clicks in a few statements, still one row per click", async () => {
    const { link } = await setupLink();
    const spy = spyD1(env.DB);
    await burst(link.id, 1, spy.db); // warm the link cache and the day's salt
    spy.statements.length = 0;
    const callsBefore = spy.calls();
    const responses = await burst(link.id, 60, spy.db);
    expect(responses.every((r) => r.status === 302)).toBe(true);
    const writes = spy.statements.filter(isWrite);
    expect(spy.calls() - callsBefore).toBeLessThanOrEqual(3);
    // 60 click rows, and the link's one counter row per batch.
    const clickRows = writes.filter((w) => /INTO clicks/.test(w.sql));
    expect(clickRows.reduce((sum, w) => sum + (w.rowsWritten ?? 0), 0)).toBe(60);
    expect(writes.reduce((sum, w) => sum + (w.rowsWritten ?? 0), 0)).toBeLessThanOrEqual(63);
    expect(await rowCount("SELECT count(*) AS n FROM clicks WHERE link_id = ?1", link.id)).toBe(61);
  });

  it("adds up bot hits into one counter row per link and day", async () => {
    const { link } = await setupLink();
    const spy = spyD1(env.DB);
    await burst(link.id, 1, spy.db);
    spy.statements.length = 0;
    await burst(link.id, 40, spy.db, {}, "Googlebot/2.1");
    const writes = spy.statements.filter(isWrite);
    expect(writes.length).toBeLessThanOrEqual(2);
    expect(
      await rowCount("SELECT bot_hits AS n FROM daily_link_counts WHERE link_id = ?1", link.id),
    ).toBe(40);
  });

  it("writes one statement per click in direct mode", async () => {
    const { link } = await setupLink();
    const spy = spyD1(env.DB);
    await burst(link.id, 1, spy.db, { CLICK_WRITE_MODE: "direct" });
    spy.statements.length = 0;
    await burst(link.id, 10, spy.db, { CLICK_WRITE_MODE: "direct" });
    const clickInserts = spy.statements.filter((w) => isWrite(w) && /INTO clicks/.test(w.sql));
    expect(clickInserts).toHaveLength(10);
    expect(clickInserts.every((w) => w.rowsWritten === 1)).toBe(true);
    expect(
      await rowCount("SELECT clicks AS n FROM daily_link_counts WHERE link_id = ?1", link.id),
    ).toBe(11);
  });
});

describe("counters stay exact when a committed batch is written again", () => {
  it("counts the clicks of a replayed batch once", async () => {
    const { link } = await setupLink();
    const at = Date.now();
    const rows = [0, 1, 2].map((i) => ({
      id: newId(at + i),
      linkId: link.id,
      programId: link.program_id,
      partnerId: link.partner_id,
      createdAt: at,
      subIds: [null, null, null, null, null] as Click["subIds"],
      country: null,
      ipHash: null,
      userAgent: null,
      refererHost: null,
    }));
    const counts = countDeltas(
      rows.map((r) => ({ linkId: r.linkId, at: utcDay(r.createdAt), counter: "clicks" as const })),
    );
    const write = () =>
      env.DB.batch([insertClicksStatement(env.DB, rows), addCountsStatement(env.DB, counts, true)]);
    await write();
    await write(); // the retry of a batch whose success was not heard
    expect(await rowCount("SELECT count(*) AS n FROM clicks WHERE link_id = ?1", link.id)).toBe(3);
    expect(
      await rowCount("SELECT clicks AS n FROM daily_link_counts WHERE link_id = ?1", link.id),
    ).toBe(3);
  });
});

describe("batches stay within D1's 2 MB parameter limit", () => {
  it("splits a burst of clicks whose escaped sub-IDs and user agents are huge", async () => {
    const { link } = await setupLink();
    const spy = spyD1(env.DB);
    await burst(link.id, 1, spy.db);
    spy.statements.length = 0;
    // Each click: five sub-IDs of 255 control characters (6 bytes each once JSON-escaped) and a
    // 512-character user agent of quotes: ~9 kB of JSON, 250 of them ~2.3 MB.
    const sub = encodeURIComponent("\u0001".repeat(255));
    const contexts = Array.from({ length: 250 }, () => createExecutionContext());
    await Promise.all(
      contexts.map((ctx, i) =>
        worker.fetch(
          new Request(
            `${ORIGIN}/c/${link.id}?sub1=${sub}&sub2=${sub}&sub3=${sub}&sub4=${sub}&sub5=${sub}&i=${i}`,
            {
              headers: { "User-Agent": `Mozilla/5.0 ${'"'.repeat(500)}` },
            },
          ),
          { ...env, DB: spy.db },
          ctx,
        ),
      ),
    );
    await Promise.all(contexts.map((ctx) => waitOnExecutionContext(ctx)));
    const inserts = spy.statements.filter((s) => /INTO clicks/.test(s.sql));
    expect(inserts.length).toBeGreaterThan(1);
    expect(Math.max(...inserts.map((s) => s.largestParameter))).toBeLessThan(2_000_000);
    expect(await rowCount("SELECT count(*) AS n FROM clicks WHERE link_id = ?1", link.id)).toBe(
      251,
    );
  });
});
