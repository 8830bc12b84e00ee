import { describe, expect, it } from "vitest";
import { insertClickAt } from "../support/fixtures";
import { api, postback, setupClick } from "../support/helpers";

describe("messages a developer can act on", () => {
  it("says a missing required field `is required`", async () => {
    const { key, aecid } = await setupClick();
    const response = await postback({ key, amount: "5", cids: aecid });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual({ id: "is required", currency: "is required" });
    const program = await api("POST", "/programs", { name: "No landing" });
    expect(program.body.error.fields).toMatchObject({
      landing_url: "is required",
      allowed_domains: "is required",
      commission: "is required",
    });
  });

  it('says a postback without cids has no cids, not `"cids":{}`', async () => {
    const { key } = await setupClick();
    const response = await postback({ key, id: "n-1", amount: "5", currency: "EUR" });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("no_attributable_click");
    expect(response.body.error.message).toMatch(/no click IDs \(`cids`\)/);
    expect(response.body.error).not.toHaveProperty("cids");
    const withVoucher = await postback({
      key,
      id: "n-2",
      amount: "5",
      currency: "EUR",
      voucher: "NOPE",
    });
    expect(withVoucher.body.error.message).toMatch(/none of its vouchers/);
  });

  it("names the advertiser's order `id` in both 409s", async () => {
    const { key, aecid, program, link } = await setupClick();
    const first = await postback({ key, id: "o-1", amount: "5", currency: "EUR", cids: aecid });
    const taken = await postback({ key, id: "o-2", amount: "5", currency: "EUR", cids: aecid });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/order `id`/);
    expect(taken.body.error).toMatchObject({ id: "o-1", conversion_id: first.body.conversion_id });
    const other = await insertClickAt(link, Date.now() - 1000);
    const conflict = await postback({ key, id: "o-1", amount: "5", currency: "EUR", cids: other });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toMatch(/order `id`/);
    expect(conflict.body.error).toMatchObject({ code: "conversion_id_conflict", id: "o-1" });
    expect(program.id).toBeTruthy();
  });
});
