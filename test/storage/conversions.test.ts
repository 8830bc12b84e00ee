import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import {
  conversionsOfClick,
  firstConversion,
  getConversion,
  insertConversionStatement,
  selectByClickStatement,
  selectByOrderStatement,
} from "../../src/storage/conversions";
import { insertProgram } from "../../src/storage/programs";
import { aConversion, aProgram, seedConversions } from "../support/storage-seeds";

const db = env.DB;

describe("storage/conversions", () => {
  it("reads back every field: money as integer minor units, flags as booleans, vouchers as an array", async () => {
    const c = aConversion({
      amount: 123_456,
      commission: 12_346,
      currency: "JPY",
      commissionCurrency: "USD",
      repeatable: true,
    });
    await seedConversions(db, c);
    const read = await getConversion(db, c.id);
    expect(read).toEqual(c);
    expect(Number.isInteger(read?.amount) && Number.isInteger(read?.commission)).toBe(true);
    expect(read?.vouchers).toEqual(["SUMMER", "VIP"]);
    expect(await getConversion(db, newId())).toBeNull();
  });

  it("keeps nulls as nulls and an empty voucher list as []", async () => {
    const c = aConversion({
      attribution: "voucher",
      clickId: null,
      linkId: null,
      payment: null,
      customer: null,
      cv: null,
      vouchers: [],
      refuseReason: null,
    });
    await seedConversions(db, c);
    expect(await getConversion(db, c.id)).toEqual(c);
  });

  it("inserts nothing when the program has the order id for the goal, or the click has the goal", async () => {
    const first = aConversion();
    await seedConversions(db, first);
    const sameOrder = aConversion({ programId: first.programId, orderId: first.orderId });
    const sameClick = aConversion({ clickId: first.clickId });
    const [byOrder, byClick] = await db.batch([
      insertConversionStatement(db, sameOrder),
      insertConversionStatement(db, sameClick),
    ]);
    expect([byOrder?.meta.changes, byClick?.meta.changes]).toEqual([0, 0]);
    // Another goal of the same order and click is a conversion of its own.
    const otherGoal = aConversion({
      programId: first.programId,
      orderId: first.orderId,
      clickId: first.clickId,
      goal: "lead",
    });
    expect((await insertConversionStatement(db, otherGoal).run()).meta.changes).toBe(1);
  });

  it("lets a repeatable goal convert one click many times", async () => {
    const first = aConversion({ goal: "renewal", repeatable: true });
    const second = aConversion({
      goal: "renewal",
      repeatable: true,
      clickId: first.clickId,
      createdAt: first.createdAt + 1,
    });
    await seedConversions(db, first, second);
    const { results } = await selectByClickStatement(db, first.clickId, "renewal").all();
    // Only a non-repeatable goal "takes" a click.
    expect(results).toEqual([]);
  });

  it("lists a click's conversions of every goal, oldest first", async () => {
    const sale = aConversion({ createdAt: 2_000 });
    const lead = aConversion({ clickId: sale.clickId, goal: "lead", createdAt: 1_000 });
    const renewal = aConversion({
      clickId: sale.clickId,
      goal: "renewal",
      repeatable: true,
      createdAt: 1_500,
    });
    await seedConversions(db, sale, lead, renewal);
    expect(await conversionsOfClick(db, sale.clickId as string)).toEqual([lead, renewal, sale]);
    expect(await conversionsOfClick(db, newId())).toEqual([]);
  });

  it("finds a conversion by order, with the named goal or the program's default goal", async () => {
    const program = aProgram({
      goals: [
        { name: "lead", commission: { type: "percent", value: 1 }, repeatable: false },
        { name: "purchase", commission: { type: "percent", value: 2 }, repeatable: false },
      ],
      defaultGoal: "purchase",
    });
    await insertProgram(db, program, "hash");
    const lead = aConversion({ programId: program.id, goal: "lead", orderId: "o-1" });
    const purchase = aConversion({ programId: program.id, goal: "purchase", orderId: "o-1" });
    await seedConversions(db, lead, purchase);
    const find = async (goal: string | null) =>
      firstConversion(await selectByOrderStatement(db, program.id, goal, "o-1").all());
    expect(await find("lead")).toEqual(lead);
    expect(await find(null)).toEqual(purchase);
    expect(await find("sale")).toBeNull();
  });

  it("takes the first goal when the stored default is not among the goals, and sale without goals", async () => {
    const program = aProgram({
      goals: [{ name: "lead", commission: { type: "percent", value: 1 }, repeatable: false }],
      defaultGoal: "gone",
    });
    const plain = aProgram();
    await insertProgram(db, program, "hash");
    await insertProgram(db, plain, "hash");
    const lead = aConversion({ programId: program.id, goal: "lead", orderId: "o-2" });
    const sale = aConversion({ programId: plain.id, goal: "sale", orderId: "o-2" });
    await seedConversions(db, lead, sale);
    expect(
      firstConversion(await selectByOrderStatement(db, program.id, null, "o-2").all()),
    ).toEqual(lead);
    expect(firstConversion(await selectByOrderStatement(db, plain.id, null, "o-2").all())).toEqual(
      sale,
    );
    expect(firstConversion(undefined)).toBeNull();
  });
});
