import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { insertClickAt } from "../support/fixtures";
import { api, ORIGIN, setupLink } from "../support/helpers";
import { recordingQueue } from "../support/queue";
import { receiverHost } from "../support/receiver-client";

// The postback's only outbound work is one message on the delivery queue. When the queue cannot
// take it, the request fans the event out itself (its deliveries written, for the hourly sweep to
// send): that fan-out is loaded on this path only (import()), and must still be there.
describe("a registration whose event the delivery queue refuses", () => {
  it("has its deliveries written by the request itself, none sent yet", async () => {
    const { program, link } = await setupLink();
    const hook = await api("POST", "/endpoints", {
      url: `https://${receiverHost()}/p?c={conversion_id}`,
      method: "GET",
      events: ["conversion.registered"],
      program_id: program.id,
    });
    const queue = recordingQueue();
    queue.fail();
    const cid = await insertClickAt(link, Date.now() - 60_000);
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(
        `${ORIGIN}/?key=${program.conversion_key}&id=down-1&amount=5&currency=EUR&cids=${cid}`,
      ),
      { ...env, DELIVERY_QUEUE: queue.binding },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(201);
    expect(queue.sends.length).toBeGreaterThan(0);
    const delivery = await env.DB.prepare(
      "SELECT state, attempts FROM deliveries WHERE endpoint_id = ?1",
    )
      .bind(hook.body.id)
      .first();
    expect(delivery).toEqual({ state: "pending", attempts: 0 });
  });
});
