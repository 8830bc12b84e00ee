import { attribute } from "../domain/attribution";
import { newConversion, registeredBody, replayBody, sameAttribution } from "../domain/conversion";
import { newId } from "../domain/ids";
import { parsePostback } from "../domain/postback-fields";
import { constantTimeEqual, conversionKeyHash, parseConversionKey } from "../domain/secrets";
import { ApiError, invalidFields, RETRY_AFTER_SECONDS } from "../errors";
import type { Program } from "../storage/programs";
import { type Registration, registerInD1 } from "./conversion-registry";
import { logEntry, type PostbackAnswer } from "./postback-answer";
import { readEvidence } from "./postback-evidence";
import { admitPostback, REJECTED_KEY_LOGS_PER_MINUTE } from "./postback-limits";

export interface RawPostback {
  key: string | null;
  fields: Record<string, unknown>;
}

const unavailable = () =>
  new ApiError("temporarily_unavailable", {
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });

/** Registers a postback's conversion exactly once, or says precisely why not (SPEC "Postback"). */
export async function handlePostback(
  env: Env,
  raw: RawPostback,
  now = Date.now(),
): Promise<PostbackAnswer> {
  const key = parseConversionKey(raw.key);
  if (!key) return { ok: false, error: new ApiError("invalid_key"), log: null };
  const parsed = parsePostback(raw.fields);

  let evidence: Awaited<ReturnType<typeof readEvidence>>;
  try {
    evidence = await readEvidence(env.DB, key.programId, parsed.ok ? parsed.input : null, now);
  } catch {
    return { ok: false, error: unavailable(), log: null };
  }
  const { program } = evidence;
  const reject = (error: ApiError, conversionId: string | null = null): PostbackAnswer => ({
    ok: false,
    error,
    log: program
      ? logEntry(program.id, raw.fields, now, error.status, error.code, conversionId)
      : null,
  });

  // The hash is compared even when the program is unknown, so both cases take the same time.
  const keyMatches = await constantTimeEqual(await conversionKeyHash(key), evidence.keyHash ?? "");
  const keyIsRight = program !== null && evidence.keyHash !== null && keyMatches;
  if (!keyIsRight) {
    // Wrong keys are logged for the program (an advertiser's broken integration shows), but at a
    // bounded rate so nobody can fill a program's log with them.
    const logged =
      program !== null &&
      (await admitPostback(env, program.id, "rejected_keys", REJECTED_KEY_LOGS_PER_MINUTE)) ===
        true;
    const answer = reject(new ApiError("invalid_key"));
    return logged ? answer : { ...answer, log: null };
  }
  const admission = await admitPostback(env, program.id, "postbacks", program.postbacksPerMinute);
  if (admission !== true) {
    return reject(
      new ApiError("rate_limited", {
        headers: { "Retry-After": String(admission.retryAfterSeconds) },
      }),
    );
  }
  if (!parsed.ok) return reject(invalidFields(parsed.fields));
  const { input } = parsed;
  if (program.commission.type === "percent" && !input.amountGiven) {
    return reject(
      invalidFields({ amount: "is required: this program pays a percentage of the amount" }),
    );
  }

  // A retry is judged as of the moment its conversion was registered, so a late retry replays
  // instead of failing on a window that has since closed.
  const existing = evidence.existing;
  const boundPartner =
    evidence.binding && evidence.binding.conversion_id !== existing?.id
      ? evidence.binding.partner_id
      : null;
  const result = attribute(
    rulesOf(program),
    {
      cids: input.cids,
      clicks: evidence.clicks,
      boundPartner,
      vouchers: input.vouchers,
      voucherPartners: evidence.voucherPartners,
    },
    existing?.createdAt ?? now,
  );
  if (existing) {
    if (result.ok && sameAttribution(existing, result.attribution)) {
      return {
        ok: true,
        status: 200,
        body: replayBody(existing),
        log: logEntry(program.id, raw.fields, now, 200, "duplicate", existing.id),
      };
    }
    return reject(conflict(existing.id), existing.id);
  }
  if (!result.ok)
    return reject(new ApiError("no_attributable_click", { details: { cids: result.cids } }));

  const { attribution } = result;
  const conversion = newConversion(
    newId(now),
    { programId: program.id, commission: program.commission, autoApprove: program.autoApprove },
    input,
    attribution,
    now,
  );
  const registeredLog = logEntry(program.id, raw.fields, now, 201, "registered", conversion.id);
  const bind = program.revenueShare && input.customer !== null && !evidence.binding;
  let registration: Registration;
  if (attribution.type === "click") {
    try {
      const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(attribution.clickId));
      registration = await guard.register(conversion, bind, registeredLog);
    } catch {
      registration = { kind: "unavailable" };
    }
  } else {
    registration = await registerInD1(env.DB, conversion, bind, registeredLog);
  }

  switch (registration.kind) {
    case "registered":
      return { ok: true, status: 201, body: registeredBody(conversion), log: null };
    case "duplicate":
      return {
        ok: true,
        status: 200,
        body: replayBody(registration.conversion),
        log: logEntry(program.id, raw.fields, now, 200, "duplicate", registration.conversion.id),
      };
    case "order_conflict":
      return reject(conflict(registration.existing.id), registration.existing.id);
    case "click_taken":
      return reject(
        new ApiError("click_already_converted", {
          details: { click_id: attribution.clickId, conversion_id: registration.existing.id },
        }),
      );
    case "unavailable":
      return reject(unavailable());
  }
}

function rulesOf(program: Program) {
  return {
    programId: program.id,
    windowDays: program.attributionWindowDays,
    model: program.attributionModel,
    revenueShare: program.revenueShare,
  };
}

function conflict(conversionId: string) {
  return new ApiError("conversion_id_conflict", { details: { conversion_id: conversionId } });
}
