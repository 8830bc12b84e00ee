import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeCursor } from "../../src/storage/pages";
import { insertPartner } from "../../src/storage/partners";
import {
  listVouchers,
  selectVouchers,
  upsertVoucher,
  type VoucherRow,
} from "../../src/storage/vouchers";
import { aPartner, seedLink } from "../support/storage-seeds";

const db = env.DB;

describe("storage/vouchers", () => {
  it("says a code is new once, and reassigns it to another partner on conflict", async () => {
    const { program, partner } = await seedLink(db);
    const other = aPartner();
    await insertPartner(db, other);
    const voucher = {
      programId: program.id,
      code: "SUMMER",
      partnerId: partner.id,
      createdAt: 1_700_000_000_000,
    };
    expect(await upsertVoucher(db, voucher)).toBe(true);
    expect(
      await upsertVoucher(db, { ...voucher, partnerId: other.id, createdAt: 1_800_000_000_000 }),
    ).toBe(false);
    const page = await listVouchers(db, program.id, 10, null);
    // The partner changes; the creation time is the first assignment's.
    expect(page).toEqual({
      data: [
        {
          programId: program.id,
          code: "SUMMER",
          partnerId: other.id,
          createdAt: 1_700_000_000_000,
        },
      ],
      next_cursor: null,
    });
  });

  it("lists a program's codes in code order, a page at a time", async () => {
    const { program, partner } = await seedLink(db);
    for (const code of ["C", "A", "B"])
      await upsertVoucher(db, { programId: program.id, code, partnerId: partner.id, createdAt: 1 });
    const first = await listVouchers(db, program.id, 2, null);
    expect(first.data.map((v) => v.code)).toEqual(["A", "B"]);
    expect(decodeCursor(first.next_cursor as string, 1)).toEqual(["B"]);
    const second = await listVouchers(db, program.id, 2, ["B"]);
    expect(second).toMatchObject({ data: [{ code: "C" }], next_cursor: null });
  });

  it("selects the assigned codes among many (one JSON parameter, past 100 codes)", async () => {
    const { program, partner } = await seedLink(db);
    await upsertVoucher(db, {
      programId: program.id,
      code: "X42",
      partnerId: partner.id,
      createdAt: 2,
    });
    await upsertVoucher(db, {
      programId: program.id,
      code: "X149",
      partnerId: partner.id,
      createdAt: 3,
    });
    const codes = Array.from({ length: 150 }, (_, i) => `X${i}`);
    const { results } = await selectVouchers(db, program.id, codes).all<VoucherRow>();
    expect(results.map((r) => r.code).sort()).toEqual(["X149", "X42"]);
    expect(results[0]).toMatchObject({ program_id: program.id, partner_id: partner.id });
    const none = await selectVouchers(db, program.id, []).all<VoucherRow>();
    expect(none.results).toEqual([]);
  });
});
