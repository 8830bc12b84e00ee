import iso from "currency-codes";
import { describe, expect, it } from "vitest";
import { ISO_4217_MINOR_UNITS } from "../../src/domain/iso-4217";
import {
  CURRENCY_MINOR_UNITS,
  ISO_4217_AMENDED,
  ISO_4217_AMENDMENTS,
} from "../../src/domain/iso-4217-amendments";
import { currencyExponent, normaliseCurrency } from "../../src/domain/money";

describe("ISO 4217 amendments on top of the currency-codes package", () => {
  // When this fails, the package has caught up: delete the entry it names from the table.
  it.each(ISO_4217_AMENDMENTS.map((a) => [a.code, a]))(
    "%s is one the package still lacks",
    (code, amendment) => {
      expect(iso.code(code)).toBeUndefined();
      expect(ISO_4217_MINOR_UNITS[code]).toBeUndefined();
      expect(amendment.activeSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(amendment.activeSince > iso.publishDate).toBe(true);
    },
  );

  it("adds each amendment to the accepted codes, and changes none of the package's", () => {
    for (const a of ISO_4217_AMENDMENTS) expect(CURRENCY_MINOR_UNITS[a.code]).toBe(a.minorUnits);
    for (const [code, digits] of Object.entries(ISO_4217_MINOR_UNITS)) {
      expect(CURRENCY_MINOR_UNITS[code]).toBe(digits);
    }
    expect(ISO_4217_AMENDED).toBe("2025-03-31");
  });

  it("accepts XCG with 2 decimals", () => {
    expect(normaliseCurrency(" xcg ")).toBe("XCG");
    expect(currencyExponent("XCG")).toBe(2);
  });
});
