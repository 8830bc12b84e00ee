import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ClickGuard } from "../../src/postback/click-guard";
import { spyD1 } from "../support/d1-spy";
import { api, postback, setupClick } from "../support/helpers";
import { fields, postbackWith } from "../support/postbacks";

/**
 * A ClickGuard that lets `before` run between the Worker's read of the order (which found none)
 * and the claim: a postback racing its own registration, made deterministic.
 */
function raceBeforeClaim(before: () => Promise<unknown>) {
  return {
    idFromName: (name: string) => env.CLICK_GUARD.idFromName(name),
    get: (id: DurableObjectId) => ({
      claim: async (...args: Parameters<ClickGuard["claim"]>) => {
        await before();
        return env.CLICK_GUARD.get(id).claim(...args);
      },
    }),
  } as unknown as Env["CLICK_GUARD"];
}

describe("answers about a conversion registered meanwhile", () => {
  it("a status update racing its registration, whose read of the conversion fails, answers 503 and its retry applies it", async () => {
    const { key, aecid } = await setupClick();
    const spy = spyD1(env.DB);
    spy.failWhen(/^SELECT \* FROM conversions WHERE id = \?1$/);
    const racing = raceBeforeClaim(() => postback(fields(key, aecid, "ru-1")));
    const update = fields(key, aecid, "ru-1", { status: "approved" });
    const raced = await postbackWith({ DB: spy.db, CLICK_GUARD: racing }, update);
    // Not `200 duplicate` over a status that was never applied: retryable.
    expect(raced.status).toBe(503);
    expect(raced.body.error.code).toBe("temporarily_unavailable");
    const retry = await postback(update);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: "updated", conversion_status: "approved" });
    const read = await api("GET", `/conversions/${retry.body.conversion_id}`);
    expect(read.body.status).toBe("approved");
  });

  it("a replay answers the body the conversion had when registered, after an amount change, on both paths", async () => {
    const { key, aecid } = await setupClick();
    const order = fields(key, aecid, "ra-1", { amount: "80.00" });
    let registered: Record<string, unknown> = {};
    // The ClickGuard path: the registration and a partial refund land between the Worker's read
    // and its claim, which the object answers `duplicate`.
    const racing = raceBeforeClaim(async () => {
      const first = await postback(order);
      expect(first.status).toBe(201);
      registered = first.body;
      const refund = await postback({ ...order, status: "approved", amount: "50.00" });
      expect(refund.body).toMatchObject({ status: "updated", amount: 5000 });
    });
    const throughGuard = await postbackWith({ CLICK_GUARD: racing }, order);
    const expected = { ...registered, status: "duplicate", replay: true };
    expect(throughGuard.status).toBe(200);
    expect(throughGuard.body).toEqual(expected);
    expect(expected).toMatchObject({ amount: 8000, conversion_status: "pending" });
    // The existing-order path: the Worker finds the order registered.
    const direct = await postback(order);
    expect(direct.status).toBe(200);
    expect(direct.body).toEqual(expected);
  });
});
