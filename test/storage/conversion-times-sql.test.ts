import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import { conversionTimesSql, OVER_A_DAY } from "../../src/storage/conversion-times-sql";
import { aConversion, seedConversions } from "../support/storage-seeds";

describe("storage/conversion-times-sql", () => {
  it("buckets click conversions by seconds since the click (read from the aecid), per goal", async () => {
    const programId = newId();
    const clickAt = 1_700_000_000_000;
    const convertedAfter = (seconds: number, goal = "sale") =>
      aConversion({
        programId,
        goal,
        clickId: newId(clickAt),
        createdAt: clickAt + seconds * 1_000,
      });
    await seedConversions(
      env.DB,
      convertedAfter(2),
      convertedAfter(3),
      convertedAfter(20),
      convertedAfter(100_000),
      convertedAfter(40, "lead"),
      aConversion({ programId, attribution: "voucher", clickId: null, createdAt: clickAt }),
    );
    const { results } = await env.DB.prepare(conversionTimesSql).bind(programId).all();
    expect(results).toEqual([
      { goal: "lead", bucket: "30-60 s", conversions: 1 },
      { goal: "sale", bucket: "under 5 s", conversions: 2 },
      { goal: "sale", bucket: "15-30 s", conversions: 1 },
      { goal: "sale", bucket: OVER_A_DAY, conversions: 1 },
    ]);
  });
});
