/**
 * Cursor pagination for every admin list. A cursor is the opaque (base64url JSON) sort key of the
 * last row served; the next page starts strictly after it, so pages stay stable while rows are added.
 */

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export type CursorKey = (string | number)[];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function encodeCursor(key: CursorKey): string {
  return btoa(JSON.stringify(key)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The sort key inside a cursor, or null when it was not made by `encodeCursor` with that arity. */
export function decodeCursor(cursor: string, arity: number): CursorKey | null {
  try {
    const key: unknown = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    if (!Array.isArray(key) || key.length !== arity) return null;
    return key.every((part) => typeof part === "string" || typeof part === "number") ? key : null;
  } catch {
    return null;
  }
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only says that another page exists.
 */
export function toPage<Row, T>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => CursorKey,
  map: (row: Row) => T,
): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  return { data: shown.map(map), next_cursor: more && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * One page of rows, newest first by (created_at, id), the ordering every admin list uses.
 * `query` is a SELECT ending in a WHERE clause over `params` (?1…?n); `alias` qualifies the columns.
 */
export async function newestFirst<Row extends object, T>(
  db: D1Database,
  query: string,
  params: unknown[],
  page: { limit: number; after: CursorKey | null; alias?: string; keyOf?: (row: Row) => CursorKey },
  map: (row: Row) => T,
): Promise<Page<T>> {
  const n = params.length;
  const column = (name: string) => (page.alias ? `${page.alias}.${name}` : name);
  const { results } = await db
    .prepare(
      `${query} AND (?${n + 1} IS NULL OR ${column("created_at")} < ?${n + 1}
         OR (${column("created_at")} = ?${n + 1} AND ${column("id")} < ?${n + 2}))
       ORDER BY ${column("created_at")} DESC, ${column("id")} DESC LIMIT ?${n + 3}`,
    )
    .bind(...params, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1)
    .all<Row>();
  const byColumns = (row: Row) => {
    const { created_at, id } = row as { created_at: number; id: string };
    return [created_at, id];
  };
  return toPage(results, page.limit, page.keyOf ?? byColumns, map);
}
