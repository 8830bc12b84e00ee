import { parsePostback } from "../domain/postback-fields";
import { ApiError } from "../errors";
import type { PostbackAnswer } from "../postback/answers";
import { readPostbackContext } from "../postback/postback-context";
import { admitPostback } from "../postback/postback-limiter";
import { logEntry } from "../postback/postback-log";
import { registerInput } from "../postback/register-input";
import { afterSale } from "./pending-updates";
import {
  type EventTag,
  fromPostbackAnswer,
  noSuchSource,
  type SourceAnswer,
  settled,
  tagFields,
  unavailable,
} from "./source-answers";

/**
 * A sale event's fields (any platform's), judged and registered exactly as a postback carrying
 * them: the same rules, rate, attribution and exactly-once registration; then the update kept
 * for its order, if one came first (pending-updates.ts).
 */
export async function registerSale(env: Env, tag: EventTag): Promise<SourceAnswer> {
  const { programId, fields, now } = tag;
  const parsed = parsePostback(fields);
  if (!parsed.ok) {
    const reasons = Object.entries(parsed.fields).map(([name, why]) => `${name} ${why}`);
    return settled(tag, "refused", "invalid_request", { message: reasons.join("; ") });
  }
  let context: Awaited<ReturnType<typeof readPostbackContext>>;
  try {
    context = await readPostbackContext(env, programId, parsed.input, now);
  } catch {
    return unavailable();
  }
  const { program } = context;
  if (!program) return noSuchSource();
  const reject = (error: ApiError): PostbackAnswer => ({
    ok: false,
    error,
    log: logEntry(program.id, fields, now, error.status, error.code),
  });
  const admission = await admitPostback(env, program.id, "postbacks", program.postbacksPerMinute);
  if (admission !== true) {
    const headers = { "Retry-After": String(admission.retryAfterSeconds) };
    return fromPostbackAnswer(tag, reject(new ApiError("rate_limited", { headers })));
  }
  const answer = await registerInput(env, program, context, parsed.input, fields, now, reject, {
    bindAnyCustomer: true,
    logFields: tagFields(tag),
  });
  // Committed: an update that came first (a refund, a dispute) is applied now.
  return afterSale(env, tag, fields.id ?? "", fromPostbackAnswer(tag, answer));
}
