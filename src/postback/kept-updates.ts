import { logEvent, reasonOf } from "../platform/log";
import { dueForOrder } from "../storage/due-for-order";
import { type PostbackAnswer, unavailable } from "./answers";

/**
 * After a postback's sale is registered (or replayed): what a conversion source kept for its
 * order before the sale (a Stripe refund, a Shopify cancellation, …, same program and order id)
 * is applied to it, as a source's own sale would (src/sources/kept-updates.ts). The postback
 * pays one statement for it, an indexed read that reads no row when nothing waits (almost
 * always); only then is the applying code loaded, so the postback's bundle does not carry it.
 * Read after the registration committed, not with the postback's context: an update kept
 * meanwhile looks for the sale after writing its row, so one of the two sees the other.
 */
export async function afterPostbackSale(
  env: Env,
  programId: string,
  orderId: string,
  answer: PostbackAnswer,
  now: number,
): Promise<PostbackAnswer> {
  if (!answer.ok || typeof answer.body.conversion_id !== "string") return answer;
  try {
    const due = await dueForOrder(env.DB, programId, orderId);
    if (!due.length) return answer;
    const { applyKept, appliedParts } = await import("../sources/kept-updates");
    const applied = appliedParts(await applyKept(env, programId, orderId, now, due));
    if (!applied) return answer;
    return {
      ...answer,
      body: { ...answer.body, ...applied.fields },
      laterEvents: applied.laterEvents,
    };
  } catch (error) {
    // The sale stays registered; the advertiser's retry is a replay, which applies the update.
    logEvent("postback_kept_update_failed", { orderId, reason: reasonOf(error) }, "error");
    return { ok: false, error: unavailable(), log: answer.log, event: answer.event };
  }
}
