import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Conversion } from "../../src/domain/conversion";
import { clickConversion, registerConversion } from "../support/fixtures";
import { setupClick } from "../support/helpers";

describe("reports' counts of a conversion", () => {
  it("counts a new conversion once, on its click's day and link", async () => {
    const { program, aecid, partner } = await setupClick();
    const at = Date.now();
    const conversion: Conversion = {
      ...clickConversion({
        programId: program.id,
        partnerId: partner.id,
        clickId: aecid,
        orderId: "roll-1",
        amount: 1000,
        at,
      }),
      reportKeys: { day: "2026-02-02", link: "link-roll", dims: null },
    };
    expect((await registerConversion(conversion)).kind).toBe("registered");
    // A replay of the same write (same id, after an ambiguous failure) and the same sale under a
    // new id: neither inserts, so neither counts.
    const otherId = `${conversion.id.slice(0, -1)}${conversion.id.endsWith("0") ? "1" : "0"}`;
    for (const again of [conversion, { ...conversion, id: otherId }]) {
      expect((await registerConversion(again)).kind).not.toBe("registered");
    }
    const row = await env.DB.prepare(
      "SELECT json(dims) AS dims FROM daily_link_counts WHERE day = '2026-02-02' AND link_id = 'link-roll'",
    ).first<{ dims: string }>();
    expect(JSON.parse(row?.dims ?? "{}").all).toEqual({
      "": {
        "n|sale": 1,
        "a|sale": 0,
        "r|sale|EUR": 1000,
        [`m|sale|${conversion.commissionCurrency}`]: conversion.commission,
      },
    });
  });
});
