/**
 * The one statement that adds to the (day, link) counter rows: clicks, bot hits and impressions in
 * their columns, and the report rollups (domain/report-dims.ts) merged into `dims`, in one upsert,
 * so a counter row is written once per statement however many values it holds (D1 bills rows).
 *
 * ?1 is a JSON array of entries, `[day, link, clicks, bot_hits, impressions, program, partner,
 * dims, tag]`; `when` is an SQL condition on an entry `v` (a batch's receipt, `changes()` of the
 * statement before): entries it rejects add nothing. ?2 is the cap of distinct values per day,
 * link and dimension: a value that is new once a dimension holds that many is counted under
 * `(other)`, in the order of the values, and stays there (maps only grow, so a conversion of a
 * folded click folds the same way). `(other)` itself does not count towards the cap.
 *
 * `dims` is stored as JSONB, SQLite's binary JSON: a report takes one dimension's map out of each
 * row, and out of JSONB it does so without parsing the rest of the row's maps (a row's sub1 map can
 * hold a thousand values). Rows kept as text before (migration 0014's first release) read and
 * merge the same: every JSON function takes both, and the next upsert of the row rewrites it.
 */
export function rollupUpsertSql(when: string): string {
  return `WITH entries AS MATERIALIZED (SELECT value AS v FROM json_each(?1) WHERE ${when}),
  counts AS (
    SELECT v ->> '$[0]' AS day, v ->> '$[1]' AS link, sum(v ->> '$[2]') AS clicks,
      sum(v ->> '$[3]') AS bot_hits, sum(v ->> '$[4]') AS impressions, max(v ->> '$[5]') AS program,
      max(v ->> '$[6]') AS partner, max(v -> '$[7]' IS NOT NULL) AS has_dims
    FROM entries GROUP BY 1, 2),
  flat AS (
    SELECT e.v ->> '$[0]' AS day, e.v ->> '$[1]' AS link, d.key AS dim, x.key AS val,
      m.key AS meas, m.value AS amt, 1 AS new
    FROM entries e, json_each(e.v, '$[7]') d, json_each(d.value) x, json_each(x.value) m
    UNION ALL
    SELECT t.day, t.link_id, d.key, x.key, m.key, m.value, 0
    FROM counts c JOIN daily_link_counts t ON t.day = c.day AND t.link_id = c.link AND c.has_dims,
      json_each(t.dims) d, json_each(d.value) x, json_each(x.value) m),
  vals AS (SELECT day, link, dim, val, min(new) AS new FROM flat GROUP BY 1, 2, 3, 4),
  ranked AS (
    SELECT day, link, dim, val,
      CASE WHEN new = 0 OR val = '(other)'
        OR sum(new = 0 AND val != '(other)') OVER (PARTITION BY day, link, dim)
          + sum(new = 1 AND val != '(other)') OVER (PARTITION BY day, link, dim ORDER BY new, val
              ROWS UNBOUNDED PRECEDING) <= ?2
      THEN val ELSE '(other)' END AS dest
    FROM vals),
  summed AS (
    SELECT f.day, f.link, f.dim, r.dest, f.meas, sum(f.amt) AS amt
    FROM flat f JOIN ranked r USING (day, link, dim, val) GROUP BY 1, 2, 3, 4, 5),
  per_value AS (
    SELECT day, link, dim, dest, json_group_object(meas, amt) AS m FROM summed GROUP BY 1, 2, 3, 4),
  per_dim AS (
    SELECT day, link, dim, json_group_object(dest, json(m)) AS j FROM per_value GROUP BY 1, 2, 3),
  per_row AS (SELECT day, link, json_group_object(dim, json(j)) AS dims FROM per_dim GROUP BY 1, 2)
  INSERT INTO daily_link_counts (day, link_id, clicks, bot_hits, impressions, program_id,
    partner_id, dims)
  SELECT c.day, c.link, c.clicks, c.bot_hits, c.impressions, c.program, c.partner, jsonb(p.dims)
  FROM counts c LEFT JOIN per_row p ON p.day = c.day AND p.link = c.link WHERE true
  ON CONFLICT (day, link_id) DO UPDATE SET clicks = clicks + excluded.clicks,
    bot_hits = bot_hits + excluded.bot_hits, impressions = impressions + excluded.impressions,
    program_id = coalesce(program_id, excluded.program_id),
    partner_id = coalesce(partner_id, excluded.partner_id),
    dims = coalesce(excluded.dims, dims)`;
}
