import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { attemptDelivery } from "../../src/delivery/attempt";
import type { DeliveryMessage } from "../../src/delivery/events";
import { fanOut } from "../../src/delivery/fan-out";
import type { ConversionEvent } from "../../src/domain/outbound";
import worker from "../../src/index";
import { spyD1 } from "../support/d1-spy";
import { insertClickAt } from "../support/fixtures";
import { api, ORIGIN, setupLink } from "../support/helpers";
import { recordingQueue } from "../support/queue";
import { received, receiverHost, reply } from "../support/receiver-client";

/** `count` registered conversions whose events are held (a stand-in delivery queue records them). */
async function heldEvents(
  count: number,
  programId: string,
  key: string,
  link: Parameters<typeof insertClickAt>[0],
) {
  const queue = recordingQueue();
  const held = { ...env, DELIVERY_QUEUE: queue.binding };
  for (let i = 0; i < count; i++) {
    const cid = await insertClickAt(link, Date.now() - 60_000 + i);
    const ctx = createExecutionContext();
    await worker.fetch(
      new Request(
        `${ORIGIN}/?key=${key}&id=rt-${programId}-${i}&amount=5&currency=EUR&cids=${cid}`,
      ),
      held,
      ctx,
    );
    await waitOnExecutionContext(ctx);
  }
  return queue.take().map((body) => (body as DeliveryMessage & { kind: "event" }).event);
}

/** The same, fanned out: each delivery tried at once, a failure queued for its next attempt. */
async function deliveriesOf(...args: Parameters<typeof heldEvents>) {
  const events = await heldEvents(...args);
  const attempts = recordingQueue();
  await fanOut({ ...env, DELIVERY_QUEUE: attempts.binding }, events);
  return { events, retries: attempts.sent };
}

async function setup(host: string) {
  const { program, link } = await setupLink();
  const hook = await api("POST", "/endpoints", {
    url: `https://${host}/p?c={conversion_id}`,
    method: "GET",
    events: ["conversion.registered"],
    program_id: program.id,
  });
  return { program, link, endpointId: hook.body.id as string };
}

/**
 * Attempts every delivery when due on a simulated clock (seconds), until none is pending: the
 * first attempts were made by the fan-out, which queued each failure after its first delay.
 */
async function runClock(
  { events, retries }: { events: ConversionEvent[]; retries: { delaySeconds?: number }[] },
  endpointId: string,
  onTick: (t: number) => Promise<void>,
) {
  const firstDelay = retries[0]?.delaySeconds ?? 0;
  const due = new Map(events.map((e) => [e.id, firstDelay]));
  const delays: number[] = retries.length ? [firstDelay] : [];
  let clock = 0;
  while (due.size) {
    clock = Math.min(...due.values());
    await onTick(clock);
    for (const [eventId, at] of [...due]) {
      if (at > clock) continue;
      const again = await attemptDelivery(env, eventId, endpointId, Date.now() + clock * 1000);
      if (again === null) due.delete(eventId);
      else {
        delays.push(again);
        due.set(eventId, clock + again);
      }
    }
  }
  return { clock, delays };
}

const states = async (endpointId: string) =>
  (
    await env.DB.prepare("SELECT state, attempts FROM deliveries WHERE endpoint_id = ?1")
      .bind(endpointId)
      .all<{ state: string; attempts: number }>()
  ).results;

