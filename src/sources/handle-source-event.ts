import { parseId } from "../domain/ids";
import { type Source, sealContext, secretsInForce } from "../domain/sources";
import { ApiError, invalidFields } from "../errors";
import { logEvent } from "../platform/log";
import { open, sourceKeyProblem } from "../platform/secret-box";
import { logEntry } from "../postback/postback-log";
import { seenOutcome } from "../storage/source-events";
import { getSource } from "../storage/sources";
import { actOnEvent, verifiedEvent } from "./platform-events";
import {
  type EventTag,
  failed,
  noSuchSource,
  type SourceAnswer,
  settled,
  unavailable,
} from "./source-answers";

/** Logged bad signatures per program and minute, as for wrong postback keys: past it, unlogged. */
const REJECTED_SIGNATURE_LOGS_PER_MINUTE = 60;

export interface SourceRequest {
  sourceId: string;
  /** The raw body, exactly as received: the signature is over these bytes. */
  body: string;
  headers: Headers;
}

/**
 * One platform event (Stripe's or Shopify's) to a conversion source (SPEC "Conversion sources"):
 * the source, its signature (nothing is read from a body before it verifies), the event ID already seen, then
 * what the event asks, through the postback's own registration.
 */
export async function handleSourceEvent(
  env: Env,
  request: SourceRequest,
  now = Date.now(),
): Promise<SourceAnswer> {
  const id = parseId(request.sourceId);
  if (!id) return noSuchSource();
  const keyProblem = sourceKeyProblem(env);
  if (keyProblem) {
    logEvent("source_key_invalid", { reason: keyProblem }, "error");
    return unavailable();
  }
  let source: Source | null;
  let secrets: string[];
  try {
    source = await getSource(env.DB, id);
    if (!source) return noSuchSource();
    const sealed = secretsInForce(source, now);
    secrets = await Promise.all(sealed.map((s) => open(env, s, sealContext(id))));
  } catch {
    // D1 failed, or a secret no longer opens (SOURCE_SECRETS_KEY changed): retried later.
    logEvent("source_unreadable", { sourceId: id }, "error");
    return unavailable();
  }
  const event = await verifiedEvent(source, request, secrets, now);
  if (event === "invalid_signature") {
    const log = logEntry(source.programId, {}, now, 400, "invalid_signature");
    const tagged = { ...log, fields: { source: `${source.type} ${source.id}` } };
    const answer = failed(new ApiError("invalid_signature"), tagged);
    return { ...answer, logLimit: REJECTED_SIGNATURE_LOGS_PER_MINUTE };
  }
  if (event === "not_an_event")
    return failed(
      invalidFields({ body: `is not a ${source.type === "stripe" ? "Stripe" : "Shopify"} event` }),
    );
  const base: EventTag = {
    platform: source.type,
    sourceId: source.id,
    programId: source.programId,
    eventId: event.id,
    type: event.type,
    fields: {},
    now,
  };
  if (!source.enabled) return settled(base, "ignored", "source_disabled");
  let seen: Awaited<ReturnType<typeof seenOutcome>>;
  try {
    seen = await seenOutcome(env.DB, source.id, event.id, now);
  } catch {
    return unavailable();
  }
  if (seen) {
    const extra = { outcome: seen.outcome, conversion_id: seen.conversion_id };
    return settled(base, "duplicate", "already_seen", extra, false);
  }
  return actOnEvent(env, source, base, event.object);
}
