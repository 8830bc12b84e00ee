import { describe, expect, it } from "vitest";
import {
  chooseDefaultGoal,
  commissionRuleOf,
  defaultFirst,
  defaultGoalOf,
  type Goal,
  goalNamed,
} from "../../src/domain/goals";

const goal = (name: string): Goal => ({
  name,
  commission: { type: "percent", value: 10 },
  repeatable: false,
});
const names = (goals: { name: string }[]) => goals.map((g) => g.name);

describe("the default goal", () => {
  it("is the stored one while it is among the goals, else the first", () => {
    const goals = [goal("lead"), goal("sale")];
    expect(defaultGoalOf(goals, "sale")?.name).toBe("sale");
    expect(defaultGoalOf(goals, null)?.name).toBe("lead");
    expect(defaultGoalOf(goals, "gone")?.name).toBe("lead");
    expect(goalNamed(goals, null, "sale")?.name).toBe("sale");
    expect(goalNamed(goals, "lead", "sale")?.name).toBe("lead");
  });

  it("is chosen on a change: the one asked, else the previous while it stays, else the first", () => {
    const goals = [goal("lead"), goal("sale")];
    expect(chooseDefaultGoal(goals, "lead", "sale")).toEqual({ name: "lead" });
    expect(chooseDefaultGoal(goals, undefined, "sale")).toEqual({ name: "sale" });
    expect(chooseDefaultGoal(goals, undefined, "gone")).toEqual({ name: "lead" });
    expect(chooseDefaultGoal(goals, undefined, null)).toEqual({ name: "lead" });
    expect(chooseDefaultGoal(goals, "renewal", "sale")).toBe(
      "is not one of this program's goals (lead, sale)",
    );
  });

  it("is stored first, the others in their order", () => {
    const goals = [goal("lead"), goal("trial"), goal("sale")];
    expect(names(defaultFirst(goals, "sale"))).toEqual(["sale", "lead", "trial"]);
    expect(names(defaultFirst(goals, "lead"))).toEqual(["lead", "trial", "sale"]);
  });
});

describe("a conversion's commission rule", () => {
  const program = {
    commission: { type: "percent" as const, value: 10 },
    goals: [
      {
        name: "lead",
        commission: { type: "fixed" as const, value: 200, currency: "EUR" },
        repeatable: false,
      },
      { name: "sale", commission: { type: "percent" as const, value: 5 }, repeatable: false },
    ],
  };

  it("is its goal's, whichever goal is the default", () => {
    expect(commissionRuleOf(program, "lead")).toEqual({
      type: "fixed",
      value: 200,
      currency: "EUR",
    });
    expect(commissionRuleOf(program, "sale")).toEqual({ type: "percent", value: 5 });
  });

  it("is the program's for a goal since removed, and for a program without goals", () => {
    expect(commissionRuleOf(program, "renewal")).toEqual({ type: "percent", value: 10 });
    expect(commissionRuleOf({ ...program, goals: null }, "sale")).toEqual({
      type: "percent",
      value: 10,
    });
  });
});
