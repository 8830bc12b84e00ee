import { env } from "cloudflare:workers";
import { isValidIBAN } from "ibantools";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/errors";
import { exportPayout } from "../../src/payouts/export-payout";
import { getPayout } from "../../src/storage/payouts";
import { auditRowsOf } from "../support/audit";
import { api } from "../support/helpers";
import {
  ACCOUNTS,
  cents,
  exportFile,
  PAYER,
  parseCsv,
  payoutOf,
  setDetails,
} from "../support/payout-files";
import { payoutSetup, sale } from "../support/payouts";

describe("payout exports: PayPal and Wise CSV, missing details", () => {
  it("PayPal and Wise CSV: one row per partner, sums and counts of the payout", async () => {
    const setup = await payoutSetup(4, { auto_approve: true });
    const ids = setup.partners.map((p) => p.id);
    await setDetails(ids[0] as string, { method: "paypal", email: "ann@example.com" });
    await setDetails(ids[1] as string, { method: "paypal", email: "bo@example.com" });
    await setDetails(ids[2] as string, {
      method: "iban",
      ...ACCOUNTS[1],
      account_holder: "Bea, O'Neil (B)",
    });
    await setDetails(ids[3] as string, { method: "iban", ...ACCOUNTS[2], account_holder: "Cy" });
    for (const [i, amount] of [10_000, 2_550, 7_777, 303].entries())
      await sale(setup, i, `c-${i}`, amount, { currency: "USD" });

    // No note in the payer settings: each payment says which payout it is.
    const { note: _, ...withoutNote } = PAYER;
    expect((await api("PUT", "/payout-settings", withoutNote)).body.note).toBeNull();
    const paypal = await payoutOf(ids.slice(0, 2), "USD");
    const csv = await exportFile(paypal.id, "paypal");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const rows = parseCsv(csv.text);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toHaveLength(6);
      expect(row[2]).toBe("USD");
      expect(row[5]).toBe("PAYPAL");
      expect(row[4]).toBe(`Payout ${paypal.id}`);
    }
    expect(rows.reduce((sum, row) => sum + cents(row[1] as string), 0)).toBe(paypal.total);
    const byId = new Map(rows.map((row) => [row[3], row]));
    expect(byId.get(ids[0])?.[0]).toBe("ann@example.com");
    expect(cents(byId.get(ids[0])?.[1] as string)).toBe(1000);
    expect(byId.get(ids[1])?.[0]).toBe("bo@example.com");

    const wise = await payoutOf(ids.slice(2), "USD");
    // Five first exports at once: each answers the file, one moves the payout and is audited.
    const racing = await Promise.all([1, 2, 3, 4, 5].map(() => exportFile(wise.id, "wise")));
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(racing.map((r) => r.text)).size).toBe(1);
    const exports = (await auditRowsOf("payout", wise.id)).filter((r) => r.action === "export");
    expect(exports).toHaveLength(1);
    const wiseFile = racing[0] as (typeof racing)[number];
    const [header, ...wiseRows] = parseCsv(wiseFile.text);
    expect(header).toEqual([
      "name",
      "recipientEmail",
      "paymentReference",
      "receiverType",
      "amountCurrency",
      "amount",
      "sourceCurrency",
      "targetCurrency",
      "IBAN",
    ]);
    expect(wiseRows).toHaveLength(2);
    const col = (row: string[], name: string) => row[(header as string[]).indexOf(name)] as string;
    expect(wiseRows.reduce((sum, row) => sum + cents(col(row, "amount")), 0)).toBe(wise.total);
    expect(wiseRows.map((row) => col(row, "name")).sort()).toEqual(["Bea, O'Neil (B)", "Cy"]);
    for (const row of wiseRows) {
      expect(isValidIBAN(col(row, "IBAN"))).toBe(true);
      expect(col(row, "targetCurrency")).toBe("USD");
      expect(col(row, "paymentReference")).toBe(wise.id);
    }
    expect((await api("GET", `/payouts/${wise.id}`)).body.status).toBe("exported");
  });

  it("a partner without details this format pays: 409 payout_details_missing listing them, nothing changes", async () => {
    const setup = await payoutSetup(3, { auto_approve: true });
    const ids = setup.partners.map((p) => p.id) as [string, string, string];
    await setDetails(ids[0], { method: "iban", ...ACCOUNTS[0], account_holder: "Has Iban" });
    await setDetails(ids[1], { method: "paypal", email: "pp@example.com" });
    for (const i of [0, 1, 2]) await sale(setup, i, `m-${i}`, 4_000);
    await api("PUT", "/payout-settings", PAYER);
    const payout = await payoutOf(ids);
    const before = await auditRowsOf("payout", payout.id);
    for (const [format, missing] of [
      ["sepa", [ids[1], ids[2]]],
      ["wise", [ids[1], ids[2]]],
      ["paypal", [ids[0], ids[2]]],
    ] as const) {
      const answer = await exportFile(payout.id, format);
      expect(answer.status, format).toBe(409);
      const error = answer.json().error;
      expect(error.code).toBe("payout_details_missing");
      expect([...error.partner_ids].sort()).toEqual([...missing].sort());
    }
    expect((await api("GET", `/payouts/${payout.id}`)).body.status).toBe("draft");
    expect(await auditRowsOf("payout", payout.id)).toEqual(before);
  });

  it("an export that read the payout before a cancel committed answers 409, not the file (its entries are free again)", async () => {
    const setup = await payoutSetup(1, { auto_approve: true });
    const [ann] = setup.partners.map((p) => p.id) as [string];
    await setDetails(ann, { method: "paypal", email: "ann@example.com" });
    await sale(setup, 0, "race-0", 10_000, { currency: "USD" });
    for (const before of ["draft", "exported"] as const) {
      const payout = await payoutOf([ann], "USD");
      if (before === "exported") expect((await exportFile(payout.id, "paypal")).status).toBe(200);
      // What the export route read, then the cancel that commits while it builds the file.
      const read = await getPayout(env.DB, payout.id);
      if (!read) throw new Error("no payout");
      expect(read.status).toBe(before);
      expect((await api("POST", `/payouts/${payout.id}/cancel`)).status).toBe(200);
      const context = { env, var: { operator: "admin" } };
      const answer = await exportPayout(context, read, "paypal", Date.now()).catch((e) => e);
      expect(answer, before).toBeInstanceOf(ApiError);
      expect((answer as ApiError).code).toBe("payout_decided");
    }
  });

  it("PayPal takes HUF, JPY and TWD in whole units: written so, and a total with decimals is 409", async () => {
    const setup = await payoutSetup(2, { auto_approve: true });
    const [ann, bo] = setup.partners.map((p) => p.id) as [string, string];
    await setDetails(ann, { method: "paypal", email: "ann@example.com" });
    await setDetails(bo, { method: "paypal", email: "bo@example.com" });
    // 10 % of 12,000.00 HUF is 1,200.00 (whole); 10 % of 3,333.00 is 333.30 (decimals).
    await sale(setup, 0, "huf-0", 1_200_000, { currency: "HUF" });
    const whole = await payoutOf([ann], "HUF");
    const file = await exportFile(whole.id, "paypal");
    expect(file.status).toBe(200);
    expect(parseCsv(file.text)[0]?.slice(0, 3)).toEqual(["ann@example.com", "1200", "HUF"]);
    await sale(setup, 1, "huf-1", 333_300, { currency: "HUF" });
    const fractional = await payoutOf([bo], "HUF");
    const refused = await exportFile(fractional.id, "paypal");
    expect(refused.status).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: "paypal_whole_units_only",
      partner_ids: [bo],
    });
    expect((await api("GET", `/payouts/${fractional.id}`)).body.status).toBe("draft");
  });

  it("a ciphertext copied onto another partner's row does not open there", async () => {
    const setup = await payoutSetup(2, { auto_approve: true });
    const [alice, bob] = setup.partners.map((p) => p.id) as [string, string];
    await setDetails(alice, { method: "paypal", email: "alice@example.com" });
    await setDetails(bob, { method: "paypal", email: "bob@example.com" });
    await env.DB.prepare(
      `UPDATE payout_details SET (sealed, iv) =
         (SELECT sealed, iv FROM payout_details WHERE partner_id = ?1) WHERE partner_id = ?2`,
    )
      .bind(alice, bob)
      .run();
    await sale(setup, 0, "x-0", 1_000);
    await sale(setup, 1, "x-1", 1_000);
    const payout = await payoutOf([alice, bob]);
    const answer = await exportFile(payout.id, "paypal");
    expect(answer.status).toBe(409);
    expect(answer.json().error.partner_ids).toEqual([bob]);
    expect(answer.text).not.toContain("alice@example.com");
  });
});
