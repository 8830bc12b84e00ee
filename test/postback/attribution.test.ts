import { describe, expect, it } from "vitest";
import { newId } from "../../src/domain/ids";
import { insertClickAt } from "../support/fixtures";
import {
  api,
  createLink,
  createPartner,
  postback,
  setupClick,
  setupLink,
} from "../support/helpers";

const DAY = 86_400_000;

describe("postback attribution", () => {
  it("gives each click ID's reason in a 422", async () => {
    const { program, link } = await setupLink();
    const other = await setupLink();
    const now = Date.now();
    const expired = await insertClickAt(link, now - 31 * DAY);
    const future = await insertClickAt(link, now + 3_600_000);
    const foreign = await insertClickAt(other.link, now - DAY);
    const unknown = newId(now - DAY);
    const response = await postback({
      key: program.conversion_key,
      id: "a-422",
      amount: "10",
      currency: "EUR",
      cids: ["zz", expired, future, foreign, unknown.toUpperCase()].join("-"),
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("no_attributable_click");
    expect(response.body.error.cids).toEqual({
      zz: "malformed",
      [expired]: "expired",
      [future]: "in_future",
      [foreign]: "other_program",
      [unknown.toUpperCase()]: "unknown",
    });
  });

  it("credits the last click by default and the first click when the program says so", async () => {
    for (const model of ["last_click", "first_click"] as const) {
      const { program, partner, link } = await setupLink({ attribution_model: model });
      const bob = await createPartner("Bob");
      const bobLink = await createLink(program.id, bob.id);
      const now = Date.now();
      const aliceClick = await insertClickAt(link, now - 3 * DAY);
      const bobClick = await insertClickAt(bobLink, now - DAY);
      const response = await postback({
        key: program.conversion_key,
        id: `m-${model}`,
        amount: "50",
        currency: "EUR",
        cids: `${bobClick}-${aliceClick}`,
      });
      expect(response.status).toBe(201);
      if (model === "last_click")
        expect(response.body).toMatchObject({ partner_id: bob.id, click_id: bobClick });
      else expect(response.body).toMatchObject({ partner_id: partner.id, click_id: aliceClick });
    }
  });

  it("keeps the window's edge: a click just inside is credited, just outside is expired", async () => {
    const { program, link } = await setupLink({ attribution_window_days: 7 });
    const now = Date.now();
    const inside = await insertClickAt(link, now - 7 * DAY + 60_000);
    const outside = await insertClickAt(link, now - 7 * DAY - 60_000);
    const ok = await postback({
      key: program.conversion_key,
      id: "w-in",
      amount: "1",
      currency: "EUR",
      cids: inside,
    });
    expect(ok.status).toBe(201);
    const late = await postback({
      key: program.conversion_key,
      id: "w-out",
      amount: "1",
      currency: "EUR",
      cids: outside,
    });
    expect(late.body.error.cids).toEqual({ [outside]: "expired" });
  });

  it("credits a voucher when no click qualifies, matching codes exactly", async () => {
    const { program, partner } = await setupLink();
    await api("POST", `/programs/${program.id}/vouchers`, {
      code: "Summer24",
      partner_id: partner.id,
    });
    const wrongCase = await postback({
      key: program.conversion_key,
      id: "v-0",
      amount: "20",
      currency: "EUR",
      voucher: "SUMMER24",
    });
    expect(wrongCase.status).toBe(422);
    const response = await postback({
      key: program.conversion_key,
      id: "v-1",
      amount: "20",
      currency: "EUR",
      voucher: "NOPE; Summer24",
      cids: "bad",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      attribution: "voucher",
      partner_id: partner.id,
      click_id: null,
      commission: 200,
    });
  });

  it("binds a revenue-share customer to their first partner for life", async () => {
    const first = await setupClick({ revenue_share: true });
    const bob = await createPartner("Bob");
    const bobLink = await createLink(first.program.id, bob.id);
    const bobClick = await insertClickAt(bobLink, Date.now() - 1000);
    const key = first.program.conversion_key;

    const one = await postback({
      key,
      id: "rs-1",
      amount: "100",
      currency: "EUR",
      customer: "cust-9",
      cids: first.aecid,
    });
    expect(one.body).toMatchObject({
      status: "registered",
      attribution: "click",
      partner_id: first.partner.id,
    });
    // A later order of the same customer, through Bob's click, still pays the first partner.
    const two = await postback({
      key,
      id: "rs-2",
      amount: "80",
      currency: "EUR",
      customer: "cust-9",
      cids: bobClick,
    });
    expect(two.body).toMatchObject({
      status: "registered",
      attribution: "revenue_share",
      partner_id: first.partner.id,
      click_id: null,
    });
    // A retry of the binding order is still a replay, not a conflict.
    const retry = await postback({
      key,
      id: "rs-1",
      amount: "100",
      currency: "EUR",
      customer: "cust-9",
      cids: first.aecid,
    });
    expect(retry.body).toMatchObject({
      status: "duplicate",
      replay: true,
      conversion_id: one.body.conversion_id,
    });
    // Another customer goes to Bob by click.
    const three = await postback({
      key,
      id: "rs-3",
      amount: "10",
      currency: "EUR",
      customer: "cust-10",
      cids: bobClick,
    });
    expect(three.body).toMatchObject({ attribution: "click", partner_id: bob.id });
  });
});
