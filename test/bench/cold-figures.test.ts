import { describe, expect, it } from "vitest";
import {
  BARE,
  BOUND,
  type ColdRound,
  coldFigures,
  coldGoal,
} from "../../bench/lib/cold-figures.ts";

const sample = (startMs: number, firstMs: number, status = 302) => ({
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

  it("takes the Node side's extra CPU off, never adds it", () => {
    // hostCpuMs is startMs / 4: the redirect's extra is 15, 30 and 50 ms, its totals 300, 600, 400.
    expect(figures.redirect?.vsBoundInWorkerd).toEqual({ median: 1.425, min: 1.425, max: 1.75 });
    expect(figures[BARE]?.vsBoundInWorkerd.median).toBe(0.5);
  });

  it("keeps every first answer's status", () => {
    expect(figures.redirect?.statuses).toEqual([302, 500]);
  });

  it("leaves out a round that lacks a bare Worker", () => {
    const partial = coldFigures([...rounds, { redirect: sample(1, 1) }]);
    expect(partial.redirect?.totalMs.min).toBe(300);
  });

  it("meets the goal on the median round, and says when the range straddles it", () => {
    const goal = coldGoal(figures.redirect as NonNullable<typeof figures.redirect>);
    expect(goal).toMatchObject({ met: true, certain: false });
    const goal2 = coldGoal(figures.redirect as NonNullable<typeof figures.redirect>, 1.4);
    expect(goal2).toMatchObject({ met: false, certain: true });
  });
});
