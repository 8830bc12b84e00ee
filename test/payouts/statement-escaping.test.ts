import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { statementPage } from "../../src/payouts/statement-page";
import { ADMIN_TOKEN, api, call } from "../support/helpers";
import { signInPartner } from "../support/partner-session";
import { payoutSetup, sale } from "../support/payouts";

// Every value on a statement comes from someone else (partner and program names, order IDs, the
// payment reference): each naughty string must come out as text, never as markup.
const naughty = env.CORPORA.naughtyStrings;
const escaped = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const render = async (s: string) =>
  String(
    await statementPage(
      {
        number: 7,
        issuedAt: Date.UTC(2026, 11, 7),
        payer: s,
        partner: { id: "6740a1c0f3b2a4d5e6f70812", name: s },
        payout: { id: "6740a1c0f3b2a4d5e6f70813", reference: s, currency: "EUR" },
        lines: [
          {
            entryId: "e1",
            conversionId: "6740a1c0f3b2a4d5e6f70814",
            programId: "6740a1c0f3b2a4d5e6f70815",
            programName: s,
            orderId: s,
            amount: 1234,
            createdAt: Date.UTC(2026, 11, 1),
          },
        ],
        total: 1234,
      },
      "00112233445566778899aabbccddeeff",
    ),
  );

describe("a statement's values are escaped", () => {
  it("every naughty string in every field renders as the same page with its text in place", async () => {
    const plain = await render("PLACEHOLDER");
    let checked = 0;
    for (const s of naughty) {
      if (s.includes("PLACEHOLDER")) continue;
      const page = await render(s);
      // Take the escaped text out again: what is left is exactly the page's own markup.
      const wanted = plain.split("PLACEHOLDER").join(escaped(s));
      expect(page, JSON.stringify(s)).toBe(wanted);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it("over HTTP, a hostile name, order ID and reference stay text for the admin and the partner", async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const setup = await payoutSetup(1, { auto_approve: true, name: "Shop" });
    const [p] = setup.partners.map((x) => x.id) as [string];
    await env.DB.prepare("UPDATE partners SET name = ?2 WHERE id = ?1").bind(p, hostile).run();
    await env.DB.prepare("UPDATE programs SET name = ?2 WHERE id = ?1")
      .bind(setup.program.id, `P ${hostile}`)
      .run();
    await sale(setup, 0, `o-${hostile}`.slice(0, 60), 10_000);
    const made = await api("POST", "/payouts", { currency: "EUR", minimum: 0, partner_ids: [p] });
    await api("POST", `/payouts/${made.body.id}/paid`, { reference: hostile });
    const admin = await call(`/api/payouts/${made.body.id}/statements/${p}`, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const browser = await signInPartner(p);
    const own = await browser.fetchAs(`/payouts/${made.body.id}/statement`);
    for (const answer of [admin, own]) {
      expect(answer.status).toBe(200);
      const text = await answer.text();
      expect(text).not.toContain("<script");
      expect(text).not.toContain("<img");
      expect(text).toContain(escaped(hostile));
      expect(text).toContain(escaped(`P ${hostile}`));
    }
  });
});
