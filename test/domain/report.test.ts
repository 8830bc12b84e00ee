import { describe, expect, it } from "vitest";
import { daysBetween, reportRows } from "../../src/domain/report";

describe("reportRows", () => {
  it("merges traffic and money, sums currencies apart, and computes the conversion rate", () => {
    const rows = reportRows(
      [
        { key: "a", clicks: 8, bot_hits: 1, impressions: 3 },
        { key: "b", clicks: 0, bot_hits: 2, impressions: 0 },
      ],
      [
        {
          key: "a",
          conversions: 2,
          currency: "EUR",
          revenue: 1000,
          commission_currency: "EUR",
          commission: 100,
        },
        {
          key: "a",
          conversions: 1,
          currency: "USD",
          revenue: 500,
          commission_currency: "EUR",
          commission: 70,
        },
        {
          key: "b",
          conversions: 1,
          currency: "JPY",
          revenue: 900,
          commission_currency: "JPY",
          commission: 90,
        },
      ],
    );
    expect(rows).toEqual([
      {
        key: "a",
        clicks: 8,
        bot_hits: 1,
        impressions: 3,
        conversions: 3,
        conversion_rate: 0.375,
        revenue: { EUR: 1000, USD: 500 },
        commission: { EUR: 170 },
      },
      {
        key: "b",
        clicks: 0,
        bot_hits: 2,
        impressions: 0,
        conversions: 1,
        conversion_rate: 0,
        revenue: { JPY: 900 },
        commission: { JPY: 90 },
      },
    ]);
  });

  it("keeps every given key in order, with zeros where nothing happened", () => {
    const rows = reportRows(
      [{ key: "2026-11-02", clicks: 1, bot_hits: 0, impressions: 0 }],
      [],
      daysBetween("2026-11-01", "2026-11-03"),
    );
    expect(rows.map((r) => [r.key, r.clicks])).toEqual([
      ["2026-11-01", 0],
      ["2026-11-02", 1],
      ["2026-11-03", 0],
    ]);
  });

  it("lists days across month and year ends", () => {
    expect(daysBetween("2026-12-30", "2027-01-02")).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
    ]);
    expect(daysBetween("2026-03-01", "2026-02-28")).toEqual([]);
  });
});
