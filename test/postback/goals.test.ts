import { describe, expect, it } from "vitest";
import { insertClickAt } from "../support/fixtures";
import { api, postback, setupLink } from "../support/helpers";

const GOALS = [
  { name: "lead", commission: { type: "fixed", value: 200, currency: "EUR" } },
  { name: "sale", commission: { type: "percent", value: 10 } },
  { name: "renewal", commission: { type: "percent", value: 5 }, repeatable: true },
];

async function goalProgram(overrides: Record<string, unknown> = {}) {
  const { program, link } = await setupLink({ goals: GOALS, ...overrides });
  const aecid = await insertClickAt(link, Date.now() - 3_600_000);
  const send = (fields: Record<string, string>) =>
    postback({ key: program.conversion_key, currency: "EUR", cids: aecid, ...fields });
  return { program, link, aecid, send };
}

describe("goals", () => {
  it("are part of the program: each with its commission, the first the default", async () => {
    const { program } = await goalProgram();
    expect(program.goals).toEqual([
      { name: "lead", commission: GOALS[0]?.commission, repeatable: false },
      { name: "sale", commission: GOALS[1]?.commission, repeatable: false },
      { name: "renewal", commission: GOALS[2]?.commission, repeatable: true },
    ]);
    const plain = await setupLink();
    expect(plain.program.goals).toEqual([
      { name: "sale", commission: { type: "percent", value: 10 }, repeatable: false },
    ]);
    const twice = await api("POST", "/programs", {
      ...plain.program,
      id: undefined,
      conversion_key: undefined,
      postback_url: undefined,
      created_at: undefined,
      updated_at: undefined,
      goals: [{ name: "sale" }, { name: "sale" }],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields.goals).toContain('"sale" is named twice');
  });

  it("let one click convert a lead and then a sale, each once, each with its own commission", async () => {
    const { send, aecid } = await goalProgram();
    const lead = await send({ id: "signup-1", goal: "lead" });
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({ goal: "lead", commission: 200, click_id: aecid });
    const sale = await send({ id: "order-1", goal: "sale", amount: "80.00" });
    expect(sale.status).toBe(201);
    expect(sale.body).toMatchObject({ goal: "sale", amount: 8000, commission: 800 });
    expect((await send({ id: "signup-1", goal: "lead" })).body.status).toBe("duplicate");
    const another = await send({ id: "signup-2", goal: "lead" });
    expect(another.status).toBe(409);
    expect(another.body.error).toMatchObject({ code: "click_already_converted", id: "signup-1" });

    const click = await api("GET", `/clicks/${aecid}`);
    expect(click.body.conversions.map((c: { goal: string }) => c.goal)).toEqual(["lead", "sale"]);
  });

  it("register a repeatable goal once per id on the same click: a subscription's renewals", async () => {
    const { send } = await goalProgram();
    for (const month of ["2026-01", "2026-02", "2026-03"]) {
      const renewal = await send({ id: `sub-7:${month}`, goal: "renewal", amount: "20" });
      expect(renewal.status).toBe(201);
      expect(renewal.body.commission).toBe(100);
    }
    const again = await send({ id: "sub-7:2026-02", goal: "renewal", amount: "20" });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("duplicate");
  });

  it("take an order id once per goal, and the default goal when none is named", async () => {
    const { send, program } = await goalProgram();
    const defaulted = await send({ id: "same-id" });
    expect(defaulted.body).toMatchObject({ status: "registered", goal: "lead" });
    const asSale = await send({ id: "same-id", goal: "sale", amount: "10" });
    expect(asSale.status).toBe(201);
    const listed = await api("GET", `/conversions?program_id=${program.id}&goal=sale`);
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual(["same-id"]);
  });

  it("refuse an unknown goal with a 400 naming it, and the goals there are", async () => {
    const { send } = await goalProgram();
    const unknown = await send({ id: "x-1", goal: "purchase", amount: "10" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.goal).toBe(
      "is not one of this program's goals (lead, sale, renewal)",
    );
  });

  it("require an amount only for a goal paying a percentage", async () => {
    const { send } = await goalProgram();
    expect((await send({ id: "lead-no-amount", goal: "lead" })).status).toBe(201);
    const sale = await send({ id: "sale-no-amount", goal: "sale" });
    expect(sale.status).toBe(400);
    expect(sale.body.error.fields.amount).toContain("percentage");
  });
});