describe("outbound deliveries through failures (simulated time)", () => {
  it("retries after 30 s, 2 min, 10 min, 30 min, 1 h and 3 h, then marks the delivery failed", async () => {
    const host = receiverHost();
    const { program, link, endpointId } = await setup(host);
    await reply(host, 503, "busy");
    const fanned = await deliveriesOf(1, program.id, program.conversion_key, link);
    const { delays } = await runClock(fanned, endpointId, async () => {});
    expect(delays).toEqual([30, 120, 600, 1800, 3600, 10800]);
    expect(await states(endpointId)).toEqual([{ state: "failed", attempts: 7 }]);
    const log = await api("GET", `/deliveries?endpoint_id=${endpointId}`);
    expect(log.body.data.map((a: { outcome: string }) => a.outcome)).toEqual([
      "failed",
      ...Array(6).fill("retrying"),
    ]);
    expect(log.body.data[0]).toMatchObject({ http_status: 503, response: "busy", attempt: 7 });
  });

  it("delivers every event to a receiver that was down for an hour", async () => {
    const host = receiverHost();
    const { program, link, endpointId } = await setup(host);
    await reply(host, 502, "down");
    const fanned = await deliveriesOf(5, program.id, program.conversion_key, link);
    let up = false;
    const { clock } = await runClock(fanned, endpointId, async (t) => {
      if (t >= 3600 && !up) {
        await reply(host, 200, "ok");
        up = true;
      }
    });
    expect(clock).toBe(30 + 120 + 600 + 1800 + 3600);
    expect((await states(endpointId)).every((d) => d.state === "delivered")).toBe(true);
    const got = await received(host);
    const ids = new Set(got.map((r) => new URL(r.url).searchParams.get("c")));
    expect(ids.size).toBe(5);
  });

  it("disables an endpoint whose last 20 deliveries failed, with the reason, and cancels what is pending", async () => {
    const host = receiverHost();
    const { program, link, endpointId } = await setup(host);
    await reply(host, 410, "gone");
    const fanned = await deliveriesOf(21, program.id, program.conversion_key, link);
    await runClock(
      { events: fanned.events.slice(0, 20), retries: fanned.retries },
      endpointId,
      async () => {},
    );
    const endpoint = await api("GET", `/endpoints/${endpointId}`);
    expect(endpoint.body).toMatchObject({ enabled: false });
    expect(endpoint.body.disabled_reason).toMatch(
      /20 failed deliveries in a row; the last: HTTP 410/,
    );
    const byState = (await states(endpointId)).map((d) => d.state);
    expect(byState.filter((s) => s === "failed")).toHaveLength(20);
    expect(byState.filter((s) => s === "cancelled")).toHaveLength(1);
    // Re-enabled by the operator, it starts afresh.
    expect(
      (await api("PATCH", `/endpoints/${endpointId}`, { enabled: true })).body.disabled_reason,
    ).toBeNull();
  });

  it("sends an event once through a redelivered message, and nothing while D1 refuses it", async () => {
    const host = receiverHost();
    const { program, link } = await setup(host);
    const events = await heldEvents(2, program.id, program.conversion_key, link);
    const spy = spyD1(env.DB);
    const consumer = { ...env, DB: spy.db, DELIVERY_QUEUE: recordingQueue().binding };

    spy.failWhen(/INSERT INTO deliveries/, new Error("injected"));
    await expect(fanOut(consumer, events)).rejects.toThrow(/injected/);
    expect(await received(host)).toEqual([]);

    // Sent, but the outcome cannot be written: the message will come again.
    spy.heal();
    spy.failWhen(/INSERT INTO delivery_attempts/, new Error("injected"), 1);
    await expect(fanOut(consumer, events)).rejects.toThrow(/injected/);
    expect(await received(host)).toHaveLength(2);

    spy.heal();
    expect(await fanOut(consumer, events)).toBe(0);
    expect(await fanOut(consumer, events)).toBe(0);
    expect(await received(host)).toHaveLength(2);
  });

  it("writes 4 D1 rows per delivery delivered at once: one endpoint read, two transactions per batch", async () => {
    const host = receiverHost();
    const { program, link } = await setup(host);
    const events = await heldEvents(3, program.id, program.conversion_key, link);
    const spy = spyD1(env.DB);
    await fanOut({ ...env, DB: spy.db, DELIVERY_QUEUE: recordingQueue().binding }, events);
    const written = spy.statements.reduce((sum, r) => sum + (r.rowsWritten ?? 0), 0);
    expect(await received(host)).toHaveLength(3);
    expect(written / 3).toBe(4);
    expect(spy.calls()).toBe(3);
  });
});
