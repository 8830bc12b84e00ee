import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newLogId } from "../../src/domain/ids";
import { enforceRetention } from "../../src/retention/enforce-retention";
import { dailySalt } from "../../src/storage/ip-salts";
import { insertLogStatement } from "../../src/storage/postback-log";
import { copiesOfProgram } from "../support/bulk";
import { clickRow } from "../support/click-rows";
import { queryBudget, WORKER_D1_QUERY_LIMIT } from "../support/d1-query-budget";
import { spyD1 } from "../support/d1-spy";
import { insertClickAt } from "../support/fixtures";
import { rowCount, setupLink } from "../support/helpers";

const DAY = 86_400_000;
const SHARD_DBS = () => [env.DB, env.CLICKS_1, env.CLICKS_2];

/** `n` old clicks of `programId` straight into `db`, one second apart from `fromMs`. */
async function bulkClicks(db: D1Database, programId: string, n: number, fromMs: number) {
  await db
    .prepare(
      `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?1)
       INSERT INTO clicks (id, link_id, program_id, partner_id, created_at)
       SELECT unhex(printf('%08x', ?2 / 1000 + i) || printf('%016x', i)), 'bulklink00',
         unhex(?3), unhex(?3), ?2 + i * 1000 FROM k`,
    )
    .bind(n, fromMs, programId)
    .run();
}

const clicksOf = async (programId: string) => {
  let n = 0;
  for (const db of SHARD_DBS())
    n +=
      (
        await db
          .prepare("SELECT count(*) AS n FROM clicks WHERE program_id = unhex(?1)")
          .bind(programId)
          .first<{ n: number }>()
      )?.n ?? 0;
  return n;
};

describe("retention keeps what can still convert", () => {
  it("never deletes a click younger than its program's attribution window, even past RETENTION_DAYS", async () => {
    const now = Date.now();
    const long = await setupLink({ attribution_window_days: 365 });
    const short = await setupLink({ attribution_window_days: 7 });
    const convertible = await insertClickAt(long.link, now - 300 * DAY);
    const expiredLong = await insertClickAt(long.link, now - 366 * DAY);
    const expiredShort = await insertClickAt(short.link, now - 30 * DAY);
    const freshShort = await insertClickAt(short.link, now - 3 * DAY);
    await enforceRetention({ ...env, RETENTION_DAYS: "1" }, now);
    expect(await clickRow(convertible)).not.toBeNull();
    expect(await clickRow(freshShort)).not.toBeNull();
    expect(await clickRow(expiredLong)).toBeNull();
    expect(await clickRow(expiredShort)).toBeNull();
  });

  it("retires yesterday's IP salt even when another step fails", async () => {
    const now = Date.now();
    await setupLink();
    await dailySalt(env.DB, new Date(now - DAY).toISOString().slice(0, 10), now - DAY);
    const spy = spyD1(env.DB);
    spy.failWhen(/postback_log|FROM clicks/);
    await expect(enforceRetention({ ...env, DB: spy.db }, now)).rejects.toThrow();
    expect(await rowCount("SELECT count(*) AS n FROM ip_salts WHERE day < ?1", "9999")).toBe(0);
  });
});

describe("retention under Workers' 1,000 D1 queries an invocation", () => {
  it("clears the postback log of 1,100 programs within the limit", async () => {
    const { program } = await setupLink();
    const now = Date.now();
    await copiesOfProgram(program.id, 1100);
    const old = now - 400 * DAY;
    const entry = (i: number) => ({
      programId: i.toString(16).padStart(24, "0"),
      id: newLogId(old + i),
      receivedAt: old + i,
      httpStatus: 401,
      outcome: "invalid_key",
      conversionId: null,
      fields: {},
    });
    const entries = Array.from({ length: 1100 }, (_, i) => entry(i + 1));
    for (let i = 0; i < entries.length; i += 100)
      await env.DB.batch(entries.slice(i, i + 100).map((e) => insertLogStatement(env.DB, e)));
    const budget = queryBudget(env);
    await enforceRetention(budget.env, now);
    expect(budget.used()).toBeLessThanOrEqual(WORKER_D1_QUERY_LIMIT);
    expect(
      await rowCount("SELECT count(*) AS n FROM postback_log WHERE received_at < ?1", now - DAY),
    ).toBe(0);
  });

  it("retires clicks across every shard within the limit, and the next run continues", async () => {
    const { program, link } = await setupLink({ attribution_window_days: 30 });
    const now = Date.now();
    for (const db of SHARD_DBS()) await bulkClicks(db, program.id, 1500, now - 500 * DAY);
    const young = await insertClickAt(link, now - 10 * DAY);
    const budget = queryBudget(env);
    let runs = 0;
    while ((await clicksOf(program.id)) > 1 && runs < 5) {
      budget.reset();
      await enforceRetention(budget.env, now, 10);
      expect(budget.used()).toBeLessThanOrEqual(WORKER_D1_QUERY_LIMIT);
      runs++;
    }
    expect(runs).toBeGreaterThan(1);
    expect(await clicksOf(program.id)).toBe(1);
    expect(await clickRow(young)).not.toBeNull();
  });
});
