import { lookupCandidates } from "../domain/attribution";
import type { Conversion } from "../domain/conversion";
import type { Click, Program } from "../domain/entities";
import type { PostbackInput } from "../domain/postback-fields";
import { type ClickRow, selectClicks, toClick } from "../storage/clicks";
import {
  firstConversion,
  selectBindingStatement,
  selectByOrderStatement,
} from "../storage/conversions";
import { type ProgramRow, selectProgramRow, toProgram } from "../storage/programs";
import { selectVouchers, type VoucherRow } from "../storage/vouchers";

/** Everything a postback is judged on, read from D1 in one round trip. */
export interface PostbackContext {
  program: Program | null;
  keyHash: string | null;
  /** The conversion already registered with this order id and goal, if any. */
  existing: Conversion | null;
  clicks: Map<string, Click>;
  voucherPartners: Map<string, string>;
  binding: { partner_id: string; conversion_id: string } | null;
}

/** The longest attribution window a program can have: IDs older than that are not even looked up. */
const MAX_WINDOW_DAYS = 365;

export async function readPostbackContext(
  db: D1Database,
  programId: string,
  input: PostbackInput | null,
  now: number,
): Promise<PostbackContext> {
  const candidates = input
    ? lookupCandidates(
        input.cids,
        { programId, windowDays: MAX_WINDOW_DAYS, model: "last_click", revenueShare: false },
        now,
      )
    : [];
  const [programs, existing, clicks, vouchers, binding] = await db.batch([
    selectProgramRow(db, programId),
    selectByOrderStatement(db, programId, input?.goal ?? null, input?.orderId ?? ""),
    selectClicks(db, candidates),
    selectVouchers(db, programId, input?.vouchers ?? []),
    selectBindingStatement(db, programId, input?.customer ?? null),
  ]);
  const programRow = programs?.results[0] as ProgramRow | undefined;
  return {
    program: programRow ? toProgram(programRow) : null,
    keyHash: programRow?.key_hash ?? null,
    existing: input ? firstConversion(existing) : null,
    clicks: new Map(((clicks?.results ?? []) as ClickRow[]).map((row) => [row.id, toClick(row)])),
    voucherPartners: new Map(
      ((vouchers?.results ?? []) as VoucherRow[]).map((row) => [row.code, row.partner_id]),
    ),
    binding: (binding?.results[0] as PostbackContext["binding"] | undefined) ?? null,
  };
}
