import { describe, expect, it } from "vitest";
import {
  BARE,
  BOUND,
  type ColdRound,
  coldFigures,
  coldGoal,
} from "../../bench/lib/cold-figures.ts";

// Miniflare's part before workerd's spawn is a tenth of listening here.
const sample = (startMs: number, firstMs: number, status = 302) => ({
  spawnMs: startMs / 10,
  startMs,
  firstMs,
  cpuMs: startMs / 2,
  hostCpuMs: startMs / 4,
  status,
});

describe("cold-start figures", () => {
  const rounds: ColdRound[] = [
    { [BARE]: sample(90, 10), [BOUND]: sample(190, 10), redirect: sample(250, 50) },
    // A slow round: everything took twice as long, so the within-round ratio is unchanged.
    { [BARE]: sample(180, 20), [BOUND]: sample(380, 20), redirect: sample(500, 100) },
    { [BARE]: sample(100, 0), [BOUND]: sample(200, 0), redirect: sample(400, 0, 500) },
  ];
  const figures = coldFigures(rounds);

  it("takes each ratio within its round, then the median and range over the rounds", () => {
    const redirect = figures.redirect;
    expect(redirect?.vsBound).toEqual({ median: 1.5, min: 1.5, max: 2 });
    expect(redirect?.vsBare).toEqual({ median: 3, min: 3, max: 4 });
    expect(redirect?.totalMs).toEqual({ median: 400, min: 300, max: 600 });
  });

  it("counts what our code adds over the bare Worker with the same bindings", () => {
    expect(figures.redirect?.addedMs).toEqual({ median: 200, min: 100, max: 200 });
    expect(figures[BOUND]?.addedMs).toEqual({ median: 0, min: 0, max: 0 });
  });

  it("times from workerd's spawn too, leaving Miniflare's part out of both sides", () => {
    // Totals less a tenth of listening: redirect 275, 550, 360; bound 181, 362, 180; bare 91, 182, 90.
    expect(figures.redirect?.spawnMs).toEqual({ median: 40, min: 25, max: 50 });
    expect(figures.redirect?.fromSpawnMs).toEqual({ median: 360, min: 275, max: 550 });
    expect(figures.redirect?.fromSpawnVsBound.median).toBeCloseTo(275 / 181, 10);
    expect(figures.redirect?.fromSpawnVsBound.max).toBe(2);
    expect(figures.redirect?.fromSpawnVsBare.max).toBe(4);
    expect(figures.redirect?.fromSpawnAddedMs).toEqual({ median: 180, min: 94, max: 188 });
  });

  it("keeps every first answer's status", () => {
    expect(figures.redirect?.statuses).toEqual([302, 500]);
  });

  it("leaves out a round that lacks a bare Worker", () => {
    const partial = coldFigures([...rounds, { redirect: sample(1, 1) }]);
    expect(partial.redirect?.totalMs.min).toBe(300);
  });

  it("judges the goal from workerd's spawn, on the median round, and says when the range straddles it", () => {
    const redirect = figures.redirect as NonNullable<typeof figures.redirect>;
    const goal = coldGoal(redirect);
    expect(goal.ratio).toBe(redirect.fromSpawnVsBound);
    // Its rounds read 1.52, 1.52 and 2: over 1.5 in every round.
    expect(goal).toMatchObject({ met: false, certain: true });
    expect(coldGoal(redirect, 1.6)).toMatchObject({ met: true, certain: false });
    expect(coldGoal(redirect, 2)).toMatchObject({ met: true, certain: true });
  });
});
