import { registeredBody } from "../domain/conversion";
import { ApiError } from "../errors";
import { firstConversion, selectByClickStatement } from "../storage/conversions";
import { type PostbackAnswer, unavailable, withNotes } from "./answers";
import { logEntry } from "./postback-log";
import { type AttributedPostback, conversionFor } from "./register-conversion";

/**
 * A `test=1` postback that passed every check and was attributed: answered with the conversion it
 * would register (`"test": true`, no conversion id), or the `409` it would get for a click this
 * goal already converted. Nothing is written but its log row, marked test; no Durable Object is
 * asked, no event goes out.
 */
export async function testRegistration(
  env: Env,
  attributed: AttributedPostback,
  fields: Record<string, unknown>,
  now: number,
): Promise<PostbackAnswer> {
  const { program, input } = attributed;
  const conversion = conversionFor(attributed, now);
  const log = (status: number, outcome: string) => ({
    ...logEntry(program.id, fields, now, status, outcome),
    test: true,
  });
  if (conversion.clickId && !conversion.repeatable) {
    let taken: ReturnType<typeof firstConversion>;
    try {
      taken = firstConversion(
        await selectByClickStatement(env.DB, conversion.clickId, conversion.goal).all(),
      );
    } catch {
      return { ok: false, error: unavailable(), log: log(503, "temporarily_unavailable") };
    }
    if (taken && taken.orderId !== conversion.orderId) {
      const error = new ApiError("click_already_converted", {
        details: {
          click_id: conversion.clickId,
          id: taken.orderId,
          conversion_id: taken.id,
          test: true,
        },
      });
      return { ok: false, error, log: log(409, error.code) };
    }
  }
  const body = { ...withNotes(registeredBody(conversion), input), conversion_id: null, test: true };
  return { ok: true, status: 200, body, log: log(200, "registered") };
}
