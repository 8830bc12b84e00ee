// The Reports area's pure parts (public/dashboard/areas/report-query.js, report-series.js): the
// query it asks, the one rule it checks before asking, the order a heading asks for, and the
// chart's lines over the whole range.
import { describe, expect, it } from "vitest";
import {
  crossedDimensions,
  dayQuery,
  filterPart,
  groupKeys,
  nextOrder,
  tableQuery,
} from "../../public/dashboard/areas/report-query.js";
import { chartData } from "../../public/dashboard/areas/report-series.js";

describe("the Reports area's query", () => {
  it("asks for the keys, the filters that are set and the order", () => {
    const filters = filterPart(
      { from: "2026-12-01", to: "2026-12-07" },
      { program_id: "ab12", partner_id: "", link_id: "", goal: "sale" },
    );
    expect(filters).toBe("from=2026-12-01&to=2026-12-07&program_id=ab12&goal=sale");
    const keys = groupKeys({ first: "day", second: "device" });
    expect(tableQuery(filters, keys, { sort: "epc", order: "asc" })).toBe(
      `${filters}&group_by=day%2Cdevice&sort=epc&order=asc`,
    );
    expect(dayQuery(filters)).toBe(`${filters}&group_by=day&sort=clicks&limit=1000`);
    // A second key equal to the first, or none, is one key.
    expect(groupKeys({ first: "sub1", second: "sub1" })).toEqual(["sub1"]);
    expect(groupKeys({ first: "sub1", second: "" })).toEqual(["sub1"]);
  });

  it("stops a second click dimension, not a click dimension with day, partner, link or goal", () => {
    expect(crossedDimensions(["sub1", "country"])).toContain("Sub1 × Country cannot be shown");
    for (const other of ["day", "partner", "link", "goal"])
      expect(crossedDimensions([other, "referrer"])).toBeNull();
  });

  it("sorts by a measure descending first, then the other way", () => {
    const byClicks = { sort: "clicks", order: "desc" };
    expect(nextOrder(byClicks, "epc")).toEqual({ sort: "epc", order: "desc" });
    expect(nextOrder(byClicks, "clicks")).toEqual({ sort: "clicks", order: "asc" });
    expect(nextOrder({ sort: "clicks", order: "asc" }, "clicks")).toEqual(byClicks);
  });
});

describe("the Reports chart's lines", () => {
  const rows = [
    { day: "2026-12-03", clicks: 4, conversion_rate: 0.25, revenue: { EUR: 1000, USD: 5 } },
    { day: "2026-12-01", clicks: 2, conversion_rate: 0, revenue: { EUR: 300 } },
  ];
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

  it("draws every day of the range, a day without traffic as zero", () => {
    const { data, series } = chartData(rows, "clicks", "2026-12-01", "2026-12-04");
    expect(data).toEqual([
      [day("2026-12-01"), day("2026-12-02"), day("2026-12-03"), day("2026-12-04")],
      [2, 0, 4, 0],
    ]);
    expect(series.map((s) => s.label)).toEqual(["Clicks"]);
    expect(chartData(rows, "conversion_rate", "2026-12-03", "2026-12-03").data[1]).toEqual([25]);
  });

  it("draws money as one line per currency", () => {
    const { data, series } = chartData(rows, "revenue", "2026-12-01", "2026-12-03");
    expect(series.map((s) => s.label)).toEqual(["Amount (EUR)", "Amount (USD)"]);
    expect(data.slice(1)).toEqual([
      [300, 0, 1000],
      [0, 0, 5],
    ]);
  });
});
