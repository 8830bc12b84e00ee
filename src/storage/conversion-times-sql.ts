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

/**
 * A click's time needs no lookup (its shard may be another database): the aecid's first 8 hex
 * digits are its Unix seconds.
 */
const clickSeconds = Array.from(
  { length: 8 },
  (_, i) => `(instr('0123456789abcdef', substr(c.click_id, ${i + 1}, 1)) - 1) * ${16 ** (7 - i)}`,
).join(" + ");

export const conversionTimesSql = `SELECT goal, bucket, count(*) AS conversions FROM (
    SELECT goal, CASE
      ${BUCKETS.map(([seconds, name]) => `WHEN seconds < ${seconds} THEN '${name}'`).join("\n      ")}
      ELSE '${OVER_A_DAY}' END AS bucket, seconds
    FROM (SELECT c.goal, c.created_at / 1000.0 - (${clickSeconds}) AS seconds
          FROM conversions c
          WHERE c.attribution = 'click' AND (?1 IS NULL OR c.program_id = ?1)))
  GROUP BY goal, bucket ORDER BY goal, min(seconds)`;
