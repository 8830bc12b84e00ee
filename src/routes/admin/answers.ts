import { ApiError, invalidFields } from "../../errors";
import { type CursorKey, decodeCursor, type Page } from "../../storage/pages";

/** What admin handlers share: cursors in, pages and records out. */

/** The sort key a list cursor carries, or a 400 naming `cursor`. */
export function cursorKey(cursor: string | undefined, arity: number): CursorKey | null {
  if (cursor === undefined) return null;
  const key = decodeCursor(cursor, arity);
  if (!key) throw invalidFields({ cursor: "is not a cursor this list issued" });
  return key;
}

/** A page of records as the API answers it: `{data, next_cursor}`. */
export function pageJson<T, J>(page: Page<T>, toJson: (item: T) => J) {
  return { data: page.data.map(toJson), next_cursor: page.next_cursor };
}

/** The record, or a 404 saying which kind of record has no such id. */
export function getOr404<T>(found: T | null | undefined, what: string): T {
  if (found === null || found === undefined)
    throw new ApiError("not_found", { message: `No ${what} with this id.` });
  return found;
}

/** Times in answers are ISO 8601 UTC. */
export const iso = (ms: number) => new Date(ms).toISOString();
