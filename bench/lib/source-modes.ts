// The conversion sources' load modes (`npm run bench:profile -- stripe-sale`, and
// `npm run bench:sources`): each request a new signed event, a sale on its own fresh click, or a
// renewal of a customer a sale bound beforehand.

import { unique } from "../../test/support/stripe-objects.ts";
import type { Served } from "./servers.ts";
import type { SourceFixtures } from "./source-requests.ts";
import { type Delivery, shopifyOrder, stripeRenewal, stripeSale } from "./source-requests.ts";

export const SOURCE_MODES = ["stripe-sale", "stripe-renewal", "shopify-order"] as const;
export type SourceMode = (typeof SOURCE_MODES)[number];
export const isSourceMode = (mode: string): mode is SourceMode =>
  (SOURCE_MODES as readonly string[]).includes(mode);

/** Customers a renewal mode rotates over: enough that no click's guard serializes the load. */
const RENEWING_CUSTOMERS = 200;

export async function send(served: Served, delivery: Delivery): Promise<Response> {
  return fetch(`${served.url}${delivery.path}`, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
  });
}

/** Sends each delivery, `width` at a time; throws on an answer other than `expected`. */
export async function sendAll(
  served: Served,
  deliveries: Delivery[],
  expected: number,
  width = 10,
) {
  const answers: Record<string, number> = {};
  for (let i = 0; i < deliveries.length; i += width) {
    await Promise.all(
      deliveries.slice(i, i + width).map(async (delivery) => {
        const response = await send(served, delivery);
        const body = (await response.json()) as { status?: string };
        if (response.status !== expected)
          throw new Error(`${delivery.path}: ${response.status} ${JSON.stringify(body)}`);
        const key = `${response.status} ${body.status ?? ""}`.trim();
        answers[key] = (answers[key] ?? 0) + 1;
      }),
    );
  }
  return answers;
}

/**
 * The mode's request builder over `clicks` (each used once: a sale per fresh click). A renewal
 * mode first binds its customers through sales on the first of them.
 */
export async function sourceRequests(
  served: Served,
  mode: SourceMode,
  f: SourceFixtures,
  clicks: string[],
): Promise<() => Delivery> {
  let next = 0;
  const click = () => {
    const aecid = clicks[next++];
    if (!aecid) throw new Error(`${mode}: more requests than the ${clicks.length} clicks seeded`);
    return aecid;
  };
  if (mode === "stripe-sale") return () => stripeSale(f, click(), unique("cus"), unique("pi"));
  if (mode === "shopify-order") return () => shopifyOrder(f, click());
  const customers = Array.from({ length: RENEWING_CUSTOMERS }, () => unique("cus"));
  await sendAll(
    served,
    customers.map((customer) => stripeSale(f, click(), customer, unique("pi"))),
    201,
  );
  let renewal = 0;
  return () => stripeRenewal(f, customers[renewal++ % customers.length] as string);
}
