import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  batchClick,
  heldClicks,
  LEADER_DEADLINE_MS,
  MAX_HELD_CLICKS,
} from "../src/click/batch-writer";
import { config } from "../src/config";
import type { UnsavedClick } from "../src/domain/entities";
import { newId } from "../src/domain/ids";
import { setupLink } from "./helpers";
import { capturedLines } from "./support/log-capture";
import { recordingQueue } from "./support/queue";

afterEach(() => {
  vi.useRealTimers();
});

function clickOn(link: { id: string; program_id: string; partner_id: string }): UnsavedClick {
  const now = Date.now();
  return {
    id: newId(now),
    linkId: link.id,
    programId: link.program_id,
    partnerId: link.partner_id,
    createdAt: now,
    subIds: [null, null, null, null, null],
    country: null,
    userAgent: "UA",
    refererHost: null,
  };
}

describe("the isolate's hold on clicks is bounded (fake clock)", () => {
  it("stops its leader at the deadline, logs what it held for replay, and sends past the cap per request", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    queue.hang(); // the queue never answers, and D1 is not asked: the leader is stuck in a send
    const work: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void work.push(p) };
    const stuckEnv = { ...env, CLICK_QUEUE: queue.binding };
    vi.useFakeTimers();
    const first = clickOn(link);
    batchClick(stuckEnv, ctx, first, null);
    // The batch window passes: the leader sends, and hangs.
    await vi.advanceTimersByTimeAsync(config(env).clickBatchWaitMs + 10);
    expect(queue.sends).toHaveLength(1);

    // The leader is stuck: clicks pile up to the cap, then each is sent by its own request.
    for (let i = 0; i < MAX_HELD_CLICKS + 3; i++) batchClick(stuckEnv, ctx, clickOn(link), null);
    expect(heldClicks()).toBe(MAX_HELD_CLICKS);
    await vi.advanceTimersByTimeAsync(10);
    expect(queue.sends.filter((n) => n === 1).length).toBeGreaterThanOrEqual(3);
    expect(capturedLines().some((l) => l.includes("click_hold_full"))).toBe(true);

    // The deadline comes: the batch in flight is logged (not confirmed), so are the clicks held.
    await vi.advanceTimersByTimeAsync(LEADER_DEADLINE_MS);
    const lost = capturedLines().filter((l) => l.includes("click_write_failed"));
    expect(lost.some((l) => l.includes(first.id) && l.includes("leader deadline"))).toBe(true);
    expect(lost.filter((l) => l.includes("held at the leader's deadline")).length).toBe(
      MAX_HELD_CLICKS,
    );
  });
});
