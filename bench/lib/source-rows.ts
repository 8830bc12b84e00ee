// D1 rows written and read per webhook event, from D1's own metadata on the metered build (as
// cost-pass.ts measures clicks and conversions): each kind of event sent `count` times, the
// meter reset before and read once the after-answer writes (log, seen event, outbound events)
// have settled. The program has no outbound endpoint, as the conversion figure's has none.
import { meterOf, settle } from "./meter.ts";
import { admin } from "./seed-data.ts";
import type { Served } from "./servers.ts";
import { sendAll } from "./source-modes.ts";
import {
  type Delivery,
  type SourceFixtures,
  shopifyOrder,
  shopifyRefund,
  signedStripe,
  stripeIgnored,
  stripeRefund,
  stripeRenewal,
  stripeSale,
} from "./source-requests.ts";

export interface EventRows {
  events: number;
  written: number;
  read: number;
  /** Each answer's HTTP status and `status` field, and how many times. */
  answers: Record<string, number>;
}

/** The kinds in the order they are sent: each after what it needs (a sale, a bound customer). */
export const EVENT_KINDS = [
  "Stripe sale",
  "Stripe renewal",
  "Stripe refund",
  "Shopify order",
  "Shopify refund",
  "replayed event",
  "ignored event type",
  "Stripe sale, approved at once",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export async function rowsPerEvent(
  served: Served,
  f: SourceFixtures,
  count: number,
): Promise<Record<EventKind, EventRows>> {
  if (f.postbackClicks.length < 3 * count) throw new Error(`${3 * count} clicks needed`);
  const meter = meterOf(served);
  const indexes = Array.from({ length: count }, (_, i) => i);
  const customer = (i: number) => `cus_bench_rows_${i}`;
  const paymentIntent = (i: number) => `pi_bench_rows_${i}`;
  const orderId = (i: number) => 7_700_000_000_000 + i;
  const sales = indexes.map((i) =>
    stripeSale(f, f.postbackClicks[i] as string, customer(i), paymentIntent(i)),
  );
  const kinds: Record<
    EventKind,
    { deliveries: () => Delivery[]; expected: number; before?: () => Promise<unknown> }
  > = {
    "Stripe sale": { deliveries: () => sales, expected: 201 },
    "Stripe renewal": {
      deliveries: () => indexes.map((i) => stripeRenewal(f, customer(i))),
      expected: 201,
    },
    "Stripe refund": {
      deliveries: () => indexes.map((i) => stripeRefund(f, paymentIntent(i))),
      expected: 200,
    },
    "Shopify order": {
      deliveries: () =>
        indexes.map((i) => shopifyOrder(f, f.postbackClicks[count + i] as string, orderId(i))),
      expected: 201,
    },
    "Shopify refund": {
      deliveries: () => indexes.map((i) => shopifyRefund(f, orderId(i))),
      expected: 200,
    },
    // The sales again, signed anew as Stripe signs a redelivery: seen, answered, nothing done.
    "replayed event": {
      deliveries: () => sales.map((sale) => signedStripe(f.stripeSource, sale.body)),
      expected: 200,
    },
    "ignored event type": { deliveries: () => indexes.map(() => stripeIgnored(f)), expected: 200 },
    // Last, as it changes the program: a sale approved at once writes its ledger entry too
    // (issue 28) and no pending index entry, on fresh clicks and customers.
    "Stripe sale, approved at once": {
      before: () => admin(served, "PATCH", `/programs/${f.programId}`, { auto_approve: true }),
      deliveries: () =>
        indexes.map((i) =>
          stripeSale(
            f,
            f.postbackClicks[2 * count + i] as string,
            `cus_bench_approved_${i}`,
            `pi_bench_approved_${i}`,
          ),
        ),
      expected: 201,
    },
  };
  const rows = {} as Record<EventKind, EventRows>;
  await settle(meter); // the seeding's writes
  for (const kind of EVENT_KINDS) {
    const { deliveries, expected, before } = kinds[kind];
    if (before) {
      await before();
      await settle(meter);
    }
    await meter(true);
    const answers = await sendAll(served, deliveries(), expected);
    await settle(meter);
    const totals = await meter();
    rows[kind] = {
      events: count,
      written: totals.rowsWritten / count,
      read: totals.rowsRead / count,
      answers,
    };
  }
  return rows;
}
