import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Conversion } from "../../src/domain/conversion";
import { newId } from "../../src/domain/ids";
import {
  type ConversionFilters,
  listConversions,
  partEnd,
} from "../../src/storage/conversion-lists";
import { decodeCursor } from "../../src/storage/pages";
import { aConversion, seedConversions } from "../support/storage-seeds";

const db = env.DB;
const all = (programId: string): ConversionFilters => ({
  programId,
  status: null,
  goal: null,
  from: null,
  to: null,
});

/** Five conversions of a new program: times 1,000 to 5,000, the third refused, the last a lead. */
async function seedProgram() {
  const programId = newId();
  const conversions: Conversion[] = [1, 2, 3, 4, 5].map((i) =>
    aConversion({
      programId,
      createdAt: i * 1_000,
      status: i === 3 ? "refused" : "pending",
      goal: i === 5 ? "lead" : "sale",
    }),
  );
  await seedConversions(db, ...conversions);
  return { programId, byTime: conversions };
}

describe("storage/conversion-lists", () => {
  it("lists a program's conversions newest first, page after page by cursor", async () => {
    const { programId, byTime } = await seedProgram();
    const first = await listConversions(db, all(programId), 2, null);
    expect(first.data).toEqual([byTime[4], byTime[3]]);
    const after = decodeCursor(first.next_cursor as string, 2);
    expect(after).toEqual([4_000, byTime[3]?.id]);
    const second = await listConversions(db, all(programId), 2, after);
    expect(second.data.map((c) => c.createdAt)).toEqual([3_000, 2_000]);
    const last = await listConversions(
      db,
      all(programId),
      2,
      decodeCursor(second.next_cursor as string, 2),
    );
    expect(last).toEqual({ data: [byTime[0]], next_cursor: null });
  });

  it("filters by status, goal and a half-open time range", async () => {
    const { programId } = await seedProgram();
    const times = async (f: Partial<ConversionFilters>) =>
      (await listConversions(db, { ...all(programId), ...f }, 10, null)).data.map(
        (c) => c.createdAt,
      );
    expect(await times({ status: "refused" })).toEqual([3_000]);
    expect(await times({ goal: "lead" })).toEqual([5_000]);
    expect(await times({ from: 2_000, to: 4_000 })).toEqual([3_000, 2_000]);
    expect(await times({ status: "approved" })).toEqual([]);
  });

  it("finds where an export part ends: the key of its last row while more follow, else null", async () => {
    const { programId, byTime } = await seedProgram();
    expect(await partEnd(db, all(programId), null, 2)).toEqual([4_000, byTime[3]?.id]);
    expect(await partEnd(db, all(programId), [4_000, byTime[3]?.id as string], 2)).toEqual([
      2_000,
      byTime[1]?.id,
    ]);
    // The part holds all that is left.
    expect(await partEnd(db, all(programId), [2_000, byTime[1]?.id as string], 2)).toBeNull();
    expect(await partEnd(db, all(programId), null, 5)).toBeNull();
  });
});
