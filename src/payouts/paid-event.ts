import { queueAttempts } from "../delivery/fan-out";
import type { Delivery } from "../domain/outbound";
import { logEvent, reasonOf } from "../platform/log";
import type { Statement } from "../storage/payout-statements";

/**
 * The `payout.paid` event (issue 28, docs/payouts.md): one per partner of a paid payout, to every
 * enabled POST endpoint subscribed to it whose `partner_id` is that partner or null and that is
 * bound to no program (a payout spans programs; the endpoint routes refuse that subscription).
 *
 * Durable: its deliveries are written by the payment's own D1 batch (`paidDeliveriesStatement`,
 * after the statements it reads), so a Worker that dies after the payment leaves them pending,
 * never attempted, which the hourly sweep queues again (src/delivery/sweep.ts). Each delivery's
 * body is fixed at that moment and signed at each attempt like every other webhook.
 */

/** The event's id: the payment's second (so retention sees its age), the payout, the partner. */
export const paidEventId = (s: Pick<Statement, "issuedAt" | "payoutId" | "partnerId">) =>
  `${Math.floor(s.issuedAt / 1000)
    .toString(16)
    .padStart(8, "0")}.${s.payoutId}.${s.partnerId}`;

/**
 * The deliveries of a payout paid at `paidAt` (nothing when this batch did not pay it: its
 * `paid_at` is another's), one per (partner, endpoint). The webhook-id is drawn once, with the
 * row; a delivery already there is left alone.
 */
export function paidDeliveriesStatement(
  db: D1Database,
  payoutId: string,
  paidAt: number,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO deliveries (event_id, endpoint_id, id, event, conversion_id, request, state,
         attempts, created_at, updated_at)
       SELECT s.event_id, e.id, 'msg_' || lower(hex(randomblob(16))), 'payout.paid', NULL,
         json_object('type', 'payout.paid', 'id', s.event_id, 'created_at', ?3,
           'data', json_object('payout_id', s.payout_id, 'partner_id', s.partner_id,
             'currency', s.currency, 'amount', s.total, 'entries', s.entries,
             'reference', p.reference, 'paid_at', ?3, 'statement_number', s.number)),
         'pending', 0, ?2, ?2
       FROM (SELECT *, printf('%08x', issued_at / 1000) || '.' || payout_id || '.' || partner_id
               AS event_id
             FROM payout_statements WHERE payout_id = ?1) s
       JOIN payouts p ON p.id = s.payout_id AND p.status = 'paid' AND p.paid_at = ?2
       JOIN endpoints e ON e.enabled = 1 AND e.method = 'POST' AND e.program_id IS NULL
         AND (e.partner_id IS NULL OR e.partner_id = s.partner_id)
         AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value = 'payout.paid')
       WHERE true
       ON CONFLICT DO NOTHING`,
    )
    .bind(payoutId, paidAt, new Date(paidAt).toISOString());
}

/**
 * After the payment: the first attempt of each of its deliveries is queued now. If the queue
 * cannot take them, they stay pending and the sweep queues them within the hour.
 */
export async function queuePaidDeliveries(env: Env, statements: Statement[]): Promise<number> {
  if (!statements.length) return 0;
  const { results } = await env.DB.prepare(
    `SELECT event_id, endpoint_id FROM deliveries
     WHERE event_id IN (SELECT value FROM json_each(?1)) AND state = 'pending' AND attempts = 0`,
  )
    .bind(JSON.stringify(statements.map(paidEventId)))
    .all<{ event_id: string; endpoint_id: string }>();
  if (!results.length) return 0;
  const next = results.map((r) => ({
    delivery: { eventId: r.event_id, endpointId: r.endpoint_id } as Delivery,
    delaySeconds: 0,
  }));
  try {
    await queueAttempts(env, next);
  } catch (error) {
    logEvent("payout_event_unqueued", { count: next.length, reason: reasonOf(error) }, "error");
  }
  return next.length;
}
