import { describe, expect, it } from "vitest";
import { insertClickAt } from "../support/fixtures";
import { api, postback, setupLink } from "../support/helpers";

// A postback without `goal=` converts the program's default goal. The default is stored as such
// (`default_goal`): adding a goal in front of the list, or reordering it, does not move it.

const LEAD = { name: "lead", commission: { type: "fixed", value: 200, currency: "EUR" } };
const SALE = { name: "sale", commission: { type: "percent", value: 10 } };

async function saleProgram(overrides: Record<string, unknown> = {}) {
  const { program, link } = await setupLink(overrides);
  const send = async (fields: Record<string, string>) => {
    const aecid = await insertClickAt(link, Date.now() - 3_600_000);
    return postback({ key: program.conversion_key, currency: "EUR", cids: aecid, ...fields });
  };
  return { program, send };
}

describe("the default goal", () => {
  it("stays sale when a lead goal is added in front: no lead from a plain postback, no order registered again", async () => {
    const { program, send } = await saleProgram();
    expect(program.default_goal).toBe("sale");
    const order = await send({ id: "order-1", amount: "50" });
    expect(order.body).toMatchObject({ status: "registered", goal: "sale" });

    // An old client sends the goals, leads first, without a word about the default.
    const changed = await api("PATCH", `/programs/${program.id}`, { goals: [LEAD, SALE] });
    expect(changed.status).toBe(200);
    expect(changed.body.default_goal).toBe("sale");
    // Stored default first, so a version that took the first goal as the default agrees.
    expect(changed.body.goals.map((g: { name: string }) => g.name)).toEqual(["sale", "lead"]);
    expect((await api("GET", `/programs/${program.id}`)).body.default_goal).toBe("sale");

    // The advertiser's back office sends the same order again: a replay, not a new lead.
    const replay = await send({ id: "order-1", amount: "50", cids: order.body.click_id });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ status: "duplicate", goal: "sale" });
    const next = await send({ id: "order-2", amount: "20" });
    expect(next.body).toMatchObject({ status: "registered", goal: "sale", commission: 200 });
    expect((await send({ id: "signup-1", goal: "lead" })).body.goal).toBe("lead");
    const leads = await api("GET", `/conversions?program_id=${program.id}&goal=lead`);
    expect(leads.body.data.map((c: { id: string }) => c.id)).toEqual(["signup-1"]);
  });

  it("is the one named by default_goal, wherever it stands, and moves only when asked", async () => {
    const { program, send } = await saleProgram({ goals: [LEAD, SALE], default_goal: "sale" });
    expect(program.default_goal).toBe("sale");
    expect((await send({ id: "o-1", amount: "10" })).body.goal).toBe("sale");

    const moved = await api("PATCH", `/programs/${program.id}`, { default_goal: "lead" });
    expect(moved.status).toBe(200);
    expect(moved.body.default_goal).toBe("lead");
    expect((await send({ id: "o-2" })).body.goal).toBe("lead");
    // Goals sent again in another order, without default_goal: the default stays.
    const reordered = await api("PATCH", `/programs/${program.id}`, { goals: [SALE, LEAD] });
    expect(reordered.body.default_goal).toBe("lead");
    expect((await send({ id: "o-3" })).body.goal).toBe("lead");
  });

  it("without goals set is sale; a list without the old default makes its first goal the default", async () => {
    const { program } = await saleProgram();
    const renamed = await api("PATCH", `/programs/${program.id}`, {
      goals: [{ name: "purchase" }, LEAD],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.default_goal).toBe("purchase");
    const both = await api("PATCH", `/programs/${program.id}`, {
      goals: [SALE, LEAD],
      default_goal: "lead",
    });
    expect(both.body.default_goal).toBe("lead");
  });

  it("must be one of the goals: a 400 naming default_goal, and nothing changed", async () => {
    const { program } = await saleProgram({ goals: [LEAD, SALE] });
    expect(program.default_goal).toBe("lead");
    const unknown = await api("PATCH", `/programs/${program.id}`, { default_goal: "renewal" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.default_goal).toBe(
      "is not one of this program's goals (lead, sale)",
    );
    const dropped = await api("PATCH", `/programs/${program.id}`, {
      goals: [SALE],
      default_goal: "lead",
    });
    expect(dropped.status).toBe(400);
    expect(dropped.body.error.fields.default_goal).toBe(
      "is not one of this program's goals (sale)",
    );
    const created = await api("POST", "/programs", {
      name: "Shop",
      landing_url: "https://shop.example/",
      allowed_domains: ["shop.example"],
      commission: { type: "percent", value: 10 },
      default_goal: "lead",
    });
    expect(created.status).toBe(400);
    expect(created.body.error.fields.default_goal).toBe(
      "is not one of this program's goals (sale)",
    );
    expect((await api("GET", `/programs/${program.id}`)).body.default_goal).toBe("lead");
  });
});
