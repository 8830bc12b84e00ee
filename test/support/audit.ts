import { env } from "cloudflare:workers";
import type { Json } from "./helpers";
import { api } from "./helpers";

/** Every audit row of one resource, oldest first, straight from D1. */
export async function auditRowsOf(resourceType: string, resourceId: string) {
  const { results } = await env.DB.prepare(
    "SELECT * FROM audit_log WHERE resource_type = ?1 AND resource_id = ?2 ORDER BY id",
  )
    .bind(resourceType, resourceId)
    .all<Json>();
  return results.map(
    (row) => ({ ...row, fields: JSON.parse(row.fields as string) as Json }) as Json,
  );
}

export async function auditCount(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>();
  return row?.n ?? 0;
}

/** Every page of GET /api/audit with `query`, newest first. */
export async function auditPages(query: string, limit = 2) {
  const entries: Json[] = [];
  let cursor: string | null = null;
  do {
    const page: Json = await api(
      "GET",
      `/audit?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    if (page.status !== 200) throw new Error(`audit: ${JSON.stringify(page.body)}`);
    entries.push(...page.body.data);
    cursor = page.body.next_cursor;
  } while (cursor);
  return entries;
}
