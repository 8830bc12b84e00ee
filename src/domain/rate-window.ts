/**
 * A sliding-window counter (as Cloudflare's own rate limiting does): the previous minute's count,
 * weighted by how much of it still overlaps the last 60 seconds, plus this minute's count.
 */
export interface RateWindow {
  start: number;
  current: number;
  previous: number;
}

export const WINDOW_MS = 60_000;

export interface Admission {
  allowed: boolean;
  window: RateWindow;
  retryAfterSeconds: number;
}

export function admit(window: RateWindow | undefined, limit: number, now: number): Admission {
  const start = now - (now % WINDOW_MS);
  let next: RateWindow;
  if (!window || window.start <= start - 2 * WINDOW_MS) next = { start, current: 0, previous: 0 };
  else if (window.start < start) next = { start, current: 0, previous: window.current };
  else next = { ...window };
  const overlap = 1 - (now - start) / WINDOW_MS;
  const estimate = next.previous * overlap + next.current;
  if (estimate + 1 > limit) {
    return {
      allowed: false,
      window: next,
      retryAfterSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)),
    };
  }
  next.current++;
  return { allowed: true, window: next, retryAfterSeconds: 0 };
}
