import { goalsOf } from "../domain/goals";
import { parsePostback } from "../domain/postback-fields";
import type { PostbackAnswer } from "../postback/answers";
import { answerExisting } from "../postback/existing-order";
import { readPostbackContext } from "../postback/postback-context";
import { registerConversion } from "../postback/register-conversion";
import { getProgram } from "../storage/programs";
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
 * A renewal, registered as a conversion of the program's repeatable goal for the partner the
 * customer is bound to: the existing invoice is a replay (answerExisting), a new one goes through
 * registerConversion's one D1 transaction, as any repeatable goal's postback. Its attribution is
 * `revenue_share` (credited through the binding, not a click) whatever the program's setting.
 */
export async function registerRenewal(env: Env, tag: EventTag): Promise<SourceAnswer> {
  const { programId, now } = tag;
  let program: Awaited<ReturnType<typeof getProgram>>;
  try {
    program = await getProgram(env.DB, programId);
  } catch {
    return unavailable();
  }
  if (!program) return noSuchSource();
  const goal = goalsOf(program.goals, program.commission).find((g) => g.repeatable);
  if (!goal)
    return settled(tag, "refused", "no_repeatable_goal", {
      message: "The program has no repeatable goal to count renewals in",
    });
  const fields = { ...tag.fields, goal: goal.name };
  const parsed = parsePostback(fields);
  if (!parsed.ok) return settled(tag, "refused", "invalid_request");
  let context: Awaited<ReturnType<typeof readPostbackContext>>;
  try {
    context = await readPostbackContext(env, programId, parsed.input, now);
  } catch {
    return unavailable();
  }
  const { input } = parsed;
  if (context.existing) {
    const { existing, existingHistory } = context;
    const answer = await answerExisting(
      env,
      program,
      existing,
      existingHistory,
      input,
      fields,
      now,
    );
    return fromPostbackAnswer(tag, answer);
  }
  if (!context.binding)
    return settled(tag, "refused", "unknown_customer", {
      message: "No sale through this program bound this Stripe customer to a partner",
    });
  const attributed = {
    program,
    goal,
    input,
    attribution: {
      type: "revenue_share" as const,
      partnerId: context.binding.partner_id,
      clickId: null,
      voucher: null,
    },
    bindCustomer: false,
    click: null,
    logFields: tagFields(tag),
  };
  const answer: PostbackAnswer = await registerConversion(env, attributed, fields, now);
  return fromPostbackAnswer(tag, answer);
}
