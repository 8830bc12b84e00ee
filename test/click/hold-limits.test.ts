import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { batchClick, heldClicks, LEADER_DEADLINE_MS } from "../../src/click/hold";
import { config } from "../../src/config";
import { unsavedClick } from "../support/fixtures";
import { setupLink } from "../support/helpers";
import { capturedLines } from "../support/log-capture";
import { recordingQueue } from "../support/queue";

afterEach(() => {
  vi.useRealTimers();
});

const clickOn = unsavedClick;

describe("the isolate's hold on clicks is bounded (fake clock)", () => {
  it("stops waiting for a send at the deadline and logs its batch for replay; later clicks still leave", async () => {
    const { link } = await setupLink();
    const queue = recordingQueue();
    queue.hang(); // the queue never answers, and D1 is not asked: every send is stuck
    const work: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void work.push(p) };
    const stuckEnv = { ...env, CLICK_QUEUE: queue.binding };
    vi.useFakeTimers();
    const first = clickOn(link);
    batchClick(stuckEnv, ctx, first, null);
    // The batch window passes: the leader sends, and hangs.
    await vi.advanceTimersByTimeAsync(config(env).clickBatchWaitMs + 10);
    expect(queue.sends).toHaveLength(1);

    // The stuck send holds nothing back: the next clicks leave in their own window.
    for (let i = 0; i < 3; i++) batchClick(stuckEnv, ctx, clickOn(link), null);
    await vi.advanceTimersByTimeAsync(config(env).clickBatchWaitMs + 10);
    expect(queue.sends).toEqual([1, 1]); // two messages: the first click, then the next three
    expect(heldClicks()).toBe(0);

    // The deadline comes: the batches in flight are logged (not confirmed), every click of them.
    await vi.advanceTimersByTimeAsync(LEADER_DEADLINE_MS);
    const lost = capturedLines().filter((l) => l.includes("click_write_failed"));
    expect(lost.some((l) => l.includes(first.id) && l.includes("leader deadline"))).toBe(true);
    expect(lost.filter((l) => l.includes("not confirmed")).length).toBe(4);
  });
});
