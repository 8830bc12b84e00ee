import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { updateConversion } from "../../src/conversion/update-conversion";
import type { Conversion } from "../../src/domain/conversion";
import { isWrite, type Spy, spyD1 } from "../support/d1-spy";
import { clickConversion, registerConversion } from "../support/fixtures";
import { setupClick } from "../support/helpers";

const written = (spy: Spy) =>
  spy.statements.filter(isWrite).reduce((sum, s) => sum + (s.rowsWritten ?? 0), 0);

/** Rows a conversion's registration writes, as registered by the postback path's transaction. */
async function rowsWrittenFor(
  options: { bindCustomer?: boolean; goal?: string; repeatable?: boolean; approved?: boolean } = {},
) {
  const { program, aecid, partner } = await setupClick({ revenue_share: true });
  const conversion: Conversion = {
    ...clickConversion({
      programId: program.id,
      partnerId: partner.id,
      clickId: aecid,
      orderId: "cost-1",
      amount: 1000,
      at: Date.now(),
      customer: "cust",
    }),
    goal: options.goal ?? "sale",
    repeatable: options.repeatable ?? false,
    ...(options.approved ? { status: "approved", initialStatus: "approved" } : {}),
  };
  const spy = spyD1(env.DB);
  const outcome = await registerConversion(conversion, spy.db, options.bindCustomer ?? false);
  expect(outcome.kind).toBe("registered");
  return { rows: written(spy), conversion };
}

describe("D1 rows written per conversion (billed, index entries included)", () => {
  it("stays within 8 for every goal: 6 pending, 7 approved at once (6, and its ledger entry), +1 binding a customer (the reports' counter row included)", async () => {
    const figures = {
      "sale, pending": (await rowsWrittenFor()).rows,
      "sale, approved at once": (await rowsWrittenFor({ approved: true })).rows,
      "sale, pending, binds a revenue-share customer": (
        await rowsWrittenFor({ bindCustomer: true })
      ).rows,
      "sale, approved at once, binds a revenue-share customer": (
        await rowsWrittenFor({ bindCustomer: true, approved: true })
      ).rows,
      "lead, pending": (await rowsWrittenFor({ goal: "lead" })).rows,
      "renewal (repeatable), pending": (await rowsWrittenFor({ goal: "renewal", repeatable: true }))
        .rows,
    };
    console.log(`rows written per conversion: ${JSON.stringify(figures)}`);
    expect(figures).toEqual({
      // 7 before migration 0022 dropped the partial index of pending conversions.
      "sale, pending": 6,
      // 6 before the ledger (issue 28): its commission's entry is one row (ledger_entries is a
      // WITHOUT ROWID table with no secondary index).
      "sale, approved at once": 7,
      "sale, pending, binds a revenue-share customer": 7,
      "sale, approved at once, binds a revenue-share customer": 8,
      "lead, pending": 6,
      // Its click index is the repeatable one (a click converts such a goal many times).
      "renewal (repeatable), pending": 6,
    });
    for (const rows of Object.values(figures)) expect(rows).toBeLessThanOrEqual(8);
  });

  it("writes 4 rows for an approval: the conversion, one history row, the reports' counter row and the ledger entry", async () => {
    const { conversion } = await rowsWrittenFor();
    const spy = spyD1(env.DB);
    const updated = await updateConversion(
      spy.db,
      conversion,
      { status: "approved", amount: null },
      null,
      "admin",
      Date.now(),
    );
    expect(updated?.changes.map((c) => c.field)).toEqual(["status"]);
    // 3 before the ledger (issue 28): the entry is written by the trigger within the UPDATE.
    expect(written(spy)).toBe(4);
    const refused = await updateConversion(
      spy.db,
      updated?.conversion as Conversion,
      { status: "refused", amount: null },
      null,
      "admin",
      Date.now(),
    );
    expect(refused?.changes.map((c) => c.field)).toEqual(["status"]);
    // The refusal's clawback entry likewise: 4 more.
    expect(written(spy)).toBe(8);
  });
});
