import { describe, expect, it } from "vitest";
import { asRegistered } from "../../src/domain/as-registered";
import type { Conversion } from "../../src/domain/conversion";

const now: Conversion = {
  id: "c",
  programId: "p",
  goal: "sale",
  repeatable: false,
  orderId: "o",
  clickId: null,
  linkId: null,
  partnerId: "pa",
  attribution: "voucher",
  amount: 2000,
  currency: "EUR",
  commission: 200,
  commissionCurrency: "EUR",
  status: "refused",
  initialStatus: "pending",
  refuseReason: "fraud",
  payment: null,
  customer: null,
  cv: null,
  vouchers: [],
  createdAt: 1,
  updatedAt: 9,
};

describe("a conversion as registered", () => {
  it("takes each changed field's value from before its first change", () => {
    const registered = asRegistered(now, [
      { field: "amount", old: "8000" },
      { field: "commission", old: "800" },
      { field: "amount", old: "5000" },
      { field: "commission", old: "500" },
      { field: "status", old: "pending" },
      { field: "refuse_reason", old: null },
    ]);
    expect(registered).toMatchObject({
      amount: 8000,
      commission: 800,
      status: "pending",
      refuseReason: null,
      updatedAt: 1,
    });
  });

  it("is the conversion as it is when nothing was recorded (never changed, or before history)", () => {
    expect(
      asRegistered({ ...now, status: "pending", refuseReason: null, updatedAt: 1 }, []),
    ).toEqual({
      ...now,
      status: "pending",
      refuseReason: null,
      updatedAt: 1,
    });
    expect(asRegistered(now, [])).toMatchObject({
      amount: 2000,
      commission: 200,
      status: "pending",
    });
  });
});
