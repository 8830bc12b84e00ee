import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId, newLinkId } from "../../src/domain/ids";
import worker from "../../src/index";
import { spyD1 } from "../support/d1-spy";
import { HUMAN_UA, ORIGIN, setupClick } from "../support/helpers";

/** Requests through the Worker's own fetch handler with a D1 spy, 100 at a time, from `ip(i)`. */
async function flood(paths: string[], db: D1Database, ip = (_i: number) => "198.51.100.9") {
  const statuses: number[] = [];
  for (let start = 0; start < paths.length; start += 100) {
    const chunk = paths.slice(start, start + 100);
    const answers = await Promise.all(
      chunk.map(async (path, i) => {
        const ctx = createExecutionContext();
        const response = await worker.fetch(
          new Request(`${ORIGIN}${path}`, {
            headers: { "User-Agent": HUMAN_UA, "CF-Connecting-IP": ip(start + i) },
            redirect: "manual",
          }),
          { ...env, DB: db },
          ctx,
        );
        await waitOnExecutionContext(ctx);
        return response.status;
      }),
    );
    statuses.push(...answers);
  }
  return statuses;
}

const reads = (spy: ReturnType<typeof spyD1>, table: RegExp) =>
  spy.statements.filter((s) => table.test(s.sql) && !/^\s*(INSERT|UPDATE|DELETE)/i.test(s.sql))
    .length;

describe("traffic nobody authenticated cannot make D1 the bottleneck", () => {
  it("costs no D1 query for random link IDs beyond a small budget per client and per isolate", async () => {
    const { link } = await setupClick();
    const spy = spyD1(env.DB);
    // Lengths never issued (link IDs have 10 or 12 characters): unknown, without a lookup.
    const oddLengths = Array.from({ length: 500 }, (_, i) => `/c/${newLinkId(8 + (i % 2) * 8)}`);
    expect((await flood(oddLengths, spy.db)).every((s) => s === 404)).toBe(true);
    expect(reads(spy, /FROM links/)).toBe(0);
    // IDs that could be real but carry no valid signature: one client gets a burst of 5 lookups,
    // then one every 5 s; the visitor past it is asked to retry (a plain 503), never sent away.
    const unsigned = [10, 12].flatMap((n) =>
      Array.from({ length: 500 }, () => `/c/${newLinkId(n)}`),
    );
    const one = await flood(unsigned, spy.db);
    expect(one.every((s) => s === 404 || s === 503)).toBe(true);
    expect(reads(spy, /FROM links/)).toBeLessThanOrEqual(6);
    // Many clients share the isolate's budget: a burst of 10, then 5 a second.
    const started = Date.now();
    await flood(unsigned, spy.db, (i) => `198.51.${Math.floor(i / 250)}.${i % 250}`);
    const seconds = (Date.now() - started) / 1000;
    expect(reads(spy, /FROM links/)).toBeLessThanOrEqual(6 + 10 + Math.ceil(5 * seconds));
    // Real clicks keep working meanwhile: their signed, cached link needs no D1 read.
    const before = spy.statements.length;
    const real = await flood(
      Array.from({ length: 50 }, () => `/c/${link.id}`),
      spy.db,
    );
    expect(real.every((s) => s === 302)).toBe(true);
    expect(spy.statements.length - before).toBe(0);
  });

  it("looks a signed link up freely, even mid-flood", async () => {
    const { link } = await setupClick();
    const spy = spyD1(env.DB);
    await flood(
      Array.from({ length: 300 }, () => `/c/${newLinkId(10)}`),
      spy.db,
    );
    const { forgetLinks } = await import("../../src/click/link-cache");
    forgetLinks();
    expect(link.id).toHaveLength(12);
    expect(await flood([`/c/${link.id}`], spy.db)).toEqual([302]);
  });

  it("costs no D1 query for random keys beyond a small budget, and a real postback still registers", async () => {
    const { key, aecid, program } = await setupClick();
    const spy = spyD1(env.DB);
    const randomPrograms = Array.from(
      { length: 1000 },
      (_, i) => `/?key=${newId()}-${newId()}&id=f-${i}&amount=1&currency=EUR&cids=${aecid}`,
    );
    const randomSecrets = Array.from(
      { length: 1000 },
      (_, i) => `/?key=${program.id}-${newId()}&id=s-${i}&amount=1&currency=EUR&cids=${aecid}`,
    );
    const first = await flood(randomPrograms, spy.db);
    expect(first.every((s) => s === 401 || s === 503)).toBe(true);
    const second = await flood(randomSecrets, spy.db);
    expect(second.every((s) => s === 401)).toBe(true);
    expect(reads(spy, /FROM programs/)).toBeLessThanOrEqual(20);
    const real = await flood(
      [`/?key=${key}&id=real-1&amount=10&currency=EUR&cids=${aecid}`],
      spy.db,
    );
    expect(real).toEqual([201]);
  });
});
