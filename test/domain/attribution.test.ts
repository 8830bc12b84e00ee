import { describe, expect, it } from "vitest";
import {
  type AttributionRules,
  attribute,
  type Candidates,
  type CreditableClick,
} from "../../src/domain/attribution";
import { newId } from "../../src/domain/ids";

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 25, 12);
const rules: AttributionRules = {
  programId: "p1",
  windowDays: 30,
  model: "last_click",
  revenueShare: false,
};

function click(id: string, partnerId: string, programId = "p1"): CreditableClick {
  return { id, programId, partnerId, createdAt: Number.parseInt(id.slice(0, 8), 16) * 1000 };
}

function evidence(clicks: CreditableClick[], extra: Partial<Candidates> = {}): Candidates {
  return {
    cids: clicks.map((c) => c.id),
    clicks: new Map(clicks.map((c) => [c.id, c])),
    boundPartner: null,
    vouchers: [],
    voucherPartners: new Map(),
    ...extra,
  };
}

describe("attribute", () => {
  const older = click(newId(now - 5 * DAY), "alice");
  const newer = click(newId(now - DAY), "bob");

  it("credits the last valid click, or the first under first-click", () => {
    expect(attribute(rules, evidence([newer, older]), now)).toMatchObject({
      ok: true,
      attribution: { type: "click", partnerId: "bob" },
    });
    expect(
      attribute({ ...rules, model: "first_click" }, evidence([newer, older]), now),
    ).toMatchObject({
      ok: true,
      attribution: { type: "click", partnerId: "alice", clickId: older.id },
    });
  });

  it("gives each rejected click ID its reason", () => {
    const expired = click(newId(now - 31 * DAY), "alice");
    const future = newId(now + 60_000);
    const foreign = click(newId(now - DAY), "carol", "p2");
    const unknown = newId(now - DAY);
    const result = attribute(
      rules,
      evidence([expired, foreign], { cids: ["nope", future, expired.id, foreign.id, unknown] }),
      now,
    );
    expect(result).toEqual({
      ok: false,
      cids: {
        nope: "malformed",
        [future]: "in_future",
        [expired.id]: "expired",
        [foreign.id]: "other_program",
        [unknown]: "unknown",
      },
      pending: false,
    });
  });

  it("waits for a recent unknown click that could change the outcome: `pending`", () => {
    const recent = newId(now - 60_000);
    const old = click(newId(now - DAY), "alice");
    // Nothing else qualifies: the recent click could be credited.
    expect(attribute(rules, evidence([], { cids: [recent] }), now)).toEqual({
      ok: false,
      cids: { [recent]: "pending" },
      pending: true,
    });
    // Last click: a recent unknown click, later than the known one, could win.
    expect(attribute(rules, evidence([old], { cids: [old.id, recent] }), now)).toMatchObject({
      ok: false,
      pending: true,
    });
    // First click: it could not, so the known one is credited at once.
    expect(
      attribute(
        { ...rules, model: "first_click" },
        evidence([old], { cids: [old.id, recent] }),
        now,
      ),
    ).toMatchObject({ ok: true, attribution: { clickId: old.id } });
    // Ten minutes on, an unknown click is unknown.
    const stale = newId(now - 601_000);
    expect(attribute(rules, evidence([], { cids: [stale] }), now)).toMatchObject({
      cids: { [stale]: "unknown" },
      pending: false,
    });
  });

  it("keeps the window's edges: exactly the window old is in, one second more is out", () => {
    const edge = click(newId(now - 30 * DAY), "alice");
    const past = click(newId(now - 30 * DAY - 1000), "bob");
    expect(attribute(rules, evidence([edge]), now)).toMatchObject({ ok: true });
    expect(attribute(rules, evidence([past]), now)).toEqual({
      ok: false,
      cids: { [past.id]: "expired" },
      pending: false,
    });
  });

  it("puts a bound revenue-share customer first, whatever else is sent", () => {
    const result = attribute(
      { ...rules, revenueShare: true },
      evidence([newer], { boundPartner: "carol" }),
      now,
    );
    expect(result).toEqual({
      ok: true,
      attribution: { type: "revenue_share", partnerId: "carol", clickId: null, voucher: null },
    });
    // Without the program option, a binding means nothing.
    expect(attribute(rules, evidence([newer], { boundPartner: "carol" }), now)).toMatchObject({
      attribution: { partnerId: "bob" },
    });
  });

  it("falls back to the first assigned voucher, matched exactly", () => {
    const vouchers = {
      vouchers: ["save10", "SAVE10"],
      voucherPartners: new Map([["SAVE10", "dave"]]),
    };
    expect(attribute(rules, evidence([], vouchers), now)).toEqual({
      ok: true,
      attribution: { type: "voucher", partnerId: "dave", clickId: null, voucher: "SAVE10" },
    });
    expect(attribute(rules, evidence([], { ...vouchers, vouchers: ["save10"] }), now)).toEqual({
      ok: false,
      cids: {},
      pending: false,
    });
  });
});
