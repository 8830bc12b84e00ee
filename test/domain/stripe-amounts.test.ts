import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyExponent } from "../../src/domain/money";
import { fromStripeAmount, stripeExponent } from "../../src/domain/stripe-amounts";

const ok = (minor: number, currency: string) => ({ ok: true, minor, currency, rounded: false });

describe("Stripe's minor units against ISO 4217's", () => {
  it("JPY: Stripe's zero-decimal list, whole yen on both sides", () => {
    expect(stripeExponent("JPY")).toBe(0);
    expect(fromStripeAmount(500, "jpy")).toEqual(ok(500, "JPY"));
  });

  it("KWD: three decimals on both sides, Stripe's last digit 0 kept as is", () => {
    expect(stripeExponent("KWD")).toBe(3);
    expect(currencyExponent("KWD")).toBe(3);
    expect(fromStripeAmount(5120, "kwd")).toEqual(ok(5120, "KWD"));
    for (const code of ["bhd", "jod", "omr", "tnd"]) {
      expect(fromStripeAmount(1230, code)).toMatchObject({ ok: true, minor: 1230 });
    }
  });

  it("HUF and TWD: sent ×100, two decimals in ISO too, so unchanged", () => {
    expect(fromStripeAmount(100_050, "huf")).toEqual(ok(100_050, "HUF"));
    expect(fromStripeAmount(29_900, "twd")).toEqual(ok(29_900, "TWD"));
  });

  it("ISK: sent ×100 but whole krónur in ISO, divided (half-up, said when rounded)", () => {
    expect(currencyExponent("ISK")).toBe(0);
    expect(fromStripeAmount(500, "isk")).toEqual(ok(5, "ISK"));
    expect(fromStripeAmount(4_050, "isk")).toEqual({
      ok: true,
      minor: 41,
      currency: "ISK",
      rounded: true,
    });
  });

  it("two-decimal currencies pass unchanged, and nonsense is refused with a reason", () => {
    expect(fromStripeAmount(1999, "eur")).toEqual(ok(1999, "EUR"));
    expect(fromStripeAmount(0, "usd")).toEqual(ok(0, "USD"));
    expect(fromStripeAmount(100, "zzz")).toMatchObject({ ok: false });
    expect(fromStripeAmount(-1, "eur")).toMatchObject({ ok: false });
    expect(fromStripeAmount(1.5, "eur")).toMatchObject({ ok: false });
    expect(fromStripeAmount("100", "eur")).toMatchObject({ ok: false });
    expect(fromStripeAmount(100, null)).toMatchObject({ ok: false });
  });

  it("never invents money: any integer amount converts to an integer within the unit's rounding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.constantFrom("jpy", "kwd", "huf", "isk", "eur", "mga"),
        (amount, currency) => {
          const money = fromStripeAmount(amount, currency);
          if (!money.ok) return false;
          const shift = stripeExponent(money.currency) - currencyExponent(money.currency);
          const back = shift >= 0 ? money.minor * 10 ** shift : money.minor / 10 ** -shift;
          return Number.isSafeInteger(money.minor) && Math.abs(back - amount) <= 10 ** shift / 2;
        },
      ),
    );
  });
});
