/**
 * The column data of a stored click, in bytes (BLOBs as they are, text as UTF-8, the time as 8),
 * averaged over `clicks WHERE link_id = ?1`: what the benchmark and a test measure against the
 * 150-byte budget. Text with no imports, so the benchmark runs this very statement.
 */
const COLUMNS = [
  "id",
  "link_id",
  "program_id",
  "partner_id",
  "sub1",
  "sub2",
  "sub3",
  "sub4",
  "sub5",
  "country",
  "ip_hash",
  "device",
  "ua_hash",
  "referer_host",
  "user_agent",
  "kept",
];

export const clickBytesSql = `SELECT avg(8 + ${COLUMNS.map(
  (column) => `coalesce(length(CAST(${column} AS BLOB)), 0)`,
).join(" + ")}) AS n FROM clicks WHERE link_id = ?1`;
