import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { updateConversions } from "../../src/conversion/update-conversion";
import worker from "../../src/index";
import { HOURLY_CRON } from "../../src/jobs/schedule";
import { pendingBefore } from "../../src/storage/conversion-updates";
import { getProgram } from "../../src/storage/programs";
import { queryBudget, WORKER_D1_QUERY_LIMIT } from "../support/d1-query-budget";
import { insertClickAt } from "../support/fixtures";
import { api, postback, setupLink } from "../support/helpers";

const DAY = 86_400_000;

/** The hourly cron, run at a simulated time (on `on`, e.g. an env under a query budget). */
async function hourlyAt(time: number, on: Env = env) {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ scheduledTime: time, cron: HOURLY_CRON }),
    on,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

type Held = Awaited<ReturnType<typeof setupLink>>;

/** `count` pending conversions of the program, registered now through the postback. */
async function conversions({ program, link }: Held, count: number, prefix: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const aecid = await insertClickAt(link, Date.now() - 60_000 + i);
    const answer = await postback({
      key: program.conversion_key,
      id: `${prefix}-${i}`,
      amount: "10",
      currency: "EUR",
      cids: aecid,
    });
    ids.push(answer.body.conversion_id);
  }
  return ids;
}

/** `n` copies of pending conversion `id` (new IDs and orders, no click): a backlog at one statement. */
async function copiesOfConversion(id: string, n: number) {
  const { results } = await env.DB.prepare("PRAGMA table_info(conversions)").all<{
    name: string;
  }>();
  const others = results
    .map((column) => column.name)
    .filter((name) => !["id", "order_id", "click_id"].includes(name));
  await env.DB.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
     INSERT INTO conversions (id, order_id, click_id, ${others.join(", ")})
     SELECT c.id || printf('-%05d', i), c.order_id || printf('-%05d', i), NULL,
       ${others.map((name) => `c.${name}`).join(", ")}
     FROM k, conversions c WHERE c.id = ?1`,
  )
    .bind(id, n)
    .run();
}

const pendingOf = async (programId: string) =>
  (
    await env.DB.prepare(
      "SELECT count(*) AS n FROM conversions WHERE program_id = ?1 AND status = 'pending'",
    )
      .bind(programId)
      .first<{ n: number }>()
  )?.n;

const heldProgram = (holdDays: number | null) => setupLink({ hold_days: holdDays });

const statusOf = async (id: string) => (await api("GET", `/conversions/${id}`)).body;

describe("the hold period (hourly job, simulated clock)", () => {
  it("approves pending conversions older than hold_days, and only those, once", async () => {
    const held = await heldProgram(30);
    const [waiting, refused, decidedLater] = await conversions(held, 3, "held");
    const [untouched] = await conversions(await heldProgram(null), 1, "free");
    await api("POST", `/conversions/${refused}/refuse`, { reason: "fraud" });

    await hourlyAt(Date.now() + 29 * DAY);
    expect((await statusOf(waiting as string)).status).toBe("pending");

    await api("POST", `/conversions/${decidedLater}/approve`);
    await hourlyAt(Date.now() + 31 * DAY);
    const approved = await statusOf(waiting as string);
    expect(approved.status).toBe("approved");
    expect(approved.history).toEqual([
      expect.objectContaining({ source: "hold", field: "status", old: "pending", new: "approved" }),
    ]);
    expect((await statusOf(refused as string)).status).toBe("refused");
    expect((await statusOf(decidedLater as string)).history).toHaveLength(1);
    expect((await statusOf(untouched as string)).status).toBe("pending");

    // Idempotent: the next hour finds nothing left to approve, and writes nothing.
    await hourlyAt(Date.now() + 32 * DAY);
    expect((await statusOf(waiting as string)).history).toHaveLength(1);
  });

  it("approves a renewal goal with its own commission, which the approval keeps", async () => {
    const goals = [
      { name: "sale", commission: { type: "percent", value: 10 } },
      { name: "renewal", commission: { type: "percent", value: 5 }, repeatable: true },
    ];
    const { program, link } = await setupLink({ hold_days: 30, goals });
    const aecid = await insertClickAt(link, Date.now() - 60_000);
    const renewal = await postback({
      key: program.conversion_key,
      id: "renewal-1",
      goal: "renewal",
      amount: "100",
      currency: "EUR",
      cids: aecid,
    });
    expect(renewal.status).toBe(201);
    const id = renewal.body.conversion_id as string;
    expect((await statusOf(id)).commission).toBe(500);

    await hourlyAt(Date.now() + 31 * DAY);
    const approved = await statusOf(id);
    expect(approved).toMatchObject({ status: "approved", goal: "renewal", commission: 500 });
    expect(approved.history).toEqual([
      expect.objectContaining({ source: "hold", field: "status", old: "pending", new: "approved" }),
    ]);
  });

  it("works through many in bounded batches of 100, each approval announced once", async () => {
    const held = await heldProgram(7);
    await api("POST", "/endpoints", {
      url: "https://hold.receiver.example/p?c={conversion_id}",
      method: "GET",
      events: ["conversion.approved"],
      program_id: held.program.id,
    });
    const ids = await conversions(held, 250, "many");
    await hourlyAt(Date.now() + 8 * DAY);
    const counts = await env.DB.prepare(
      "SELECT status, count(*) AS n FROM conversions WHERE program_id = ?1 GROUP BY status",
    )
      .bind(held.program.id)
      .all();
    expect(counts.results).toEqual([{ status: "approved", n: 250 }]);
    const history = await env.DB.prepare(
      `SELECT count(*) AS n FROM conversion_history WHERE source = 'hold' AND conversion_id IN
         (SELECT id FROM conversions WHERE program_id = ?1)`,
    )
      .bind(held.program.id)
      .first<{ n: number }>();
    expect(history?.n).toBe(ids.length);
    const announced = () =>
      env.DB.prepare(
        "SELECT count(*) AS n FROM deliveries WHERE event = 'conversion.approved' AND conversion_id IN (SELECT id FROM conversions WHERE program_id = ?1)",
      )
        .bind(held.program.id)
        .first<{ n: number }>();
    await vi.waitFor(async () => expect((await announced())?.n).toBe(250), { timeout: 30_000 });
    await hourlyAt(Date.now() + 9 * DAY);
    expect((await announced())?.n).toBe(250);
  });

  it("stays under 1,000 D1 queries a run with a large backlog, taking programs in turn", async () => {
    const first = await heldProgram(7);
    const second = await heldProgram(7);
    for (const held of [first, second]) {
      const [id] = await conversions(held, 1, "backlog");
      await copiesOfConversion(id as string, 699);
    }
    const budget = queryBudget(env);
    const left: number[][] = [];
    for (let run = 0; run < 4; run++) {
      budget.reset();
      await hourlyAt(Date.now() + 8 * DAY + run * 3_600_000, budget.env);
      expect(budget.used()).toBeLessThanOrEqual(WORKER_D1_QUERY_LIMIT);
      left.push([
        (await pendingOf(first.program.id)) ?? -1,
        (await pendingOf(second.program.id)) ?? -1,
      ]);
    }
    // 400 an hour, shared by the two programs, until both are done.
    expect(left).toEqual([
      [500, 500],
      [300, 300],
      [100, 100],
      [0, 0],
    ]);
  });

  it("leaves a conversion decided between the read and the batch as it now is", async () => {
    const held = await heldProgram(7);
    const [stale, fresh] = await conversions(held, 2, "race");
    const read = await pendingBefore(env.DB, held.program.id, Date.now() + 1, 10);
    expect(read.map((c) => c.id).sort()).toEqual([stale, fresh].sort());
    await api("POST", `/conversions/${stale}/refuse`, { reason: "fraud" });
    const refused = await statusOf(stale as string);
    const program = await getProgram(env.DB, held.program.id);
    const updated = await updateConversions(
      env.DB,
      read,
      { status: "approved", amount: null },
      program,
      "hold",
      Date.now(),
    );
    const byId = new Map(updated.map((u) => [u.conversion.id, u]));
    expect(byId.get(stale as string)?.changes).toEqual([]);
    expect(byId.get(fresh as string)?.conversion.status).toBe("approved");
    expect(await statusOf(stale as string)).toEqual(refused);
  });
});
