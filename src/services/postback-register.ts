import type { Attribution } from "../domain/attribution";
import {
  newConversion,
  registeredBody,
  replayBody,
  sameCredit,
  summary,
} from "../domain/conversion";
import { newId } from "../domain/ids";
import type { PostbackInput } from "../domain/postback-fields";
import { ApiError } from "../errors";
import { REGISTRATION_WRITE_TIMEOUT_MS } from "../objects/click-guard";
import { firstConversion, selectByOrderStatement } from "../storage/conversions";
import type { Program } from "../storage/programs";
import { type Registration, registerInD1 } from "./conversion-registry";
import { conflict, logEntry, type PostbackAnswer, unavailable, withNotes } from "./postback-answer";
import { sleep } from "./timeouts";

/** Beyond the object's own write timeout, for its answer to travel back. */
const WRITE_SETTLE_MARGIN_MS = 250;

export interface Decision {
  program: Program;
  input: PostbackInput;
  attribution: Attribution;
  /** No binding exists yet for this customer. */
  bindCustomer: boolean;
}

/**
 * Writes the conversion (through the click's Durable Object for a click, straight to D1 for a
 * voucher or revenue share) and turns the outcome into the answer.
 */
export async function register(
  env: Env,
  { program, input, attribution, bindCustomer }: Decision,
  fields: Record<string, unknown>,
  now: number,
): Promise<PostbackAnswer> {
  const conversion = newConversion(
    newId(now),
    { programId: program.id, commission: program.commission, autoApprove: program.autoApprove },
    input,
    attribution,
    now,
  );
  const log = (status: number, outcome: string, conversionId: string | null = null) =>
    logEntry(program.id, fields, now, status, outcome, conversionId);
  const bind = program.revenueShare && input.customer !== null && bindCustomer;
  let registration: Registration;
  if (attribution.type === "click") {
    const calledAt = Date.now();
    try {
      const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(attribution.clickId));
      registration = await guard.register(conversion, bind, log(201, "registered", conversion.id));
    } catch {
      // The call failed, but the object's D1 write may still be in flight: the recheck below
      // waits until that write has committed or the object has given up on it.
      await sleep(calledAt + REGISTRATION_WRITE_TIMEOUT_MS + WRITE_SETTLE_MARGIN_MS - Date.now());
      registration = { kind: "unavailable" };
    }
  } else {
    registration = await registerInD1(
      env.DB,
      conversion,
      bind,
      log(201, "registered", conversion.id),
    );
  }
  // An error may hide a write that did commit (the answer was lost on the way back): D1 knows.
  if (registration.kind === "unavailable") registration = await recheck(env.DB, conversion);

  switch (registration.kind) {
    case "registered":
      return {
        ok: true,
        status: 201,
        body: withNotes(registeredBody(registration.conversion), input),
        log: null,
      };
    case "duplicate":
      return {
        ok: true,
        status: 200,
        body: withNotes(replayBody(registration.conversion), input),
        log: log(200, "duplicate", registration.conversion.id),
      };
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

/** After a failed write: whether this very conversion (or an identical one) was stored anyway. */
async function recheck(
  db: D1Database,
  conversion: ReturnType<typeof newConversion>,
): Promise<Registration> {
  try {
    const stored = firstConversion(
      await selectByOrderStatement(db, conversion.programId, conversion.orderId).all(),
    );
    if (!stored) return { kind: "unavailable" };
    if (stored.id === conversion.id) return { kind: "registered", conversion: summary(stored) };
    return sameCredit(stored, conversion)
      ? { kind: "duplicate", conversion: summary(stored) }
      : { kind: "order_conflict", existing: summary(stored) };
  } catch {
    return { kind: "unavailable" };
  }
}
