import type { Voucher } from "../domain/entities";
import { type CursorKey, type Page, toPage } from "./pages";

export interface VoucherRow {
  program_id: string;
  code: string;
  partner_id: string;
  created_at: number;
}

const toVoucher = (row: VoucherRow): Voucher => ({
  programId: row.program_id,
  code: row.code,
  partnerId: row.partner_id,
  createdAt: row.created_at,
});

/** Assigns (or reassigns) a code; answers whether the code is new to the program. */
export async function upsertVoucher(
  db: D1Database,
  voucher: Voucher,
  also: D1PreparedStatement[] = [],
): Promise<boolean> {
  const [before] = await db.batch<{ n: number }>([
    db
      .prepare("SELECT count(*) AS n FROM vouchers WHERE program_id = ?1 AND code = ?2")
      .bind(voucher.programId, voucher.code),
    db
      .prepare(
        `INSERT INTO vouchers (program_id, code, partner_id, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (program_id, code) DO UPDATE SET partner_id = excluded.partner_id`,
      )
      .bind(voucher.programId, voucher.code, voucher.partnerId, voucher.createdAt),
    ...also,
  ]);
  return before?.results[0]?.n === 0;
}

export async function listVouchers(
  db: D1Database,
  programId: string,
  limit: number,
  after: CursorKey | null,
): Promise<Page<Voucher>> {
  const { results } = await db
    .prepare(
      `SELECT * FROM vouchers WHERE program_id = ?1 AND (?2 IS NULL OR code > ?2)
       ORDER BY code LIMIT ?3`,
    )
    .bind(programId, after?.[0] ?? null, limit + 1)
    .all<VoucherRow>();
  return toPage(results, limit, (row) => [row.code], toVoucher);
}

/** The vouchers among `codes` assigned in this program (a statement for the postback's read batch). */
export function selectVouchers(db: D1Database, programId: string, codes: string[]) {
  return db
    .prepare(
      `SELECT * FROM vouchers
       WHERE program_id = ?1 AND code IN (SELECT value FROM json_each(?2))`,
    )
    .bind(programId, JSON.stringify(codes));
}
