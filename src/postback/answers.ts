import type { CidReason } from "../domain/attribution";
import type { PostbackLogEntry } from "../domain/entities";
import type { ConversionEvent } from "../domain/outbound";
import type { PostbackInput } from "../domain/postback-fields";
import { ApiError, RETRY_AFTER_SECONDS } from "../errors";

/**
 * What a postback is answered, and the log row still to write (null when already written); with
 * `logLimit`, the row is only written if the program's log takes that many such rows a minute.
 * `event` is what outbound endpoints are told of, after the answer; `laterEvents`, changes made
 * after it (an update a conversion source kept for the order, applied to the sale).
 */
export type PostbackAnswer = (
  | { ok: true; status: 200 | 201; body: Record<string, unknown> }
  | { ok: false; error: ApiError }
) & {
  log: PostbackLogEntry | null;
  logLimit?: number;
  event?: ConversionEvent;
  laterEvents?: ConversionEvent[];
};

export const unavailable = () =>
  new ApiError("temporarily_unavailable", {
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });

/** A click the attribution depends on may still be on its way to the database: retry soon. */
export const clicksPending = (cids: Record<string, CidReason>) =>
  new ApiError("temporarily_unavailable", {
    message:
      "A click this postback names may still be on its way to the database; nothing was registered, retry later.",
    details: { cids },
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });

/** The order `id` is taken by a conversion that credits someone else. */
export const conflict = (existing: { id: string; orderId: string }) =>
  new ApiError("conversion_id_conflict", {
    details: { id: existing.orderId, conversion_id: existing.id },
  });

/** The 422 of a postback nothing in which credits a partner; with no `cids`, it says so. */
export function nothingToAttribute(
  input: PostbackInput,
  cids: Record<string, CidReason>,
): ApiError {
  if (input.cids.length > 0) return new ApiError("no_attributable_click", { details: { cids } });
  const vouchers = input.vouchers.length
    ? "and none of its vouchers is assigned to a partner"
    : "and no voucher";
  return new ApiError("no_attributable_click", {
    message: `The postback has no click IDs (\`cids\`) ${vouchers}: nothing can be attributed to a partner.`,
  });
}

/** A successful answer's body, with a note when the amount was rounded to its minor unit. */
export function withNotes<T extends object>(body: T, input: PostbackInput): T {
  return input.amountNote ? { ...body, warnings: { amount: input.amountNote } } : body;
}
