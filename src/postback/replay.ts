import { config } from "../config";
import { conversionEvent } from "../delivery/events";
import { asRegistered } from "../domain/as-registered";
import { type Conversion, replayBody } from "../domain/conversion";
import type { PostbackLogEntry } from "../domain/entities";
import type { PostbackInput } from "../domain/postback-fields";
import { type HistoryEntry, historyOf } from "../storage/conversion-history";
import { type PostbackAnswer, unavailable, withNotes } from "./answers";

/** A day short of retention: the registration's deliveries are surely still kept. */
const RETENTION_MARGIN_MS = 86_400_000;

/**
 * The `200 duplicate` of an exact replay, on either path (the order found registered, or the
 * ClickGuard's `duplicate`): the body the conversion had when registered, whatever changed since,
 * and its `registered` event told again. Its id is fixed and fan-out sends no delivery it has
 * written, so nothing goes twice; but a registration whose event was lost (a 503 over a write that
 * committed late, an isolate that died after its 201) gets it now. Past retention its deliveries
 * may be gone, and a replay would send them again: an old registration is not told again.
 * `history`, when read with the conversion (in the same batch), spares a round trip.
 */
export async function replayAnswer(
  env: Env,
  current: Conversion,
  input: PostbackInput,
  log: (status: number, outcome: string) => PostbackLogEntry,
  now: number,
  history?: HistoryEntry[],
): Promise<PostbackAnswer> {
  let registered: Conversion;
  try {
    registered = asRegistered(current, history ?? (await historyOf(env.DB, current.id)));
  } catch {
    return { ok: false, error: unavailable(), log: log(503, "temporarily_unavailable") };
  }
  const body = withNotes(replayBody(registered), input);
  if (input.test)
    return { ok: true, status: 200, body: { ...body, test: true }, log: log(200, "duplicate") };
  const keptSince = now - config(env).retentionDays * 86_400_000 + RETENTION_MARGIN_MS;
  return {
    ok: true,
    status: 200,
    body,
    log: log(200, "duplicate"),
    ...(registered.createdAt > keptSince
      ? {
          event: conversionEvent(
            "conversion.registered",
            registered,
            undefined,
            registered.createdAt,
          ),
        }
      : {}),
  };
}
