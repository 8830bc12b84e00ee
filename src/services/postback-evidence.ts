import { type KnownClick, lookupCandidates } from "../domain/attribution";
import type { Conversion } from "../domain/conversion";
import type { PostbackInput } from "../domain/postback-fields";
import { type ClickRow, selectClicks } from "../storage/clicks";
import {
  firstConversion,
  selectBindingStatement,
  selectByOrderStatement,
} from "../storage/conversions";
import { type Program, type ProgramRow, selectProgramRow, toProgram } from "../storage/programs";
import { selectVouchers, type VoucherRow } from "../storage/vouchers";

/** Everything a postback is judged on, read from D1 in one round trip. */
export interface PostbackEvidence {
  program: Program | null;
  keyHash: string | null;
  existing: Conversion | null;
  clicks: Map<string, KnownClick>;
  voucherPartners: Map<string, string>;
  binding: { partner_id: string; conversion_id: string } | null;
}

/** The longest attribution window a program can have: IDs older than that are not even looked up. */
const MAX_WINDOW_DAYS = 365;

export async function readEvidence(
  db: D1Database,
  programId: string,
  input: PostbackInput | null,
  now: number,
): Promise<PostbackEvidence> {
  const candidates = input
    ? lookupCandidates(
        input.cids,
        { programId, windowDays: MAX_WINDOW_DAYS, model: "last_click", revenueShare: false },
        now,
      )
    : [];
  const [programs, existing, clicks, vouchers, binding] = await db.batch([
    selectProgramRow(db, programId),
    selectByOrderStatement(db, programId, input?.orderId ?? ""),
    selectClicks(db, candidates),
    selectVouchers(db, programId, input?.vouchers ?? []),
    selectBindingStatement(db, programId, input?.customer ?? null),
  ]);
  const programRow = programs?.results[0] as ProgramRow | undefined;
  return {
    program: programRow ? toProgram(programRow) : null,
    keyHash: programRow?.key_hash ?? null,
    existing: input ? firstConversion(existing) : null,
    clicks: new Map(
      ((clicks?.results ?? []) as ClickRow[]).map((row) => [
        row.id,
        {
          id: row.id,
          programId: row.program_id,
          partnerId: row.partner_id,
          createdAt: row.created_at,
        },
      ]),
    ),
    voucherPartners: new Map(
      ((vouchers?.results ?? []) as VoucherRow[]).map((row) => [row.code, row.partner_id]),
    ),
    binding: (binding?.results[0] as PostbackEvidence["binding"] | undefined) ?? null,
  };
}
