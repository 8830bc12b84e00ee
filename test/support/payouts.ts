// Programs, partners and voucher postbacks for the payout tests (issue 28): vouchers register
// straight to D1, no click needed, so a test can make many conversions quickly.
import { env } from "cloudflare:workers";
import { api, createPartner, createProgram, type Json, postback } from "./helpers";

export interface PayoutSetup {
  program: Json & { id: string; conversion_key: string };
  partners: { id: string; voucher: string }[];
}

/** A program paying 10 % and `count` partners, each with its voucher. */
export async function payoutSetup(
  count: number,
  programOverrides: Json = {},
): Promise<PayoutSetup> {
  const program = await createProgram({
    commission: { type: "percent", value: 10 },
    ...programOverrides,
  });
  const partners = [];
  for (let i = 0; i < count; i++) {
    const partner = await createPartner(`Partner ${i}`);
    const voucher = `V${program.id.slice(-8)}${i}`.toUpperCase();
    const made = await api("POST", `/programs/${program.id}/vouchers`, {
      code: voucher,
      partner_id: partner.id,
    });
    if (made.status !== 201) throw new Error(`voucher: ${JSON.stringify(made.body)}`);
    partners.push({ id: partner.id, voucher });
  }
  return { program, partners };
}

/** A sale through the partner's voucher: `cents` in minor units. */
export async function sale(
  setup: PayoutSetup,
  partner: number,
  orderId: string,
  cents: number,
  extra: Record<string, string> = {},
) {
  const answer = await postback({
    key: setup.program.conversion_key,
    id: orderId,
    amount: (cents / 100).toFixed(2),
    currency: "EUR",
    voucher: setup.partners[partner]?.voucher,
    ...extra,
  });
  if (answer.status !== 201)
    throw new Error(`sale: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as Json & { conversion_id: string; commission: number };
}

/** Every balance row of the API (all pages), optionally of one currency. */
export async function allBalances(query = ""): Promise<Json[]> {
  const rows: Json[] = [];
  let cursor: string | null = null;
  do {
    const page = await api(
      "GET",
      `/balances?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    if (page.status !== 200) throw new Error(`balances: ${JSON.stringify(page.body)}`);
    rows.push(...page.body.data);
    cursor = page.body.next_cursor;
  } while (cursor);
  return rows;
}

/** The ledger's entries of some partners, straight from D1, with their payout if any. */
export async function entriesOf(partnerIds: string[]) {
  const { results } = await env.DB.prepare(
    `SELECT e.*, i.payout_id FROM ledger_entries e
     LEFT JOIN payout_items i ON i.entry_id = e.id
     WHERE e.partner_id IN (SELECT value FROM json_each(?1))`,
  )
    .bind(JSON.stringify(partnerIds))
    .all<{ id: string; partner_id: string; amount: number; payout_id: string | null }>();
  return results;
}

/** A payout of every payable entry of `partnerIds` (minimum 0); throws unless created. */
export async function payoutOf(partnerIds: string[], currency = "EUR") {
  const made = await api("POST", "/payouts", { currency, minimum: 0, partner_ids: partnerIds });
  if (made.status !== 201) throw new Error(`payout: ${JSON.stringify(made.body)}`);
  return made.body as Json & { id: string; total: number; partners: Json[] };
}

/** Conversions whose `ledgered` is not what they owe (their commission if approved, else 0). */
export async function ledgerDrift(db: D1Database): Promise<number> {
  const row = await db
    .prepare(
      `SELECT count(*) AS n FROM conversions
       WHERE ledgered <> CASE WHEN status = 'approved' THEN commission ELSE 0 END`,
    )
    .first<{ n: number }>();
  return row?.n ?? -1;
}
