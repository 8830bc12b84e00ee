import type { z } from "@hono/zod-openapi";
import type { Program } from "../../domain/entities";
import { chooseDefaultGoal, defaultFirst, defaultGoalOf, goalsOf } from "../../domain/goals";
import type { CommissionRule } from "../../domain/money";
import { invalidFields } from "../../errors";
import { goalsFromInput, type ProgramPatch } from "./program-schemas";

type GoalsInput = Pick<z.infer<typeof ProgramPatch>, "goals" | "default_goal">;

/**
 * A program's goals and default goal as created or changed: `default_goal` when given (one of
 * the goals, else a 400 naming it); otherwise the program's current default while it is still
 * among the goals (a client unaware of `default_goal` that sends goals keeps it), else the first.
 * Goals are stored with the default first (see `defaultFirst`).
 */
export function programGoals(
  current: Pick<Program, "goals" | "defaultGoal"> | null,
  input: GoalsInput,
  commission: CommissionRule,
): Pick<Program, "goals" | "defaultGoal"> {
  const goals = input.goals ? goalsFromInput(input.goals, commission) : (current?.goals ?? null);
  const previous = current
    ? (defaultGoalOf(goalsOf(current.goals, commission), current.defaultGoal)?.name ?? null)
    : null;
  const chosen = chooseDefaultGoal(goalsOf(goals, commission), input.default_goal, previous);
  if (typeof chosen === "string") throw invalidFields({ default_goal: chosen });
  return { goals: goals && defaultFirst(goals, chosen.name), defaultGoal: chosen.name };
}
