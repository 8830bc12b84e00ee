import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utcDay } from "../../src/domain/entities";

const DAY = 86_400_000;

describe("utcDay", () => {
  it("property: any sequence of times gives each its own UTC day, whatever came before", () => {
    const time = fc.oneof(
      fc.integer({ min: 0, max: 4_102_444_800_000 }),
      // the last and first millisecond of a day
      fc.integer({ min: 1, max: 40_000 }).chain((d) => fc.constantFrom(d * DAY - 1, d * DAY)),
    );
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 20 }), (times) => {
        for (const ms of times) expect(utcDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
      }),
    );
  });

  it("still refuses a time that is not one", () => {
    expect(() => utcDay(Number.NaN)).toThrow(RangeError);
  });
});
