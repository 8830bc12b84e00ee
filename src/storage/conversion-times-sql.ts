/**
 * How long after their click conversions came, per goal, in buckets (for choosing a program's
 * `min_seconds_to_convert`), as text with no imports so `npm run conversion-times` runs the very
 * statement the tests check. ?1: a program id, or null for every program.
 */
export const BUCKETS = [
  [5, "under 5 s"],
  [15, "5-15 s"],
  [30, "15-30 s"],
  [60, "30-60 s"],
  [300, "1-5 min"],
  [1_800, "5-30 min"],
  [7_200, "30 min-2 h"],
  [86_400, "2-24 h"],
] as const;

export const OVER_A_DAY = "a day or more";

export const conversionTimesSql = `SELECT goal, bucket, count(*) AS conversions FROM (
    SELECT c.goal, CASE
      ${BUCKETS.map(([seconds, name]) => `WHEN c.created_at - k.created_at < ${seconds * 1000} THEN '${name}'`).join("\n      ")}
      ELSE '${OVER_A_DAY}' END AS bucket,
      c.created_at - k.created_at AS ms
    FROM conversions c JOIN clicks k ON k.id = c.click_id
    WHERE c.attribution = 'click' AND (?1 IS NULL OR c.program_id = ?1))
  GROUP BY goal, bucket ORDER BY goal, min(ms)`;
