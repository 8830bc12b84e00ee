import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import { moneyBy, trafficBy } from "../../src/storage/stats";
import { addCountsStatement } from "../support/link-counts";
import { aConversion, seedConversions, seedLink } from "../support/storage-seeds";

const range = (programId: string | null) => ({
  programId,
  fromDay: "2030-01-01",
  toDay: "2030-01-02",
});
const counts = (clicks: number, bot_hits = 0, impressions = 0) => ({
  clicks,
  bot_hits,
  impressions,
});

describe("storage/stats", () => {
  it("sums traffic from the main database's counters and each shard's, per group, in range", async () => {
    const { program, partner, link } = await seedLink(env.DB);
    const ids = { programId: program.id, partnerId: partner.id };
    await addCountsStatement(env.DB, [
      { linkId: link.id, day: "2030-01-01", counts: counts(1, 5, 2) },
      { linkId: link.id, day: "2030-01-03", counts: counts(100) },
    ]).run();
    await addCountsStatement(env.CLICKS_1, [
      { linkId: link.id, day: "2030-01-01", counts: counts(3), ...ids },
    ]).run();
    await addCountsStatement(env.CLICKS_2, [
      { linkId: link.id, day: "2030-01-02", counts: counts(4), ...ids },
    ]).run();

    expect(await trafficBy(env, "link", range(program.id))).toEqual([
      { key: link.id, clicks: 8, bot_hits: 5, impressions: 2 },
    ]);
    expect(await trafficBy(env, "partner", range(program.id))).toEqual([
      { key: partner.id, clicks: 8, bot_hits: 5, impressions: 2 },
    ]);
    const byDay = await trafficBy(env, "day", range(program.id));
    expect(byDay.sort((a, b) => String(a.key).localeCompare(String(b.key)))).toEqual([
      { key: "2030-01-01", clicks: 4, bot_hits: 5, impressions: 2 },
      { key: "2030-01-02", clicks: 4, bot_hits: 0, impressions: 0 },
    ]);
    expect(await trafficBy(env, "link", range(newId()))).toEqual([]);
  });

  it("sums money per group and currency pair, leaving out refused conversions and other days", async () => {
    const programId = newId();
    const day1 = Date.parse("2030-01-01T10:00:00Z");
    const day2 = Date.parse("2030-01-02T23:59:59Z");
    const partnerId = newId();
    const c = (overrides: Parameters<typeof aConversion>[0]) =>
      aConversion({ programId, partnerId, ...overrides });
    await seedConversions(
      env.DB,
      c({ createdAt: day1, amount: 1_000, commission: 100 }),
      c({ createdAt: day2, amount: 2_500, commission: 250 }),
      c({
        createdAt: day2,
        amount: 700,
        currency: "USD",
        commission: 70,
        commissionCurrency: "USD",
      }),
      c({ createdAt: day1, amount: 9_999, status: "refused" }),
      c({ createdAt: day2 + 1_000, amount: 5 }),
    );
    const rows = await moneyBy(env.DB, "partner", range(programId));
    expect(rows.sort((a, b) => (a.currency < b.currency ? -1 : 1))).toEqual([
      {
        key: partnerId,
        conversions: 2,
        currency: "EUR",
        revenue: 3_500,
        commission_currency: "EUR",
        commission: 350,
      },
      {
        key: partnerId,
        conversions: 1,
        currency: "USD",
        revenue: 700,
        commission_currency: "USD",
        commission: 70,
      },
    ]);
    const byDay = await moneyBy(env.DB, "day", range(programId));
    expect(byDay.map((r) => [r.key, r.currency, r.revenue]).sort()).toEqual([
      ["2030-01-01", "EUR", 1_000],
      ["2030-01-02", "EUR", 2_500],
      ["2030-01-02", "USD", 700],
    ]);
  });
});
