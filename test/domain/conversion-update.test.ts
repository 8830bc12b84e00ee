import { describe, expect, it } from "vitest";
import type { Conversion } from "../../src/domain/conversion";
import { applyUpdate, eventOfChange } from "../../src/domain/conversion-update";
import { goalNamed, goalsOf, goalsProblem } from "../../src/domain/goals";

const conversion: Conversion = {
  id: "c",
  programId: "p",
  goal: "sale",
  repeatable: false,
  orderId: "o",
  clickId: null,
  linkId: null,
  partnerId: "pa",
  attribution: "voucher",
  amount: 8000,
  currency: "EUR",
  commission: 800,
  commissionCurrency: "EUR",
  status: "pending",
  initialStatus: "pending",
  refuseReason: null,
  payment: null,
  customer: null,
  cv: null,
  vouchers: [],
  createdAt: 1,
  updatedAt: 1,
};
const tenPercent = { type: "percent", value: 10 } as const;

describe("applyUpdate", () => {
  it("recomputes commission from a new amount, and lists each changed field", () => {
    const { next, changes } = applyUpdate(
      conversion,
      { status: "approved", amount: 5000 },
      tenPercent,
      9,
    );
    expect(next).toMatchObject({ status: "approved", amount: 5000, commission: 500, updatedAt: 9 });
    expect(changes).toEqual([
      { field: "status", old: "pending", new: "approved" },
      { field: "amount", old: "8000", new: "5000" },
      { field: "commission", old: "800", new: "500" },
    ]);
  });

  it("changes nothing when the conversion already is so", () => {
    const { next, changes } = applyUpdate(
      conversion,
      { status: "pending", amount: 8000 },
      tenPercent,
      9,
    );
    expect(changes).toEqual([]);
    expect(next).toBe(conversion);
  });

  it("keeps a refusal's reason with the refusal, and drops it when no longer refused", () => {
    const refused = applyUpdate(
      conversion,
      { status: "refused", amount: null, reason: "fraud" },
      tenPercent,
      9,
    );
    expect(refused.next.refuseReason).toBe("fraud");
    const approved = applyUpdate(
      refused.next,
      { status: "approved", amount: null },
      tenPercent,
      10,
    );
    expect(approved.next.refuseReason).toBeNull();
    expect(eventOfChange(conversion, refused.next)).toBe("conversion.refused");
    expect(eventOfChange(refused.next, approved.next)).toBe("conversion.approved");
    const partial = applyUpdate(approved.next, { status: null, amount: 100 }, tenPercent, 11);
    expect(eventOfChange(approved.next, partial.next)).toBe("conversion.updated");
  });
});

describe("goals", () => {
  it("default to one sale goal paying the program's commission; the first is the default", () => {
    const goals = goalsOf(null, tenPercent);
    expect(goals).toEqual([{ name: "sale", commission: tenPercent, repeatable: false }]);
    expect(goalNamed(goals, null)?.name).toBe("sale");
    expect(goalNamed(goals, "lead")).toBeNull();
  });

  it("must be named well, at most 20, each once", () => {
    expect(goalsProblem([{ name: "lead" }, { name: "sale" }])).toBeNull();
    expect(goalsProblem([])).toContain("at least one");
    expect(goalsProblem([{ name: "Lead" }])).toContain("not a goal name");
    expect(goalsProblem([{ name: "a" }, { name: "a" }])).toContain("named twice");
    expect(goalsProblem(Array.from({ length: 21 }, (_, i) => ({ name: `g${i}` })))).toContain(
      "at most 20",
    );
  });
});
