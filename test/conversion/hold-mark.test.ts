import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { approveHeldConversions } from "../../src/conversion/hold-period";
import { spyD1 } from "../support/d1-spy";
import { insertClickAt } from "../support/fixtures";
import { postback, setupLink } from "../support/helpers";

const DAY = 86_400_000;
afterEach(() => vi.useRealTimers());

/** Rows the hold job's reads of conversions cost in one run (its `SELECT … FROM conversions`). */
async function rowsReadByRun(now: number) {
  const spy = spyD1(env.DB);
  const approved = await approveHeldConversions({ ...env, DB: spy.db }, now);
  const read = spy.statements
    .filter((s) => /FROM conversions\s+WHERE program_id/.test(s.sql))
    .reduce((sum, s) => sum + (s.rowsRead ?? 0), 0);
  return { approved, read };
}

describe("the hold job's mark (conversions_pending dropped, as migration 0022 does)", () => {
  it("reads each conversion about once, however long the program's history", async () => {
    // Without the partial index the job's reads go through conversions_by_program. Migration
    // 0022 drops it; the drop stays here so the test keeps its meaning if 0022 were reverted.
    await env.DB.prepare("DROP INDEX IF EXISTS conversions_pending").run();
    const { program, link } = await setupLink({ hold_days: 1 });
    const start = Date.now();
    const send = async (n: number, prefix: string) => {
      for (let i = 0; i < n; i++) {
        const aecid = await insertClickAt(link, Date.now() - 60_000);
        await postback({
          key: program.conversion_key,
          id: `${prefix}-${i}`,
          amount: "10",
          currency: "EUR",
          cids: aecid,
        });
      }
    };
    await send(60, "old");
    const first = await rowsReadByRun(start + 2 * DAY);
    expect(first.approved).toBe(60);
    // Two days on (the clock simulated), 5 more are registered; a day later the job runs again:
    // the 60 approved ones are behind the mark, only the 5 new ones are read.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start + 2 * DAY + 60_000);
    await send(5, "new");
    const next = await rowsReadByRun(Date.now() + 2 * DAY);
    expect(next.approved).toBe(5);
    expect(next.read).toBeLessThanOrEqual(10);
    const idle = await rowsReadByRun(Date.now() + 2 * DAY + 3_600_000);
    expect(idle.approved).toBe(0);
    expect(idle.read).toBeLessThanOrEqual(1);
  });
});
