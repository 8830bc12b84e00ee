import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newLogId } from "../../src/domain/ids";
import worker from "../../src/index";
import { insertLogStatement } from "../../src/storage/postback-log";
import { copiesOfProgram } from "../support/bulk";
import { queryBudget } from "../support/d1-query-budget";
import { api, postback, setupClick, setupLink } from "../support/helpers";

describe("GET /api/postbacks", () => {
  it("lists every program's log, newest first, when no program_id is given, page by page", async () => {
    const one = await setupClick();
    const two = await setupClick();
    for (const [i, setup] of [one, two, one, two, one].entries()) {
      await postback({ key: setup.key, id: `all-${i}`, amount: "1", currency: "EUR", cids: "x" });
    }
    const seen: { program_id: string; received_at: string; fields: { id: string } }[] = [];
    let cursor: string | null = null;
    do {
      const page = await api("GET", `/postbacks?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    const ours = seen.filter((row) => row.fields.id?.startsWith("all-"));
    expect(ours.map((row) => row.fields.id)).toEqual(["all-4", "all-3", "all-2", "all-1", "all-0"]);
    expect(new Set(ours.map((row) => row.program_id))).toEqual(
      new Set([one.program.id, two.program.id]),
    );
    const times = seen.map((row) => row.received_at);
    expect([...times].sort().reverse()).toEqual(times);
    const onlyOne = await api("GET", `/postbacks?program_id=${two.program.id}`);
    expect(onlyOne.body.data.map((row: { fields: { id: string } }) => row.fields.id)).toEqual([
      "all-3",
      "all-1",
    ]);
  });
});

describe("GET /api/postbacks under Workers' 1,000 D1 queries an invocation", () => {
  it("lists every program's log of 1,100 programs in a few queries", async () => {
    const { program } = await setupLink();
    const ids = await copiesOfProgram(program.id, 1100);
    const last = ids[ids.length - 1] as string;
    const now = Date.now();
    await insertLogStatement(env.DB, {
      programId: last,
      id: newLogId(now + 60_000),
      receivedAt: now + 60_000,
      httpStatus: 401,
      outcome: "invalid_key",
      conversionId: null,
      fields: { id: "newest-of-many" },
    }).run();
    const budget = queryBudget(env);
    const response = await worker.fetch(
      new Request("https://track.shop.example/api/postbacks?limit=5", {
        headers: { Authorization: `Bearer ${env.ADMIN_TOKEN}` },
      }),
      budget.env,
      createExecutionContext(),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { program_id: string }[] };
    expect(body.data[0]?.program_id).toBe(last);
    expect(budget.used()).toBeLessThanOrEqual(5);
  });
});
