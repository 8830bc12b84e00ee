import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId, newLinkId } from "../../src/domain/ids";
import { type GroupBy, moneySql, shardTrafficSql, trafficSql } from "../../src/storage/stats-sql";
import { addCountsStatement } from "../support/link-counts";
import { aConversion, seedConversions, seedLink } from "../support/storage-seeds";

const GROUPS: GroupBy[] = ["partner", "day", "link"];

describe("storage/stats-sql", () => {
  it("runs every grouping of every statement on D1, with the days and program as ?1-?3", async () => {
    const { program, link } = await seedLink(env.DB);
    await addCountsStatement(env.DB, [
      { linkId: link.id, day: "2030-02-01", counts: { clicks: 2, bot_hits: 1, impressions: 0 } },
    ]).run();
    for (const group of GROUPS) {
      const { results } = await env.DB.prepare(trafficSql(group))
        .bind("2030-02-01", "2030-02-01", program.id)
        .all();
      expect(results).toEqual([
        expect.objectContaining({ clicks: 2, bot_hits: 1, impressions: 0 }),
      ]);
      const from = Date.parse("2030-02-01T00:00:00Z");
      await env.DB.prepare(moneySql(group))
        .bind(from, from + 86_400_000, program.id)
        .all();
    }
  });

  it("reads a shard's counters by its own program column, and only days with clicks", async () => {
    const programId = newId();
    const partnerId = newId();
    const [a, b] = [newLinkId(), newLinkId()];
    await addCountsStatement(env.CLICKS_1, [
      {
        linkId: a,
        day: "2030-03-01",
        counts: { clicks: 2, bot_hits: 0, impressions: 0 },
        programId,
        partnerId,
      },
      {
        linkId: b,
        day: "2030-03-01",
        counts: { clicks: 0, bot_hits: 0, impressions: 9 },
        programId,
        partnerId,
      },
    ]).run();
    const { results } = await env.CLICKS_1.prepare(shardTrafficSql("link"))
      .bind("2030-03-01", "2030-03-01", programId)
      .all();
    expect(results).toEqual([{ key: a, clicks: 2, bot_hits: 0, impressions: 0 }]);
    const byPartner = await env.CLICKS_1.prepare(shardTrafficSql("partner"))
      .bind("2030-03-01", "2030-03-01", null)
      .all();
    expect(byPartner.results).toContainEqual({
      key: partnerId,
      clicks: 2,
      bot_hits: 0,
      impressions: 0,
    });
  });

  it("groups money by the conversion's link", async () => {
    const programId = newId();
    const at = Date.parse("2030-04-01T12:00:00Z");
    await seedConversions(
      env.DB,
      aConversion({ programId, linkId: "LinkA", createdAt: at }),
      aConversion({ programId, linkId: "LinkA", createdAt: at }),
      aConversion({
        programId,
        linkId: null,
        attribution: "voucher",
        clickId: null,
        createdAt: at,
      }),
    );
    const { results } = await env.DB.prepare(moneySql("link"))
      .bind(at - 1, at + 1, programId)
      .all<{ key: string | null; conversions: number }>();
    expect(results.map((r) => [r.key, r.conversions]).sort()).toEqual(
      [
        ["LinkA", 2],
        [null, 1],
      ].sort(),
    );
  });
});
