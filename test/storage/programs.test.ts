import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeCursor } from "../../src/storage/pages";
import {
  getProgram,
  insertProgram,
  listPrograms,
  programsWithHold,
  selectProgramRow,
  setKeyHash,
  updateProgram,
} from "../../src/storage/programs";
import { aProgram, futureMs } from "../support/storage-seeds";

const db = env.DB;

describe("storage/programs", () => {
  it("reads back every field as written: percent as a number, flags as booleans, JSON as arrays", async () => {
    const program = aProgram({
      commission: { type: "percent", value: 12.5 },
      revenueShare: true,
      autoApprove: true,
      attributionModel: "first_click",
      firstPartyCookieDomain: "shop.example",
      goals: [
        {
          name: "lead",
          commission: { type: "fixed", value: 250, currency: "EUR" },
          repeatable: false,
        },
        { name: "renewal", commission: { type: "percent", value: 5 }, repeatable: true },
      ],
      defaultGoal: "lead",
      holdDays: 14,
      minSecondsToConvert: 10,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_500,
    });
    await insertProgram(db, program, "hash-1");
    expect(await getProgram(db, program.id)).toEqual(program);
    const row = await selectProgramRow(db, program.id).first<Record<string, unknown>>();
    // Percentages are stored as integers in 1/10,000 of a percent; booleans as 0/1; JSON as text.
    expect(row).toMatchObject({
      commission_type: "percent",
      commission_value: 125_000,
      commission_currency: null,
      revenue_share: 1,
      auto_approve: 1,
      allowed_domains: '["shop.example","www.shop.example"]',
      key_hash: "hash-1",
      created_at: 1_700_000_000_000,
    });
  });

  it("keeps a fixed commission in integer minor units with its currency, and nulls as nulls", async () => {
    const program = aProgram({ commission: { type: "fixed", value: 1_999, currency: "JPY" } });
    await insertProgram(db, program, "hash");
    const read = await getProgram(db, program.id);
    expect(read?.commission).toEqual({ type: "fixed", value: 1_999, currency: "JPY" });
    expect(Number.isInteger(read?.commission.value)).toBe(true);
    expect(read).toMatchObject({
      goals: null,
      defaultGoal: null,
      holdDays: null,
      minSecondsToConvert: null,
      firstPartyCookieDomain: null,
      revenueShare: false,
      autoApprove: false,
    });
  });

  it("answers null for an unknown program", async () => {
    expect(await getProgram(db, "0".repeat(24))).toBeNull();
  });

  it("refuses a second program with the same id", async () => {
    const program = aProgram();
    await insertProgram(db, program, "hash");
    await expect(insertProgram(db, program, "hash")).rejects.toThrow(/UNIQUE|constraint/i);
  });

  it("updates what may change, and leaves the key hash and creation time", async () => {
    const program = aProgram({ createdAt: 1_700_000_000_000 });
    await insertProgram(db, program, "hash-kept");
    const changed = {
      ...program,
      name: "Shop 2",
      commission: { type: "fixed" as const, value: 500, currency: "USD" },
      holdDays: 7,
      goals: [
        { name: "sale", commission: { type: "percent" as const, value: 3 }, repeatable: false },
      ],
      defaultGoal: "sale",
      createdAt: 1,
      updatedAt: 1_700_000_999_000,
    };
    await updateProgram(db, changed);
    expect(await getProgram(db, program.id)).toEqual({ ...changed, createdAt: 1_700_000_000_000 });
    const row = await selectProgramRow(db, program.id).first<{ key_hash: string }>();
    expect(row?.key_hash).toBe("hash-kept");
  });

  it("replaces the key hash, and says whether the program exists", async () => {
    const program = aProgram();
    await insertProgram(db, program, "old");
    expect(await setKeyHash(db, program.id, "new", 1_800_000_000_000)).toBe(true);
    const row = await selectProgramRow(db, program.id).first<{
      key_hash: string;
      updated_at: number;
    }>();
    expect(row).toMatchObject({ key_hash: "new", updated_at: 1_800_000_000_000 });
    expect(await setKeyHash(db, "f".repeat(24), "new", 1)).toBe(false);
  });

  it("lists newest first, a page at a time, with a cursor that resumes strictly after", async () => {
    const at = futureMs();
    // Two share a creation time: the id breaks the tie, descending.
    const programs = [
      aProgram({ createdAt: at }),
      aProgram({ createdAt: at + 1 }),
      aProgram({ createdAt: at + 1 }),
    ];
    for (const p of programs) await insertProgram(db, p, "hash");
    const tied = programs.slice(1).sort((a, b) => (a.id < b.id ? 1 : -1));
    const expected = [...tied, programs[0]].map((p) => p?.id);

    const first = await listPrograms(db, 2, null);
    expect(first.data.map((p) => p.id)).toEqual(expected.slice(0, 2));
    expect(first.next_cursor).not.toBeNull();
    const after = decodeCursor(first.next_cursor as string, 2);
    expect(after).toEqual([at + 1, expected[1]]);

    const second = await listPrograms(db, 1, after);
    expect(second.data.map((p) => p.id)).toEqual([expected[2]]);
    expect(second.data[0]).toEqual(programs[0]);
  });

  it("lists only the programs with a hold period", async () => {
    const held = aProgram({ holdDays: 30 });
    const free = aProgram();
    await insertProgram(db, held, "hash");
    await insertProgram(db, free, "hash");
    const ids = (await programsWithHold(db)).map((p) => p.program.id);
    expect(ids).toContain(held.id);
    expect(ids).not.toContain(free.id);
    expect((await programsWithHold(db)).find((p) => p.program.id === held.id)).toEqual({
      program: held,
      checkedUntil: 0,
    });
  });
});
