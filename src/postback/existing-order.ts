import { eventOf } from "../conversion/announce";
import { updateConversion } from "../conversion/update-conversion";
import { type Conversion, isRetryOf, registeredBody, replayBody } from "../domain/conversion";
import { applyUpdate } from "../domain/conversion-update";
import type { Program } from "../domain/entities";
import { commissionRuleOf } from "../domain/goals";
import type { PostbackInput } from "../domain/postback-fields";
import { invalidFields } from "../errors";
import type { HistoryEntry } from "../storage/conversion-history";
import { conflict, type PostbackAnswer, unavailable, withNotes } from "./answers";
import { logEntry } from "./postback-log";
import { replayAnswer } from "./replay";

/**
 * A postback whose order id (and goal) is already registered: with `status`, a status update;
 * without, a retry of that registration (`200 duplicate`) or, crediting someone else, a `409`.
 * `history` is the conversion's, read with it.
 */
export async function answerExisting(
  env: Env,
  program: Program,
  existing: Conversion,
  history: HistoryEntry[],
  input: PostbackInput,
  fields: Record<string, unknown>,
  now: number,
): Promise<PostbackAnswer> {
  if (input.status !== null) return updateFromPostback(env, program, existing, input, fields, now);
  const log = (status: number, outcome: string) => ({
    ...logEntry(program.id, fields, now, status, outcome, existing.id),
    test: input.test,
  });
  if (!isRetryOf(existing, input)) {
    const error = conflict(existing);
    if (input.test) Object.assign(error.details, { test: true });
    return { ok: false, error, log: log(409, error.code) };
  }
  return replayAnswer(env, existing, input, log, now, history);
}

/** The `200 updated` body: the conversion as it now is, and the fields that changed. */
export function updatedBody(conversion: Conversion, changed: string[]) {
  return {
    ...registeredBody(conversion),
    status: "updated" as const,
    conversion_status: conversion.status,
    refuse_reason: conversion.refuseReason,
    changed,
  };
}

/**
 * A postback on an order already registered, carrying `status` (and maybe a new amount): the
 * conversion changes (SPEC "Status updates"), whatever `cids` it carries (the key, the order id
 * and the goal name the conversion). Identical updates racing write once; an exact replay of a
 * registration that carried its status stays a replay. With `test`, nothing is written.
 */
export async function updateFromPostback(
  env: Env,
  program: Program,
  current: Conversion,
  input: PostbackInput,
  fields: Record<string, unknown>,
  now: number,
): Promise<PostbackAnswer> {
  const log = (status: number, outcome: string) => ({
    ...logEntry(program.id, fields, now, status, outcome, current.id),
    test: input.test,
  });
  if (input.amountGiven && input.currency !== current.currency) {
    const error = invalidFields({
      currency: `must be ${current.currency}, the conversion's currency, when the amount changes`,
    });
    return { ok: false, error, log: log(400, error.code) };
  }
  const update = { status: input.status, amount: input.amountGiven ? input.amount : null };
  const untouched = current.updatedAt === current.createdAt;
  const isReplay = (changed: number) =>
    changed === 0 &&
    untouched &&
    input.status === current.initialStatus &&
    (!input.amountGiven || input.amount === current.amount);

  if (input.test) {
    const rule = commissionRuleOf(program, current.goal);
    const { next, changes } = applyUpdate(current, update, rule, now);
    const body = isReplay(changes.length)
      ? replayBody(current)
      : updatedBody(
          next,
          changes.map((c) => c.field),
        );
    return { ok: true, status: 200, body: { ...body, test: true }, log: log(200, "updated") };
  }

  let updated: Awaited<ReturnType<typeof updateConversion>>;
  try {
    updated = await updateConversion(env.DB, current, update, program, "postback", now);
  } catch {
    return { ok: false, error: unavailable(), log: log(503, "temporarily_unavailable") };
  }
  if (!updated)
    return { ok: false, error: unavailable(), log: log(503, "temporarily_unavailable") };
  if (isReplay(updated.changes.length)) return replayAnswer(env, current, input, log, now);
  return {
    ok: true,
    status: 200,
    body: withNotes(
      updatedBody(
        updated.conversion,
        updated.changes.map((c) => c.field),
      ),
      input,
    ),
    log: log(200, "updated"),
    event: eventOf(updated),
  };
}
