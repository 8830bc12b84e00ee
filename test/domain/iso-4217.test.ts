import iso from "currency-codes";
import { describe, expect, it } from "vitest";
import { ISO_4217_MINOR_UNITS, ISO_4217_PUBLISHED } from "../../src/domain/iso-4217";

describe("the ISO 4217 table", () => {
  it("is exactly what the maintained currency-codes package says (`npm run currencies`)", () => {
    const fromPackage = Object.fromEntries(iso.data.map((c) => [c.code, c.digits]));
    expect(ISO_4217_MINOR_UNITS).toEqual(fromPackage);
    expect(ISO_4217_PUBLISHED).toBe(iso.publishDate);
    expect(Object.keys(ISO_4217_MINOR_UNITS).length).toBeGreaterThan(150);
  });
});
