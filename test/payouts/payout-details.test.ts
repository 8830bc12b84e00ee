import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { auditRowsOf } from "../support/audit";
import { api, createPartner } from "../support/helpers";
import { rememberSecret } from "../support/log-capture";
import { signInPartner, withToken } from "../support/partner-session";

const IBAN = "FR7630006000011234567890189";
const IBAN_DETAILS = {
  method: "iban",
  iban: "FR76 3000 6000 0112 3456 7890 189",
  bic: "BNPAFRPP",
  account_holder: "Jane Doe",
};

// The log check after this file (test/setup) treats these like secrets.
for (const value of ["jane@example.com", IBAN, "p@example.com"]) rememberSecret(value);

describe("partner payout details", () => {
  it("are set, read masked, replaced and removed by the signed-in partner; audited without the clear value", async () => {
    const partner = await createPartner("Jane");
    const browser = await signInPartner(partner.id);
    expect(await browser.json("GET", "/payout-details")).toEqual({
      status: 200,
      body: { method: null },
    });

    const paypal = await browser.json("PUT", "/payout-details", {
      method: "paypal",
      email: "jane@example.com",
    });
    expect(paypal).toEqual({
      status: 200,
      body: {
        method: "paypal",
        masked: { email: "j•••@example.com" },
        updated_at: expect.any(String),
      },
    });
    const iban = await browser.json("PUT", "/payout-details", IBAN_DETAILS);
    expect(iban.status).toBe(200);
    expect(iban.body.masked).toEqual({
      iban: "FR76 •••• •••• 0189",
      bic: "BNPAFRPP",
      account_holder: "Jane Doe",
    });
    expect((await browser.json("GET", "/payout-details")).body).toEqual(iban.body);
    // The operator sees the same masked shape, never the clear values.
    const admin = await api("GET", `/partners/${partner.id}/payout-details`);
    expect(admin.body).toEqual(iban.body);
    expect(JSON.stringify(admin.body)).not.toContain("30006000011234567890");

    // The row holds no clear email or IBAN; the audit trail neither.
    const row = await env.DB.prepare("SELECT * FROM payout_details WHERE partner_id = ?1")
      .bind(partner.id)
      .first<Record<string, string>>();
    expect(row?.method).toBe("iban");
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(IBAN);
    expect(stored).not.toContain("3000 6000");
    const trail = await auditRowsOf("payout_details", partner.id);
    expect(trail.map((r) => [r.action, r.operator])).toEqual([
      ["update", `partner:${partner.id}`],
      ["update", `partner:${partner.id}`],
    ]);
    expect(JSON.stringify(trail)).not.toContain("jane@example.com");
    expect(JSON.stringify(trail)).not.toContain(IBAN);

    const removed = await browser.fetchAs("/payout-details", { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await browser.json("GET", "/payout-details")).body).toEqual({ method: null });
    expect((await api("GET", `/partners/${partner.id}/payout-details`)).body).toEqual({
      method: null,
    });
    expect((await auditRowsOf("payout_details", partner.id)).at(-1)?.action).toBe("delete");
  });

  it("refuse a bad IBAN, BIC or holder naming the field, and change nothing", async () => {
    const partner = await createPartner();
    const browser = await signInPartner(partner.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...IBAN_DETAILS, iban: "FR7630006000011234567890188" }, "iban"],
      [{ ...IBAN_DETAILS, iban: "not an iban" }, "iban"],
      [{ ...IBAN_DETAILS, bic: "BNPA!RPP" }, "bic"],
      [{ ...IBAN_DETAILS, bic: "DEUTDEFF" }, "bic"],
      [{ ...IBAN_DETAILS, account_holder: "Jane <b>Doe</b>" }, "account_holder"],
      [{ ...IBAN_DETAILS, account_holder: "山田太郎" }, "account_holder"],
      [{ ...IBAN_DETAILS, account_holder: "J".repeat(71) }, "account_holder"],
      [{ method: "paypal", email: "not-an-email" }, "email"],
      // Would open as a formula in a spreadsheet: the CSV files carry the email untouched.
      [{ method: "paypal", email: "+cmd@example.com" }, "email"],
      [{ method: "paypal", email: "-x@example.com" }, "email"],
      [{ method: "paypal", email: "jane@example.com", iban: IBAN }, "iban"],
      [{ method: "cheque" }, "method"],
    ];
    for (const [body, field] of cases) {
      const answer = await browser.json("PUT", "/payout-details", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.status).toBe("rejected");
      expect(answer.body.error.code).toBe("invalid_request");
      expect(Object.keys(answer.body.error.fields), JSON.stringify(body)).toContain(field);
      expect(typeof answer.body.error.request_id).toBe("string");
    }
    expect((await browser.json("GET", "/payout-details")).body).toEqual({ method: null });
    // Accents are transliterated, not refused: what is shown is what the file will carry.
    const accented = await browser.json("PUT", "/payout-details", {
      ...IBAN_DETAILS,
      account_holder: "José Müller",
    });
    expect(accented.body.masked.account_holder).toBe("Jose Muller");
  });

  it("answer a partner API token 403 token_scope, reads included", async () => {
    const partner = await createPartner();
    const browser = await signInPartner(partner.id);
    const { body } = await browser.json("POST", "/tokens", { name: "script" });
    await browser.json("PUT", "/payout-details", { method: "paypal", email: "p@example.com" });
    for (const [method, payload] of [
      ["GET", undefined],
      ["PUT", { method: "paypal", email: "evil@example.com" }],
      ["DELETE", undefined],
    ] as const) {
      const answer = await withToken(body.token, method, "/payout-details", payload);
      expect(answer.status, method).toBe(403);
      expect(answer.body.error.code).toBe("token_scope");
    }
    expect((await browser.json("GET", "/payout-details")).body.masked).toEqual({
      email: "p•••@example.com",
    });
  });

  it("admin: an unknown partner's details answer 404", async () => {
    const answer = await api("GET", "/partners/0123456789abcdef01234567/payout-details");
    expect(answer.status).toBe(404);
  });
});
