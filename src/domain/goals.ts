/**
 * A program's goals (SPEC "Goals"): what converts (a lead, a sale, a renewal), each with its own
 * commission, and whether one click may convert it again and again (`repeatable`: a
 * subscription's renewals, once per order id) or only once.
 */
import type { CommissionRule } from "./money";

export interface Goal {
  name: string;
  commission: CommissionRule;
  repeatable: boolean;
}

/** The goal every program has unless it says otherwise, and every conversion from before goals. */
export const DEFAULT_GOAL = "sale";

/** Goal names: short, URL- and CSV-safe, compared exactly. */
export const GOAL_NAME = /^[a-z0-9][a-z0-9_.-]{0,31}$/;
export const MAX_GOALS = 20;

/** A program's goals as stored (null: the one default goal, paying the program's commission). */
export function goalsOf(stored: Goal[] | null, commission: CommissionRule): Goal[] {
  return stored?.length ? stored : [{ name: DEFAULT_GOAL, commission, repeatable: false }];
}

/** The goal a postback names; absent, the program's first. Null: the program has no such goal. */
export function goalNamed(goals: Goal[], name: string | null): Goal | null {
  if (name === null) return goals[0] ?? null;
  return goals.find((goal) => goal.name === name) ?? null;
}

/** What is wrong with a list of goals, if anything. */
export function goalsProblem(goals: { name: string }[]): string | null {
  if (goals.length === 0) return "must hold at least one goal";
  if (goals.length > MAX_GOALS) return `must hold at most ${MAX_GOALS} goals`;
  const bad = goals.find((goal) => !GOAL_NAME.test(goal.name));
  if (bad)
    return `"${bad.name}" is not a goal name (a-z, 0-9, _ . -, at most 32, first a letter or digit)`;
  const names = goals.map((goal) => goal.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  return twice ? `"${twice}" is named twice` : null;
}
