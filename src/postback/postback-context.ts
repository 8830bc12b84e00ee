import { lookupCandidates } from "../domain/attribution";
import type { Conversion } from "../domain/conversion";
import type { Click, Program } from "../domain/entities";
import type { PostbackInput } from "../domain/postback-fields";
import { readClicks } from "../storage/click-reads";
import { type ClickRow, selectClicks, toClick } from "../storage/clicks";
import {
  type HistoryEntry,
  historyEntries,
  selectHistoryByOrderStatement,
} from "../storage/conversion-history";
import { firstConversion, selectByOrderStatement } from "../storage/conversions";
import { selectBindingStatement } from "../storage/customer-bindings";
import { type ProgramRow, selectProgramRow, toProgram } from "../storage/programs";
import { byShard, MAIN_DB } from "../storage/shards";
import { selectVouchers, type VoucherRow } from "../storage/vouchers";

/** Everything a postback is judged on: one round trip to the main database, the clicks' shards alongside. */
export interface PostbackContext {
  program: Program | null;
  keyHash: string | null;
  /** The conversion already registered with this order id and goal, if any. */
  existing: Conversion | null;
  /** Its history, oldest first (a replay answers the conversion as registered). */
  existingHistory: HistoryEntry[];
  clicks: Map<string, Click>;
  voucherPartners: Map<string, string>;
  binding: { partner_id: string; conversion_id: string } | null;
}

/** The longest attribution window a program can have: IDs older than that are not even looked up. */
const MAX_WINDOW_DAYS = 365;

export async function readPostbackContext(
  env: Env,
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
  const db = env.DB;
  // One round trip to the main database (with the clicks it holds), the other shards' clicks
  // read at the same time.
  const shards = byShard(env, candidates, (id) => id);
  const mainClicks = shards.get(MAIN_DB) ?? [];
  shards.delete(MAIN_DB);
  const order = [programId, input?.goal ?? null, input?.orderId ?? ""] as const;
  const [[programs, existing, history, vouchers, binding, main], clicks] = await Promise.all([
    db.batch([
      selectProgramRow(db, programId),
      selectByOrderStatement(db, ...order),
      selectHistoryByOrderStatement(db, ...order),
      selectVouchers(db, programId, input?.vouchers ?? []),
      selectBindingStatement(db, programId, input?.customer ?? null),
      selectClicks(db, mainClicks),
    ]),
    readClicks(env, [...shards.values()].flat()),
  ]);
  for (const row of (main?.results ?? []) as ClickRow[]) clicks.set(row.id, toClick(row));
  const programRow = programs?.results[0] as ProgramRow | undefined;
  return {
    program: programRow ? toProgram(programRow) : null,
    keyHash: programRow?.key_hash ?? null,
    existing: input ? firstConversion(existing) : null,
    existingHistory: input ? historyEntries(history) : [],
    clicks,
    voucherPartners: new Map(
      ((vouchers?.results ?? []) as VoucherRow[]).map((row) => [row.code, row.partner_id]),
    ),
    binding: (binding?.results[0] as PostbackContext["binding"] | undefined) ?? null,
  };
}
