import { config } from "../config";
import { conversionEvent } from "../delivery/events";
import type { Attribution } from "../domain/attribution";
import { newConversion, registeredBody, replayBody } from "../domain/conversion";
import type { Click, Program } from "../domain/entities";
import type { Goal } from "../domain/goals";
import { newId } from "../domain/ids";
import type { PostbackInput } from "../domain/postback-fields";
import { ApiError } from "../errors";
import { currentRequestId } from "../platform/log";
import { sleep } from "../platform/timers";
import { type Registration, readBack, writeConversion } from "../storage/conversion-writes";
import { getConversion } from "../storage/conversions";
import { conflict, type PostbackAnswer, unavailable, withNotes } from "./answers";
import { readBackAt } from "./claim-timing";
import { updateFromPostback } from "./existing-order";
import { logEntry } from "./postback-log";
import { replayAnswer } from "./replay";

/** A postback that passed every check and was attributed: what is left is to register it. */
export interface AttributedPostback {
  program: Program;
  goal: Goal;
  input: PostbackInput;
  attribution: Attribution;
  /** Bind the customer (none is bound yet, and the program or the source binds customers). */
  bindCustomer: boolean;
  /** The attributed click, for the outbound event (its sub-IDs). */
  click: Click | null;
  /** Fields the registration's log row carries besides the postback's (a source's event). */
  logFields?: Record<string, string>;
}

/** The conversion an attributed postback would register. */
export function conversionFor(
  { program, goal, input, attribution, click }: AttributedPostback,
  now: number,
) {
  return newConversion(
    newId(now),
    {
      programId: program.id,
      goal,
      autoApprove: program.autoApprove,
      minSecondsToConvert: program.minSecondsToConvert,
    },
    input,
    attribution,
    now,
    click,
  );
}

/**
 * Writes the conversion (claiming its click, for its goal, through the click's Durable Object; or
 * straight to D1 for a voucher, a revenue share or a repeatable goal) and turns the outcome into
 * the answer. A status update that raced its own registration is applied to what registered.
 */
export async function registerConversion(
  env: Env,
  attributed: AttributedPostback,
  fields: Record<string, unknown>,
  now: number,
): Promise<PostbackAnswer> {
  const { program, input, attribution, bindCustomer, click, logFields } = attributed;
  const conversion = conversionFor(attributed, now);
  const log = (status: number, outcome: string, conversionId: string | null = null) => {
    const entry = logEntry(program.id, fields, now, status, outcome, conversionId);
    return logFields ? { ...entry, fields: { ...entry.fields, ...logFields } } : entry;
  };
  const bind = input.customer !== null && bindCustomer;
  const registeredLog = log(201, "registered", conversion.id);
  let registration: Registration;
  if (attribution.type === "click" && !conversion.repeatable) {
    const calledAt = Date.now();
    const bound = config(env).claimWriteTimeoutMs;
    try {
      const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(attribution.clickId));
      registration = await guard.claim(conversion, bind, registeredLog, bound, currentRequestId());
    } catch {
      registration = { kind: "unavailable" };
    }
    // Thrown (the call failed) or answered (the object's bound expired), the object's D1 write
    // may still be in flight: the read-back below waits until that write has committed or the
    // object has given up on it. One that commits later still is told by the advertiser's retry.
    if (registration.kind === "unavailable") {
      await sleep(readBackAt(calledAt, bound) - Date.now());
    }
  } else {
    registration = await writeConversion(
      env.DB,
      conversion,
      bind,
      registeredLog,
      config(env).reportValueCap,
    );
  }
  // An error may hide a write that did commit (the answer was lost on the way back): D1 knows.
  if (registration.kind === "unavailable") registration = await readBack(env.DB, conversion);

  switch (registration.kind) {
    case "registered":
      return {
        ok: true,
        status: 201,
        body: withNotes(registeredBody(registration.conversion), input),
        log: null,
        event: conversionEvent("conversion.registered", conversion, click),
      };
    case "duplicate": {
      // Registered meanwhile: a status update is applied to it, a replay answered as registered.
      // Without the stored conversion neither can be done: the advertiser retries.
      const { id } = registration.conversion;
      const logAs = (status: number, outcome: string) => log(status, outcome, id);
      const stored = await getConversion(env.DB, id).then(
        (found) => found ?? "gone",
        () => null,
      );
      if (stored === null || (stored === "gone" && input.status !== null)) {
        return { ok: false, error: unavailable(), log: logAs(503, "temporarily_unavailable") };
      }
      // A conversion the object knows but D1 no longer holds: answered as the object knows it.
      if (stored === "gone") {
        const body = withNotes(replayBody(registration.conversion), input);
        return { ok: true, status: 200, body, log: logAs(200, "duplicate") };
      }
      if (input.status !== null) {
        return updateFromPostback(env, program, stored, input, fields, now);
      }
      return replayAnswer(env, stored, input, logAs, now);
    }
    case "order_conflict":
      return {
        ok: false,
        error: conflict(registration.existing),
        log: log(409, "conversion_id_conflict", registration.existing.id),
      };
    case "click_taken": {
      const error = new ApiError("click_already_converted", {
        details: {
          click_id: attribution.clickId,
          id: registration.existing.orderId,
          conversion_id: registration.existing.id,
        },
      });
      return { ok: false, error, log: log(409, error.code) };
    }
    case "unavailable":
      return { ok: false, error: unavailable(), log: log(503, "temporarily_unavailable") };
  }
}
