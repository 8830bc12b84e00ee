import { attribute } from "../domain/attribution";
import type { Program } from "../domain/entities";
import { goalNamed, goalsOf } from "../domain/goals";
import type { PostbackInput } from "../domain/postback-fields";
import type { ApiError } from "../errors";
import { invalidFields } from "../errors";
import { clicksPending, nothingToAttribute, type PostbackAnswer } from "./answers";
import { answerExisting } from "./existing-order";
import type { PostbackContext } from "./postback-context";
import { registerConversion } from "./register-conversion";
import { testRegistration } from "./test-run";

/** How a caller of `registerInput` asks for what postbacks do not do by themselves. */
export interface RegisterOptions {
  /**
   * Bind the customer to the credited partner even when the program has no revenue share: a
   * conversion source's renewals are attributed through that binding (a postback binds only for
   * revenue share). Attribution reads a binding only under revenue share, so it changes nothing
   * else.
   */
  bindAnyCustomer?: boolean;
  /** Fields the log rows of this registration carry besides the postback's (a source's event). */
  logFields?: Record<string, string>;
}

/**
 * An input whose program is known and admitted, to its answer: its goal, the order already
 * registered (a replay, a conflict or a status update), attribution, then registration through
 * the click's Durable Object. The one path of postbacks and conversion sources alike, so the same
 * exactly-once rules hold across them. `reject` makes the answer (and log row) of a refusal.
 */
export async function registerInput(
  env: Env,
  program: Program,
  context: PostbackContext,
  input: PostbackInput,
  fields: Record<string, unknown>,
  now: number,
  reject: (error: ApiError) => PostbackAnswer,
  options: RegisterOptions = {},
): Promise<PostbackAnswer> {
  const goals = goalsOf(program.goals, program.commission);
  const goal = goalNamed(goals, input.goal, program.defaultGoal);
  if (!goal) {
    const names = goals.map((g) => g.name).join(", ");
    return reject(invalidFields({ goal: `is not one of this program's goals (${names})` }));
  }
  if (context.existing) {
    const { existing, existingHistory } = context;
    return answerExisting(env, program, existing, existingHistory, input, fields, now);
  }
  if (goal.commission.type === "percent" && !input.amountGiven) {
    return reject(
      invalidFields({ amount: "is required: this goal pays a percentage of the amount" }),
    );
  }
  const result = attribute(
    {
      programId: program.id,
      windowDays: program.attributionWindowDays,
      model: program.attributionModel,
      revenueShare: program.revenueShare,
    },
    {
      cids: input.cids,
      clicks: context.clicks,
      boundPartner: context.binding?.partner_id ?? null,
      vouchers: input.vouchers,
      voucherPartners: context.voucherPartners,
    },
    now,
  );
  if (!result.ok) {
    return reject(
      result.pending ? clicksPending(result.cids) : nothingToAttribute(input, result.cids),
    );
  }
  const { clickId } = result.attribution;
  const attributed = {
    program,
    goal,
    input,
    attribution: result.attribution,
    bindCustomer: !context.binding && (program.revenueShare || options.bindAnyCustomer === true),
    click: clickId ? (context.clicks.get(clickId) ?? null) : null,
    logFields: options.logFields,
  };
  if (input.test) return testRegistration(env, attributed, fields, now);
  return registerConversion(env, attributed, fields, now);
}
