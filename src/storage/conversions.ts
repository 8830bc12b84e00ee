import type { Conversion, ConversionStatus } from "../domain/conversion";
import { DEFAULT_GOAL } from "../domain/goals";
import type { ReportKeys } from "../domain/report-dims";

export interface ConversionRow {
  id: string;
  program_id: string;
  goal: string;
  repeatable: number;
  order_id: string;
  click_id: string | null;
  link_id: string | null;
  partner_id: string;
  attribution: Conversion["attribution"];
  amount: number;
  currency: string;
  commission: number;
  commission_currency: string;
  status: ConversionStatus;
  initial_status: Conversion["initialStatus"];
  refuse_reason: string | null;
  payment: string | null;
  customer: string | null;
  cv: string | null;
  vouchers: string;
  created_at: number;
  updated_at: number;
  /** JSON of ReportKeys (migration 0014); null for conversions registered before it. */
  report_keys?: string | null;
}

export const toConversion = (row: ConversionRow): Conversion => ({
  id: row.id,
  programId: row.program_id,
  goal: row.goal,
  repeatable: row.repeatable === 1,
  orderId: row.order_id,
  clickId: row.click_id,
  linkId: row.link_id,
  partnerId: row.partner_id,
  attribution: row.attribution,
  amount: row.amount,
  currency: row.currency,
  commission: row.commission,
  commissionCurrency: row.commission_currency,
  status: row.status,
  initialStatus: row.initial_status,
  refuseReason: row.refuse_reason,
  payment: row.payment,
  customer: row.customer,
  cv: row.cv,
  vouchers: JSON.parse(row.vouchers) as string[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  // Absent, not null, for conversions registered before migration 0014 kept their keys.
  ...(row.report_keys ? { reportKeys: JSON.parse(row.report_keys) as ReportKeys } : {}),
});

/**
 * What the ledger holds for a conversion as registered: its commission when approved, else 0 (a
 * trigger of migration 0019 writes it as the conversion's first ledger entry; docs/payouts.md).
 */
const LEDGERED_AS_REGISTERED = "CASE WHEN ?13 = 'approved' THEN ?11 ELSE 0 END";

/**
 * Inserts unless the program already has this order id for the goal, or the click already has a
 * conversion of this (non-repeatable) goal: the two unique indexes decide, and `meta.changes`
 * tells whether this insert won.
 */
export function insertConversionStatement(db: D1Database, c: Conversion) {
  return db
    .prepare(
      `INSERT INTO conversions (id, program_id, goal, repeatable, order_id, click_id, partner_id,
         attribution, amount, currency, commission, commission_currency, status, initial_status,
         refuse_reason, payment, customer, cv, vouchers, created_at, updated_at, link_id, report_keys,
         ledgered)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
         ?19, ?20, ?21, ?22, ?23, ${LEDGERED_AS_REGISTERED})
       ON CONFLICT DO NOTHING`,
    )
    .bind(
      c.id,
      c.programId,
      c.goal,
      c.repeatable ? 1 : 0,
      c.orderId,
      c.clickId,
      c.partnerId,
      c.attribution,
      c.amount,
      c.currency,
      c.commission,
      c.commissionCurrency,
      c.status,
      c.initialStatus,
      c.refuseReason,
      c.payment,
      c.customer,
      c.cv,
      JSON.stringify(c.vouchers),
      c.createdAt,
      c.updatedAt,
      c.linkId,
      c.reportKeys ? JSON.stringify(c.reportKeys) : null,
    );
}

/** The conditions of `selectByOrderStatement`, bound as ?1 program, ?2 goal, ?3 order id. */
export const BY_ORDER = `program_id = ?1 AND order_id = ?3 AND goal = COALESCE(?2,
  (SELECT COALESCE(
     (SELECT g.value ->> '$.name' FROM json_each(p.goals) g
      WHERE g.value ->> '$.name' = p.default_goal),
     p.goals ->> '$[0].name')
   FROM programs p WHERE p.id = ?1),
  '${DEFAULT_GOAL}')`;

/**
 * The conversion of this order id and goal; with no goal, of the program's default goal (the one
 * stored as such while it is among its goals, else the first; `sale` when it has none set),
 * resolved in the same statement as `defaultGoalOf` does.
 */
export function selectByOrderStatement(
  db: D1Database,
  programId: string,
  goal: string | null,
  orderId: string,
) {
  return db.prepare(`SELECT * FROM conversions WHERE ${BY_ORDER}`).bind(programId, goal, orderId);
}

/** The conversion of a (non-repeatable) goal that took the click, if any. */
export function selectByClickStatement(db: D1Database, clickId: string | null, goal: string) {
  return db
    .prepare("SELECT * FROM conversions WHERE click_id = ?1 AND goal = ?2 AND repeatable = 0")
    .bind(clickId, goal);
}

/** Every conversion of a click (one per goal; more for a repeatable goal), oldest first. */
export async function conversionsOfClick(db: D1Database, clickId: string): Promise<Conversion[]> {
  const { results } = await db
    .prepare(
      // Each half is served by its partial index (one per kind of goal).
      `SELECT * FROM conversions WHERE click_id = ?1 AND repeatable = 0
       UNION ALL SELECT * FROM conversions WHERE click_id = ?1 AND repeatable = 1
       ORDER BY created_at, id`,
    )
    .bind(clickId)
    .all<ConversionRow>();
  return results.map(toConversion);
}

export function firstConversion(result: D1Result | undefined): Conversion | null {
  const row = result?.results[0] as ConversionRow | undefined;
  return row ? toConversion(row) : null;
}

export async function getConversion(db: D1Database, id: string): Promise<Conversion | null> {
  const row = await db
    .prepare("SELECT * FROM conversions WHERE id = ?1")
    .bind(id)
    .first<ConversionRow>();
  return row ? toConversion(row) : null;
}
