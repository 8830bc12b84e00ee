import { describe, expect, it } from "vitest";
import { postback, setupClick } from "../support/helpers";

describe("postback validation", () => {
  it("names every broken field at once", async () => {
    const { key } = await setupClick();
    const response = await postback({
      key,
      id: "x".repeat(256),
      amount: "12,50",
      currency: "EUR",
      payment: "cash",
      customer: "c".repeat(256),
      cv: "v".repeat(256),
      voucher: Array.from({ length: 21 }, (_, i) => `V${i}`).join(";"),
      cids: Array.from({ length: 21 }, () => "603ed1800000000000000000").join("-"),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.body.status).toBe("rejected");
    expect(response.body.error.code).toBe("invalid_request");
    expect(Object.keys(response.body.error.fields).sort()).toEqual(
      ["amount", "customer", "cids", "cv", "id", "payment", "voucher"].sort(),
    );
  });

  it("requires id and currency, and knows ISO 4217", async () => {
    const { key } = await setupClick();
    const missing = await postback({ key, amount: "1" });
    expect(Object.keys(missing.body.error.fields).sort()).toEqual(["currency", "id"]);
    const unknown = await postback({ key, id: "o1", amount: "1", currency: "XXY" });
    expect(unknown.body.error.fields).toEqual({ currency: "is not an ISO 4217 currency code" });
    const empty = await postback({ key, id: "", amount: "1", currency: "EUR" });
    expect(empty.body.error.fields).toHaveProperty("id");
  });

  it("rounds decimals past the currency's ISO 4217 minor unit, and refuses what is no amount", async () => {
    const { key } = await setupClick();
    const cases: [string, string, boolean][] = [
      ["100.5", "JPY", true],
      ["12.345", "EUR", true],
      ["12.340", "EUR", true],
      ["1.2345", "KWD", true],
      ["1500.50", "HUF", true],
      ["-5", "EUR", false],
      ["1e3", "EUR", false],
      ["12,50", "EUR", false],
    ];
    for (const [amount, currency, ok] of cases) {
      const response = await postback({
        key,
        id: `v-${amount}-${currency}`,
        amount,
        currency,
        cids: "nope",
      });
      if (ok)
        expect(response.body.error.code, `${amount} ${currency}`).toBe("no_attributable_click");
      else expect(response.body.error.fields, `${amount} ${currency}`).toHaveProperty("amount");
    }
  });

  it("requires an amount when the program pays a percentage, not when it pays a fixed fee", async () => {
    const percent = await setupClick();
    const noAmount = await postback({
      key: percent.key,
      id: "lead-1",
      currency: "EUR",
      cids: percent.aecid,
    });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.error.fields).toHaveProperty("amount");

    const fixed = await setupClick({ commission: { type: "fixed", value: 300, currency: "EUR" } });
    const lead = await postback({
      key: fixed.key,
      id: "lead-1",
      amount: "",
      currency: "EUR",
      cids: fixed.aecid,
    });
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({ amount: 0, commission: 300, commission_currency: "EUR" });
  });
});
