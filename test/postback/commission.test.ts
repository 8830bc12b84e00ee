import { describe, expect, it } from "vitest";
import { postback, setupClick } from "../support/helpers";

describe("commission and status", () => {
  it("pays a fixed commission in its own currency and auto-approves when the program says so", async () => {
    const { key, aecid } = await setupClick({
      commission: { type: "fixed", value: 700, currency: "GBP" },
      auto_approve: true,
    });
    const response = await postback({
      key,
      id: "fx-1",
      amount: "5000",
      currency: "JPY",
      cids: aecid,
    });
    expect(response.body).toMatchObject({
      amount: 5000,
      currency: "JPY",
      commission: 700,
      commission_currency: "GBP",
      conversion_status: "approved",
    });
  });

  it("rounds a percentage commission half-up in the minor unit", async () => {
    const { key, aecid } = await setupClick({ commission: { type: "percent", value: 12.5 } });
    const response = await postback({
      key,
      id: "pc-1",
      amount: "0.999",
      currency: "KWD",
      cids: aecid,
    });
    expect(response.body).toMatchObject({
      amount: 999,
      commission: 125,
      commission_currency: "KWD",
    });
  });
});
