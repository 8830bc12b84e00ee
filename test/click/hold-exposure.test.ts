import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { batchClick, heldClicks, MAX_CLICKS_PER_BATCH } from "../../src/click/hold";
import { decodeClickBatch } from "../../src/domain/click-message";
import { unsavedClick } from "../support/fixtures";
import { setupLink } from "../support/helpers";
import { capturedLines } from "../support/log-capture";

/**
 * What an isolate crash can lose is what it holds: the clicks answered but not yet handed to the
 * queue. These tests bound that exposure by time (no click waits longer than CLICK_BATCH_WAIT_MS
 * before its send starts, even while an earlier send is slow) and by count (never more than one
 * batch held, however slow the queue).
 */
afterEach(() => {
  vi.useRealTimers();
});

/** A producer that answers each send after `delayMs` (simulated time), or never. */
function slowQueue(delayMs: number | "never") {
  const sends: { at: number; ids: string[] }[] = [];
  const act = (bodies: unknown[]) => {
    const ids = bodies.flatMap((b) => decodeClickBatch(b)?.clicks.map((c) => c.id) ?? []);
    sends.push({ at: Date.now(), ids });
    return new Promise<void>((resolve) => {
      if (delayMs !== "never") setTimeout(resolve, delayMs);
    });
  };
  const binding = {
    send: (body: unknown) => act([body]),
    sendBatch: (messages: { body: unknown }[]) => act(messages.map((m) => m.body)),
  } as unknown as Queue;
  return { binding, sends };
}

const clickOn = unsavedClick;

const WAIT_MS = 100;

describe("the isolate's exposure to a crash is bounded (fake clock)", () => {
  it("sends a click within CLICK_BATCH_WAIT_MS of its arrival, even while an earlier send is slow", async () => {
    const { link } = await setupLink();
    const queue = slowQueue(1_000); // each send takes 1 s to be acknowledged
    const work: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void work.push(p) };
    const slowEnv = { ...env, CLICK_QUEUE: queue.binding, CLICK_BATCH_WAIT_MS: String(WAIT_MS) };
    vi.useFakeTimers();
    const start = Date.now();
    const first = clickOn(link);
    batchClick(slowEnv, ctx, first, null);
    await vi.advanceTimersByTimeAsync(WAIT_MS + 50); // the first send starts, and takes 1 s
    expect(queue.sends.map((s) => s.ids)).toEqual([[first.id]]);

    const second = clickOn(link);
    batchClick(slowEnv, ctx, second, null);
    await vi.advanceTimersByTimeAsync(WAIT_MS + 20);
    const sentSecond = queue.sends.find((s) => s.ids.includes(second.id));
    expect(sentSecond, "the second click waited for the first send to finish").toBeDefined();
    expect((sentSecond?.at ?? 0) - (second.createdAt - start) - start).toBeLessThanOrEqual(
      WAIT_MS + 10,
    );
    expect(heldClicks()).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(work);
  });

  it("never holds more than one batch, however slow the queue: a full batch leaves at once", async () => {
    const { link } = await setupLink();
    const queue = slowQueue("never"); // the queue never answers: every send stays in flight
    const work: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void work.push(p) };
    const stuckEnv = { ...env, CLICK_QUEUE: queue.binding, CLICK_BATCH_WAIT_MS: String(WAIT_MS) };
    vi.useFakeTimers();
    let most = 0;
    for (let i = 0; i < 5 * MAX_CLICKS_PER_BATCH + 7; i++) {
      batchClick(stuckEnv, ctx, clickOn(link), null);
      most = Math.max(most, heldClicks());
    }
    expect(most).toBeLessThanOrEqual(MAX_CLICKS_PER_BATCH);
    // The five full batches left without waiting for the window, each from its own request.
    await vi.advanceTimersByTimeAsync(5);
    expect(queue.sends.map((s) => s.ids.length)).toEqual(Array(5).fill(MAX_CLICKS_PER_BATCH));
    // The remainder leaves when the window closes, while the first five are still in flight.
    await vi.advanceTimersByTimeAsync(WAIT_MS);
    expect(queue.sends.map((s) => s.ids.length).at(-1)).toBe(7);
    expect(heldClicks()).toBe(0);
    // Nothing in flight goes unlogged: the sends never confirmed are logged at their deadline.
    await vi.advanceTimersByTimeAsync(30_000);
    const lost = capturedLines().filter((l) => l.includes("not confirmed"));
    expect(lost.length).toBe(5 * MAX_CLICKS_PER_BATCH + 7);
  });

  it("logs each batch the queue acknowledged, by count and first and last aecid (what the crash test reads)", async () => {
    const { link } = await setupLink();
    const queue = slowQueue(10);
    const work: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void work.push(p) };
    const slowEnv = { ...env, CLICK_QUEUE: queue.binding, CLICK_BATCH_WAIT_MS: String(WAIT_MS) };
    vi.useFakeTimers();
    const clicks = [clickOn(link), clickOn(link), clickOn(link)];
    for (const click of clicks) batchClick(slowEnv, ctx, click, null);
    await vi.advanceTimersByTimeAsync(WAIT_MS + 50);
    await Promise.all(work);
    const queued = capturedLines()
      .filter((l) => l.startsWith('{"event":"click_batch_queued"'))
      .map((l) => JSON.parse(l))
      .filter((q) => clicks.some((c) => c.id === q.first || c.id === q.last));
    expect(queued).toEqual([
      expect.objectContaining({ clicks: 3, first: clicks[0]?.id, last: clicks[2]?.id }),
    ]);
  });
});
