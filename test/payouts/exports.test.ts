import { env } from "cloudflare:workers";
import { electronicFormatIBAN, isValidIBAN } from "ibantools";
import { describe, expect, it } from "vitest";
import { SEPA_TEXT } from "../../src/payouts/sepa-text";
import { auditRowsOf } from "../support/audit";
import { api, type Json } from "../support/helpers";
import {
  ACCOUNTS,
  cents,
  exportFile,
  PAYER,
  parseSepa,
  payoutOf,
  setDetails,
  textNodes,
} from "../support/payout-files";
import { payoutSetup, sale } from "../support/payouts";

describe("payout exports: SEPA", () => {
  it("SEPA: refused without payer settings or in another currency; then a valid pain.001 whose sums and counts are the payout's, draft → exported once", async () => {
    const setup = await payoutSetup(3, { auto_approve: true });
    const ids = setup.partners.map((p) => p.id);
    for (const [i, id] of ids.entries())
      await setDetails(id, { method: "iban", ...ACCOUNTS[i], account_holder: `Partner ${i}` });
    await sale(setup, 0, "s-1", 12_345);
    await sale(setup, 0, "s-2", 1_001);
    await sale(setup, 1, "s-3", 99_999);
    await sale(setup, 2, "s-4", 5_050);
    await sale(setup, 2, "s-5", 2_000, { currency: "USD" });
    const payout = await payoutOf(ids);

    expect((await api("GET", "/payout-settings")).body).toEqual({
      debtor_name: null,
      debtor_iban: null,
      debtor_bic: null,
      note: null,
      updated_at: null,
    });
    const unset = await exportFile(payout.id, "sepa");
    expect(unset.status).toBe(409);
    expect(unset.json().error.code).toBe("payer_settings_missing");
    const settings = await api("PUT", "/payout-settings", PAYER);
    expect(settings.body).toEqual({
      debtor_name: "Shop Example SARL",
      debtor_iban: "FR14 •••• •••• 2606",
      debtor_bic: "PSSTFRPPPAR",
      note: "Commissions November",
      updated_at: expect.any(String),
    });
    expect((await api("GET", "/payout-settings")).body).toEqual(settings.body);
    const settingsRow = JSON.stringify(
      await env.DB.prepare("SELECT * FROM payout_settings").first(),
    );
    expect(settingsRow).not.toContain("20041010050500013M02606");

    const usd = await payoutOf([ids[2] as string], "USD");
    const notEur = await exportFile(usd.id, "sepa");
    expect(notEur.status).toBe(409);
    expect(notEur.json().error.code).toBe("payout_not_eur");
    expect((await api("GET", `/payouts/${usd.id}`)).body.status).toBe("draft");

    const file = await exportFile(payout.id, "sepa");
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(file.headers.get("Content-Disposition")).toBe(
      `attachment; filename="payout-${payout.id}-sepa.xml"`,
    );
    const doc = parseSepa(file.text).Document;
    expect(doc["@xmlns"]).toBe("urn:iso:std:iso:20022:tech:xsd:pain.001.001.03");
    const root = doc.CstmrCdtTrfInitn;
    const total = (payout.total / 100).toFixed(2);
    expect(root.GrpHdr.MsgId).toBe(payout.id);
    expect(root.GrpHdr.NbOfTxs).toBe("3");
    expect(root.GrpHdr.CtrlSum).toBe(total);
    expect(root.PmtInf).toHaveLength(1);
    const info = root.PmtInf[0];
    expect(info.PmtInfId.length).toBeLessThanOrEqual(35);
    expect(info.PmtInfId.startsWith(payout.id)).toBe(true);
    expect(info.NbOfTxs).toBe("3");
    expect(info.CtrlSum).toBe(total);
    expect(info.DbtrAcct.Id.IBAN).toBe("FR1420041010050500013M02606");
    expect(info.Dbtr.Nm).toBe("Shop Example SARL");
    const txs = info.CdtTrfTxInf as Json[];
    expect(txs.reduce((sum, tx) => sum + cents(tx.Amt.InstdAmt["#text"]), 0)).toBe(payout.total);
    const byPartner = new Map(payout.partners.map((p) => [p.partner_id, p.total]));
    const ends = new Set<string>();
    for (const tx of txs) {
      expect(tx.Amt.InstdAmt["@Ccy"]).toBe("EUR");
      expect(isValidIBAN(tx.CdtrAcct.Id.IBAN)).toBe(true);
      const end = tx.PmtId.EndToEndId as string;
      expect(end.length).toBeLessThanOrEqual(35);
      expect(tx.PmtId.InstrId.length).toBeLessThanOrEqual(35);
      ends.add(end);
      const partnerId = end.slice(-24);
      const i = ids.indexOf(partnerId);
      expect(tx.CdtrAcct.Id.IBAN).toBe(electronicFormatIBAN(ACCOUNTS[i]?.iban));
      expect(tx.Cdtr.Nm).toBe(`Partner ${i}`);
      expect(cents(tx.Amt.InstdAmt["#text"])).toBe(byPartner.get(partnerId));
      expect(tx.RmtInf.Ustrd).toBe("Commissions November");
    }
    expect(ends.size).toBe(3);
    for (const [path, text] of textNodes(root)) {
      expect(SEPA_TEXT.test(text), path).toBe(true);
      expect(text.length, path).toBeGreaterThan(0);
    }

    // The first export moved the payout to exported, audited once; a later one changes nothing.
    expect((await api("GET", `/payouts/${payout.id}`)).body.status).toBe("exported");
    const again = await exportFile(payout.id, "sepa");
    expect(again.status).toBe(200);
    const txsAgain = parseSepa(again.text).Document.CstmrCdtTrfInitn.PmtInf[0].CdtTrfTxInf;
    expect(txsAgain).toEqual(txs);
    const trail = await auditRowsOf("payout", payout.id);
    expect(trail.filter((r) => r.action === "export").map((r) => r.fields)).toEqual([
      { format: "sepa" },
    ]);
    // Paid: the file is still answered, for the records; cancelled answers 409.
    await api("POST", `/payouts/${payout.id}/paid`, { reference: "SEPA-1" });
    expect((await exportFile(payout.id, "sepa")).status).toBe(200);
    expect((await api("GET", `/payouts/${payout.id}`)).body.status).toBe("paid");
    await api("POST", `/payouts/${usd.id}/cancel`);
    const cancelled = await exportFile(usd.id, "paypal");
    expect(cancelled.status).toBe(409);
    expect(cancelled.json().error.code).toBe("payout_decided");
  });

  it("SEPA: a partner's total over 999,999,999.99 EUR answers 409 payout_too_large_for_sepa, nothing changes", async () => {
    const setup = await payoutSetup(2, { auto_approve: true });
    const [big, small] = setup.partners.map((p) => p.id) as [string, string];
    await setDetails(big, { method: "iban", ...ACCOUNTS[3], account_holder: "Big" });
    await setDetails(small, { method: "iban", ...ACCOUNTS[4], account_holder: "Small" });
    await sale(setup, 0, "big-1", 1_000_000_000_000); // 10 % of 10,000,000,000.00
    await sale(setup, 1, "small-1", 1_000);
    await api("PUT", "/payout-settings", PAYER);
    const payout = await payoutOf([big, small]);
    const answer = await exportFile(payout.id, "sepa");
    expect(answer.status).toBe(409);
    expect(answer.json().error).toMatchObject({
      code: "payout_too_large_for_sepa",
      partner_ids: [big],
    });
    expect((await api("GET", `/payouts/${payout.id}`)).body.status).toBe("draft");
    // Wise has no such limit in the file.
    expect((await exportFile(payout.id, "wise")).status).toBe(200);
  });

  it("bad input: unknown format 400, unknown payout 404, bad payer settings 400 naming the field", async () => {
    expect((await exportFile("0123456789abcdef01234567", "paypal")).status).toBe(404);
    const bad = await exportFile("0123456789abcdef01234567", "xlsx");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(["format"]);
    for (const [body, field] of [
      [{ ...PAYER, debtor_iban: "FR14 2004 1010 0505 0001 3M02 607" }, "debtor_iban"],
      [{ ...PAYER, debtor_bic: "XXXX" }, "debtor_bic"],
      [{ ...PAYER, debtor_name: "Shop <Example>" }, "debtor_name"],
      [{ ...PAYER, note: "50 % off — ☃" }, "note"],
    ] as const) {
      const answer = await api("PUT", "/payout-settings", body);
      expect(answer.status, field).toBe(400);
      expect(Object.keys(answer.body.error.fields)).toContain(field);
    }
  });
});
