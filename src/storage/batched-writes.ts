import type { Click } from "./clicks";
import type { LinkCounter } from "./link-counts";

/**
 * Many clicks in one statement: the rows travel as one JSON parameter (D1 allows 100 bound
 * parameters per statement, a click has 14 columns). Still one row written per click.
 */
export function insertClicksStatement(db: D1Database, clicks: Click[]) {
  const rows = clicks.map((c) => [
    c.id,
    c.linkId,
    c.programId,
    c.partnerId,
    c.createdAt,
    ...c.subIds,
    c.country,
    c.ipHash,
    c.userAgent,
    c.refererHost,
  ]);
  const columns = [
    "id",
    "link_id",
    "program_id",
    "partner_id",
    "created_at",
    "sub1",
    "sub2",
    "sub3",
    "sub4",
    "sub5",
    "country",
    "ip_hash",
    "user_agent",
    "referer_host",
  ];
  const values = columns.map((_, i) => `value ->> '$[${i}]'`).join(", ");
  return db
    .prepare(
      `INSERT INTO clicks (${columns.join(", ")})
       SELECT ${values} FROM json_each(?1) WHERE true
       ON CONFLICT (id) DO NOTHING`,
    )
    .bind(JSON.stringify(rows));
}

export interface CountDelta {
  linkId: string;
  day: string;
  counts: Record<LinkCounter, number>;
}

/** Many counter increments in one upsert: one row written per link and day, not per hit. */
export function addCountsStatement(db: D1Database, deltas: CountDelta[]) {
  const rows = deltas.map((d) => [d.linkId, d.day, d.counts.bot_hits, d.counts.impressions]);
  return db
    .prepare(
      `INSERT INTO link_daily_counts (link_id, day, bot_hits, impressions)
       SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]'
       FROM json_each(?1) WHERE true
       ON CONFLICT (link_id, day) DO UPDATE SET
         bot_hits = bot_hits + excluded.bot_hits, impressions = impressions + excluded.impressions`,
    )
    .bind(JSON.stringify(rows));
}
