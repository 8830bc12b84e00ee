import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SEPA_TEXT, transliterate } from "../../src/payouts/sepa-text";
import { seal } from "../../src/platform/secret-box";
import { api } from "../support/helpers";
import { expectCleanAnswer } from "../support/hostile";
import { ACCOUNTS, exportFile, parseSepa, setDetails, textNodes } from "../support/payout-files";
import { payoutSetup, sale } from "../support/payouts";

/**
 * Hostile account holders (the naughty strings): PUT stores what transliterates into the SEPA
 * set and refuses the rest naming the field; whatever a row holds, the SEPA file stays valid.
 */
describe("hostile names and SEPA files", () => {
  it("every naughty string as account holder: 200 in the SEPA set, or 400 naming account_holder", async () => {
    const setup = await payoutSetup(1);
    const browser = await setDetails(setup.partners[0]?.id as string, {
      method: "paypal",
      email: "h@example.com",
    });
    let accepted = 0;
    let refused = 0;
    for (const holder of env.CORPORA.naughtyStrings) {
      const response = await browser.fetchAs("/payout-details", {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...ACCOUNTS[0], method: "iban", account_holder: holder }),
      });
      const label = JSON.stringify(holder);
      await expectCleanAnswer(response, label);
      const body = (await response.json()) as Record<string, any>;
      if (response.status === 200) {
        accepted++;
        const shown = body.masked.account_holder as string;
        expect(SEPA_TEXT.test(shown), label).toBe(true);
        expect(shown, label).toBe(transliterate(holder));
      } else {
        refused++;
        expect(response.status, label).toBe(400);
        expect(Object.keys(body.error.fields), label).toEqual(["account_holder"]);
      }
    }
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });

  it("a SEPA file of hostile names (accepted ones, and raw ones sealed past the rule) stays in the SEPA set, sums intact", async () => {
    const setup = await payoutSetup(6, { auto_approve: true });
    const ids = setup.partners.map((p) => p.id);
    const accepted = ["Zoë O'Brien-Łukasiewicz", "ÅÍÎÏÓÔÒÚÆ", "(1/2) + - ? : . , '"];
    for (const [i, holder] of accepted.entries())
      await setDetails(ids[i] as string, {
        method: "iban",
        ...ACCOUNTS[i],
        account_holder: holder,
      });
    // Rows a later rule or an older release might hold: sealed straight into D1.
    const raw = ["<script>alert(1)</script> & \u0000\u202e", "田中 太郎", "'; DROP TABLE x; --"];
    for (const [j, holder] of raw.entries()) {
      const id = ids[3 + j] as string;
      const details = { method: "iban", ...ACCOUNTS[3 + j], account_holder: holder };
      const sealed = await seal(env, JSON.stringify(details), `payout-details:${id}`);
      await env.DB.prepare(
        `INSERT INTO payout_details (partner_id, method, masked, sealed, iv, updated_at)
         VALUES (?1, 'iban', '{}', ?2, ?3, 0)`,
      )
        .bind(id, sealed.ciphertext, sealed.iv)
        .run();
    }
    for (const i of ids.keys()) await sale(setup, i, `h-${i}`, 1_000 + i * 111);
    await api("PUT", "/payout-settings", {
      debtor_name: "Société Générale Client",
      debtor_iban: ACCOUNTS[0].iban,
      debtor_bic: ACCOUNTS[0].bic,
      note: "Commissions: déc. (2026)",
    });
    const payout = (
      await api("POST", "/payouts", { currency: "EUR", minimum: 0, partner_ids: ids })
    ).body;
    // A name with nothing left in the SEPA set cannot be paid: that partner is listed.
    const blocked = await exportFile(payout.id, "sepa");
    expect(blocked.status).toBe(409);
    expect(blocked.json().error.partner_ids).toEqual([ids[4]]);
    await setDetails(ids[4] as string, {
      method: "iban",
      ...ACCOUNTS[4],
      account_holder: "Tanaka Taro",
    });
    const file = await exportFile(payout.id, "sepa");
    expect(file.status).toBe(200);
    const root = parseSepa(file.text).Document.CstmrCdtTrfInitn;
    for (const [path, text] of textNodes(root)) {
      expect(SEPA_TEXT.test(text), path).toBe(true);
      expect(text.length, path).toBeGreaterThan(0);
    }
    const info = root.PmtInf[0];
    expect(info.NbOfTxs).toBe("6");
    expect(info.CtrlSum).toBe((payout.total / 100).toFixed(2));
    expect(info.Dbtr.Nm).toBe("Societe Generale Client");
    const names = info.CdtTrfTxInf.map((tx: any) => tx.Cdtr.Nm);
    expect(names).toContain("Zoe O'Brien-Lukasiewicz");
    expect(names).toContain("AIIIOOOUAE");
    expect(names).toContain("script alert(1) /script +");
    expect(names).toContain("Tanaka Taro");
    expect(names).toContain("' DROP TABLE x --");
    for (const name of names) expect(name.length).toBeLessThanOrEqual(70);
    expect(info.CdtTrfTxInf[0].RmtInf.Ustrd).toBe("Commissions: dec. (2026)");
  });
});
