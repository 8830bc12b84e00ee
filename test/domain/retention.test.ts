import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idLowerBound } from "../../src/domain/ids";
import { clickCutoffs, QueryAllowance } from "../../src/domain/retention";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 3);
const idDaysAgo = (days: number) => idLowerBound((NOW - days * DAY) / 1000);

describe("clickCutoffs", () => {
  it("keeps each program's clicks for the longer of RETENTION_DAYS and its window", () => {
    const cutoffs = clickCutoffs(NOW, 30, [
      { id: "AA", attributionWindowDays: 365 },
      { id: "bb", attributionWindowDays: 7 },
    ]);
    expect(cutoffs.byProgram).toEqual({ aa: idDaysAgo(365), bb: idDaysAgo(30) });
    expect(cutoffs.scanBefore).toBe(idDaysAgo(30));
    expect(cutoffs.fallback).toBe(idDaysAgo(365));
  });

  it("with no program, keeps RETENTION_DAYS", () => {
    expect(clickCutoffs(NOW, 395, [])).toEqual({
      scanBefore: idDaysAgo(395),
      byProgram: {},
      fallback: idDaysAgo(395),
    });
  });

  it("property: no cutoff lets go of a click its program's window or retention still covers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3650 }),
        fc.array(fc.integer({ min: 1, max: 365 }), { maxLength: 20 }),
        (retention, windows) => {
          const programs = windows.map((days, i) => ({ id: `p${i}`, attributionWindowDays: days }));
          const cutoffs = clickCutoffs(NOW, retention, programs);
          for (const program of programs) {
            const kept = idDaysAgo(Math.max(retention, program.attributionWindowDays));
            expect(cutoffs.byProgram[program.id] ?? "").toBe(kept);
            expect(cutoffs.fallback <= kept).toBe(true);
            expect(cutoffs.scanBefore >= kept).toBe(true);
          }
        },
      ),
    );
  });
});

describe("QueryAllowance", () => {
  it("gives statements while they last, never more", () => {
    const allowance = new QueryAllowance(9);
    expect([allowance.take(4), allowance.take(4), allowance.take(4)]).toEqual([true, true, false]);
    expect(allowance.remaining).toBe(1);
  });
});
