// Payouts in the dashboard and the portal, pure (public/dashboard/areas/payout-values.js): the
// API's paths and bodies from form values, and masked payout details as one line of text.
import { describe, expect, it } from "vitest";
import {
  balancesPath,
  detailsBody,
  detailsText,
  exportPath,
  FORMATS,
  isOpen,
  ownStatementUrl,
  payoutBody,
  payoutsPath,
  statementPath,
} from "../../public/dashboard/areas/payout-values.js";

describe("payout paths", () => {
  it("asks for balances with a minimum only with a currency", () => {
    expect(balancesPath("", null)).toBe("/balances");
    expect(balancesPath("EUR", null)).toBe("/balances?currency=EUR");
    expect(balancesPath("EUR", 5000)).toBe("/balances?currency=EUR&minimum=5000");
    expect(balancesPath("EUR", 0)).toBe("/balances?currency=EUR&minimum=0");
    expect(balancesPath("", 5000)).toBe("/balances");
  });

  it("lists payouts with the filters that have a value", () => {
    expect(payoutsPath("", "")).toBe("/payouts");
    expect(payoutsPath("paid", "")).toBe("/payouts?status=paid");
    expect(payoutsPath("draft", "USD")).toBe("/payouts?status=draft&currency=USD");
  });

  it("names the export formats and the statements the API answers", () => {
    expect(FORMATS.map(([format]) => format)).toEqual(["paypal", "wise", "sepa"]);
    expect(exportPath("ab12", "sepa")).toBe("/payouts/ab12/export?format=sepa");
    expect(statementPath("ab12", "cd34")).toBe("/payouts/ab12/statements/cd34");
    expect(ownStatementUrl("ab12")).toBe("/api/partner/payouts/ab12/statement");
    // An ID never leaves its path segment.
    expect(exportPath("a/b?c", "x&y")).toBe("/payouts/a%2Fb%3Fc/export?format=x%26y");
  });

  it("tells open payouts from decided ones", () => {
    expect(["draft", "exported", "paid", "cancelled"].map((status) => isOpen({ status }))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("payout bodies", () => {
  it("sends partner_ids only when some are chosen", () => {
    expect(payoutBody("EUR", 0, [])).toEqual({ currency: "EUR", minimum: 0 });
    expect(payoutBody("EUR", 5000, ["ab", "cd"])).toEqual({
      currency: "EUR",
      minimum: 5000,
      partner_ids: ["ab", "cd"],
    });
  });

  it("sends the chosen method's fields only, trimmed", () => {
    const values = {
      method: "iban",
      email: "jane@example.com",
      iban: " DE89 3704 0044 0532 0130 00 ",
      bic: "COBADEFFXXX ",
      account_holder: " Jane Doe",
    };
    expect(detailsBody(values)).toEqual({
      method: "iban",
      iban: "DE89 3704 0044 0532 0130 00",
      bic: "COBADEFFXXX",
      account_holder: "Jane Doe",
    });
    expect(detailsBody({ ...values, method: "paypal" })).toEqual({
      method: "paypal",
      email: "jane@example.com",
    });
  });
});

describe("masked payout details", () => {
  it("reads as one line per method", () => {
    expect(detailsText({ method: "paypal", masked: { email: "j•••@example.com" } })).toBe(
      "PayPal j•••@example.com",
    );
    expect(
      detailsText({
        method: "iban",
        masked: { iban: "FR76 •••• •••• 0189", bic: "BNPAFRPP", account_holder: "Jane Doe" },
      }),
    ).toBe("IBAN FR76 •••• •••• 0189, BIC BNPAFRPP, Jane Doe");
    expect(detailsText({ method: null })).toBe("None given");
    expect(detailsText(null)).toBe("None given");
  });
});
