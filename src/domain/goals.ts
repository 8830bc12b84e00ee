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

/**
 * The program's default goal: the one stored as the default while it is among the goals (a
 * version before migration 0010 may have changed them); otherwise the first.
 */
export function defaultGoalOf(goals: Goal[], defaultName: string | null): Goal | null {
  return goals.find((goal) => goal.name === defaultName) ?? goals[0] ?? null;
}

/** The goal a postback names; absent, the program's default. Null: the program has no such goal. */
export function goalNamed(goals: Goal[], name: string | null, defaultName: string | null = null) {
  if (name === null) return defaultGoalOf(goals, defaultName);
  return goals.find((goal) => goal.name === name) ?? null;
}

/**
 * The commission rule a conversion of `goal` earns: its goal's, or the program's own when the goal
 * has since been removed. The one place this is decided, for postbacks, the operator and the hold.
 */
export function commissionRuleOf(
  program: { goals: Goal[] | null; commission: CommissionRule },
  goal: string,
): CommissionRule {
  return (
    goalNamed(goalsOf(program.goals, program.commission), goal)?.commission ?? program.commission
  );
}

/**
 * The default goal after goals are set or changed: the one asked for, if any (it must be among
 * them); else the previous one while it still is (a client unaware of `default_goal` keeps it);
 * else the first. A string is a problem to report.
 */
export function chooseDefaultGoal(
  goals: { name: string }[],
  asked: string | undefined,
  previous: string | null,
): { name: string } | string {
  const names = goals.map((goal) => goal.name);
  if (asked !== undefined) {
    return names.includes(asked)
      ? { name: asked }
      : `is not one of this program's goals (${names.join(", ")})`;
  }
  const name = previous !== null && names.includes(previous) ? previous : names[0];
  return name === undefined ? "must be one of the program's goals" : { name };
}

/**
 * Goals stored with the default first: a version that takes the first as the default (before
 * migration 0010, or after a rollback) reads the same default.
 */
export function defaultFirst<T extends { name: string }>(goals: T[], defaultName: string): T[] {
  const found = goals.find((goal) => goal.name === defaultName);
  return found ? [found, ...goals.filter((goal) => goal !== found)] : goals;
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
