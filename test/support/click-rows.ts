// Click rows as the tests see them: wherever their shard is (three databases in tests), with
// BLOB columns read back as hex.
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { CLICK_COLUMNS, type ClickRow } from "../../src/storage/clicks";
import { clickDb } from "../../src/storage/shards";

/** Every database that holds clicks in tests (CLICK_SHARDS in vitest.config.ts). */
export const CLICK_DATABASES = (): D1Database[] => [env.DB, env.CLICKS_1, env.CLICKS_2];

/** The click's row, from its shard, or null. */
export function clickRow(aecid: string): Promise<ClickRow | null> {
  return clickDb(env, aecid)
    .prepare(`SELECT ${CLICK_COLUMNS} FROM clicks WHERE id = unhex(?1)`)
    .bind(aecid)
    .first<ClickRow>();
}

/** Rows of `clicks` matching `where` (its parameters from ?1), from every shard. */
export async function clickRowsWhere(where: string, ...params: unknown[]): Promise<ClickRow[]> {
  const parts = await Promise.all(
    CLICK_DATABASES().map((db) =>
      db
        .prepare(`SELECT ${CLICK_COLUMNS} FROM clicks WHERE ${where}`)
        .bind(...params)
        .all<ClickRow>(),
    ),
  );
  return parts.flatMap((part) => part.results);
}

/** How many clicks match `where`, over every shard. */
export async function clickCount(where: string, ...params: unknown[]): Promise<number> {
  const parts = await Promise.all(
    CLICK_DATABASES().map((db) =>
      db
        .prepare(`SELECT count(*) AS n FROM clicks WHERE ${where}`)
        .bind(...params)
        .first<{ n: number }>(),
    ),
  );
  return parts.reduce((sum, row) => sum + (row?.n ?? 0), 0);
}

/** Waits until `count` clicks match `where` (they reach D1 through the click queue). */
export async function waitForClicks(where: string, params: unknown[], count: number) {
  await vi.waitFor(
    async () => {
      const n = await clickCount(where, ...params);
      if (n < count) throw new Error(`${n} of ${count} clicks so far`);
    },
    { timeout: 30_000, interval: 20 },
  );
  return clickCount(where, ...params);
}

/** A daily counter (clicks, bot_hits, impressions) summed over every shard's counters. */
export async function counterSum(
  column: "clicks" | "bot_hits" | "impressions",
  where = "1",
  ...params: unknown[]
): Promise<number> {
  const parts = await Promise.all(
    CLICK_DATABASES().map((db) =>
      db
        .prepare(`SELECT coalesce(sum(${column}), 0) AS n FROM daily_link_counts WHERE ${where}`)
        .bind(...params)
        .first<{ n: number }>(),
    ),
  );
  return parts.reduce((sum, row) => sum + (row?.n ?? 0), 0);
}

/** Waits until the counter reaches `count` over every shard. */
export async function waitForCounter(
  column: "clicks" | "bot_hits" | "impressions",
  count: number,
  where = "1",
  ...params: unknown[]
) {
  await vi.waitFor(
    async () => {
      const n = await counterSum(column, where, ...params);
      if (n < count) throw new Error(`${column}: ${n} of ${count} so far`);
    },
    { timeout: 30_000, interval: 20 },
  );
  return counterSum(column, where, ...params);
}
