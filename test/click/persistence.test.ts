import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { clickThrough } from "../support/clicks";
import { isWrite, spyD1 } from "../support/d1-spy";
import { aecidOf, api, setupLink } from "../support/helpers";
import { capturedLines } from "../support/log-capture";

/**
 * The isolate writes D1 itself in this mode (the queue mode's writes are in click-pipeline), and
 * to the main database alone, so the spy sees every statement (shards: click-shards.test.ts).
 */
const batched: Partial<Env> = { CLICK_WRITE_MODE: "batched", CLICK_SHARDS: "DB" };

describe("click persistence", () => {
  it("reads D1 once when cold, then never on a warm redirect, and writes at most 2 rows for a lone click", async () => {
    const { link } = await setupLink();
    const spy = spyD1(env.DB);
    await clickThrough(link.id, spy.db, batched);
    // Cold: one read of the link and its program (the day's IP salt may be read once too, after
    // the response, once per isolate and day).
    const coldReads = spy.statements.filter((s) => !isWrite(s));
    expect(coldReads.filter((s) => /FROM links/.test(s.sql))).toHaveLength(1);
    expect(coldReads.filter((s) => !/FROM links|FROM ip_salts/.test(s.sql))).toHaveLength(0);

    spy.statements.length = 0;
    const callsBefore = spy.calls();
    const warm = await clickThrough(link.id, spy.db, batched);
    expect(warm.status).toBe(302);
    expect(spy.statements.filter((s) => !isWrite(s))).toHaveLength(0);
    // One round trip after the response: the click's row, and its link's counter for the day.
    expect(spy.calls() - callsBefore).toBe(1);
    const writes = spy.statements.filter(isWrite);
    expect(writes.find((w) => /INTO clicks/.test(w.sql))?.rowsWritten).toBe(1);
    expect(writes.find((w) => /INTO daily_link_counts/.test(w.sql))?.rowsWritten).toBe(1);
    expect(writes.reduce((sum, w) => sum + (w.rowsWritten ?? 0), 0)).toBeLessThanOrEqual(2);
  });

  it("retries a failing click write and stores the click once", async () => {
    const { link } = await setupLink();
    const spy = spyD1(env.DB);
    spy.failWhen(
      /INSERT INTO clicks/,
      new Error("D1_ERROR: D1 DB is overloaded. Too many requests queued."),
      2,
    );
    const response = await clickThrough(link.id, spy.db, batched);
    const aecid = aecidOf(response);
    expect(response.status).toBe(302);
    const row = await env.DB.prepare("SELECT count(*) AS n FROM clicks WHERE id = unhex(?1)")
      .bind(aecid)
      .first<{ n: number }>();
    expect(row?.n).toBe(1);
  });

  it("still redirects when D1 is down for good, and logs the click for replay without its IP hash", async () => {
    const { link } = await setupLink();
    await clickThrough(link.id, env.DB); // warm the cache
    const spy = spyD1(env.DB);
    spy.failWhen(/INSERT INTO clicks/);
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const pending = clickThrough(link.id, spy.db, batched);
      await vi.runAllTimersAsync();
      const response = await pending;
      expect(response.status).toBe(302);
      const aecid = aecidOf(response);
      const logged = capturedLines().find(
        (line) => line.includes("click_write_failed") && line.includes(aecid as string),
      );
      expect(logged).toBeDefined();
      expect(JSON.parse(logged as string).click.id).toBe(aecid);
      expect(logged).not.toContain("ipHash");
      expect(logged).not.toContain("192.0.2.1");
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends unknown links to FALLBACK_URL when one is set, with no D1 query for malformed IDs", async () => {
    const spy = spyD1(env.DB);
    const response = await clickThrough("no!", spy.db, {
      FALLBACK_URL: "https://operator.example/gone",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("https://operator.example/gone");
    expect(spy.statements).toHaveLength(0);
  });

  it("applies a link change made through the admin API at once in this isolate, and within the TTL elsewhere", async () => {
    const { link } = await setupLink();
    await clickThrough(link.id, env.DB);
    // Another isolate's change: written straight to D1, not through this isolate's admin API.
    await env.DB.prepare("UPDATE links SET disabled = 1 WHERE id = ?1").bind(link.id).run();
    expect((await clickThrough(link.id, env.DB)).status).toBe(302); // still cached
    const later = Date.now() + 61_000;
    vi.useFakeTimers({ toFake: ["Date"], now: later });
    try {
      expect((await clickThrough(link.id, env.DB)).status).toBe(404);
    } finally {
      vi.useRealTimers();
    }
    await api("PATCH", `/links/${link.id}`, { disabled: false });
    expect((await clickThrough(link.id, env.DB)).status).toBe(302);
  });
});

describe("the click path when D1 cannot be read", () => {
  it("serves the isolate's expired copy of a link, and a plain page (never JSON) without one", async () => {
    const { link } = await setupLink();
    await clickThrough(link.id, env.DB);
    const spy = spyD1(env.DB);
    spy.failWhen(/FROM links/, new Error("D1_ERROR: Network connection lost."));
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      expect((await clickThrough(link.id, spy.db)).status).toBe(302);
      const never = await clickThrough("neverseen1", spy.db);
      expect(never.status).toBe(503);
      expect(never.headers.get("Content-Type")).toContain("text/plain");
      const fallback = await clickThrough("neverseen2", spy.db, {
        FALLBACK_URL: "https://operator.example/",
      });
      expect(fallback.headers.get("Location")).toBe("https://operator.example/");
    } finally {
      vi.useRealTimers();
    }
  });
});
