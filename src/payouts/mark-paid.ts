import { issueStatementsStatement, statementsOf } from "../storage/payout-statements";
import { markPayoutPaid } from "../storage/payouts";
import { paidDeliveriesStatement, queuePaidDeliveries } from "./paid-event";

/**
 * A payout marked paid (issue 28): in one D1 batch, the compare-and-set on its status, its audit
 * entry, its statements (one per partner, numbered without gaps) and its `payout.paid`
 * deliveries; then their first attempts are queued. Answers whether this call paid it (false:
 * paid or cancelled already, and nothing was written).
 */
export async function payPayout(
  env: Env,
  id: string,
  reference: string,
  now: number,
  audit: D1PreparedStatement[],
): Promise<boolean> {
  const db = env.DB;
  const also = [...audit, issueStatementsStatement(db), paidDeliveriesStatement(db, id, now)];
  if (!(await markPayoutPaid(db, id, reference, now, also))) return false;
  await queuePaidDeliveries(env, await statementsOf(db, id));
  return true;
}
