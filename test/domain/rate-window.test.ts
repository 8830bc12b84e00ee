import { describe, expect, it } from "vitest";
import { admit, type RateWindow } from "../../src/domain/rate-window";

describe("sliding-window rate limit", () => {
  it("admits the limit within a minute, then asks to retry after the window", () => {
    let window: RateWindow | undefined;
    const t0 = 1_800_000_000_000; // a whole minute
    for (let i = 0; i < 5; i++) {
      const a = admit(window, 5, t0 + i);
      expect(a.allowed).toBe(true);
      window = a.window;
    }
    const denied = admit(window, 5, t0 + 10_000);
    expect(denied).toMatchObject({ allowed: false, retryAfterSeconds: 50 });
  });

  it("weighs the previous minute by its overlap, and forgets older ones", () => {
    const t0 = 1_800_000_000_000;
    const full: RateWindow = { start: t0, current: 10, previous: 0 };
    expect(admit(full, 10, t0 + 60_000 + 1000).allowed).toBe(false); // ~9.8 still counted
    expect(admit(full, 10, t0 + 60_000 + 30_000).allowed).toBe(true); // 5 counted
    expect(admit(full, 10, t0 + 180_000).window).toMatchObject({ previous: 0, current: 1 });
  });
});
