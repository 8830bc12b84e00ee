import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import { bindCustomerStatement, selectBindingStatement } from "../../src/storage/customer-bindings";
import { aConversion, seedConversions } from "../support/storage-seeds";

const db = env.DB;
const bindingOf = (programId: string, customer: string | null) =>
  selectBindingStatement(db, programId, customer).first();

describe("storage/customer-bindings", () => {
  it("binds the customer to the partner of a stored conversion", async () => {
    const c = aConversion({ customer: `cust-${newId()}` });
    await seedConversions(db, c);
    expect((await bindCustomerStatement(db, c).run()).meta.changes).toBe(1);
    expect(await bindingOf(c.programId, c.customer)).toEqual({
      partner_id: c.partnerId,
      conversion_id: c.id,
    });
  });

  it("binds nothing for a conversion that was not inserted", async () => {
    const c = aConversion({ customer: `cust-${newId()}` });
    expect((await bindCustomerStatement(db, c).run()).meta.changes).toBe(0);
    expect(await bindingOf(c.programId, c.customer)).toBeNull();
  });

  it("keeps the first partner a customer was bound to", async () => {
    const first = aConversion({ customer: `cust-${newId()}` });
    const second = aConversion({ programId: first.programId, customer: first.customer });
    await seedConversions(db, first, second);
    await bindCustomerStatement(db, first).run();
    expect((await bindCustomerStatement(db, second).run()).meta.changes).toBe(0);
    expect(await bindingOf(first.programId, first.customer)).toEqual({
      partner_id: first.partnerId,
      conversion_id: first.id,
    });
    // The binding is per program: another program's customer of the same name is free.
    expect(await bindingOf(newId(), first.customer)).toBeNull();
  });
});
