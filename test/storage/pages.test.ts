import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, newestFirst, toPage } from "../../src/storage/pages";
import { insertPartner } from "../../src/storage/partners";
import { aPartner, futureMs } from "../support/storage-seeds";

describe("storage/pages", () => {
  it("encodes a cursor as base64url without padding, and decodes it back", () => {
    const key = [1_700_000_000_000, "abc/+?"];
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 2)).toEqual(key);
  });

  it("rejects a cursor of another arity, another shape, or not base64 JSON", () => {
    expect(decodeCursor(encodeCursor([1, "a"]), 1)).toBeNull();
    expect(decodeCursor(btoa(JSON.stringify([{ x: 1 }, "a"])), 2)).toBeNull();
    expect(decodeCursor(btoa('{"a":1}'), 1)).toBeNull();
    expect(decodeCursor("!!!", 1)).toBeNull();
  });

  it("turns limit + 1 rows into a page whose cursor is the last row shown", () => {
    const rows = [{ k: 3 }, { k: 2 }, { k: 1 }];
    const page = toPage(
      rows,
      2,
      (r) => [r.k],
      (r) => r.k * 10,
    );
    expect(page.data).toEqual([30, 20]);
    expect(decodeCursor(page.next_cursor as string, 1)).toEqual([2]);
    expect(
      toPage(
        rows,
        3,
        (r) => [r.k],
        (r) => r.k,
      ),
    ).toEqual({ data: [3, 2, 1], next_cursor: null });
    expect(
      toPage(
        [],
        3,
        () => [0],
        (r) => r,
      ),
    ).toEqual({ data: [], next_cursor: null });
  });

  it("pages a real table newest first, after a cursor, with the caller's WHERE and parameters", async () => {
    const at = futureMs();
    const rows = [
      aPartner({ createdAt: at }),
      aPartner({ createdAt: at }),
      aPartner({ createdAt: at + 5 }),
    ];
    for (const p of rows) await insertPartner(env.DB, { ...p, name: "Paged" });
    const map = (row: { id: string; created_at: number }) => [row.created_at, row.id];
    const query = "SELECT * FROM partners WHERE name = ?1";
    const all = await newestFirst(env.DB, query, ["Paged"], { limit: 10, after: null }, map);
    const ours = all.data.filter(([, id]) => rows.some((p) => p.id === id));
    const sameTime = rows
      .slice(0, 2)
      .map((p) => p.id)
      .sort()
      .reverse();
    expect(ours).toEqual([[at + 5, rows[2]?.id], ...sameTime.map((id) => [at, id])]);
    // After the first row of the tie, only the second one (a smaller id at the same time) remains.
    const rest = await newestFirst(
      env.DB,
      query,
      ["Paged"],
      { limit: 10, after: [at, sameTime[0] as string] },
      map,
    );
    expect(rest.data[0]).toEqual([at, sameTime[1]]);
    expect(rest.data.some(([, id]) => id === rows[2]?.id || id === sameTime[0])).toBe(false);
  });
});
