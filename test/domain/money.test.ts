import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commissionFor,
  currencyExponent,
  formatMinor,
  normaliseCurrency,
  parseAmount,
} from "../../src/domain/money";

describe("currencies", () => {
  it("come from Intl, with their minor-unit exponents", () => {
    expect(normaliseCurrency("eur")).toBe("EUR");
    expect(normaliseCurrency(" jpy ")).toBe("JPY");
    expect(normaliseCurrency("XYZ")).toBeNull();
    expect(normaliseCurrency("EURO")).toBeNull();
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("EUR")).toBe(2);
    expect(currencyExponent("KWD")).toBe(3);
  });
});

describe("parseAmount", () => {
  it("reads decimal strings into minor units", () => {
    expect(parseAmount("123.45", 2)).toEqual({ ok: true, minor: 12345 });
    expect(parseAmount("123.4", 2)).toEqual({ ok: true, minor: 12340 });
    expect(parseAmount("123.4500", 2)).toEqual({ ok: true, minor: 12345 });
    expect(parseAmount("0", 2)).toEqual({ ok: true, minor: 0 });
    expect(parseAmount("1500", 0)).toEqual({ ok: true, minor: 1500 });
    expect(parseAmount("1.234", 3)).toEqual({ ok: true, minor: 1234 });
    expect(parseAmount("0.30", 2)).toEqual({ ok: true, minor: 30 });
  });

  it("refuses signs, commas, exponents, excess decimals and overflow", () => {
    for (const [raw, exponent] of [
      ["-1", 2],
      ["+1", 2],
      ["12,50", 2],
      ["1e3", 2],
      ["12.345", 2],
      ["100.5", 0],
      [".5", 2],
      ["5.", 2],
      ["NaN", 2],
      ["1 000", 2],
      ["99999999999999999999", 2],
    ] as const) {
      expect(parseAmount(raw, exponent).ok, raw).toBe(false);
    }
  });

  it("property: round-trips every integer amount of minor units, never through a float", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(0, 2, 3),
        (minor, exponent) => {
          const text = formatMinor(minor, exponent);
          expect(parseAmount(text, exponent)).toEqual({ ok: true, minor });
          expect(parseAmount(`${text}${exponent ? "" : "."}000`, exponent)).toEqual({
            ok: true,
            minor,
          });
        },
      ),
    );
  });
});

describe("commissionFor", () => {
  it("rounds a percentage half-up to the minor unit", () => {
    expect(commissionFor({ type: "percent", value: 10 }, 12345, "EUR")).toEqual({
      minor: 1235,
      currency: "EUR",
    });
    expect(commissionFor({ type: "percent", value: 10 }, 12344, "EUR")).toEqual({
      minor: 1234,
      currency: "EUR",
    });
    expect(commissionFor({ type: "percent", value: 12.5 }, 1, "JPY")).toEqual({
      minor: 0,
      currency: "JPY",
    });
    expect(commissionFor({ type: "percent", value: 50 }, 1, "JPY")).toEqual({
      minor: 1,
      currency: "JPY",
    });
    expect(
      commissionFor({ type: "percent", value: 0.0001 }, Number.MAX_SAFE_INTEGER, "EUR").minor,
    ).toBe(Math.round(Number.MAX_SAFE_INTEGER / 1_000_000));
  });

  it("pays a fixed commission in its own currency", () => {
    expect(commissionFor({ type: "fixed", value: 500, currency: "USD" }, 99999, "EUR")).toEqual({
      minor: 500,
      currency: "USD",
    });
  });

  it("property: a percentage commission is exact integer arithmetic", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (amount, scaled) => {
          const { minor } = commissionFor(
            { type: "percent", value: scaled / 10_000 },
            amount,
            "EUR",
          );
          const exact = (BigInt(amount) * BigInt(scaled) * 2n + 1_000_000n) / 2_000_000n;
          expect(BigInt(minor)).toBe(exact);
        },
      ),
    );
  });
});
