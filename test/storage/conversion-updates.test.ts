import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Conversion } from "../../src/domain/conversion";
import { applyUpdate } from "../../src/domain/conversion-update";
import { newId } from "../../src/domain/ids";
import { historyOf } from "../../src/storage/conversion-history";
import { pendingBefore, writeConversionUpdate } from "../../src/storage/conversion-updates";
import { getConversion } from "../../src/storage/conversions";
import { aConversion, seedConversions } from "../support/storage-seeds";

const db = env.DB;
const TEN_PERCENT = { type: "percent" as const, value: 10 };

describe("storage/conversion-updates", () => {
  it("writes a change over the row as read, answers the row as it now is, and its history", async () => {
    const [before] = (await seedConversions(db, aConversion())) as [Conversion];
    const { next, changes } = applyUpdate(
      before,
      { status: "approved", amount: 5_001 },
      TEN_PERCENT,
      1_800_000_000_000,
    );
    const result = await writeConversionUpdate(
      db,
      before,
      next,
      changes,
      "postback",
      1_800_000_000_000,
    );
    expect(result.applied).toBe(true);
    expect(result.conversion).toEqual({
      ...before,
      status: "approved",
      amount: 5_001,
      commission: 500,
      updatedAt: 1_800_000_000_000,
    });
    expect(await getConversion(db, before.id)).toEqual(result.conversion);
    expect((await historyOf(db, before.id)).map((h) => [h.field, h.old, h.new])).toEqual([
      ["status", "pending", "approved"],
      ["amount", "10000", "5001"],
      ["commission", "1000", "500"],
    ]);
  });

  it("applies nothing when the row changed since it was read, and leaves no history", async () => {
    const [before] = (await seedConversions(db, aConversion())) as [Conversion];
    const first = applyUpdate(
      before,
      { status: "refused", amount: null, reason: "fraud" },
      TEN_PERCENT,
      2,
    );
    await writeConversionUpdate(db, before, first.next, first.changes, "admin", 2);
    // A twin read the row before the refusal and approves it: the compare-and-set fails.
    const late = applyUpdate(before, { status: "approved", amount: null }, TEN_PERCENT, 3);
    const result = await writeConversionUpdate(db, before, late.next, late.changes, "hold", 3);
    expect(result.applied).toBe(false);
    expect(result.conversion).toMatchObject({
      status: "refused",
      refuseReason: "fraud",
      updatedAt: 2,
    });
    expect((await historyOf(db, before.id)).map((h) => h.source)).toEqual(["admin", "admin"]);
  });

  it("answers no row for a conversion that is gone", async () => {
    const gone = aConversion();
    const { next, changes } = applyUpdate(
      gone,
      { status: "approved", amount: null },
      TEN_PERCENT,
      4,
    );
    expect(await writeConversionUpdate(db, gone, next, changes, "admin", 4)).toEqual({
      applied: false,
      conversion: null,
    });
  });

  it("lists a program's pending conversions before a time, oldest first, up to a limit", async () => {
    const programId = newId();
    const at = (t: number, status: Conversion["status"] = "pending") =>
      aConversion({ programId, createdAt: t, status });
    const [a, b, c] = await seedConversions(
      db,
      at(3_000),
      at(1_000),
      at(2_000),
      at(500, "approved"),
      at(9_000),
    );
    await seedConversions(db, aConversion({ createdAt: 100 }));
    expect(await pendingBefore(db, programId, 5_000, 10)).toEqual([b, c, a]);
    expect((await pendingBefore(db, programId, 5_000, 2)).map((x) => x.id)).toEqual([b?.id, c?.id]);
    expect(await pendingBefore(db, programId, 1_000, 10)).toEqual([]);
  });
});
