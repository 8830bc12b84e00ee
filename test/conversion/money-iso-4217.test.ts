import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ConversionSummary } from "../../src/domain/conversion";
import type { ClickGuard } from "../../src/postback/click-guard";
import { clickConversion } from "../support/fixtures";
import { api, postback, setupClick } from "../support/helpers";

const sale = (key: string, aecid: string, id: string, amount: string, currency: string) => ({
  key,
  id,
  amount,
  currency,
  cids: aecid,
});

describe("money in ISO 4217 minor units", () => {
  it("registers a HUF sale with decimals: 1500.50 HUF is 150050", async () => {
    const { key, aecid } = await setupClick();
    const response = await postback(sale(key, aecid, "huf-1", "1500.50", "HUF"));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ amount: 150050, currency: "HUF", commission: 15005 });
    expect(response.body.warnings).toBeUndefined();
  });

  it("rounds more decimals than the currency has half-up, says so naming the currency, and logs the amount as sent", async () => {
    const { key, aecid, program } = await setupClick();
    const response = await postback(sale(key, aecid, "huf-2", "10228.345", "huf"));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ amount: 1022835, currency: "HUF" });
    expect(response.body.warnings.amount).toMatch(/HUF/);
    expect(response.body.warnings.amount).toMatch(/10228\.35/);
    const log = await api("GET", `/postbacks?program_id=${program.id}`);
    expect(log.body.data[0].fields.amount).toBe("10228.345");
    const replay = await postback(sale(key, aecid, "huf-2", "10228.345", "HUF"));
    expect(replay.status).toBe(200);
    expect(replay.body.amount).toBe(1022835);
  });

  it("accepts VED and ZWG, refuses the withdrawn HRK", async () => {
    const { key, aecid } = await setupClick();
    expect((await postback(sale(key, aecid, "hrk-1", "10", "HRK"))).body.error.fields).toEqual({
      currency: "is not an ISO 4217 currency code",
    });
    expect((await postback(sale(key, aecid, "ved-1", "10.5", "VED"))).body.amount).toBe(1050);
    const zwg = await setupClick();
    expect((await postback(sale(zwg.key, zwg.aecid, "zwg-1", "3", "ZWG"))).body.amount).toBe(300);
  });

  it("accepts XCG (ISO 4217 since 2025, not yet in the package): a sale and a fixed commission", async () => {
    const { key, aecid } = await setupClick();
    const answer = await postback(sale(key, aecid, "xcg-1", "12.34", "xcg"));
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ amount: 1234, currency: "XCG" });
    const fixed = await setupClick({ commission: { type: "fixed", value: 500, currency: "XCG" } });
    expect(fixed.program.commission).toEqual({ type: "fixed", value: 500, currency: "XCG" });
  });

  it("takes a fixed commission in HUF minor units, and a 3-decimal IQD amount", async () => {
    const huf = await setupClick({ commission: { type: "fixed", value: 50_000, currency: "huf" } });
    expect(huf.program.commission).toEqual({ type: "fixed", value: 50_000, currency: "HUF" });
    const answer = await postback(sale(huf.key, huf.aecid, "f-1", "12.5", "IQD"));
    expect(answer.body).toMatchObject({
      amount: 12500,
      currency: "IQD",
      commission: 50_000,
      commission_currency: "HUF",
    });
  });

  it("serves the ISO table the dashboard formats money with", async () => {
    const response = await api("GET", "/currencies");
    expect(response.status).toBe(200);
    const units = Object.fromEntries(
      response.body.data.map((c: { code: string; minor_units: number }) => [c.code, c.minor_units]),
    );
    expect(units).toMatchObject({ HUF: 2, JPY: 0, KWD: 3, IQD: 3, EUR: 2, CLF: 4, VED: 2, XCG: 2 });
    expect(response.body.iso_4217_amended).toBe("2025-03-31");
    expect(units.HRK).toBeUndefined();
  });

  it("rescales a decision a ClickGuard stored on the Intl scale before migration 0004", async () => {
    const { program, partner, aecid } = await setupClick();
    const legacy = clickConversion({
      programId: program.id,
      partnerId: partner.id,
      clickId: aecid,
      orderId: "legacy-1",
      amount: 1500,
      at: Date.now(),
    });
    const stored: ConversionSummary = {
      ...legacy,
      currency: "HUF",
      commission: 150,
      commissionCurrency: "HUF",
    };
    const guard = env.CLICK_GUARD.get(env.CLICK_GUARD.idFromName(aecid));
    await runInDurableObject(guard, (_instance: ClickGuard, state) => {
      state.storage.kv.put("conversion", stored);
    });
    const replay = await guard.claim({ ...legacy, currency: "HUF" }, false, {
      programId: program.id,
      id: "x",
      receivedAt: Date.now(),
      httpStatus: 201,
      outcome: "registered",
      conversionId: legacy.id,
      fields: {},
    });
    expect(replay).toMatchObject({
      kind: "duplicate",
      conversion: { amount: 150_000, commission: 15_000, currency: "HUF" },
    });
  });
});
