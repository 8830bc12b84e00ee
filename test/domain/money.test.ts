import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ISO_4217_MINOR_UNITS } from "../../src/domain/iso-4217";
import {
  commissionFor,
  currencyExponent,
  formatMinor,
  normaliseCurrency,
  parseAmount,
} from "../../src/domain/money";

describe("currencies", () => {
  it("follow ISO 4217's minor units, not the runtime's Intl data", () => {
    expect(normaliseCurrency("eur")).toBe("EUR");
    expect(normaliseCurrency(" jpy ")).toBe("JPY");
    expect(normaliseCurrency("XYZ")).toBeNull();
    expect(normaliseCurrency("EURO")).toBeNull();
    expect(normaliseCurrency("constructor")).toBeNull();
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("EUR")).toBe(2);
    expect(currencyExponent("KWD")).toBe(3);
    expect(currencyExponent("CLF")).toBe(4);
    // Intl gives these 0 decimals (and RSD 2 or 0 depending on the runtime); ISO gives 2 (IQD 3).
    for (const code of ["HUF", "IDR", "COP", "PKR", "IRR", "ALL", "RSD", "MGA"])
      expect(currencyExponent(code), code).toBe(2);
    expect(currencyExponent("IQD")).toBe(3);
  });

  it("accept VED and ZWG, refuse the withdrawn HRK", () => {
    expect(normaliseCurrency("VED")).toBe("VED");
    expect(normaliseCurrency("zwg")).toBe("ZWG");
    expect(normaliseCurrency("HRK")).toBeNull();
  });
});

describe("parseAmount", () => {
  it("reads decimal strings into minor units", () => {
    const exact = (minor: number) => ({ ok: true, minor, rounded: false });
    expect(parseAmount("123.45", 2)).toEqual(exact(12345));
    expect(parseAmount("123.4", 2)).toEqual(exact(12340));
    expect(parseAmount("123.4500", 2)).toEqual(exact(12345));
    expect(parseAmount("0", 2)).toEqual(exact(0));
    expect(parseAmount("1500", 0)).toEqual(exact(1500));
    expect(parseAmount("1.234", 3)).toEqual(exact(1234));
    expect(parseAmount("0.30", 2)).toEqual(exact(30));
  });

  it("rounds more decimals than the currency has half-up, never refuses them", () => {
    const rounded = (minor: number) => ({ ok: true, minor, rounded: true });
    expect(parseAmount("10228.345", 2)).toEqual(rounded(1022835));
    expect(parseAmount("10228.344999", 2)).toEqual(rounded(1022834));
    expect(parseAmount("12.345", 2)).toEqual(rounded(1235));
    expect(parseAmount("0.005", 2)).toEqual(rounded(1));
    expect(parseAmount("0.0049", 2)).toEqual(rounded(0));
    expect(parseAmount("100.5", 0)).toEqual(rounded(101));
    expect(parseAmount("100.49", 0)).toEqual(rounded(100));
    expect(parseAmount("9.9995", 3)).toEqual(rounded(10000));
    expect(parseAmount("99.995", 2)).toEqual(rounded(10000));
  });

  it("refuses signs, commas, exponents and overflow", () => {
    for (const [raw, exponent] of [
      ["-1", 2],
      ["+1", 2],
      ["12,50", 2],
      ["1e3", 2],
      [".5", 2],
      ["5.", 2],
      ["NaN", 2],
      ["1 000", 2],
      ["99999999999999999999", 2],
    ] as const) {
      expect(parseAmount(raw, exponent).ok, raw).toBe(false);
    }
  });

  it("property: for every ISO 4217 currency, parse(format(x)) = x, never through a float", () => {
    const codes = Object.keys(ISO_4217_MINOR_UNITS);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(...codes),
        (minor, code) => {
          const exponent = currencyExponent(code);
          const text = formatMinor(minor, exponent);
          expect(parseAmount(text, exponent)).toEqual({ ok: true, minor, rounded: false });
          expect(parseAmount(`${text}${exponent ? "" : "."}000`, exponent)).toEqual({
            ok: true,
            minor,
            rounded: false,
          });
        },
      ),
      { numRuns: 2000 },
    );
    for (const code of codes) {
      const exponent = currencyExponent(code);
      expect(parseAmount(formatMinor(123456789, exponent), exponent), code).toMatchObject({
        minor: 123456789,
      });
    }
  });

  it("writes negative amounts with the sign in front (a clawback on a statement)", () => {
    expect(formatMinor(-5, 2)).toBe("-0.05");
    expect(formatMinor(-50, 2)).toBe("-0.50");
    expect(formatMinor(-100, 3)).toBe("-0.100");
    expect(formatMinor(-123_456, 2)).toBe("-1234.56");
    expect(formatMinor(-7, 0)).toBe("-7");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 4 }),
        (minor, exponent) => {
          expect(formatMinor(-minor, exponent)).toBe(`-${formatMinor(minor, exponent)}`);
        },
      ),
    );
  });

  it("property: rounding is half-up at the boundary, for every exponent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom(0, 2, 3, 4),
        fc.integer({ min: 0, max: 9 }),
        fc.stringMatching(/^[0-9]{0,6}$/),
        (minor, exponent, digit, tail) => {
          const text = `${formatMinor(minor, exponent)}${exponent ? "" : "."}${digit}${tail}`;
          const parsed = parseAmount(text, exponent);
          expect(parsed).toMatchObject({ ok: true, minor: digit >= 5 ? minor + 1 : minor });
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
