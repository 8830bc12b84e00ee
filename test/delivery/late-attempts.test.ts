import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { attemptDelivery } from "../../src/delivery/attempt";
import type { DeliveryMessage } from "../../src/delivery/events";
import { fanOut } from "../../src/delivery/fan-out";
import type { ConversionEvent } from "../../src/domain/outbound";
import worker from "../../src/index";
import { insertClickAt } from "../support/fixtures";
import { api, ORIGIN, setupLink } from "../support/helpers";
import { recordingQueue } from "../support/queue";
import { received, receiverHost, reply } from "../support/receiver-client";

// A delivery's state moves only forward from `pending`: an attempt that took its time (a slow
// receiver, a message delivered twice) and comes back after the delivery was cancelled or
// delivered must not write `pending` (or anything) over it, nor schedule another attempt.

/**
 * The real D1, with `meanwhile` run once just before the `n`th transaction (a batch): the moment
 * an attempt, its request sent, writes what came of it.
 */
function racingDb(meanwhile: () => Promise<void>, n = 1): D1Database {
  let batches = 0;
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          if (++batches === n) await meanwhile();
          return target.batch(statements);
        };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function setup() {
  const host = receiverHost();
  const { program, link } = await setupLink();
  const hook = await api("POST", "/endpoints", {
    url: `https://${host}/p?c={conversion_id}`,
    method: "GET",
    events: ["conversion.registered"],
    program_id: program.id,
  });
  const endpointId = hook.body.id as string;
  // One registered conversion, its event held (a stand-in delivery queue records it).
  const queue = recordingQueue();
  const cid = await insertClickAt(link, Date.now() - 60_000);
  const ctx = createExecutionContext();
  await worker.fetch(
    new Request(
      `${ORIGIN}/?key=${program.conversion_key}&id=late-1&amount=5&currency=EUR&cids=${cid}`,
    ),
    { ...env, DELIVERY_QUEUE: queue.binding },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const events = queue.take().map((b) => (b as DeliveryMessage & { kind: "event" }).event);
  return { host, endpointId, events: events as ConversionEvent[] };
}

const delivery = async (endpointId: string) =>
  env.DB.prepare("SELECT state, attempts FROM deliveries WHERE endpoint_id = ?1")
    .bind(endpointId)
    .first<{ state: string; attempts: number }>();

const outcomes = async (endpointId: string) =>
  (await api("GET", `/deliveries?endpoint_id=${endpointId}`)).body.data.map(
    (a: { outcome: string; attempt: number }) => `${a.attempt}:${a.outcome}`,
  );

describe("a late attempt (compare-and-set delivery states)", () => {
  it("leaves a delivery cancelled while its request was out cancelled, and tries no more", async () => {
    const { host, endpointId, events } = await setup();
    await reply(host, 503, "busy");
    await fanOut({ ...env, DELIVERY_QUEUE: recordingQueue().binding }, events);
    const eventId = events[0]?.id ?? "";
    expect(await delivery(endpointId)).toEqual({ state: "pending", attempts: 1 });

    // The retry is out (503 again) when the operator disables the endpoint.
    const disable = async () => {
      expect((await api("PATCH", `/endpoints/${endpointId}`, { enabled: false })).status).toBe(200);
    };
    const again = await attemptDelivery({ ...env, DB: racingDb(disable) }, eventId, endpointId);
    expect(again).toBeNull();
    expect(await delivery(endpointId)).toEqual({ state: "cancelled", attempts: 1 });
    // The attempt was made, so it is logged: as failed, not as retrying.
    expect(await outcomes(endpointId)).toEqual(["2:failed", "1:retrying"]);
  });

  it("leaves a delivery delivered by a twin attempt delivered, and tries no more", async () => {
    const { host, endpointId, events } = await setup();
    await reply(host, 503, "busy");
    await fanOut({ ...env, DELIVERY_QUEUE: recordingQueue().binding }, events);
    const eventId = events[0]?.id ?? "";

    // The same attempt message came twice (the hourly sweep re-queued it): the slow twin's 503
    // comes back after the other one's 200 was recorded.
    const twin = async () => {
      await reply(host, 200, "ok");
      expect(await attemptDelivery(env, eventId, endpointId)).toBeNull();
      expect(await delivery(endpointId)).toEqual({ state: "delivered", attempts: 2 });
    };
    const again = await attemptDelivery({ ...env, DB: racingDb(twin) }, eventId, endpointId);
    expect(again).toBeNull();
    expect(await delivery(endpointId)).toEqual({ state: "delivered", attempts: 2 });
    expect((await received(host)).length).toBe(3);
    expect((await outcomes(endpointId)).sort()).toEqual(["1:retrying", "2:delivered", "2:failed"]);
  });

  it("leaves a delivery cancelled during its fan-out's first attempt cancelled, queuing no retry", async () => {
    const { host, endpointId, events } = await setup();
    await reply(host, 503, "busy");
    const disable = async () => {
      await api("PATCH", `/endpoints/${endpointId}`, { enabled: false });
    };
    const attempts = recordingQueue();
    // The first transaction writes the delivery; the second, its first attempt.
    await fanOut({ ...env, DB: racingDb(disable, 2), DELIVERY_QUEUE: attempts.binding }, events);
    expect(await delivery(endpointId)).toEqual({ state: "cancelled", attempts: 0 });
    expect(attempts.sent).toEqual([]);
    expect(await outcomes(endpointId)).toEqual(["1:failed"]);
  });
});
