import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dailySalt, deleteSaltsBefore } from "../../src/storage/ip-salts";

const db = env.DB;

describe("storage/ip-salts", () => {
  it("creates a day's salt once: every later read, even racing, gets the first one", async () => {
    const first = await dailySalt(db, "2031-01-01", 1);
    expect(first).toMatch(/^[0-9a-f]{48}$/);
    const racing = await Promise.all([1, 2, 3].map((n) => dailySalt(db, "2031-01-01", n)));
    expect(racing).toEqual([first, first, first]);
    const row = await db
      .prepare("SELECT salt, created_at FROM ip_salts WHERE day = '2031-01-01'")
      .first();
    expect(row).toEqual({ salt: first, created_at: 1 });
  });

  it("gives each day its own salt", async () => {
    expect(await dailySalt(db, "2031-02-01", 1)).not.toBe(await dailySalt(db, "2031-02-02", 1));
  });

  it("forgets the salts of days before a day, and keeps that day's", async () => {
    for (const day of ["2020-03-01", "2020-03-02", "2020-03-03"]) await dailySalt(db, day, 1);
    expect(await deleteSaltsBefore(db, "2020-03-03")).toBeGreaterThanOrEqual(2);
    const left = await db
      .prepare("SELECT day FROM ip_salts WHERE day LIKE '2020-03-%' ORDER BY day")
      .all();
    expect(left.results).toEqual([{ day: "2020-03-03" }]);
  });
});
