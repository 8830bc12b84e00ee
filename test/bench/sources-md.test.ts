import { describe, expect, it } from "vitest";
import { type SourcesRun, sourcesMarkdown } from "../../bench/lib/sources-md.ts";

const mode = (rounds: number[], workerRounds: number[]) => ({
  rounds,
  workerRounds,
  requests: 1200,
  statuses: { "201": 1200 },
});
const kind = (written: number, read: number, answer: string) => ({
  events: 3,
  written,
  read,
  answers: { [answer]: 3 },
});

const run: SourcesRun = {
  date: "2026-12-07 08:30",
  commit: "abc1234",
  command: "npm run bench:sources",
  settings: { rounds: 3, seconds: 2, connections: 10, events: 3 },
  cpu: {
    "stripe-sale": mode([10.5, 10.2, 12.25], [6.5, 6.25, 7.9]),
    "stripe-renewal": mode([8, 9, 10], [8, 9, 10]),
    "shopify-order": mode([11, 12, 13], [6, 7, 8]),
  },
  rows: {
    "Stripe sale": kind(9, 624.666_666, "201 registered"),
    "Stripe renewal": kind(7, 620, "201 registered"),
    "Stripe refund": kind(7, 519, "200 updated"),
    "Shopify order": kind(9, 627, "201 registered"),
    "Shopify refund": kind(8, 519, "200 updated"),
    "replayed event": kind(1, 2, "200 duplicate"),
    "ignored event type": kind(1, 1, "200 ignored"),
    "Stripe sale, approved at once": kind(8, 630, "201 registered"),
  },
};

describe("BENCHMARKS.md's conversion sources section", () => {
  it("gives each mode's median and range, and each kind's rows to three decimals at most", () => {
    const values = sourcesMarkdown(run);
    expect(values.sources_cpu_rows?.split("\n")[0]).toBe(
      "| stripe-sale | 10.500 (10.200–12.250) | 6.500 (6.250–7.900) | 1,200 | 201 ×1200 |",
    );
    expect(values.sources_rows?.split("\n")).toEqual([
      "| Stripe sale | 9 | 624.667 | 201 registered ×3 |",
      "| Stripe renewal | 7 | 620 | 201 registered ×3 |",
      "| Stripe refund | 7 | 519 | 200 updated ×3 |",
      "| Shopify order | 9 | 627 | 201 registered ×3 |",
      "| Shopify refund | 8 | 519 | 200 updated ×3 |",
      "| replayed event | 1 | 2 | 200 duplicate ×3 |",
      "| ignored event type | 1 | 1 | 200 ignored ×3 |",
      "| Stripe sale, approved at once | 8 | 630 | 201 registered ×3 |",
    ]);
    expect(values.sources_summary).toContain("on 2026-12-07 08:30 (commit abc1234)");
    expect(values.sources_summary).toContain("3 rounds of 2 s per mode");
  });
});
