import type { PostbackLogEntry } from "../domain/entities";
import type { ConversionEvent } from "../domain/outbound";
import { ApiError, RETRY_AFTER_SECONDS } from "../errors";
import type { PostbackAnswer } from "../postback/answers";
import { logEntry } from "../postback/postback-log";
import type { SeenEvent } from "../storage/source-events";

/**
 * What a platform's event is answered. The platform retries anything but a 2xx, for days: so a
 * refusal that a retry cannot change (no click ID, a click already converted) is a `200` saying
 * `refused`, and only a bad signature (`400`), an unknown source (`404`) and what may pass
 * (`429`, `503`) are errors. `seen` is the event's decision, to keep for its redeliveries.
 */
export interface SourceAnswer {
  status: 200 | 201 | 400 | 404 | 429 | 503;
  body: Record<string, unknown> | null;
  error: ApiError | null;
  log: PostbackLogEntry | null;
  logLimit?: number;
  event?: ConversionEvent;
  /** Events of changes made after `event`'s (a kept update applied to a sale just registered). */
  laterEvents?: ConversionEvent[];
  seen?: SeenEvent;
}

/** An event's identity on its log rows (the platform's own fields are not a postback's). */
export interface EventTag {
  platform: string;
  sourceId: string;
  programId: string;
  eventId: string;
  type: string;
  fields: Record<string, string>;
  now: number;
}

export const tagFields = (tag: EventTag) => ({
  source: `${tag.platform} ${tag.sourceId}`,
  event: `${tag.type} ${tag.eventId}`,
});

export function failed(error: ApiError, log: PostbackLogEntry | null = null): SourceAnswer {
  return { status: error.status as SourceAnswer["status"], body: null, error, log };
}

export const unavailable = () =>
  failed(
    new ApiError("temporarily_unavailable", {
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    }),
  );

export const noSuchSource = () =>
  failed(new ApiError("not_found", { message: "No conversion source with this id." }));

function seenOf(tag: EventTag, outcome: string, conversionId: string | null): SeenEvent {
  return {
    sourceId: tag.sourceId,
    eventId: tag.eventId,
    type: tag.type,
    outcome,
    conversionId,
    receivedAt: tag.now,
  };
}

/**
 * A `200` that acts on nothing now (`ignored`, `duplicate`, `refused`, or `kept` for its sale),
 * logged with its reason.
 */
export function settled(
  tag: EventTag,
  status: "ignored" | "duplicate" | "refused" | "kept",
  reason: string,
  extra: Record<string, unknown> = {},
  keep = status === "refused",
): SourceAnswer {
  const log = logEntry(tag.programId, tag.fields, tag.now, 200, reason);
  return {
    status: 200,
    body: { status, reason, event_id: tag.eventId, ...extra },
    error: null,
    log: { ...log, fields: { ...log.fields, ...tagFields(tag) } },
    ...(keep ? { seen: seenOf(tag, reason, null) } : {}),
  };
}

/** The registration path's answer, as the platform is answered (see SourceAnswer). */
export function fromPostbackAnswer(tag: EventTag, answer: PostbackAnswer): SourceAnswer {
  const log = answer.log && {
    ...answer.log,
    fields: { ...answer.log.fields, ...tagFields(tag) },
  };
  const event = answer.event ? { event: answer.event } : {};
  if (answer.ok) {
    const conversionId = (answer.body.conversion_id as string | undefined) ?? null;
    const outcome = String(answer.body.status);
    // A registered conversion is its own record of the event: a redelivery is a duplicate of
    // its order (the unique index says so, through the same registration), answered 200 and
    // changing nothing. Keeping a `source_events` row too would be a ninth row written for a
    // sale approved at once (SPEC's budget is 8); other outcomes, which leave no row, are kept.
    return {
      status: answer.status,
      body: { status: outcome, event_id: tag.eventId, conversion_id: conversionId },
      error: null,
      log,
      ...event,
      ...(outcome === "registered" ? {} : { seen: seenOf(tag, outcome, conversionId) }),
    };
  }
  const { error } = answer;
  if (error.status === 429 || error.status === 503) return { ...failed(error, log), ...event };
  const { message, details } = error;
  return {
    status: 200,
    body: { status: "refused", reason: error.code, message, event_id: tag.eventId, ...details },
    error: null,
    log: log && { ...log, httpStatus: 200 },
    ...event,
    seen: seenOf(tag, error.code, (details.conversion_id as string | undefined) ?? null),
  };
}
