import type { Click } from "./clicks";
import type { LinkCounter } from "./link-counts";

/**
 * The click path's only click write, for one click or many: the rows travel as one JSON parameter
 * (D1 allows 100 bound parameters per statement, a click has 14 columns). One row written per
 * click, no secondary index; idempotent, since the aecid is the key.
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

/**
 * Many counter increments in one upsert: one row written per link and day, not per hit. With
 * `afterClickInsert`, it must follow the click insert in the same batch and only counts if that
 * insert wrote rows (`changes()`), so replaying a batch that was in fact committed (an ambiguous
 * failure, then a retry) cannot count its clicks twice.
 */
export function addCountsStatement(db: D1Database, deltas: CountDelta[], afterClickInsert = false) {
  const rows = deltas.map((d) => [
    d.day,
    d.linkId,
    d.counts.clicks,
    d.counts.bot_hits,
    d.counts.impressions,
  ]);
  return db
    .prepare(
      `INSERT INTO daily_link_counts (day, link_id, clicks, bot_hits, impressions)
       SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]', value ->> '$[4]'
       FROM json_each(?1) WHERE ?2 = 0 OR changes() > 0
       ON CONFLICT (day, link_id) DO UPDATE SET clicks = clicks + excluded.clicks,
         bot_hits = bot_hits + excluded.bot_hits, impressions = impressions + excluded.impressions`,
    )
    .bind(JSON.stringify(rows), afterClickInsert ? 1 : 0);
}

/** Sums what is queued per link and day. */
export function countDeltas(
  entries: { linkId: string; at: string; counter: LinkCounter }[],
): CountDelta[] {
  const deltas = new Map<string, CountDelta>();
  for (const { linkId, at, counter } of entries) {
    const key = `${at}|${linkId}`;
    const delta = deltas.get(key) ?? {
      linkId,
      day: at,
      counts: { clicks: 0, bot_hits: 0, impressions: 0 },
    };
    delta.counts[counter]++;
    deltas.set(key, delta);
  }
  return [...deltas.values()];
}
