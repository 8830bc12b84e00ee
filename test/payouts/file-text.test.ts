import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { checkBankAccount } from "../../src/payouts/bank-account";
import { maskEmail, maskIban } from "../../src/payouts/masking";
import { SEPA_TEXT, sepaName, sepaSafe, transliterate } from "../../src/payouts/sepa-text";

const names = { iban: "iban", bic: "bic" };

describe("payout details' pure rules", () => {
  it("masks an email to its first character and domain, an IBAN to country, check digits and last 4", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j•••@example.com");
    expect(maskEmail("x@y.example")).toBe("x•••@y.example");
    expect(maskIban("FR7630006000011234567890189")).toBe("FR76 •••• •••• 0189");
    expect(maskIban("DE89370400440532013000")).toBe("DE89 •••• •••• 3000");
  });

  it("checks IBAN and BIC with ibantools: spaces allowed in, electronic format out", () => {
    expect(
      checkBankAccount({ iban: "fr76 3000 6000 0112 3456 7890 189", bic: "bnpafrpp" }, names),
    ).toEqual({ ok: true, account: { iban: "FR7630006000011234567890189", bic: "BNPAFRPP" } });
    // One digit off: the checksum fails.
    const bad = checkBankAccount({ iban: "FR7630006000011234567890188", bic: "BNPAFRPP" }, names);
    expect(bad).toMatchObject({ ok: false, fields: { iban: expect.stringContaining("IBAN") } });
    expect(
      checkBankAccount({ iban: "DE89370400440532013000", bic: "NOTABIC!" }, names),
    ).toMatchObject({ ok: false, fields: { bic: expect.any(String) } });
    // A German IBAN with a French bank's BIC: refused (SEPA and sepa.js both would).
    expect(
      checkBankAccount({ iban: "DE89370400440532013000", bic: "BNPAFRPP" }, names),
    ).toMatchObject({ ok: false, fields: { bic: expect.stringContaining("DE") } });
    // A valid IBAN outside SEPA (Brazil).
    expect(
      checkBankAccount({ iban: "BR1800360305000010009795493C1", bic: "BNPAFRPP" }, names),
    ).toMatchObject({ ok: false, fields: { iban: expect.stringContaining("SEPA") } });
    // French overseas territories bank under FR IBANs.
    expect(
      checkBankAccount({ iban: "FR7630006000011234567890189", bic: "BNPAREPP" }, names).ok,
    ).toBe(true);
  });

  it("keeps names in the SEPA character set: accents transliterated, the rest refused", () => {
    expect(transliterate("  José  Müller-Straße  Ørsted ")).toBe("Jose Muller-Strasse Orsted");
    expect(sepaName("Zoë Łukasiewicz & Co.", 70)).toEqual({
      ok: true,
      value: "Zoe Lukasiewicz + Co.",
    });
    const refused = sepaName("Jane <script>", 70);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toContain('"<"');
    expect(sepaName("日本語", 70).ok).toBe(false);
    expect(sepaName("   ", 70)).toEqual({ ok: false, reason: "must not be empty" });
    expect(sepaName("a".repeat(71), 70).ok).toBe(false);
  });

  it("sepaSafe makes any naughty string fit a SEPA text node", () => {
    for (const text of env.CORPORA.naughtyStrings) {
      const safe = sepaSafe(text, 70);
      expect(SEPA_TEXT.test(safe), JSON.stringify(text)).toBe(true);
      expect(safe.length).toBeLessThanOrEqual(70);
      // Whatever sepaName accepts is exactly what sepaSafe keeps (nothing is silently lost).
      const named = sepaName(text, 70);
      if (named.ok) expect(named.value).toBe(safe);
    }
  });
});
